// The server's push and pull rules, run in-process on a real central store.
#include "sync-server/sync_service.h"

#include <doctest/doctest.h>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "sync-server/accounts.h"
#include "tests/support/sample_changes.h"
#include "tests/support/temp_dir.h"

using namespace outpost;
using outpost::testing::TestDevice;

namespace {

const int64_t kNow = *ParseUtc("2026-11-23T12:13:20Z");
const std::string kGrace = "1c7a4d2f-6e2b-4d88-8b1f-2a3e4d5c6b72";
const std::string kLeah = "5abe8b6d-ac6f-4bc2-8f5d-6e7c8b9a0fb6";

struct Central {
  testing::TempDir dir;
  std::unique_ptr<store::Database> db;
  Central() {
    auto opened = store::Database::Open(dir.File("central.sqlite"), store::JournalMode::kWal);
    REQUIRE(opened.ok());
    db = std::move(opened).value();
    REQUIRE(store::MigrateToLatest(*db, store::Side::kServer).ok());
    REQUIRE(store::ApplyChanges(*db,
                                {testing::ParticipantChange("seed", 1, kGrace, "amira.khan"),
                                 testing::ParticipantChange("seed", 2, kLeah, "ben.clarke")},
                                {"2026-11-20T09:00:00Z"})
                .ok());
    REQUIRE(db->Exec("INSERT INTO assignments(participant_id, key_worker, assigned_at) VALUES "
                     "('" + kGrace + "', 'amira.khan', ''), ('" + kLeah + "', 'ben.clarke', '')")
                .ok());
  }
  sync::PushResponse Push(const server::Principal& who, std::vector<sync::Change> changes,
                          int64_t now = kNow) {
    auto reply = server::Push(*db, who, {sync::kProtocolVersion, who.device_id, changes,
                                         FormatUtc(now)}, now);
    REQUIRE(reply.ok());
    return *reply;
  }
  int64_t Count(const std::string& sql) {
    auto s = db->Prepare(sql);
    REQUIRE(s.ok());
    REQUIRE(*s->Step());
    return s->ColumnInt(0);
  }
};

const server::Principal kAmiraA{"amira.khan", "Amira Khan", "key_worker", "tablet-a"};
const server::Principal kBenB{"ben.clarke", "Ben Clarke", "key_worker", "tablet-b"};
const server::Principal kCarys{"carys.jones", "Carys Jones", "supervisor", "desk-c"};

}  // namespace

TEST_CASE("a skipped device_seq is a gap: nothing after it is stored and the reply says what to resend") {
  Central central;
  TestDevice tablet("tablet-a");
  sync::Change first = tablet.Contact(kGrace, "amira.khan");
  sync::Change second = tablet.Contact(kGrace, "amira.khan");
  sync::Change third = tablet.Contact(kGrace, "amira.khan");
  CHECK(central.Push(kAmiraA, {first}).applied.size() == 1);
  sync::PushResponse reply = central.Push(kAmiraA, {third});
  CHECK(reply.applied.empty());
  CHECK(reply.resend_from == 2);
  CHECK(reply.problem == "changes 2 to 2 of this device are missing");
  CHECK(central.Count("SELECT count(*) FROM contacts") == 1);
  CHECK(central.Push(kAmiraA, {second, third}).applied.size() == 2);
}

TEST_CASE("a change whose prev_hash does not follow the chain is not stored") {
  Central central;
  TestDevice tablet("tablet-a");
  REQUIRE(central.Push(kAmiraA, {tablet.Contact(kGrace, "amira.khan")}).applied.size() == 1);
  sync::Change forged = tablet.Contact(kGrace, "amira.khan");
  forged.prev_hash = std::string(64, '0');
  sync::PushResponse reply = central.Push(kAmiraA, {forged});
  CHECK(reply.applied.empty());
  CHECK(reply.resend_from == 2);
  CHECK(reply.problem.find("does not follow") != std::string::npos);
}

TEST_CASE("a device the server has never heard of is told to send its chain from the start") {
  Central central;
  TestDevice tablet("tablet-a");
  std::vector<sync::Change> all;
  for (int i = 0; i < 5; ++i) all.push_back(tablet.Contact(kGrace, "amira.khan"));
  sync::PushResponse reply = central.Push(kAmiraA, {all[3], all[4]});
  CHECK(reply.unknown_device);
  CHECK(reply.resend_from == 1);
  CHECK(central.Push(kAmiraA, all).applied.size() == 5);
}

TEST_CASE("changes sent out of order in one push are refused as a whole") {
  Central central;
  TestDevice tablet("tablet-a");
  sync::Change first = tablet.Contact(kGrace, "amira.khan");
  sync::Change second = tablet.Contact(kGrace, "amira.khan");
  auto reply =
      server::Push(*central.db, kAmiraA, {2, "tablet-a", {second, first}, FormatUtc(kNow)}, kNow);
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.status().where() == "changes[1].device_seq");
}

TEST_CASE("one refused change never blocks the rest, and a retry is told the same reason") {
  Central central;
  // Grace moves to Ben while Amira's tablet is offline, still holding an edit of her plan.
  TestDevice desk("desk-c");
  sync::Change move = testing::ParticipantChange("desk-c", 0, kGrace, "ben.clarke");
  move.author = "carys.jones";
  move.fields = R"({"key_worker":"ben.clarke"})";
  REQUIRE(central.Push(kCarys, {desk.Next(move)}, kNow - 3600 * 1000).applied.size() == 1);
  TestDevice tablet("tablet-a");
  sync::Change stale = testing::ParticipantChange("tablet-a", 0, kGrace, "amira.khan");
  stale.record_type = "plan_item";
  stale.record_id = "item-1";
  stale.author = "amira.khan";
  stale.fields = R"({"status":"done"})";
  stale = tablet.Next(stale);
  sync::Change before_move = testing::ContactChange("tablet-a", 0, kGrace, "amira.khan");
  before_move.captured_at = "2026-11-23T09:00:00Z";  // evidence from before the move: kept
  before_move = tablet.Next(before_move);
  sync::PushResponse reply = central.Push(kAmiraA, {stale, before_move});
  REQUIRE(reply.rejected.size() == 1);
  CHECK(reply.rejected[0].change_id == "tablet-a:1");
  CHECK(reply.rejected[0].reason == "this participant is no longer on your caseload");
  REQUIRE(reply.applied.size() == 1);
  CHECK(reply.applied[0].change_id == "tablet-a:2");
  sync::PushResponse retry = central.Push(kAmiraA, {stale, before_move});
  REQUIRE(retry.rejected.size() == 1);
  CHECK(retry.rejected[0].reason == "this participant is no longer on your caseload");
  CHECK(retry.already_known == reply.applied);
  CHECK(central.Count("SELECT count(*) FROM rejected_changes") == 1);
}

TEST_CASE("a retry spanning several pushes gets each change's receipt as first given, refusals too") {
  Central central;
  TestDevice tablet("tablet-a"), other("tablet-b");
  std::vector<sync::Change> sent;
  for (int i = 0; i < 3; ++i) sent.push_back(tablet.Contact(kGrace, "amira.khan"));
  sync::Change reused = testing::ContactChange("tablet-a", 0, kGrace, "amira.khan", "again");
  reused.record_id = sent[0].record_id;
  sent.push_back(tablet.Next(reused));
  for (int i = 0; i < 2; ++i) sent.push_back(tablet.Contact(kGrace, "amira.khan"));
  // The tablet's changes are stored in three stretches of the log: another device's push comes
  // between two of its own, and the refused change 4 breaks the second.
  sync::PushResponse one = central.Push(kAmiraA, {sent[0], sent[1], sent[2]});
  REQUIRE(central.Push(kBenB, {other.Contact(kLeah, "ben.clarke")}).applied.size() == 1);
  sync::PushResponse two = central.Push(kAmiraA, {sent[3], sent[4], sent[5]});
  REQUIRE(two.rejected.size() == 1);
  std::vector<sync::Receipt> first_receipts = one.applied;
  first_receipts.insert(first_receipts.end(), two.applied.begin(), two.applied.end());
  REQUIRE(first_receipts.size() == 5);

  std::vector<sync::Change> retry = sent;
  retry.push_back(tablet.Contact(kGrace, "amira.khan"));
  sync::PushResponse reply = central.Push(kAmiraA, retry);
  CHECK(reply.already_known == first_receipts);
  REQUIRE(reply.rejected.size() == 1);
  CHECK(reply.rejected[0].change_id == "tablet-a:4");
  REQUIRE(reply.applied.size() == 1);
  CHECK(reply.applied[0].change_id == "tablet-a:7");
}

TEST_CASE("a change no correct tablet could send refuses the whole push, and nothing is written") {
  Central central;
  TestDevice tablet("tablet-a");
  sync::Change good = tablet.Contact(kGrace, "amira.khan");
  sync::Change forged = tablet.Contact(kGrace, "ben.clarke");  // in someone else's name
  auto reply = server::Push(*central.db, kAmiraA, {2, "tablet-a", {good, forged}, FormatUtc(kNow)}, kNow);
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.status().where() == "changes[1].author");
  CHECK(central.Count("SELECT count(*) FROM contacts") == 0);
  CHECK(central.Count("SELECT count(*) FROM device_chains") == 0);
}

TEST_CASE("a push from a tablet whose clock is years off is refused until the clock is set") {
  Central central;
  TestDevice tablet("tablet-a");
  auto reply = server::Push(*central.db, kAmiraA,
                            {2, "tablet-a", {tablet.Contact(kGrace, "amira.khan")},
                             "1970-01-01T00:00:10Z"},
                            kNow);
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.status().where() == "sent_at");
  CHECK(reply.status().what() == "the tablet's clock is more than a year off: set its date and time");
}

TEST_CASE("a device clock far from the server's is flagged") {
  Central central;
  TestDevice tablet("tablet-a");
  auto reply = server::Push(*central.db, kAmiraA,
                            {2, "tablet-a", {tablet.Contact(kGrace, "amira.khan")},
                             FormatUtc(kNow - 3 * 3600 * 1000)},
                            kNow);
  REQUIRE(reply.ok());
  CHECK(reply->clock_flagged);
  CHECK(central.Count("SELECT clock_offset_ms FROM device_chains") == 3 * 3600 * 1000);
  CHECK_FALSE(central.Push(kAmiraA, {tablet.Contact(kGrace, "amira.khan")}).clock_flagged);
}

TEST_CASE("reassigning a participant moves their whole history to the new key worker's tablet") {
  Central central;
  TestDevice amira("tablet-a");
  REQUIRE(central.Push(kAmiraA, {amira.Contact(kGrace, "amira.khan", "before")}).applied.size() == 1);
  // Ben's tablet is up to date with his own caseload.
  auto first = server::Pull(*central.db, kBenB, 0, 100);
  REQUIRE(first.ok());
  int64_t cursor = first->next_cursor;
  // Carys moves Grace to Ben.
  TestDevice desk("desk-c");
  sync::Change move = testing::ParticipantChange("desk-c", 0, kGrace, "ben.clarke");
  move.author = "carys.jones";
  move.fields = R"({"key_worker":"ben.clarke"})";
  REQUIRE(central.Push(kCarys, {desk.Next(move)}).applied.size() == 1);

  auto backfill = server::Pull(*central.db, kBenB, cursor, 100, 0, first->holding);
  REQUIRE(backfill.ok());
  CHECK(backfill->more);
  CHECK(backfill->next_cursor == cursor);
  REQUIRE(backfill->changes.size() == 1);  // Grace as she was before Ben's cursor
  CHECK(backfill->changes[0].record_id == kGrace);
  CHECK(backfill->holding == std::vector<std::string>{kGrace, kLeah});
  CHECK(backfill->backfilling == std::vector<std::string>{kGrace});  // until her history is in
  auto rest = server::Pull(*central.db, kBenB, cursor, 100, backfill->backfill_after,
                           backfill->holding, backfill->backfilling);
  REQUIRE(rest.ok());
  REQUIRE(rest->changes.size() == 2);  // after the cursor: the contact, then the reassignment
  CHECK(rest->changes[0].record_type == "contact");
  CHECK(rest->changes[1].ChangeId() == "desk-c:1");

  auto amira_pull = server::Pull(*central.db, kAmiraA, 0, 100);
  REQUIRE(amira_pull.ok());  // from the start: Grace is no longer on Amira's caseload
  CHECK(amira_pull->changes.empty());
  CHECK(rest->holding == std::vector<std::string>{kGrace, kLeah});
  CHECK(rest->backfilling.empty());
  auto again = server::Pull(*central.db, kBenB, cursor, 100, 0, first->holding);  // asked again
  REQUIRE(again.ok());
  CHECK(again->changes == backfill->changes);
}

TEST_CASE("the old key worker's tablet is told to remove a reassigned participant") {
  Central central;
  auto before = server::Pull(*central.db, kAmiraA, 0, 100);
  REQUIRE(before.ok());
  CHECK(before->removed_participants.empty());
  TestDevice desk("desk-c");
  sync::Change move = testing::ParticipantChange("desk-c", 0, kGrace, "ben.clarke");
  move.author = "carys.jones";
  move.fields = R"({"key_worker":"ben.clarke"})";
  REQUIRE(central.Push(kCarys, {desk.Next(move)}).applied.size() == 1);
  auto after = server::Pull(*central.db, kAmiraA, before->next_cursor, 100, 0, before->holding);
  REQUIRE(after.ok());
  CHECK(after->removed_participants == std::vector<std::string>{kGrace});
}

TEST_CASE("a contact captured before a reassignment is still accepted from the old key worker") {
  Central central;
  TestDevice amira("tablet-a");
  sync::Change offline = testing::ContactChange("tablet-a", 0, kGrace, "amira.khan", "offline");
  offline.captured_at = "2026-11-23T09:00:00Z";
  offline = amira.Next(offline);
  TestDevice desk("desk-c");
  sync::Change move = testing::ParticipantChange("desk-c", 0, kGrace, "ben.clarke");
  move.author = "carys.jones";
  move.fields = R"({"key_worker":"ben.clarke"})";
  REQUIRE(central.Push(kCarys, {desk.Next(move)}, kNow).applied.size() == 1);  // at 12:13
  sync::PushResponse reply = central.Push(kAmiraA, {offline});
  CHECK(reply.applied.size() == 1);
  for (const auto& r : reply.rejected) FAIL_CHECK(r.where << ": " << r.reason);
}

TEST_CASE("an evidence id already taken is refused, whether stored earlier or earlier in the push") {
  Central central;
  TestDevice tablet("tablet-a");
  sync::Change first = tablet.Contact(kGrace, "amira.khan");
  REQUIRE(central.Push(kAmiraA, {first}).applied.size() == 1);
  auto reusing = [&](const std::string& record_id) {
    sync::Change c = testing::ContactChange("tablet-a", 0, kGrace, "amira.khan", "again");
    c.record_id = record_id;
    return tablet.Next(c);
  };
  sync::Change stored_id = reusing(first.record_id);
  sync::Change fresh = reusing("contact-fresh");
  sync::Change batch_id = reusing("contact-fresh");
  sync::PushResponse reply = central.Push(kAmiraA, {stored_id, fresh, batch_id});
  CHECK(reply.applied.size() == 1);
  REQUIRE(reply.rejected.size() == 2);
  CHECK(reply.rejected[0].where == "changes[0].record_id");
  CHECK(reply.rejected[0].reason == "evidence is written once; record a correction");
  CHECK(reply.rejected[1].where == "changes[2].record_id");
  CHECK(central.Count("SELECT count(*) FROM contacts") == 2);
}

TEST_CASE("an evidence id held outside the log, from before schema 0014, is refused too") {
  Central central;
  REQUIRE(central.db->Exec("INSERT INTO evidence_unlogged VALUES ('contact', 'legacy-1', '" +
                           kGrace + "', '{}', '{}', 'old:1')")
              .ok());
  TestDevice tablet("tablet-a");
  sync::Change legacy = testing::ContactChange("tablet-a", 0, kGrace, "amira.khan");
  legacy.record_id = "legacy-1";
  sync::PushResponse reply =
      central.Push(kAmiraA, {tablet.Next(legacy), tablet.Contact(kGrace, "amira.khan")});
  CHECK(reply.applied.size() == 1);
  REQUIRE(reply.rejected.size() == 1);
  CHECK(reply.rejected[0].where == "changes[0].record_id");
  CHECK(reply.rejected[0].reason == "evidence is written once; record a correction");
}

TEST_CASE("a push checked before the store is locked is answered and stored as one checked inside") {
  // The same pushes go to two central stores, to one with CheckPush's results (as the server
  // works them out before taking the lock) and to the other without.
  Central checked_first, checked_inside;
  TestDevice tablet("tablet-a"), desk("desk-c");
  std::vector<sync::Change> sent;
  for (int i = 0; i < 3; ++i) sent.push_back(tablet.Contact(kGrace, "amira.khan"));
  sync::Change reused = testing::ContactChange("tablet-a", 0, kGrace, "amira.khan", "again");
  reused.record_id = sent[0].record_id;  // refused alone: evidence is written once
  sent.push_back(tablet.Next(reused));
  sync::Change move = testing::ParticipantChange("desk-c", 0, kGrace, "ben.clarke");
  move.author = "carys.jones";
  move.fields = R"({"key_worker":"ben.clarke"})";
  move = desk.Next(move);
  sync::Change after_move = testing::ContactChange("tablet-a", 0, kGrace, "amira.khan");
  after_move.captured_at = "2026-11-23T12:00:00Z";  // refused alone: Grace has moved on
  after_move = tablet.Next(after_move);
  sync::Change invalid = testing::ContactChange("tablet-a", 0, kGrace, "amira.khan");
  invalid.fields = R"({"notes":"no date or mode"})";  // refuses its whole push
  invalid = tablet.Next(invalid);

  struct Sent {
    server::Principal who;
    std::vector<sync::Change> changes;
    int64_t now = kNow;
  };
  const std::vector<Sent> pushes = {
      {kAmiraA, {sent[0], sent[1]}},
      {kAmiraA, {sent[0], sent[1], sent[2], sent[3]}},  // a retry, then new changes
      {kCarys, {move}, kNow - 3600 * 1000},             // Grace moves to Ben at 11:13
      {kAmiraA, {sent[2], sent[3], after_move}},
      {kAmiraA, {invalid}},
  };
  for (size_t n = 0; n < pushes.size(); ++n) {
    CAPTURE(n);
    const Sent& push = pushes[n];
    const sync::PushRequest request{sync::kProtocolVersion, push.who.device_id, push.changes,
                                    FormatUtc(push.now)};
    server::PushChecks checks = server::CheckPush(request);
    auto first = server::Push(*checked_first.db, push.who, request, push.now, &checks);
    auto inside = server::Push(*checked_inside.db, push.who, request, push.now);
    REQUIRE(first.ok() == inside.ok());
    CHECK(first.ok() == (n + 1 < pushes.size()));  // only the last push is refused whole
    if (first.ok()) {
      CHECK(*first == *inside);
    } else {
      CHECK(first.status().where() == inside.status().where());
      CHECK(first.status().what() == inside.status().what());
    }
  }
  for (const char* sql : {"SELECT count(*) FROM changes", "SELECT count(*) FROM rejected_changes",
                          "SELECT count(*) FROM contacts"})
    CHECK(checked_first.Count(sql) == checked_inside.Count(sql));
  CHECK(checked_first.Count("SELECT count(*) FROM rejected_changes") == 2);
}

TEST_CASE("checks worked out for another push are refused, and nothing is written") {
  Central central;
  TestDevice tablet("tablet-a");
  const sync::PushRequest one{sync::kProtocolVersion, "tablet-a",
                              {tablet.Contact(kGrace, "amira.khan")}, FormatUtc(kNow)};
  const sync::PushRequest two{sync::kProtocolVersion, "tablet-a",
                              {one.changes[0], tablet.Contact(kGrace, "amira.khan")},
                              FormatUtc(kNow)};
  server::PushChecks checks = server::CheckPush(one);
  auto reply = server::Push(*central.db, kAmiraA, two, kNow, &checks);
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.status().where() == "checks");
  CHECK(reply.status().what() == "must be CheckPush of this request: 1 hashes for 2 changes");
  CHECK(central.Count("SELECT count(*) FROM changes WHERE device_id = 'tablet-a'") == 0);
}
