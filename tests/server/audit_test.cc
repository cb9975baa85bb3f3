// The audit log: every change applied and every record read is there, in a chain that shows the
// first entry anyone tampered with.
#include "sync-server/audit.h"

#include <doctest/doctest.h>

#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "tests/support/sample_changes.h"
#include "tests/support/server_fixture.h"

using namespace outpost;

namespace {

std::unique_ptr<store::Database> CentralWithChanges(int contacts) {
  auto db = store::Database::Open(":memory:", store::JournalMode::kRollback);
  REQUIRE(db.ok());
  REQUIRE(store::MigrateToLatest(**db, store::Side::kServer).ok());
  std::vector<sync::Change> changes = {testing::ParticipantChange("seed", 1, "p-1", "amira.khan")};
  for (int i = 1; i <= contacts; ++i)
    changes.push_back(testing::ContactChange("tablet-a", i, "p-1", "amira.khan"));
  REQUIRE(store::ApplyChanges(**db, changes, {"2026-11-23T10:40:00Z"}).ok());
  return std::move(db).value();
}

int64_t Count(store::Database& db, const std::string& sql) {
  auto s = db.Prepare(sql);
  REQUIRE(s.ok());
  REQUIRE(*s->Step());
  return s->ColumnInt(0);
}

}  // namespace

TEST_CASE("every change applied has its audit entry, once, even when audited again") {
  auto db = CentralWithChanges(3);
  CHECK(*server::AuditAppliedChanges(*db) == 4);
  CHECK(*server::AuditAppliedChanges(*db) == 0);
  CHECK(Count(*db, "SELECT count(*) FROM audit_log WHERE action = 'change_applied'") == 4);
  CHECK(Count(*db, "SELECT count(*) FROM audit_log WHERE detail = 'tablet-a:2' AND "
                   "username = 'amira.khan' AND device_id = 'tablet-a'") == 1);
  auto verified = server::VerifyAuditChain(*db);
  REQUIRE(verified.ok());
  CHECK(verified->entries == 4);
  CHECK(verified->first_broken_seq == 0);
}

TEST_CASE("the audit log refuses updates and deletes") {
  auto db = CentralWithChanges(1);
  REQUIRE(server::AuditAppliedChanges(*db).ok());
  Status update = db->Exec("UPDATE audit_log SET username = 'someone' WHERE seq = 1");
  CHECK(update.what().find("the audit log is append-only") != std::string::npos);
  Status remove = db->Exec("DELETE FROM audit_log WHERE seq = 1");
  CHECK(remove.what().find("the audit log is append-only") != std::string::npos);
}

TEST_CASE("verification names the first entry that was altered or removed") {
  auto db = CentralWithChanges(4);
  REQUIRE(server::AuditAppliedChanges(*db).ok());
  REQUIRE(db->Exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete").ok());
  REQUIRE(db->Exec("UPDATE audit_log SET participant_id = 'p-2' WHERE seq = 3").ok());
  auto altered = server::VerifyAuditChain(*db);
  REQUIRE(altered.ok());
  CHECK(altered->first_broken_seq == 3);
  CHECK(altered->problem == "its content does not match its hash: it was altered");
  REQUIRE(db->Exec("UPDATE audit_log SET participant_id = 'p-1' WHERE seq = 3").ok());
  REQUIRE(db->Exec("DELETE FROM audit_log WHERE seq = 2").ok());
  auto removed = server::VerifyAuditChain(*db);
  REQUIRE(removed.ok());
  CHECK(removed->first_broken_seq == 2);
  CHECK(removed->problem == "entry 2 is missing");
}

TEST_CASE("a supervisor's pull and review page are audited per participant; a key worker's pull is not") {
  testing::ServerFixture f;
  auto client = f.Client();
  auto pulled = client->Get("/api/v1/pull?since=0",
                            {{"Authorization", "Bearer " + f.SignIn("carys.jones", "desk-c")}});
  REQUIRE(pulled);
  REQUIRE(pulled->status == 200);
  auto mine = client->Get("/api/v1/pull?since=0",
                          {{"Authorization", "Bearer " + f.SignIn("amira.khan", "tablet-a")}});
  REQUIRE(mine);
  int64_t reads = -1;
  REQUIRE(f.server().WithDatabase([&](store::Database& db) -> Status {
    reads = Count(db, "SELECT count(*) FROM audit_log WHERE action = 'record_read'");
    CHECK(Count(db, "SELECT count(*) FROM audit_log WHERE action = 'record_read' AND "
                    "username = 'carys.jones'") == 2);
    CHECK(Count(db, "SELECT count(*) FROM audit_log WHERE action = 'change_applied'") == 2);
    return Status::Ok();
  }).ok());
  CHECK(reads == 2);
}
