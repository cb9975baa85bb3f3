// The tablet's export of waiting changes (wasm-client/app/export_flow.h): what goes in the file,
// and the whole way from a real replica, through the export screen, to the server's import.
// Encryption here is OpenSSL's (tests/support/export_sealer.h) in place of the browser's.
#include "wasm-client/app/export_flow.h"

#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <vector>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "shared/sync/codec.h"
#include "shared/sync/export_file.h"
#include "sync-server/accounts.h"
#include "sync-server/demo_seed.h"
#include "sync-server/export_import.h"
#include "sync-server/server.h"
#include "tests/support/export_sealer.h"
#include "tests/support/sample_changes.h"
#include "tests/support/store_helpers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/ui_harness.h"

using namespace outpost;

namespace {

constexpr const char* kDafydd = "0b6f3c1e-5d1a-4c77-9a0e-1f2d3c4b5a61";  // Amira's in the demo

// A tablet replica of device tab-e, Amira signed in, Dafydd on it, and `contacts` contacts
// recorded here and not yet synced.
std::unique_ptr<store::Database> Tablet(int contacts) {
  auto db = testing::InMemoryStore(store::Side::kClient);
  REQUIRE(store::SetDeviceState(*db, "device_id", "tab-e").ok());
  REQUIRE(store::SetDeviceState(*db, "username", "amira.khan").ok());
  REQUIRE(store::ApplyChanges(*db, {testing::ParticipantChange("seed", 1, kDafydd, "amira.khan")}, {}).ok());
  for (int i = 1; i <= contacts; ++i) {
    store::LocalWrite write{"amira.khan", "contact", "c-" + std::to_string(i), kDafydd,
                            R"({"mode":"face_to_face","notes":"Private note )" + std::to_string(i) +
                                R"(","occurred_at":"2026-11-23T10:30","outcome":"attended"})",
                            1763900000000 + i * 1000, "2026-11-23T10:31:00Z"};
    REQUIRE(store::RecordLocalChange(*db, write).ok());
  }
  return db;
}

}  // namespace

TEST_CASE("an export holds every change waiting on the tablet, quarantined ones too, in chain order") {
  auto db = Tablet(4);
  auto all = store::UnconfirmedChanges(*db);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 4);
  // The server confirmed the first and refused the third.
  REQUIRE(store::ConfirmChanges(*db, {{(*all)[0].ChangeId(), sync::ChangeHash((*all)[0])}},
                                "2026-11-23T10:40:00Z")
              .ok());
  REQUIRE(store::QuarantineChanges(*db, {{(*all)[2].ChangeId(), "changes[0]", "refused"}}).ok());

  auto prepared = client::PrepareExport(*db, *ParseUtc("2026-11-24T08:00:00Z"));
  REQUIRE(prepared.ok());
  CHECK(prepared->envelope.device_id == "tab-e");
  CHECK(prepared->envelope.username == "amira.khan");
  CHECK(prepared->envelope.created_at == "2026-11-24T08:00:00Z");
  CHECK(prepared->envelope.changes == 3);
  CHECK(prepared->file_name == "outpost-waiting-tab-e-2026-11-24.json");
  auto requests = sync::DecodeExportPlaintext(prepared->plaintext);
  REQUIRE(requests.ok());
  REQUIRE(requests->size() == 1);
  const sync::PushRequest& push = (*requests)[0];
  CHECK(prepared->plaintext == sync::Encode(push));  // exactly a push request body
  CHECK(push.device_id == "tab-e");
  REQUIRE(push.changes.size() == 3);
  CHECK(push.changes[0].device_seq == 2);
  CHECK(push.changes[0].prev_hash == sync::ChangeHash((*all)[0]));
  for (size_t i = 1; i < push.changes.size(); ++i) {
    CHECK(push.changes[i].device_seq == push.changes[i - 1].device_seq + 1);
    CHECK(push.changes[i].prev_hash == sync::ChangeHash(push.changes[i - 1]));
  }
  CHECK(push.changes[1] == (*all)[2]);  // the quarantined one, as it was
}

TEST_CASE("more changes than one push takes are split into push requests that continue the chain") {
  testing::TestDevice tablet("tab-e");
  std::vector<sync::Change> changes;
  for (int i = 0; i < sync::kMaxChangesPerPush + 5; ++i) changes.push_back(tablet.Contact(kDafydd, "amira.khan"));
  const std::string plaintext = sync::EncodeExportPlaintext("tab-e", changes, "2026-11-24T08:00:00Z");
  auto requests = sync::DecodeExportPlaintext(plaintext);
  REQUIRE(requests.ok());
  REQUIRE(requests->size() == 2);
  CHECK((*requests)[0].changes.size() == static_cast<size_t>(sync::kMaxChangesPerPush));
  CHECK((*requests)[1].changes.size() == 5);
  CHECK((*requests)[1].changes.front().prev_hash == sync::ChangeHash((*requests)[0].changes.back()));
}

TEST_CASE("the export screen refuses a short or mistyped passphrase, then saves a file the server imports") {
  auto tablet = Tablet(2);
  testing::TempDir dir;
  std::vector<std::function<void()>> later;  // the platform answers after the call, as a browser does
  std::string saved_name, saved_text;
  client::Platform platform;
  platform.now_ms = [] { return *ParseUtc("2026-11-24T08:00:00Z"); };
  platform.seal_export = [&](std::string plaintext, std::string passphrase, sync::ExportEnvelope envelope,
                             std::function<void(StatusOr<sync::ExportEnvelope>)> done) {
    later.push_back([=] {
      done(*sync::DecodeExportEnvelope(testing::SealExport(envelope, plaintext, passphrase)));
    });
  };
  platform.save_file = [&](std::string name, std::string contents, std::function<void(Status)> done) {
    saved_name = name;
    saved_text = contents;
    later.push_back([=] { done(Status::Ok()); });
  };
  client::ExportFlow flow;
  flow.Open(*tablet);
  testing::UiHarness ui(testing::UiHarness::FullScreen([&] { flow.Frame(*tablet, platform); }));
  ui.Frames(2);
  CHECK(ui.Text("export.waiting") == "Changes waiting to sync: 2");

  ui.Type("export.passphrase", "too short");
  ui.Type("export.again", "too short");
  ui.Tap("export.submit");
  CHECK(ui.Text("export.message") == "The passphrase needs at least 10 characters.");
  ui.Type("export.passphrase", "blue kettle windowsill");
  ui.Type("export.again", "blue kettle windowsil");
  ui.Tap("export.submit");
  CHECK(ui.Text("export.message") == "The two passphrases are not the same.");
  CHECK(later.empty());

  ui.Type("export.passphrase", "blue kettle windowsill");
  ui.Type("export.again", "blue kettle windowsill");
  ui.Tap("export.submit");
  CHECK(flow.state().working);
  CHECK(flow.state().passphrase[0] == '\0');  // wiped once the export started
  while (!later.empty()) {
    auto next = std::move(later.front());
    later.erase(later.begin());
    next();
  }
  ui.Frames(2);
  CHECK(ui.Text("export.message") ==
        "Changes saved in outpost-waiting-tab-e-2026-11-24.json: 2. Keep the file until your "
        "supervisor confirms they added it.");
  CHECK(saved_name == "outpost-waiting-tab-e-2026-11-24.json");
  CHECK(saved_text.find("Private note") == std::string::npos);
  CHECK(saved_text.find(kDafydd) == std::string::npos);
  CHECK(*store::CountWaiting(*tablet) == 2);  // a copy: the tablet still syncs them

  // The supervisor imports the file on the server.
  auto central = store::Database::Open(server::CentralStorePath(dir.path()), store::JournalMode::kWal);
  REQUIRE(central.ok());
  REQUIRE(store::MigrateToLatest(**central, store::Side::kServer).ok());
  REQUIRE(server::SeedDemo(**central, *ParseUtc("2026-11-23T09:00:00Z"), 1000).ok());
  REQUIRE(server::SignIn(**central, {sync::kProtocolVersion, "amira.khan", "outpost-demo-amira", "tab-e"},
                         *ParseUtc("2026-11-23T10:00:00Z"))
              .ok());
  auto wrong = server::ImportExport(**central, saved_text, "blue kettle", *ParseUtc("2026-11-24T09:00:00Z"));
  CHECK(wrong.status().where() == "passphrase");
  auto imported = server::ImportExport(**central, saved_text, "blue kettle windowsill",
                                       *ParseUtc("2026-11-24T09:00:00Z"));
  REQUIRE(imported.ok());
  CHECK(imported->applied.size() == 2);
  CHECK(testing::QueryInt(**central, "SELECT count(*) FROM records WHERE record_type = 'contact' AND "
                                     "json_extract(fields, '$.notes') = 'Private note 2'") == 1);
}
