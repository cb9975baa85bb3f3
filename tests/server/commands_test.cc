// The server's one-shot commands: the holiday calendar for a year and the compliance CSV of a
// central store.
#include "sync-server/commands.h"

#include <doctest/doctest.h>

#include <string>

#include "shared/base/utc_time.h"
#include "shared/store/migrations.h"
#include "sync-server/accounts.h"
#include "sync-server/demo_seed.h"
#include "sync-server/server.h"
#include "tests/support/server_command.h"
#include "tests/support/temp_dir.h"

using namespace outpost;

namespace {

using Run = testing::CommandRun;

Run Command(std::vector<std::string> args, const std::string& input = "") {
  return testing::RunServerCommand(args, input);
}

}  // namespace

TEST_CASE("the holidays command prints the year's England and Wales bank holidays with substitutes") {
  Run run = Command({"holidays", "--year", "2026"});
  CHECK(run.code == 0);
  CHECK(run.out ==
        "2026-01-01\tThursday\tNew Year\xE2\x80\x99s Day\n"
        "2026-04-03\tFriday\tGood Friday\n"
        "2026-04-06\tMonday\tEaster Monday\n"
        "2026-05-04\tMonday\tEarly May bank holiday\n"
        "2026-05-25\tMonday\tSpring bank holiday\n"
        "2026-08-31\tMonday\tSummer bank holiday\n"
        "2026-12-25\tFriday\tChristmas Day\n"
        "2026-12-28\tMonday\tBoxing Day (substitute day)\n");
}

TEST_CASE("the holidays command takes one-off changes from a published bank-holidays.json") {
  Run run = Command({"holidays", "--year", "2022", "--bank-holidays-json",
                     OUTPOST_TEST_DATA_DIR "/bank-holidays.json"});
  CHECK(run.code == 0);
  CHECK(run.out.find("2022-06-03\tFriday\tPlatinum Jubilee bank holiday\n") != std::string::npos);
  CHECK(run.out.find("2022-09-19\tMonday\t") != std::string::npos);
  CHECK(run.out.find("2022-05-30") == std::string::npos);  // moved to 2 June that year
}

TEST_CASE("the holidays command names the flag that is wrong") {
  Run missing = Command({"holidays"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("--year: is required") != std::string::npos);
  Run bad = Command({"holidays", "--year", "twenty"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--year: must be a year") != std::string::npos);
  Run unknown = Command({"holidays", "--yaer", "2026"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("--yaer: is not a flag of holidays") != std::string::npos);
}

TEST_CASE("the compliance command prints every rule of every participant in the central store") {
  testing::TempDir dir;
  {
    auto db = store::Database::Open(server::CentralStorePath(dir.path()), store::JournalMode::kWal);
    REQUIRE(db.ok());
    REQUIRE(store::MigrateToLatest(**db, store::Side::kServer).ok());
    REQUIRE(server::SeedDemo(**db, *ParseUtc("2026-11-23T09:00:00Z"), 1000).ok());
  }
  Run run = Command({"compliance", "--data-dir", dir.path(), "--as-of", "2026-11-23"});
  REQUIRE(run.code == 0);
  size_t lines = 0;
  for (char c : run.out) lines += c == '\n';
  CHECK(lines == 1 + 6 * 15);  // header, then 15 rules for each of the six demo participants
  CHECK(run.out.rfind("participant_id,as_of,phase,day_of_provision,rule,status,", 0) == 0);
  // Dafydd Morgan was referred six days ago and has not started: his initial meeting is due
  // 15 working days after the referral (4.08).
  CHECK(run.out.find("0b6f3c1e-5d1a-4c77-9a0e-1f2d3c4b5a61,2026-11-23,awaiting-start,0,"
                     "initial-meeting,due,2026-12-08,") != std::string::npos);
}

TEST_CASE("the compliance command refuses a folder with no central store, creating nothing") {
  testing::TempDir dir;
  Run run = Command({"compliance", "--data-dir", dir.path(), "--as-of", "2026-11-23"});
  CHECK(run.code == 1);
  CHECK(run.err.find("no central store") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(server::CentralStorePath(dir.path())));
}

namespace {

// A central store seeded with the demo, in its own folder.
struct DemoStore {
  testing::TempDir dir;
  DemoStore() {
    auto db = store::Database::Open(server::CentralStorePath(dir.path()), store::JournalMode::kWal);
    REQUIRE(db.ok());
    REQUIRE(store::MigrateToLatest(**db, store::Side::kServer).ok());
    REQUIRE(server::SeedDemo(**db, *ParseUtc("2026-11-23T09:00:00Z"), 1000).ok());
  }
  std::unique_ptr<store::Database> Open() {
    auto db = store::Database::Open(server::CentralStorePath(dir.path()), store::JournalMode::kWal);
    REQUIRE(db.ok());
    return std::move(db).value();
  }
};

StatusOr<sync::SignInResponse> SignInAs(store::Database& db, const std::string& user,
                                        const std::string& password, const std::string& device) {
  return server::SignIn(db, {sync::kProtocolVersion, user, password, device}, *ParseUtc("2026-11-23T10:00:00Z"));
}

}  // namespace

TEST_CASE("create-user takes the password from standard input, and the user can sign in with it") {
  DemoStore demo;
  Run run = Command({"create-user", "--data-dir", demo.dir.path(), "--username", "dai.owen",
                     "--name", "Dai Owen", "--role", "compliance_officer", "--password-stdin"},
                    "a long passphrase\n");
  CHECK(run.code == 0);
  CHECK(run.out == "created dai.owen (compliance_officer)\n");
  auto db = demo.Open();
  auto session = SignInAs(*db, "dai.owen", "a long passphrase", "desk-d");
  REQUIRE(session.ok());
  CHECK(session->role == "compliance_officer");
  Run again = Command({"create-user", "--data-dir", demo.dir.path(), "--username", "dai.owen",
                       "--name", "Dai", "--role", "supervisor"});
  CHECK(again.code == 1);
  CHECK(again.err.find("dai.owen is taken") != std::string::npos);
}

TEST_CASE("reset-password prints a generated password and ends the user's sessions") {
  DemoStore demo;
  auto db = demo.Open();
  auto old_session = SignInAs(*db, "amira.khan", "outpost-demo-amira", "tablet-a");
  REQUIRE(old_session.ok());
  Run run = Command({"reset-password", "--data-dir", demo.dir.path(), "--username", "amira.khan"});
  REQUIRE(run.code == 0);
  const std::string prefix = "password for amira.khan: ";
  REQUIRE(run.out.rfind(prefix, 0) == 0);
  std::string password = run.out.substr(prefix.size(), 24);
  CHECK_FALSE(server::Authenticate(*db, old_session->token, *ParseUtc("2026-11-23T10:01:00Z")).ok());
  CHECK(SignInAs(*db, "amira.khan", password, "tablet-a").ok());
  CHECK_FALSE(SignInAs(*db, "amira.khan", "outpost-demo-amira", "tablet-a").ok());
}

TEST_CASE("a revoked device is listed as revoked and its next request is told to erase its data") {
  DemoStore demo;
  auto db = demo.Open();
  auto session = SignInAs(*db, "amira.khan", "outpost-demo-amira", "tablet-a");
  REQUIRE(session.ok());
  Run revoke = Command({"revoke-device", "--data-dir", demo.dir.path(), "--device", "tablet-a"});
  CHECK(revoke.code == 0);
  auto refused = server::Authenticate(*db, session->token, *ParseUtc("2026-11-23T10:01:00Z"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().where() == "device_revoked");
  CHECK(refused.status().what() == "this device has been revoked: erase its local data");
  Run list = Command({"devices", "--data-dir", demo.dir.path(), "--username", "amira.khan"});
  CHECK(list.out.find("tablet-a\tamira.khan\t") != std::string::npos);
  CHECK(list.out.find("\t-\n") == std::string::npos);  // not shown as active
  Run unknown = Command({"revoke-device", "--data-dir", demo.dir.path(), "--device", "nope"});
  CHECK(unknown.code == 1);
  CHECK(unknown.err.find("no device nope") != std::string::npos);
}

TEST_CASE("a backup taken while the store is open restores to the same records") {
  DemoStore demo;
  auto live = demo.Open();  // another connection, as a running server would hold
  const std::string backup = demo.dir.File("central-backup.sqlite");
  Run run = Command({"backup", "--data-dir", demo.dir.path(), "--to", backup});
  REQUIRE(run.code == 0);
  CHECK(Command({"backup", "--data-dir", demo.dir.path(), "--to", backup}).code == 1);  // no overwrite

  testing::TempDir elsewhere;
  Run restore = Command({"restore", "--data-dir", elsewhere.path(), "--from", backup});
  REQUIRE(restore.code == 0);
  auto restored = store::Database::Open(server::CentralStorePath(elsewhere.path()), store::JournalMode::kWal);
  REQUIRE(restored.ok());
  auto count = (*restored)->Prepare("SELECT count(*) FROM participants");
  REQUIRE(count.ok());
  REQUIRE(*count->Step());
  CHECK(count->ColumnInt(0) == 6);
  CHECK(SignInAs(**restored, "carys.jones", "outpost-demo-carys", "desk-c").ok());
}

TEST_CASE("restore refuses a file that is not a central store, leaving the store as it was") {
  DemoStore demo;
  testing::TempDir other;
  {
    auto replica = store::Database::Open(other.File("replica.sqlite"), store::JournalMode::kRollback);
    REQUIRE(replica.ok());
    REQUIRE(store::MigrateToLatest(**replica, store::Side::kClient).ok());
  }
  Run run = Command({"restore", "--data-dir", demo.dir.path(), "--from", other.File("replica.sqlite")});
  CHECK(run.code == 2);
  CHECK(run.err.find("is not an Outpost central store") != std::string::npos);
  auto db = demo.Open();
  CHECK(SignInAs(*db, "carys.jones", "outpost-demo-carys", "desk-c").ok());
}

TEST_CASE("reassign moves a participant through the change log, as the supervisor named") {
  DemoStore demo;
  const std::string dafydd = "0b6f3c1e-5d1a-4c77-9a0e-1f2d3c4b5a61";  // Amira's in the demo
  Run run = Command({"reassign", "--data-dir", demo.dir.path(), "--participant", dafydd, "--to",
                     "ben.clarke", "--by", "carys.jones"});
  REQUIRE(run.code == 0);
  CHECK(run.out.find("now with ben.clarke (was amira.khan)") != std::string::npos);
  auto db = demo.Open();
  auto who = db->Prepare("SELECT key_worker FROM participants WHERE participant_id = ?");
  REQUIRE(who.ok());
  who->Bind(1, dafydd);
  REQUIRE(*who->Step());
  CHECK(who->ColumnText(0) == "ben.clarke");
  auto logged = db->Prepare("SELECT count(*) FROM changes WHERE device_id = 'server-admin' AND "
                            "author = 'carys.jones'");
  REQUIRE(logged.ok());
  REQUIRE(*logged->Step());
  CHECK(logged->ColumnInt(0) == 1);
  Run second = Command({"reassign", "--data-dir", demo.dir.path(), "--participant", dafydd, "--to",
                        "amira.khan", "--by", "carys.jones"});
  CHECK(second.code == 0);  // the administration device's chain goes on
  Run not_supervisor = Command({"reassign", "--data-dir", demo.dir.path(), "--participant", dafydd,
                                "--to", "ben.clarke", "--by", "amira.khan"});
  CHECK(not_supervisor.code == 1);
  CHECK(not_supervisor.err.find("must be a supervisor's username") != std::string::npos);
}
