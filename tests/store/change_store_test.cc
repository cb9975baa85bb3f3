#include "shared/store/change_store.h"

#include <doctest/doctest.h>

#include "shared/store/migrations.h"
#include "tests/support/sample_changes.h"
#include "tests/support/temp_dir.h"

using namespace outpost;
using namespace outpost::store;
using outpost::testing::ContactChange;
using outpost::testing::ParticipantChange;

namespace {

std::unique_ptr<Database> NewStore(const std::string& path, Side side) {
  auto db = Database::Open(path, side == Side::kServer ? JournalMode::kWal : JournalMode::kRollback);
  REQUIRE(db.ok());
  REQUIRE(MigrateToLatest(**db, side).ok());
  return std::move(db).value();
}

int64_t Count(Database& db, const std::string& table) {
  auto count = db.Prepare("SELECT count(*) FROM " + table);
  REQUIRE(count.ok());
  REQUIRE(*count->Step());
  return count->ColumnInt(0);
}

const std::string kGrace = "1c7a4d2f-6e2b-4d88-8b1f-2a3e4d5c6b72";

}  // namespace

TEST_CASE("a push applied twice is the same as applied once") {
  testing::TempDir dir;
  auto db = NewStore(dir.File("central.sqlite"), Side::kServer);
  std::vector<sync::Change> batch = {ParticipantChange("seed", 1, kGrace, "amira.khan"),
                                     ContactChange("tablet-a", 1, kGrace, "amira.khan"),
                                     ContactChange("tablet-a", 2, kGrace, "amira.khan")};
  auto first = ApplyChanges(*db, batch, {"2026-11-23T10:40:00Z"});
  REQUIRE(first.ok());
  CHECK(first->applied.size() == 3);
  CHECK(first->already_known.empty());

  auto second = ApplyChanges(*db, batch, {"2026-11-23T10:41:00Z"});
  REQUIRE(second.ok());
  CHECK(second->applied.empty());
  CHECK(second->already_known == std::vector<std::string>{"seed:1", "tablet-a:1", "tablet-a:2"});
  CHECK(Count(*db, "changes") == 3);
  CHECK(Count(*db, "contacts") == 2);
  CHECK(Count(*db, "participants") == 1);
}

TEST_CASE("the server stamps what it stores with its own time and log position") {
  testing::TempDir dir;
  auto db = NewStore(dir.File("central.sqlite"), Side::kServer);
  REQUIRE(ApplyChanges(*db, {ParticipantChange("seed", 1, kGrace, "amira.khan"),
                             ContactChange("tablet-a", 7, kGrace, "amira.khan")},
                       {"2026-11-23T10:40:00Z"})
              .ok());
  auto page = ChangesSince(*db, 0, std::nullopt, 100);
  REQUIRE(page.ok());
  REQUIRE(page->changes.size() == 2);
  CHECK(page->changes[1].server_seq == 2);
  CHECK(page->changes[1].received_at == "2026-11-23T10:40:00Z");
  CHECK(page->changes[1].captured_at == "2026-11-23T10:31:00Z");
}

TEST_CASE("an invalid change in a batch writes nothing and names the change and field") {
  testing::TempDir dir;
  auto db = NewStore(dir.File("central.sqlite"), Side::kServer);
  sync::Change video = ContactChange("tablet-a", 2, kGrace, "amira.khan");
  video.fields = R"({"mode":"video","occurred_at":"2026-11-23T10:30","outcome":"attended"})";
  auto result = ApplyChanges(*db, {ContactChange("tablet-a", 1, kGrace, "amira.khan"), video},
                             {"2026-11-23T10:40:00Z"});
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().where() == "changes[1].fields.digital_reason");
  CHECK(Count(*db, "changes") == 0);
  CHECK(Count(*db, "contacts") == 0);
}

TEST_CASE("a pull is paged in server order and scoped to the key worker's caseload") {
  testing::TempDir dir;
  auto db = NewStore(dir.File("central.sqlite"), Side::kServer);
  const std::string leah = "5abe8b6d-ac6f-4bc2-8f5d-6e7c8b9a0fb6";
  REQUIRE(ApplyChanges(*db,
                       {ParticipantChange("seed", 1, kGrace, "amira.khan"),
                        ParticipantChange("seed", 2, leah, "ben.clarke"),
                        ContactChange("tablet-a", 1, kGrace, "amira.khan"),
                        ContactChange("tablet-b", 1, leah, "ben.clarke"),
                        ContactChange("tablet-a", 2, kGrace, "amira.khan")},
                       {"2026-11-23T10:40:00Z"})
              .ok());
  auto first = ChangesSince(*db, 0, std::string("amira.khan"), 2);
  REQUIRE(first.ok());
  CHECK(first->changes.size() == 2);
  CHECK(first->more);
  auto second = ChangesSince(*db, first->next_cursor, std::string("amira.khan"), 2);
  REQUIRE(second.ok());
  REQUIRE(second->changes.size() == 1);
  CHECK_FALSE(second->more);
  CHECK(second->changes[0].ChangeId() == "tablet-a:2");
  for (const auto& page : {*first, *second})
    for (const auto& c : page.changes) CHECK(c.participant_id == kGrace);
}

TEST_CASE("an older participant change arriving late does not undo a newer one") {
  testing::TempDir dir;
  auto db = NewStore(dir.File("central.sqlite"), Side::kServer);
  sync::Change newer = ParticipantChange("seed", 2, kGrace, "amira.khan", "Okafor-Bell");
  sync::Change older = ParticipantChange("seed", 1, kGrace, "amira.khan", "Okafor");
  REQUIRE(ApplyChanges(*db, {newer}, {"2026-11-23T10:40:00Z"}).ok());
  REQUIRE(ApplyChanges(*db, {older}, {"2026-11-23T10:41:00Z"}).ok());
  auto name = db->Prepare("SELECT family_name FROM participants");
  REQUIRE(name.ok());
  REQUIRE(*name->Step());
  CHECK(name->ColumnText(0) == "Okafor-Bell");
}

TEST_CASE("a contact recorded on the tablet is stored and queued in one step, then confirmed") {
  testing::TempDir dir;
  auto db = NewStore(dir.File("replica.sqlite"), Side::kClient);
  REQUIRE(SetDeviceState(*db, "device_id", "tablet-a").ok());
  REQUIRE(ApplyChanges(*db, {ParticipantChange("seed", 1, kGrace, "amira.khan")}, {}).ok());
  LocalWrite write{"amira.khan", "contact", "c-1", kGrace,
                   R"({"mode":"face_to_face","occurred_at":"2026-11-23T10:30","outcome":"attended"})",
                   1763900000000, "2026-11-23T10:31:00Z"};
  auto first = RecordLocalChange(*db, write);
  REQUIRE(first.ok());
  write.record_id = "c-2";
  auto second = RecordLocalChange(*db, write);
  REQUIRE(second.ok());
  CHECK(first->device_seq == 1);
  CHECK(second->device_seq == 2);
  CHECK(first->hlc < second->hlc);
  CHECK(Count(*db, "contacts") == 2);
  CHECK(*CountWaiting(*db) == 2);

  REQUIRE(ConfirmChanges(*db, {"tablet-a:1", "tablet-b:1"}, "2026-11-23T10:40:00Z").ok());
  CHECK(*CountWaiting(*db) == 1);
  auto waiting = WaitingChanges(*db, 10);
  REQUIRE(waiting.ok());
  REQUIRE(waiting->size() == 1);
  CHECK(waiting->front().record_id == "c-2");
}

TEST_CASE("an invalid local write is refused and leaves nothing waiting") {
  testing::TempDir dir;
  auto db = NewStore(dir.File("replica.sqlite"), Side::kClient);
  REQUIRE(SetDeviceState(*db, "device_id", "tablet-a").ok());
  LocalWrite write{"amira.khan", "contact", "c-1", kGrace,
                   R"({"mode":"telephone","occurred_at":"2026-11-23T10:30","outcome":"attended"})",
                   1763900000000, "2026-11-23T10:31:00Z"};
  auto result = RecordLocalChange(*db, write);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().where() == "fields.digital_reason");
  CHECK(*CountWaiting(*db) == 0);
  CHECK(Count(*db, "changes") == 0);
}
