#include "shared/store/migrations.h"

#include <doctest/doctest.h>

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
  CHECK(*applied == std::vector<int>{1, 2, 4, 5, 6, 10, 11, 12, 13});
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
