// WebStorage: the folder /persist, kept in IndexedDB so the local replica survives reloads,
// offline restarts and closing the tab.
//
// Emscripten's IDBFS is an in-memory file system with an explicit copy to and from IndexedDB
// (FS.syncfs). So: Load() once at boot copies IndexedDB into memory; every write lands in memory
// only; Flush() copies memory back. Nothing written is durable until a Flush() has completed OK,
// which is why the UI may say "Saved" only then (app.h, Platform::flush_storage).
//
// Safety rule: Flush() replaces what IndexedDB holds with what memory holds, deletions included.
// A flush before a successful Load() would therefore erase the stored replica, so Flush() refuses
// (FailedPrecondition) until Load() has succeeded, and for ever after a failed Load().
//
// Errors (callbacks receive a Status; the JS error name and message are in `what`):
//   Load:  DataLoss("persist.load", ...)      IndexedDB could not be opened or read; the stored
//                                             replica is unreachable, not necessarily gone.
//   Flush: Unavailable("persist.quota", ...)  the browser's storage quota for the site is full
//                                             (QuotaExceededError); the edits are in memory only.
//          Unavailable("persist.flush", ...)  any other IndexedDB write failure; retrying may work.
//          FailedPrecondition("persist", ...) Flush before a successful Load (see above).
//
// Callbacks run later from the browser event loop, never inside the call that started them.
// Only one WebStorage may exist (IDBFS and FS.syncfs are global to the page); main_web.cc owns it.
//
//   [X] mount IDBFS at /persist and load it at boot
//   [X] flushes serialised: a flush asked for while one runs starts one more run afterwards, and
//       every waiting callback gets the outcome of a run that began after it asked
//   [X] quota exhaustion reported as its own error, never swallowed
//   [X] asks the browser to make the storage persistent (navigator.storage.persist), best effort
//   [ ] quota-exceeded recovery (freeing space, telling the user how much is used)
//   [ ] detecting a second tab writing the same IndexedDB (last flush wins today)
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_WEB_STORAGE_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_WEB_STORAGE_H_

#include <functional>
#include <vector>

#include "shared/base/status.h"

namespace outpost::client::web {

class WebStorage {
 public:
  using Done = std::function<void(Status)>;

  // The persistent folder; pass it to the App as Platform::data_dir.
  static constexpr const char* kMountPoint = "/persist";

  WebStorage();
  ~WebStorage();
  WebStorage(const WebStorage&) = delete;
  WebStorage& operator=(const WebStorage&) = delete;

  // Mounts IDBFS at kMountPoint and starts copying IndexedDB into it; `done` receives OK once the
  // files are readable, or DataLoss. Call once.
  void Load(Done done);

  // Makes everything under kMountPoint durable, then calls `done`. May be called at any time and
  // any number of times; see the serialising rule above.
  void Flush(Done done);

  // True once Load() has completed OK.
  bool loaded() const { return state_ == State::kLoaded; }

  // Called from JavaScript (through web_storage.cc) when an FS.syncfs finishes; `error` is null
  // on success, otherwise "Name: message" of the JS error.
  void OnSyncDone(bool was_load, const char* error);

 private:
  enum class State { kNew, kLoading, kLoaded, kLoadFailed };

  void StartFlushRun();

  State state_ = State::kNew;
  Done load_done_;
  bool flush_running_ = false;
  std::vector<Done> running_waiters_;  // asked before the running flush started
  std::vector<Done> next_waiters_;     // asked while it ran: need one more run
};

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_WEB_STORAGE_H_
