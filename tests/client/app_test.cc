// The tablet client's App, natively: real sync server on 127.0.0.1 over HTTPS, real SQLite
// replica in a temporary folder, ImGui headless, every action a tap on a probed widget.
#include <doctest/doctest.h>

#include "tests/support/https_transport.h"
#include "tests/support/server_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/ui_harness.h"
#include "wasm-client/app/app.h"

namespace outpost::testing {
namespace {

// One tablet: the App, its platform services pointed at `server`, and a headless screen.
struct Tablet {
  explicit Tablet(ServerFixture& server) : transport(server.server().port()) {
    client::Platform platform;
    platform.transport = &transport;
    // Files under data_dir are on disk already: natively there is nothing more to make durable.
    platform.flush_storage = [](std::function<void(Status)> done) { done(Status::Ok()); };
    platform.is_online = [this] { return online; };
    platform.now_ms = [this] { return now_ms; };
    platform.data_dir = dir.path();
    app = std::make_unique<client::App>(std::move(platform));
    REQUIRE(app->Start().ok());
    ui = std::make_unique<UiHarness>([this] {
      app->Frame();
      transport.Pump();
    });
    ui->Frames(2);
  }

  void SignIn(const std::string& user, const std::string& password) {
    ui->Type("signin.username", user);
    ui->Type("signin.password", password);
    ui->Tap("signin.submit");
    ui->Frames(4);
  }

  TempDir dir;
  HttpsTransport transport;
  bool online = true;
  int64_t now_ms = 1795428000000;  // 2026-11-23 09:00 UTC
  std::unique_ptr<client::App> app;
  std::unique_ptr<UiHarness> ui;
};

TEST_CASE("A key worker who signs in sees their own caseload and nobody else's") {
  ServerFixture server;
  Tablet tablet(server);
  tablet.SignIn("amira.khan", "amira.khan-pw");
  CHECK(tablet.ui->Text("caseload.count") == "1 participants");
  CHECK(tablet.ui->Has("caseload.open.Morgan"));
}

}  // namespace
}  // namespace outpost::testing
