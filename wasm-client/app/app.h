// App: the whole tablet client as a function of its state, drawn once per frame.
//
// The App owns the local replica (SQLite), the signed-in key worker and the sync state. It never
// touches the browser directly: everything platform-specific arrives through Platform, which
// main_web.cc fills with the wasm-client/platform/ implementations (and native tests with their
// own), so app/, screens/ and widgets/ build natively too.
#ifndef OUTPOST_WASM_CLIENT_APP_APP_H_
#define OUTPOST_WASM_CLIENT_APP_APP_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "shared/base/status.h"
#include "shared/base/status_or.h"
#include "shared/sync/export_file.h"
#include "shared/sync/transport.h"
#include "wasm-client/app/words.h"

namespace outpost::client {

// Who signed in, handed to Platform::on_signed_in (the shell protects the replica with it).
struct SignedInKeyWorker {
  std::string username;
  std::string display_name;
  std::string password;   // as typed; the hook must not keep it longer than it needs it
  std::string device_id;
  int lock_after_days = 0;   // from the server (sync::SignInResponse); 0: the tablet's default
  int erase_after_days = 0;
};

struct Platform {
  // Reaches the sync server (same origin as the page). Not owned; outlives the App.
  sync::Transport* transport = nullptr;
  // Makes everything written under data_dir durable (IndexedDB in the browser) and then calls
  // `done` with the outcome. The UI says "saved" only after done(OK).
  std::function<void(std::function<void(Status)> done)> flush_storage;
  // True while the browser believes it is online (navigator.onLine).
  std::function<bool()> is_online;
  // Wall-clock milliseconds since the Unix epoch (the device clock).
  std::function<int64_t()> now_ms;
  // A folder that survives reloads once flushed, e.g. "/persist".
  std::string data_dir;

  // Device lock (wasm-client/app/device_lock.h); each may be left empty (native tests).
  // A key worker signed in online. Called before the App flushes what the sign-in wrote, so the
  // shell can set up encryption first (its flush_storage waits for that).
  std::function<void(const SignedInKeyWorker&)> on_signed_in;
  // A sync round completed: the tablet was in touch with the server now (days-without-sync).
  std::function<void()> on_synced;
  // The App erased its records (the server revoked the device): the shell forgets its keys.
  std::function<void()> on_erased;
  // Shows a self-contained HTML page to the participant (the receipt): in the browser a new tab
  // they can print or share, made from memory, so it works offline. Optional.
  std::function<void(const std::string& html)> show_document;
  // The key worker's language, whenever it is set: the shell keeps a copy for the lock screens,
  // which are drawn before the encrypted records are open. Optional.
  std::function<void(Language)> on_language;

  // Export of waiting changes (app/export_flow.h). Optional: without them the export screen says
  // the tablet cannot save files. Both answer later, never inside the call.
  // Encrypts `plaintext` under `passphrase` as shared/sync/export_file.h says (PBKDF2-HMAC-SHA256
  // with envelope.iterations rounds and a new random salt, AES-256-GCM with a new random iv) and
  // answers with `envelope` completed (salt, iv, ciphertext), or the error.
  std::function<void(std::string plaintext, std::string passphrase, sync::ExportEnvelope envelope,
                     std::function<void(StatusOr<sync::ExportEnvelope>)> done)>
      seal_export;
  // Gives `contents` to the key worker as a file named `file_name` (a download in the browser);
  // OK once the browser has it.
  std::function<void(std::string file_name, std::string contents, std::function<void(Status)> done)>
      save_file;
};

class App {
 public:
  explicit App(Platform platform);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Opens (or creates) the local replica under data_dir and applies pending schema migrations.
  // Call once, after the platform's storage has been loaded. On error the App shows the error
  // screen and refuses to capture anything.
  Status Start();

  // Draws the whole UI for one frame and advances background work (sync retries). Call between
  // ImGui::NewFrame() and ImGui::Render().
  void Frame();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_APP_H_
