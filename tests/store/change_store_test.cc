#include "shared/store/change_store.h"

#include <doctest/doctest.h>

#include "shared/store/migrations.h"
#include "tests/support/sample_changes.h"
#include "tests/support/temp_dir.h"

#include <filesystem>

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

// A central store holding Grace and `contact` of hers.
std::unique_ptr<Database> CentralHolding(const std::string& path, const sync::Change& contact) {
  auto db = NewStore(path, Side::kServer);
  REQUIRE(ApplyChanges(*db, {ParticipantChange("seed", 1, kGrace, "amira.khan"), contact},
                       {"2026-11-23T10:46:00Z"})
              .ok());
  return db;
}

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

  CHECK(second->prev_hash == sync::ChangeHash(*first));
  REQUIRE(ConfirmChanges(*db, {{"tablet-a:1", sync::ChangeHash(*first)}, {"tablet-b:1", "other"}},
                         "2026-11-23T10:40:00Z")
              .ok());
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

namespace {

std::unique_ptr<Database> TabletWithGrace(const std::string& path) {
  auto db = NewStore(path, Side::kClient);
  REQUIRE(SetDeviceState(*db, "device_id", "tablet-a").ok());
  REQUIRE(ApplyChanges(*db, {ParticipantChange("seed", 1, kGrace, "amira.khan")}, {}).ok());
  return db;
}

LocalWrite Contact(const std::string& id, const std::string& notes) {
  return {"amira.khan", "contact", id, kGrace,
          R"({"mode":"face_to_face","notes":")" + notes +
              R"(","occurred_at":"2026-11-23T10:30","outcome":"attended"})",
          1763900000000, "2026-11-23T10:31:00Z"};
}

sync::Change PlanItemWrite(const std::string& device, int64_t seq, const std::string& hlc_tail,
                           const std::string& status, const std::string& base) {
  sync::Change c;
  c.device_id = device;
  c.device_seq = seq;
  c.hlc = "17639000" + hlc_tail + "-0000-" + device;
  c.author = "amira.khan";
  c.record_type = "plan_item";
  c.record_id = "item-1";
  c.participant_id = kGrace;
  c.fields = R"({"status":")" + status + R"("})";
  c.base = base.empty() ? "{}" : R"({"status":")" + base + R"("})";
  c.captured_at = "2026-11-23T10:31:00Z";
  return c;
}

std::string CurrentStatus(Database& db) {
  auto select = db.Prepare(
      "SELECT json_extract(fields, '$.status') FROM records WHERE record_id = 'item-1'");
  REQUIRE(select.ok());
  REQUIRE(*select->Step());
  return select->ColumnText(0);
}

}  // namespace

TEST_CASE("a receipt whose hash is not the change the tablet holds is data loss, not a confirmation") {
  testing::TempDir dir;
  auto db = TabletWithGrace(dir.File("replica.sqlite"));
  auto c = RecordLocalChange(*db, Contact("c-1", "first"));
  REQUIRE(c.ok());
  Status confirmed = ConfirmChanges(*db, {{c->ChangeId(), "not-the-hash"}}, "2026-11-23T10:40:00Z");
  CHECK(confirmed.code() == Status::Code::kDataLoss);
  CHECK(*CountWaiting(*db) == 1);
}

TEST_CASE("evidence is written once: a second write of the same contact id is refused") {
  testing::TempDir dir;
  auto db = TabletWithGrace(dir.File("replica.sqlite"));
  REQUIRE(RecordLocalChange(*db, Contact("c-1", "first")).ok());
  auto again = RecordLocalChange(*db, Contact("c-1", "rewritten"));
  REQUIRE_FALSE(again.ok());
  CHECK(again.status().code() == Status::Code::kAlreadyExists);
  CHECK(*CountWaiting(*db) == 1);
}

TEST_CASE("a push's change reusing an evidence id is not stored at all, whoever holds the id") {
  testing::TempDir dir;
  const sync::Change stored = ContactChange("tablet-a", 1, kGrace, "amira.khan");
  auto db = CentralHolding(dir.File("central.sqlite"), stored);
  int seq = 0;
  auto contact = [&](const std::string& record_id) {
    sync::Change c = ContactChange("tablet-b", ++seq, kGrace, "amira.khan");
    c.record_id = record_id;
    return c;
  };
  ApplyOptions push{"2026-11-23T10:47:00Z"};
  push.refuse_taken_evidence = true;
  // Taken by a stored record, by an earlier change of the same call, by nobody.
  const std::vector<sync::Change> batch = {contact(stored.record_id), contact("contact-new"),
                                           contact("contact-new"), contact("contact-other")};
  auto first = ApplyChanges(*db, batch, push);
  REQUIRE(first.ok());
  CHECK(first->evidence_taken == std::vector<size_t>{0, 2});
  CHECK(first->applied == std::vector<std::string>{"tablet-b:2", "tablet-b:4"});
  CHECK(Count(*db, "changes WHERE device_id = 'tablet-b'") == 2);

  // Held outside the log (from before schema 0014); and a change stored already is known, not
  // taken.
  REQUIRE(db->Exec("INSERT INTO evidence_unlogged VALUES ('contact', 'legacy-1', '" + kGrace +
                   "', '{}', '{}', 'old:1')")
              .ok());
  auto second = ApplyChanges(*db, {batch[1], contact("legacy-1"), contact("contact-third")}, push);
  REQUIRE(second.ok());
  CHECK(second->already_known == std::vector<std::string>{"tablet-b:2"});
  CHECK(second->evidence_taken == std::vector<size_t>{1});
  CHECK(second->applied == std::vector<std::string>{"tablet-b:6"});

  // Without the option (a pulled change, a tablet) the later change is kept in the log only.
  auto kept = ApplyChanges(*db, {ContactChange("tablet-c", 1, kGrace, "amira.khan")},
                           {"2026-11-23T10:48:00Z"});
  REQUIRE(kept.ok());
  sync::Change reused = ContactChange("tablet-c", 2, kGrace, "amira.khan");
  reused.record_id = stored.record_id;
  auto logged = ApplyChanges(*db, {reused}, {"2026-11-23T10:49:00Z"});
  REQUIRE(logged.ok());
  CHECK(logged->applied == std::vector<std::string>{"tablet-c:2"});
  CHECK(logged->evidence_taken.empty());
  CHECK(Count(*db, "records WHERE record_id = '" + stored.record_id + "'") == 1);
}

TEST_CASE("a long push of new contacts goes in whole, a reused id among them refused alone") {
  testing::TempDir dir;
  const sync::Change stored = ContactChange("tablet-a", 1, kGrace, "amira.khan");
  auto db = CentralHolding(dir.File("central.sqlite"), stored);
  std::vector<sync::Change> push;
  for (int seq = 1; seq <= 40; ++seq) push.push_back(ContactChange("tablet-b", seq, kGrace, "amira.khan"));
  push[19].record_id = stored.record_id;    // taken before the push
  push[29].record_id = push[4].record_id;   // taken earlier in the push
  ApplyOptions options{"2026-11-23T10:47:00Z"};
  options.refuse_taken_evidence = true;
  auto report = ApplyChanges(*db, push, options);
  REQUIRE(report.ok());
  CHECK(report->evidence_taken == std::vector<size_t>{19, 29});
  CHECK(report->applied.size() == 38);
  CHECK(Count(*db, "changes WHERE device_id = 'tablet-b'") == 38);
  // Each stored change is found by its id at the log position it was given.
  auto runs = db->Prepare("SELECT first_device_seq, last_device_seq, first_seq FROM change_runs "
                          "WHERE device_id = 'tablet-b' ORDER BY first_device_seq");
  REQUIRE(runs.ok());
  std::vector<std::vector<int64_t>> found;
  while (*runs->Step())
    found.push_back({runs->ColumnInt(0), runs->ColumnInt(1), runs->ColumnInt(2)});
  CHECK(found == std::vector<std::vector<int64_t>>{{1, 19, 3}, {21, 29, 22}, {31, 40, 31}});
  CHECK(Count(*db, "changes c JOIN change_runs r ON r.device_id = c.device_id AND "
                   "c.device_seq BETWEEN r.first_device_seq AND r.last_device_seq "
                   "WHERE c.seq != r.first_seq + c.device_seq - r.first_device_seq") == 0);
  auto again = ApplyChanges(*db, push, options);
  REQUIRE(again.ok());
  CHECK(again->already_known.size() == 38);
  CHECK(again->evidence_taken == std::vector<size_t>{19, 29});
}

TEST_CASE("concurrent edits of a plan item: the later clock wins and the loser is kept as a conflict") {
  testing::TempDir dir;
  auto db = NewStore(dir.File("central.sqlite"), Side::kServer);
  // Both tablets edit the status having seen nothing of each other (base empty).
  sync::Change a = PlanItemWrite("tablet-a", 1, "00001", "in_progress", "");
  sync::Change b = PlanItemWrite("tablet-b", 1, "00002", "done", "");
  REQUIRE(ApplyChanges(*db, {b}, {"2026-11-23T10:40:00Z"}).ok());
  REQUIRE(ApplyChanges(*db, {a}, {"2026-11-23T10:41:00Z"}).ok());
  CHECK(CurrentStatus(*db) == "done");
  auto conflicts = ListConflicts(*db);
  REQUIRE(conflicts.ok());
  REQUIRE(conflicts->size() == 1);
  CHECK(conflicts->front().field == "status");
  CHECK(conflicts->front().lost_value == "in_progress");
  CHECK(conflicts->front().lost_change_id == "tablet-a:1");
  CHECK(conflicts->front().current_value == "done");
}

TEST_CASE("an edit made after seeing the earlier value overwrites it without a conflict") {
  testing::TempDir dir;
  auto db = NewStore(dir.File("central.sqlite"), Side::kServer);
  sync::Change a = PlanItemWrite("tablet-a", 1, "00001", "in_progress", "");
  sync::Change b = PlanItemWrite("tablet-b", 1, "00002", "done", "");
  b.base = R"({"status":")" + a.hlc + R"("})";  // tablet b had pulled a's edit
  REQUIRE(ApplyChanges(*db, {a, b}, {"2026-11-23T10:40:00Z"}).ok());
  CHECK(CurrentStatus(*db) == "done");
  CHECK(ListConflicts(*db)->empty());
}

TEST_CASE("field merges give the same record and conflicts whatever order the writes arrive in") {
  sync::Change a = PlanItemWrite("tablet-a", 1, "00001", "in_progress", "");
  sync::Change b = PlanItemWrite("tablet-b", 1, "00003", "done", "");
  sync::Change c = PlanItemWrite("tablet-c", 1, "00002", "dropped", "");
  c.base = R"({"status":")" + a.hlc + R"("})";
  std::vector<std::vector<sync::Change>> orders = {{a, b, c}, {c, b, a}, {b, a, c}, {c, a, b}};
  std::vector<std::string> results;
  for (const auto& order : orders) {
    testing::TempDir dir;
    auto db = NewStore(dir.File("central.sqlite"), Side::kServer);
    for (const sync::Change& change : order) REQUIRE(ApplyChanges(*db, {change}, {"t"}).ok());
    std::string summary = CurrentStatus(*db);
    auto conflicts = ListConflicts(*db);
    REQUIRE(conflicts.ok());
    for (const Conflict& conflict : *conflicts) summary += "|" + conflict.lost_change_id;
    results.push_back(summary);
  }
  for (const std::string& r : results) CHECK(r == results.front());
  // b never saw a or c; c saw a. So a and c both lost to b concurrently; a did not lose to c.
  CHECK(results.front() == "done|tablet-a:1|tablet-c:1");
}

TEST_CASE("a refused change is quarantined: kept, counted, never pushed again as it is") {
  testing::TempDir dir;
  auto db = TabletWithGrace(dir.File("replica.sqlite"));
  auto first = RecordLocalChange(*db, Contact("c-1", "first"));
  auto second = RecordLocalChange(*db, Contact("c-2", "second"));
  REQUIRE((first.ok() && second.ok()));
  REQUIRE(QuarantineChanges(*db, {{first->ChangeId(), "changes[0].participant_id", "not yours"}}).ok());
  auto waiting = WaitingChanges(*db, 10);
  REQUIRE(waiting.ok());
  REQUIRE(waiting->size() == 1);
  CHECK(waiting->front().ChangeId() == second->ChangeId());
  CHECK(*CountWaiting(*db) == 2);
  CHECK(*CountQuarantined(*db) == 1);
}

TEST_CASE("changes the server lost are queued again from the sequence it asks for") {
  testing::TempDir dir;
  auto db = TabletWithGrace(dir.File("replica.sqlite"));
  std::vector<sync::Change> written;
  for (const char* id : {"c-1", "c-2", "c-3"}) written.push_back(*RecordLocalChange(*db, Contact(id, id)));
  std::vector<sync::Receipt> receipts;
  for (const auto& c : written) receipts.push_back({c.ChangeId(), sync::ChangeHash(c)});
  REQUIRE(ConfirmChanges(*db, receipts, "2026-11-23T10:40:00Z").ok());
  CHECK(*CountWaiting(*db) == 0);
  REQUIRE(RequeueFrom(*db, 2).ok());
  auto waiting = WaitingChanges(*db, 10);
  REQUIRE(waiting.ok());
  REQUIRE(waiting->size() == 2);
  CHECK(waiting->front().device_seq == 2);
}

TEST_CASE("a participant who left the caseload is removed, but not this tablet's waiting changes") {
  testing::TempDir dir;
  auto db = TabletWithGrace(dir.File("replica.sqlite"));
  REQUIRE(RecordLocalChange(*db, Contact("c-1", "waiting")).ok());
  REQUIRE(RemoveParticipants(*db, {kGrace}).ok());
  CHECK(Count(*db, "participants") == 0);
  CHECK(Count(*db, "contacts") == 0);
  CHECK(Count(*db, "records") == 0);
  CHECK(Count(*db, "changes") == 1);  // the waiting contact, still to be pushed
  CHECK(*CountWaiting(*db) == 1);
}

TEST_CASE("a replica from before protocol 2 keeps its waiting changes and gets its chain repaired") {
  testing::TempDir dir;
  std::filesystem::copy_file(OUTPOST_TEST_DATA_DIR "/replica-schema-0003.sqlite",
                             dir.File("replica.sqlite"));
  auto db = Database::Open(dir.File("replica.sqlite"), JournalMode::kRollback);
  REQUIRE(db.ok());
  auto applied = MigrateToLatest(**db, Side::kClient);
  REQUIRE(applied.ok());
  CHECK(*applied == std::vector<int>{5, 7, 20, 21});
  CHECK(*CountWaiting(**db) == 2);
  auto repaired = RepairLocalChain(**db);
  REQUIRE(repaired.ok());
  CHECK(*repaired == 3);
  auto waiting = WaitingChanges(**db, 10);
  REQUIRE(waiting.ok());
  REQUIRE(waiting->size() == 2);
  CHECK(waiting->at(0).fields.find("Waiting: agreed CV workshop") != std::string::npos);
  auto first = db->get()->Prepare("SELECT hash FROM changes WHERE device_seq = 1 AND device_id LIKE 'tab-%'");
  REQUIRE(first.ok());
  REQUIRE(*first->Step());
  CHECK(waiting->at(0).prev_hash == first->ColumnText(0));
  CHECK(Count(**db, "records") == 4);  // Grace and her three contacts, carried into records
  // A new contact continues the chain after the repaired ones.
  auto next = RecordLocalChange(**db, Contact("c-new", "after the update"));
  REQUIRE(next.ok());
  CHECK(next->device_seq == 4);
  CHECK(next->prev_hash == sync::ChangeHash(waiting->at(1)));
}
