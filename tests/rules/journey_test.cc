// Whole participant journeys, referral to completion, with the expected status of every rule at
// several dates. Each row's status string has one letter per rule in RuleId order:
//   initial-meeting, plan-signed-day-one, plan-agreed, plan-review, face-to-face, weekly-offer,
//   fta-first-attempt, fta-daily, disengagement-notice, employer-support-plan, access-to-work,
//   exit-reports, work-experience, case-conferences, provision-length
// M met, D due, S due soon, O overdue, - not applicable.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "shared/rules/compliance.h"
#include "tests/rules/records_builder.h"

namespace outpost::rules {
namespace {

using testing::D;
using testing::RecordsBuilder;

struct Checkpoint {
  const char* as_of;
  Phase phase;
  const char* statuses;
};

char Letter(RuleStatus s) {
  switch (s) {
    case RuleStatus::kMet: return 'M';
    case RuleStatus::kDue: return 'D';
    case RuleStatus::kDueSoon: return 'S';
    case RuleStatus::kOverdue: return 'O';
    case RuleStatus::kNotApplicable: return '-';
  }
  return '?';
}

void CheckJourney(const domain::ParticipantRecords& records, const std::vector<Checkpoint>& rows) {
  const HolidayCalendar calendar;
  for (const Checkpoint& row : rows) {
    CAPTURE(row.as_of);
    Evaluation e = EvaluateCompliance(records, D(row.as_of), calendar);
    std::string got;
    for (const RuleResult& r : e.rules) got.push_back(Letter(r.status));
    CHECK(PhaseName(e.phase) == PhaseName(row.phase));
    CHECK(got == row.statuses);
  }
}

TEST_CASE("journey: referral, plan, work experience, job with In-Work Support, completion") {
  const CivilDate start = D("2024-01-15");
  RecordsBuilder b(D("2024-01-08"), start);
  b.Conference(D("2024-01-08"), domain::ConferenceKind::kWarmHandover);
  b.Plan(start, /*agreed=*/false);
  for (int k = 1; k <= 15; ++k) b.Review(start.AddDays(28 * k));  // 2024-02-12 ... 2025-03-10
  b.WorkExperience(D("2024-03-05"), 8).WorkExperience(D("2024-03-12"), 8);
  b.Conference(D("2024-03-01")).Conference(D("2024-04-15")).Conference(D("2024-06-20"));
  b.Job(D("2024-06-17"), D("2024-07-01")).AccessToWork(D("2024-06-17"));
  b.EmployerSupportPlan(D("2024-07-08"));
  b.Exit(D("2025-03-31"));
  b.ExitDocument(D("2025-04-04"), domain::ExitDocumentKind::kProgressReport);
  b.ExitDocument(D("2025-04-04"), domain::ExitDocumentKind::kExitActivityPlan);
  CheckJourney(b.records(), {
      {"2024-01-10", Phase::kAwaitingStart, "D--------------"},
      {"2024-02-01", Phase::kPreWork, "MMDDDM------DDD"},
      {"2024-07-03", Phase::kInWork, "MMMDDM---DM-MMD"},
      {"2024-07-16", Phase::kInWork, "MMMDDM---MM-MMD"},
      {"2025-04-01", Phase::kCompleted, "MMMMMM---MMDMMM"},
      {"2025-04-15", Phase::kCompleted, "MMMMMM---MMMMMM"},
  });
}

TEST_CASE("journey: failure to attend before Easter, IPES07, Jobcentre re-engagement") {
  const CivilDate start = D("2024-01-15");
  RecordsBuilder b(D("2024-01-08"), start);
  b.Plan(start, false).Review(D("2024-02-12")).Review(D("2024-03-11"));
  // Missed on Friday 22 March 2024; Good Friday 29 March and Easter Monday 1 April follow, so the
  // 5 working days are 25, 26, 27, 28 March and 2 April.
  b.Fta(D("2024-03-22"), 14 * 60).Attempt(D("2024-03-23"), 10 * 60);
  for (const char* d : {"2024-03-25", "2024-03-26", "2024-03-27", "2024-03-28", "2024-04-02"}) {
    b.Attempt(D(d));
  }
  b.Notice(D("2024-04-03"));
  b.records().jobcentre_answers.push_back(
      {"ja1", domain::JobcentreForm::kUC78e, D("2024-04-22"), true, ""});
  b.Review(D("2024-04-24"));
  CheckJourney(b.records(), {
      {"2024-03-26", Phase::kPreWork, "MMMDDMMS----DDD"},
      {"2024-04-03", Phase::kDisengaged, "MMMSSMMMM---DDD"},
      {"2024-04-10", Phase::kDisengaged, "MMMOOMMMM---DDD"},
      {"2024-04-25", Phase::kPreWork, "MMMDDMMMM---DDD"},
  });
}

}  // namespace
}  // namespace outpost::rules
