#include "wasm-client/platform/web_storage.h"

#include <emscripten.h>

#include <cassert>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

namespace outpost::client::web {
namespace {

WebStorage* g_storage = nullptr;

}  // namespace
}  // namespace outpost::client::web

extern "C" {

// The JS side hands back a malloc'ed error text (or null), which this function frees.
EMSCRIPTEN_KEEPALIVE void outpost_web_storage_synced(int was_load, char* error) {
  if (outpost::client::web::g_storage != nullptr) {
    outpost::client::web::g_storage->OnSyncDone(was_load != 0, error);
  }
  std::free(error);
}

}  // extern "C"

namespace {

// syncfs errors are DOMExceptions from IndexedDB (name says what: QuotaExceededError,
// UnknownError, ...) or FS.ErrnoError from the in-memory side; both become "Name: message".
// Every completion goes through setTimeout so callbacks never run inside Load()/Flush().
EM_JS(void, outpost_web_storage_sync, (int populate, const char* mount_point), {
  var report = function(err) {
    var text = 0;
    if (err) {
      var name = err.name || (err.errno !== undefined ? 'ErrnoError' : 'Error');
      var message = err.message || (err.errno !== undefined ? 'errno ' + err.errno : String(err));
      var s = name + ': ' + message;
      var n = lengthBytesUTF8(s) + 1;
      text = _malloc(n);
      stringToUTF8(s, text, n);
    }
    setTimeout(function() { _outpost_web_storage_synced(populate, text); }, 0);
  };
  try {
    if (populate) {
      var path = UTF8ToString(mount_point);
      FS.mkdir(path);
      FS.mount(IDBFS, {}, path);
      // Best effort: without it the browser may evict the replica under storage pressure.
      if (navigator.storage && navigator.storage.persist) {
        navigator.storage.persist().then(function(granted) {
          console.log('outpost: persistent storage ' + (granted ? 'granted' : 'not granted'));
        }, function() {});
      }
    }
    FS.syncfs(!!populate, report);
  } catch (e) {
    report(e);
  }
});

}  // namespace

namespace outpost::client::web {

WebStorage::WebStorage() {
  assert(g_storage == nullptr && "only one WebStorage per page");
  g_storage = this;
}

WebStorage::~WebStorage() { g_storage = nullptr; }

void WebStorage::Load(Done done) {
  assert(state_ == State::kNew);
  state_ = State::kLoading;
  load_done_ = std::move(done);
  outpost_web_storage_sync(1, kMountPoint);
}

void WebStorage::Flush(Done done) {
  if (state_ != State::kLoaded) {
    // Deferred like every other completion, so the caller's state is settled when it runs.
    auto* pending = new Done(std::move(done));
    emscripten_async_call(
        [](void* arg) {
          std::unique_ptr<Done> d(static_cast<Done*>(arg));
          (*d)(Status::FailedPrecondition(
              "persist", "storage was not loaded, so saving would overwrite the stored records"));
        },
        pending, 0);
    return;
  }
  if (flush_running_) {
    next_waiters_.push_back(std::move(done));
    return;
  }
  running_waiters_.push_back(std::move(done));
  StartFlushRun();
}

void WebStorage::StartFlushRun() {
  flush_running_ = true;
  outpost_web_storage_sync(0, kMountPoint);
}

void WebStorage::OnSyncDone(bool was_load, const char* error) {
  if (was_load) {
    Status status;
    if (error == nullptr) {
      state_ = State::kLoaded;
    } else {
      state_ = State::kLoadFailed;
      status = Status::DataLoss("persist.load",
                                std::string("could not read the stored records: ") + error);
    }
    Done done = std::move(load_done_);
    if (done) done(std::move(status));
    return;
  }

  Status status;
  if (error != nullptr) {
    std::string text(error);
    if (text.find("QuotaExceeded") != std::string::npos) {
      status = Status::Unavailable(
          "persist.quota", "the tablet's browser storage for Outpost is full; not saved: " + text);
    } else {
      status = Status::Unavailable("persist.flush", "could not save to browser storage: " + text);
    }
  }
  std::vector<Done> finished = std::move(running_waiters_);
  running_waiters_.clear();
  flush_running_ = false;
  if (!next_waiters_.empty()) {
    running_waiters_ = std::move(next_waiters_);
    next_waiters_.clear();
    StartFlushRun();
  }
  // Callbacks last: one of them may call Flush() again, which must see the settled state.
  for (Done& done : finished) done(status);
}

}  // namespace outpost::client::web
