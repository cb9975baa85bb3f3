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
#include "shared/sync/transport.h"

namespace outpost::client {

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
