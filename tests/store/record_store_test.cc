#include "shared/store/record_store.h"

#include <doctest/doctest.h>

#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "tests/support/sample_changes.h"

using namespace outpost;

TEST_CASE("records read for the rules carry the participant's dates and their contacts") {
  auto db = store::Database::Open(":memory:", store::JournalMode::kRollback);
  REQUIRE(db.ok());
  REQUIRE(store::MigrateToLatest(**db, store::Side::kServer).ok());
  sync::Change grace = testing::ParticipantChange("seed", 1, "p-grace", "amira.khan");
  grace.fields = R"({"family_name":"Okafor","given_name":"Grace","key_worker":"amira.khan",)"
                 R"("referral_date":"2026-10-30","start_date":"2026-11-14"})";
  sync::Change missed = testing::ContactChange("tablet-a", 2, "p-grace", "amira.khan");
  missed.fields = R"({"mode":"telephone","occurred_at":"2026-11-20T15:45","outcome":"no_answer"})";
  REQUIRE(store::ApplyChanges(**db,
                              {grace, testing::ParticipantChange("seed", 2, "p-leah", "ben.clarke"),
                               testing::ContactChange("tablet-a", 1, "p-grace", "amira.khan"),
                               missed},
                              {"2026-11-23T09:00:00Z"})
              .ok());
  auto records = store::LoadParticipantRecords(**db, std::string("amira.khan"));
  REQUIRE(records.ok());
  REQUIRE(records->size() == 1);
  const domain::ParticipantRecords& r = records->front();
  CHECK(r.participant.surname == "Okafor");
  CHECK(r.participant.referral.referral_date.ToString() == "2026-10-30");
  REQUIRE(r.participant.start_date.has_value());
  CHECK(r.participant.start_date->ToString() == "2026-11-14");
  REQUIRE(r.contacts.size() == 2);
  CHECK(r.contacts[0].outcome == domain::ContactOutcome::kNoAnswer);
  CHECK(r.contacts[0].purpose == domain::ContactPurpose::kReengagementAttempt);
  CHECK(r.contacts[0].minute_of_day == 15 * 60 + 45);
  CHECK(r.contacts[1].mode == domain::ContactMode::kFaceToFace);
  CHECK(r.contacts[1].location == "Central Library");
}

TEST_CASE("a stored date that does not parse is reported as data loss naming the participant") {
  auto db = store::Database::Open(":memory:", store::JournalMode::kRollback);
  REQUIRE(db.ok());
  REQUIRE(store::MigrateToLatest(**db, store::Side::kServer).ok());
  REQUIRE((*db)->Exec("INSERT INTO participants(participant_id, key_worker, given_name, "
                      "family_name, start_date, updated_hlc) VALUES ('p-x', 'k', 'A', 'B', "
                      "'14/11/2026', 'h')")
              .ok());
  auto records = store::LoadParticipantRecords(**db, std::nullopt);
  REQUIRE_FALSE(records.ok());
  CHECK(records.status().code() == Status::Code::kDataLoss);
  CHECK(records.status().where() == "participants[p-x].start_date");
}
