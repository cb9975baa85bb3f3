// Test helper: builds one participant's records in the order a journey happens.
#ifndef OUTPOST_TESTS_RULES_RECORDS_BUILDER_H_
#define OUTPOST_TESTS_RULES_RECORDS_BUILDER_H_

#include <string>

#include "shared/domain/participant_records.h"
#include "tests/rules/test_dates.h"

namespace outpost::testing {

class RecordsBuilder {
 public:
  // Referred on `referral`; the initial face-to-face meeting (the Start Date) on `start`,
  // recorded as an attended meeting, if given.
  RecordsBuilder(CivilDate referral, std::optional<CivilDate> start) {
    r_.participant.id = "p1";
    r_.participant.surname = "Jones";
    r_.participant.ni_number = "QQ123456C";
    r_.participant.referral.referral_date = referral;
    r_.participant.start_date = start;
    if (start) Meeting(*start);
  }

  RecordsBuilder& Meeting(CivilDate d, domain::ContactMode mode = domain::ContactMode::kFaceToFace,
                          std::string reason = "") {
    domain::Contact c;
    c.id = NextId("c");
    c.date = d;
    c.mode = mode;
    c.digital_reason = std::move(reason);
    r_.contacts.push_back(std::move(c));
    return *this;
  }
  RecordsBuilder& Fta(CivilDate d, int minute = -1) {
    domain::Contact c;
    c.id = NextId("c");
    c.date = d;
    c.minute_of_day = minute;
    c.outcome = domain::ContactOutcome::kFailedToAttend;
    r_.contacts.push_back(std::move(c));
    return *this;
  }
  RecordsBuilder& Attempt(CivilDate d, int minute = -1,
                          domain::ContactOutcome outcome = domain::ContactOutcome::kNoAnswer) {
    domain::Contact c;
    c.id = NextId("c");
    c.date = d;
    c.minute_of_day = minute;
    c.mode = domain::ContactMode::kTelephone;
    c.purpose = domain::ContactPurpose::kReengagementAttempt;
    c.outcome = outcome;
    r_.contacts.push_back(std::move(c));
    return *this;
  }
  // A plan version created on `created`, signed that day by the participant and key worker
  // (digital pen, matching hash) unless told otherwise.
  RecordsBuilder& Plan(CivilDate created, bool agreed = true, bool participant_signs = true,
                       bool key_worker_signs = true, std::optional<CivilDate> signed_on = {}) {
    domain::ActionPlanVersion v;
    v.id = NextId("v");
    v.version = static_cast<int>(r_.plan_versions.size()) + 1;
    v.created_on = created;
    v.fully_agreed = agreed;
    v.document_hash = "hash-" + v.id;
    v.weekly_offer.offered = true;
    v.weekly_offer.accepted = true;
    if (participant_signs) Sign(v, domain::SignerRole::kParticipant, signed_on.value_or(created));
    if (key_worker_signs) Sign(v, domain::SignerRole::kKeyWorker, signed_on.value_or(created));
    r_.plan_versions.push_back(std::move(v));
    return *this;
  }
  // A review: a face-to-face meeting and a new agreed, signed plan version the same day (4.24).
  RecordsBuilder& Review(CivilDate d) { return Meeting(d).Plan(d); }
  RecordsBuilder& Job(CivilDate offer, std::optional<CivilDate> start,
                      std::optional<CivilDate> end = {}, bool night_shifts = false) {
    domain::Employment e;
    e.id = NextId("job");
    e.employer = "Acme Ltd";
    e.offer_date = offer;
    e.start_date = start;
    e.end_date = end;
    e.night_shifts = night_shifts;
    r_.employments.push_back(std::move(e));
    return *this;
  }
  RecordsBuilder& EmployerSupportPlan(CivilDate issued) {
    r_.employer_support_plans.push_back({NextId("esp"), r_.employments.back().id, issued, "h"});
    return *this;
  }
  RecordsBuilder& AccessToWork(CivilDate applied) {
    domain::AccessToWork a;
    a.id = NextId("atw");
    a.employment_id = r_.employments.back().id;
    a.recorded_on = applied;
    a.applied = true;
    r_.access_to_work.push_back(std::move(a));
    return *this;
  }
  RecordsBuilder& WorkExperience(CivilDate d, int hours) {
    r_.work_experience.push_back({NextId("we"), d, hours * 60, true, "charity shop"});
    return *this;
  }
  RecordsBuilder& Conference(CivilDate d, domain::ConferenceKind kind =
                                              domain::ConferenceKind::kCaseConference) {
    domain::CaseConference c;
    c.id = NextId("cc");
    c.kind = kind;
    c.held_on = d;
    r_.case_conferences.push_back(std::move(c));
    return *this;
  }
  RecordsBuilder& Notice(CivilDate d, domain::Ipes07Kind kind = domain::Ipes07Kind::kDisengagement) {
    r_.ipes07_notices.push_back({NextId("n"), kind, d, "jcp@example.invalid", "kw1"});
    return *this;
  }
  RecordsBuilder& Break(CivilDate from, std::optional<CivilDate> to) {
    r_.breaks.push_back({NextId("b"), from, to, "flare-up of condition"});
    return *this;
  }
  RecordsBuilder& Exit(CivilDate d, domain::ExitKind kind = domain::ExitKind::kCompleter) {
    r_.exit = domain::Exit{d, kind, ""};
    return *this;
  }
  RecordsBuilder& ExitDocument(CivilDate d, domain::ExitDocumentKind kind) {
    r_.exit_documents.push_back({NextId("x"), kind, d, "h"});
    return *this;
  }

  domain::ParticipantRecords& records() { return r_; }
  const domain::ParticipantRecords& records() const { return r_; }

 private:
  void Sign(const domain::ActionPlanVersion& v, domain::SignerRole role, CivilDate on) {
    domain::Signature s;
    s.id = NextId("s");
    s.plan_version_id = v.id;
    s.document_hash = v.document_hash;
    s.role = role;
    s.signer_name = role == domain::SignerRole::kParticipant ? "A Jones" : "K Worker";
    s.signed_on = on;
    s.device_id = "tablet-7";
    s.strokes = {{{0, 0, 0}, {1, 1, 15}}};
    r_.signatures.push_back(std::move(s));
  }
  std::string NextId(const char* prefix) { return prefix + std::to_string(++next_id_); }

  domain::ParticipantRecords r_;
  int next_id_ = 0;
};

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_RULES_RECORDS_BUILDER_H_
