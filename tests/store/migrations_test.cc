#include "shared/store/migrations.h"

#include <doctest/doctest.h>

#include "shared/store/change_store.h"
#include "tests/support/sample_changes.h"
#include "tests/support/temp_dir.h"

using namespace outpost;
using namespace outpost::store;

namespace {

std::unique_ptr<Database> OpenFile(const std::string& path) {
  auto db = Database::Open(path, JournalMode::kWal);
  REQUIRE(db.ok());
  return std::move(db).value();
}

bool HasTable(Database& db, const std::string& name) {
  auto select = db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  REQUIRE(select.ok());
  select->Bind(1, name);
  auto row = select->Step();
  REQUIRE(row.ok());
  return *row;
}

}  // namespace

TEST_CASE("a new central store gets the common and server migrations in number order") {
  testing::TempDir dir;
  auto db = OpenFile(dir.File("central.sqlite"));
  auto applied = MigrateToLatest(*db, Side::kServer);
  REQUIRE(applied.ok());
  CHECK(*applied == std::vector<int>{1, 2, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16});
  CHECK(HasTable(*db, "participants"));
  CHECK(HasTable(*db, "changes"));
  CHECK(HasTable(*db, "users"));
  CHECK_FALSE(HasTable(*db, "outbox"));
}

TEST_CASE("a tablet replica gets the common and client migrations, never the server's accounts") {
  testing::TempDir dir;
  auto db = OpenFile(dir.File("replica.sqlite"));
  auto applied = MigrateToLatest(*db, Side::kClient);
  REQUIRE(applied.ok());
  CHECK(*applied == std::vector<int>{1, 2, 3, 5, 7, 20, 21});
  CHECK(HasTable(*db, "outbox"));
  CHECK_FALSE(HasTable(*db, "users"));
  CHECK_FALSE(HasTable(*db, "sessions"));
}

TEST_CASE("migrating a current database again changes nothing, after a reopen too") {
  testing::TempDir dir;
  {
    auto db = OpenFile(dir.File("replica.sqlite"));
    REQUIRE(MigrateToLatest(*db, Side::kClient).ok());
  }
  auto db = OpenFile(dir.File("replica.sqlite"));
  auto again = MigrateToLatest(*db, Side::kClient);
  REQUIRE(again.ok());
  CHECK(again->empty());
}

TEST_CASE("an app update applies only the migrations the replica has not seen, keeping its data") {
  testing::TempDir dir;
  std::vector<EmbeddedMigration> all = MigrationsFor(Side::kClient);
  std::vector<EmbeddedMigration> older(all.begin(), all.begin() + 2);  // the app before 0003
  {
    auto db = OpenFile(dir.File("replica.sqlite"));
    REQUIRE(Migrate(*db, older).ok());
    REQUIRE(db->Exec("INSERT INTO participants(participant_id, key_worker, given_name, "
                     "family_name, updated_hlc) VALUES ('p1', 'amira.khan', 'Grace', 'Okafor', 'h')")
                .ok());
  }
  auto db = OpenFile(dir.File("replica.sqlite"));
  auto applied = Migrate(*db, all);
  REQUIRE(applied.ok());
  CHECK(*applied == std::vector<int>{3, 5, 7, 20, 21});
  auto count = db->Prepare("SELECT count(*) FROM participants");
  REQUIRE(count.ok());
  REQUIRE(*count->Step());
  CHECK(count->ColumnInt(0) == 1);
}

TEST_CASE("a replica written by a newer app is refused, not used") {
  testing::TempDir dir;
  auto db = OpenFile(dir.File("replica.sqlite"));
  REQUIRE(MigrateToLatest(*db, Side::kClient).ok());
  REQUIRE(db->Exec("INSERT INTO schema_migrations(number, name) VALUES (9999, '9999_future.sql')")
              .ok());
  auto again = MigrateToLatest(*db, Side::kClient);
  REQUIRE_FALSE(again.ok());
  CHECK(again.status().code() == Status::Code::kFailedPrecondition);
  CHECK(again.status().where() == "schema 9999_future.sql");
}

TEST_CASE("a migration that fails leaves the database at the last whole migration") {
  testing::TempDir dir;
  auto db = OpenFile(dir.File("replica.sqlite"));
  std::vector<EmbeddedMigration> broken = MigrationsFor(Side::kClient);
  broken.push_back({50, "client", "0050_broken.sql", "CREATE TABLE ok_table(x); CREATE TABLE ("});
  auto applied = Migrate(*db, broken);
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.status().where().find("0050_broken.sql") != std::string::npos);
  CHECK_FALSE(HasTable(*db, "ok_table"));
  CHECK(HasTable(*db, "outbox"));
}

namespace {

// Every row of `sql` (which has `columns` columns), each as one line of its quoted values.
std::vector<std::string> Rows(Database& db, const std::string& sql, int columns) {
  std::string names = "c0", joined = "quote(c0)";
  for (int i = 1; i < columns; ++i) {
    names += ", c" + std::to_string(i);
    joined += " || '|' || quote(c" + std::to_string(i) + ")";
  }
  REQUIRE(db.Exec("DROP VIEW IF EXISTS temp.rows_under_test").ok());
  REQUIRE(db.Exec("CREATE TEMP VIEW rows_under_test(" + names + ") AS " + sql).ok());
  std::vector<std::string> out;
  {
    auto select = db.Prepare("SELECT " + joined + " FROM rows_under_test");
    REQUIRE(select.ok());
    while (true) {
      auto row = select->Step();
      REQUIRE(row.ok());
      if (!*row) break;
      out.push_back(select->ColumnText(0));
    }
  }
  REQUIRE(db.Exec("DROP VIEW temp.rows_under_test").ok());
  return out;
}

// A central store as a server from before migration `number` left it: a real old version.
std::unique_ptr<Database> CentralStoreBefore(const std::string& path, int number) {
  std::vector<EmbeddedMigration> older;
  for (const EmbeddedMigration& m : MigrationsFor(Side::kServer))
    if (m.number < number) older.push_back(m);
  auto db = OpenFile(path);
  REQUIRE(Migrate(*db, older).ok());
  return db;
}

}  // namespace

TEST_CASE("a central store from before 0014 keeps every record, each evidence record now stored once") {
  testing::TempDir dir;
  auto db = CentralStoreBefore(dir.File("central.sqlite"), 14);
  sync::Change duplicate = testing::ContactChange("tablet-a", 2, "p-1", "amira.khan", "again");
  duplicate.record_id = "contact-tablet-a-1";  // an evidence id sent twice: stored, never a record
  REQUIRE(ApplyChanges(*db, {testing::ParticipantChange("seed", 1, "p-1", "amira.khan"),
                             testing::ContactChange("tablet-a", 1, "p-1", "amira.khan"), duplicate},
                       {"2026-11-23T10:46:00Z"})
              .ok());
  // A contact no change in the log created (none is expected): it must survive as it is.
  REQUIRE(db->Exec("INSERT INTO contacts VALUES ('legacy-1', 'p-1', '2020-01-02T09:00', "
                   "'telephone', '', 'attended', 'from before the log', '', '', 'amira.khan', "
                   "'old', 'old:1');"
                   "INSERT INTO records VALUES ('contact', 'legacy-1', 'p-1', "
                   "'{\"notes\":\"from before the log\"}', '{}', 'old:1')")
              .ok());
  const std::string records_sql =
      "SELECT record_type, record_id, participant_id, fields, field_hlcs, created_change "
      "FROM records ORDER BY record_type, record_id";
  const std::string contacts_sql = "SELECT * FROM contacts ORDER BY contact_id";
  const std::vector<std::string> records_before = Rows(*db, records_sql, 6);
  const std::vector<std::string> contacts_before = Rows(*db, contacts_sql, 12);
  REQUIRE(records_before.size() == 3);
  REQUIRE(contacts_before.size() == 2);

  auto applied = MigrateToLatest(*db, Side::kServer);
  REQUIRE(applied.ok());
  CHECK(*applied == std::vector<int>{14, 15, 16});
  CHECK(Rows(*db, records_sql, 6) == records_before);
  CHECK(Rows(*db, contacts_sql, 12) == contacts_before);
  // Only the participant (mutable) and the contact from before the log keep copies of their own.
  CHECK(Rows(*db, "SELECT record_id FROM record_state", 1) == std::vector<std::string>{"'p-1'"});
  CHECK(Rows(*db, "SELECT record_id FROM evidence_unlogged", 1) ==
        std::vector<std::string>{"'legacy-1'"});
  CHECK(Rows(*db, "SELECT contact_id FROM contacts_unlogged", 1) ==
        std::vector<std::string>{"'legacy-1'"});
  CHECK(Rows(*db, "SELECT device_id || ':' || device_seq FROM changes WHERE evidence_record = 1", 1) ==
        std::vector<std::string>{"'tablet-a:1'"});

  // New evidence is read through the same views; a repeated id is still not a second record.
  sync::Change again = testing::ContactChange("tablet-a", 4, "p-1", "amira.khan", "later");
  again.record_id = "contact-tablet-a-1";
  REQUIRE(ApplyChanges(*db, {testing::ContactChange("tablet-a", 3, "p-1", "amira.khan", "new"), again},
                       {"2026-11-23T11:00:00Z"})
              .ok());
  CHECK(Rows(*db, "SELECT contact_id, notes, recorded_by, change_id FROM contacts "
                  "ORDER BY contact_id", 4) ==
        std::vector<std::string>{"'contact-tablet-a-1'|'Talked through CV'|'amira.khan'|'tablet-a:1'",
                                 "'contact-tablet-a-3'|'new'|'amira.khan'|'tablet-a:3'",
                                 "'legacy-1'|'from before the log'|'amira.khan'|'old:1'"});
  CHECK(Rows(*db, "SELECT count(*) FROM records", 1) == std::vector<std::string>{"4"});
  // Evidence the log does not hold is still evidence: its id cannot be written again.
  sync::Change taken = testing::ContactChange("tablet-a", 5, "p-1", "amira.khan", "taken");
  taken.record_id = "legacy-1";
  REQUIRE(ApplyChanges(*db, {taken}, {"2026-11-23T11:05:00Z"}).ok());
  CHECK(Rows(*db, "SELECT notes FROM contacts WHERE contact_id = 'legacy-1'", 1) ==
        std::vector<std::string>{"'from before the log'"});
}

TEST_CASE("a central store from before 0016 finds every change it holds through runs, and no index") {
  testing::TempDir dir;
  auto db = CentralStoreBefore(dir.File("central.sqlite"), 16);
  auto contacts = [](const std::string& device, int from, int to) {
    std::vector<sync::Change> out;
    for (int seq = from; seq <= to; ++seq)
      out.push_back(testing::ContactChange(device, seq, "p-1", "amira.khan"));
    return out;
  };
  std::vector<sync::Change> first = contacts("tablet-a", 1, 3);
  first.insert(first.begin(), testing::ParticipantChange("seed", 1, "p-1", "amira.khan"));
  // Log positions 1-4, 5-6, 7, 8 (tablet-c's numbers out of order, as no push stores them
  // now), 9-10.
  for (const auto& batch : {first, contacts("tablet-b", 1, 2), contacts("tablet-c", 3, 3),
                            contacts("tablet-c", 1, 1), contacts("tablet-a", 4, 5)})
    REQUIRE(ApplyChanges(*db, batch, {"2026-11-23T10:46:00Z"}).ok());
  const std::string contacts_sql = "SELECT * FROM contacts ORDER BY contact_id";
  const std::vector<std::string> contacts_before = Rows(*db, contacts_sql, 12);
  REQUIRE(contacts_before.size() == 9);

  auto applied = MigrateToLatest(*db, Side::kServer);
  REQUIRE(applied.ok());
  CHECK(*applied == std::vector<int>{16});
  const std::string runs_sql =
      "SELECT device_id, first_device_seq, last_device_seq, first_seq FROM change_runs "
      "ORDER BY device_id, first_device_seq";
  CHECK(Rows(*db, runs_sql, 4) ==
        std::vector<std::string>{"'seed'|1|1|1", "'tablet-a'|1|3|2", "'tablet-a'|4|5|9",
                                 "'tablet-b'|1|2|5", "'tablet-c'|1|1|8", "'tablet-c'|3|3|7"});
  CHECK(Rows(*db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'changes'",
             1) == std::vector<std::string>{"'changes_evidence'"});
  CHECK(Rows(*db, contacts_sql, 12) == contacts_before);

  // Sent again, every change is known; a new one carrying on a run lengthens it, others start
  // their own.
  auto tablet_a = contacts("tablet-a", 1, 6);
  auto next = ApplyChanges(*db, {tablet_a.back()}, {"2026-11-23T11:00:00Z"});
  REQUIRE(next.ok());
  CHECK(next->applied == std::vector<std::string>{"tablet-a:6"});
  auto again = contacts("tablet-c", 1, 3);
  again.insert(again.end(), tablet_a.begin(), tablet_a.end());
  auto mixed = ApplyChanges(*db, again, {"2026-11-23T11:05:00Z"});
  REQUIRE(mixed.ok());
  CHECK(mixed->applied == std::vector<std::string>{"tablet-c:2"});
  CHECK(mixed->already_known.size() == 8);
  CHECK(Rows(*db, runs_sql, 4) ==
        std::vector<std::string>{"'seed'|1|1|1", "'tablet-a'|1|3|2", "'tablet-a'|4|6|9",
                                 "'tablet-b'|1|2|5", "'tablet-c'|1|1|8", "'tablet-c'|2|2|12",
                                 "'tablet-c'|3|3|7"});
  CHECK(Rows(*db, "SELECT count(*) FROM changes", 1) == std::vector<std::string>{"12"});
}
