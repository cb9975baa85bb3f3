#include "shared/store/record_store.h"

#include <doctest/doctest.h>

#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "shared/base/sha256.h"
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

namespace {

// A record of `type` written by tablet-a for participant p-grace.
sync::Change Record(int64_t seq, const std::string& type, const std::string& id, const char* fields) {
  sync::Change c = testing::ContactChange("tablet-a", seq, "p-grace", "amira.khan");
  c.record_type = type;
  c.record_id = id;
  c.fields = fields;
  return c;
}

}  // namespace

TEST_CASE("every synced record type reaches the rules: breaks and jobs and consent and notices and exits and signatures") {
  auto db = store::Database::Open(":memory:", store::JournalMode::kRollback);
  REQUIRE(db.ok());
  REQUIRE(store::MigrateToLatest(**db, store::Side::kServer).ok());
  const std::string document = "Action Plan version shown";
  const std::string hash = Sha256Hex(document);
  auto signature = [&](int64_t seq, const char* role) {
    nlohmann::json f = {{"document", document}, {"document_hash", hash}, {"method", "wet"},
                        {"paper_reference", "box 4"}, {"plan_version", "1"},
                        {"signed_at", "2026-11-16T10:00:00Z"}, {"signer_name", "G"},
                        {"signer_role", role}};
    return Record(seq, "signature", "sig-" + std::to_string(seq), f.dump().c_str());
  };
  std::vector<sync::Change> changes = {
      testing::ParticipantChange("seed", 1, "p-grace", "amira.khan"),
      Record(1, "provision_break", "brk-1", R"({"reason":"hospital stay","start":"2026-11-18"})"),
      Record(2, "employment", "job-1", R"({"employer":"Tesco","hours_per_week":"16","offer_date":"2026-11-20"})"),
      Record(3, "support_consent", "con-1", R"({"given_on":"2026-11-14","shared_with":"Sister"})"),
      Record(4, "ipes07_notice", "n-1", R"({"kind":"disengagement","sent_at":"2026-11-21T09:00:00Z"})"),
      Record(5, "exit_document", "x-1", R"({"completed_on":"2026-11-22","kind":"progress_report"})"),
      Record(6, "needs_assessment", "ina-1", R"({"assessed_on":"2026-11-14","job_goals":"Retail"})"),
      signature(7, "participant"),
      signature(8, "key_worker"),
  };
  auto applied = store::ApplyChanges(**db, changes, {"2026-11-23T09:00:00Z"});
  REQUIRE(applied.ok());
  auto records = store::LoadParticipantRecords(**db, std::string("amira.khan"));
  REQUIRE(records.ok());
  REQUIRE(records->size() == 1);
  const domain::ParticipantRecords& r = records->front();
  REQUIRE(r.breaks.size() == 1);
  CHECK(r.breaks[0].reason == "hospital stay");
  CHECK_FALSE(r.breaks[0].end.has_value());
  REQUIRE(r.employments.size() == 1);
  CHECK(r.employments[0].hours_per_week == 16);
  CHECK(r.employments[0].offer_date->ToString() == "2026-11-20");
  CHECK(r.consents.size() == 1);
  CHECK(r.ipes07_notices.size() == 1);
  CHECK(r.exit_documents.size() == 1);
  REQUIRE(r.needs_assessment.has_value());
  CHECK(r.needs_assessment->job_goals == "Retail");
  REQUIRE(r.plan_versions.size() == 1);
  CHECK(r.plan_versions[0].fully_agreed);
  CHECK(r.plan_versions[0].created_on.ToString() == "2026-11-16");
  CHECK(r.signatures.size() == 2);
}

TEST_CASE("a break is refused without its reason and access to work not applied for needs why") {
  sync::Change brk = Record(1, "provision_break", "brk-1", R"({"reason":"","start":"2026-11-18"})");
  Status refused = sync::ValidateChange(brk);
  CHECK(refused.where() == "fields.reason");
  sync::Change atw = Record(2, "access_to_work", "atw-1",
                            R"({"applied":"no","employment_id":"job-1","recorded_on":"2026-11-20"})");
  CHECK(sync::ValidateChange(atw).where() == "fields.not_needed_reason");
}
