// Benchmark: EvaluateCompliance over 10,000 participants, each with about two years of records
// (weekly meetings, 4-weekly signed plan reviews, failures to attend with attempts, a job with
// its Employer Support Plan, work experience, case conferences). The generator uses a fixed
// seed, so every run evaluates the same records. Not a test: it prints one figure.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "shared/domain/participant_records.h"
#include "shared/rules/compliance.h"

namespace {

using outpost::CivilDate;
namespace domain = outpost::domain;
namespace rules = outpost::rules;

domain::ParticipantRecords MakeParticipant(int n, std::mt19937& rng) {
  std::uniform_int_distribution<int> start_offset(0, 120);
  std::uniform_int_distribution<int> percent(0, 99);
  domain::ParticipantRecords r;
  r.participant.id = std::to_string(n);
  r.participant.surname = "Surname";
  r.participant.ni_number = "QQ123456C";
  const CivilDate referral = CivilDate::Unchecked(2023, 1, 2).AddDays(start_offset(rng));
  const CivilDate start = referral.AddDays(7);
  r.participant.referral.referral_date = referral;
  r.participant.start_date = start;
  int id = 0;
  auto next = [&](const char* p) {
    std::string text(p);
    text += std::to_string(++id);
    return text;
  };
  r.case_conferences.push_back({next("cc"), domain::ConferenceKind::kWarmHandover, referral, true, true, ""});
  for (int day = 0; day < 730; day += 7) {
    domain::Contact c;
    c.id = next("c");
    c.date = start.AddDays(day);
    c.minute_of_day = 600;
    const int roll = percent(rng);
    if (roll < 5 && day > 0) {
      c.outcome = domain::ContactOutcome::kFailedToAttend;
      r.contacts.push_back(c);
      for (int k = 1; k <= 3; ++k) {
        domain::Contact a;
        a.id = next("c");
        a.date = c.date.AddDays(k);
        a.mode = domain::ContactMode::kTelephone;
        a.purpose = domain::ContactPurpose::kReengagementAttempt;
        a.outcome = k == 3 ? domain::ContactOutcome::kAttended : domain::ContactOutcome::kNoAnswer;
        r.contacts.push_back(a);
      }
      continue;
    }
    if (roll < 10) {
      c.mode = domain::ContactMode::kVideo;
      c.digital_reason = "unwell, could not travel";
    }
    r.contacts.push_back(c);
    domain::Contact extra;
    extra.id = next("c");
    extra.date = c.date.AddDays(3);
    extra.mode = domain::ContactMode::kEmail;
    extra.purpose = domain::ContactPurpose::kAdditionalContact;
    r.contacts.push_back(extra);
    if (day % 28 == 0) {
      domain::ActionPlanVersion v;
      v.id = next("v");
      v.version = static_cast<int>(r.plan_versions.size()) + 1;
      v.created_on = c.date;
      v.fully_agreed = day > 0;
      v.document_hash = "sha256-" + v.id;
      v.weekly_offer = {true, true, ""};
      v.items.resize(4);
      for (domain::SignerRole role : {domain::SignerRole::kParticipant, domain::SignerRole::kKeyWorker}) {
        domain::Signature s;
        s.id = next("s");
        s.plan_version_id = v.id;
        s.document_hash = v.document_hash;
        s.role = role;
        s.signer_name = "Name";
        s.signed_on = c.date;
        s.device_id = "tablet";
        s.strokes = {{{0, 0, 0}, {1, 1, 10}}};
        r.signatures.push_back(std::move(s));
      }
      r.plan_versions.push_back(std::move(v));
    }
    if (day % 91 == 0 && day > 0) {
      r.case_conferences.push_back({next("cc"), domain::ConferenceKind::kCaseConference, c.date, true, true, ""});
    }
    if (day < 200 && day % 35 == 0) {
      r.work_experience.push_back({next("we"), c.date.AddDays(1), 180, true, "shop"});
    }
  }
  if (percent(rng) < 50) {
    domain::Employment e;
    e.id = next("job");
    e.employer = "Employer";
    e.offer_date = start.AddDays(300);
    e.start_date = start.AddDays(314);
    r.employments.push_back(e);
    r.employer_support_plans.push_back({next("esp"), e.id, start.AddDays(320), "h"});
    domain::AccessToWork a;
    a.id = next("atw");
    a.employment_id = e.id;
    a.recorded_on = start.AddDays(301);
    a.applied = true;
    r.access_to_work.push_back(a);
  }
  return r;
}

}  // namespace

int main() {
  constexpr int kParticipants = 10000;
  std::mt19937 rng(20240115);
  std::vector<domain::ParticipantRecords> all;
  all.reserve(kParticipants);
  size_t records = 0;
  for (int i = 0; i < kParticipants; ++i) {
    all.push_back(MakeParticipant(i, rng));
    records += all.back().contacts.size() + all.back().signatures.size();
  }
  const rules::HolidayCalendar calendar;
  const CivilDate as_of = CivilDate::Unchecked(2025, 3, 3);
  double best_us = 1e18;
  long checksum = 0;
  for (int pass = 0; pass < 5; ++pass) {
    const auto t0 = std::chrono::steady_clock::now();
    for (const domain::ParticipantRecords& r : all) {
      rules::Evaluation e = rules::EvaluateCompliance(r, as_of, calendar);
      checksum += static_cast<int>(e.Get(rules::RuleId::kFaceToFace).status) + e.day_of_provision;
    }
    const auto t1 = std::chrono::steady_clock::now();
    const double us = std::chrono::duration<double, std::micro>(t1 - t0).count() / kParticipants;
    if (us < best_us) best_us = us;
  }
  std::printf("participants: %d, contacts and signatures per participant: %zu, checksum %ld\n",
              kParticipants, records / kParticipants, checksum);
  std::printf("rules_eval_us_per_participant: %.2f us\n", best_us);
  return 0;
}
