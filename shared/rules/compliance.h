// Compliance evaluation: every rule of the IPES rule table for one participant on one date.
//
// Given everything recorded about a participant (domain::ParticipantRecords) and an as-of date,
// EvaluateCompliance returns, for each rule of rule_sources.h, its status, due date, whether it
// was met late, and (through GetRuleInfo) what would satisfy it and its guidance paragraph;
// plus the participant's phase and day of provision (provision_clock.h). The tablet offline and
// the server centrally call this same function on the same records, so they agree.
//
// Usage:
//   rules::HolidayCalendar calendar;                       // build once, share
//   rules::Evaluation e = rules::EvaluateCompliance(records, as_of, calendar);
//   const rules::RuleResult& r = e.Get(rules::RuleId::kPlanAgreed);
//   if (r.status == rules::RuleStatus::kOverdue) ...       // r.due_date says since when
//
// Status, for a rule with a deadline:
//   kMet           - satisfied on or before as_of (`late` is set if after the due date);
//   kOverdue       - not satisfied and the due date has passed;
//   kDueSoon       - not satisfied, due within options.due_soon_working_days working days
//                    (today counts as due soon);
//   kDue           - not satisfied, due later;
//   kNotApplicable - its clock has not started (no job, no failure to attend, not exited...).
// Recurring rules (plan-review, face-to-face) always have a next due date while the participant
// is on provision, so they report kDue / kDueSoon / kOverdue for the next occurrence, and
// `missed` counts earlier gaps longer than 4 weeks; after exit they report kMet, with `late`
// set if there was any gap. Rules about an event that can recur (a failure to attend, a job)
// report on the latest event, with `missed` counting earlier events whose deadline was missed.
//
// Only events dated on or before as_of count as having happened, so evaluating at a past date
// gives the answer the system would have given then (a job start already arranged for a later
// date may still set the case-conferences due date, since the last conference must precede it). Records are not validated here; run
// domain::Validate first to show form errors. A break in provision does not stop any clock
// (the guidance asks for contact to continue during a break, 4.70); neither does
// disengagement (4.48: the participant remains on the programme).
//
// Cost: linear in the number of records, with a few small allocations; see
// tests/bench/bench_rules_eval.cc. Thread-safe: no shared mutable state.
#ifndef OUTPOST_SHARED_RULES_COMPLIANCE_H_
#define OUTPOST_SHARED_RULES_COMPLIANCE_H_

#include <array>
#include <optional>
#include <string_view>

#include "shared/base/civil_date.h"
#include "shared/domain/participant_records.h"
#include "shared/rules/bank_holidays.h"
#include "shared/rules/provision_clock.h"
#include "shared/rules/rule_sources.h"

namespace outpost::rules {

enum class RuleStatus { kMet, kDue, kDueSoon, kOverdue, kNotApplicable };

// "met", "due", "due-soon", "overdue", "not-applicable".
std::string_view RuleStatusName(RuleStatus status);

struct RuleResult {
  RuleId id = RuleId::kInitialMeeting;
  RuleStatus status = RuleStatus::kNotApplicable;
  std::optional<CivilDate> due_date;  // the deadline being reported (absent when n/a)
  std::optional<CivilDate> met_on;    // when it was satisfied, if it was
  bool late = false;                  // met after the due date, or (recurring) a gap occurred
  bool flagged = false;               // face-to-face / initial meeting: a digital meeting counted
  int missed = 0;                     // earlier occurrences whose deadline was missed
  std::string_view note;              // a short static explanation, or empty
};

struct EvaluationOptions {
  // How many working days before a due date the status turns from kDue to kDueSoon.
  int due_soon_working_days = 3;
};

struct Evaluation {
  CivilDate as_of;
  Phase phase = Phase::kAwaitingStart;
  int day_of_provision = 0;           // 0 before the Start Date
  int last_allowed_day = kPreWorkMaxDays;
  std::array<RuleResult, kRuleCount> rules;  // in RuleId order

  const RuleResult& Get(RuleId id) const { return rules[static_cast<int>(id)]; }
};

// Evaluates every rule for `records` on `as_of`. Never fails: missing data makes a rule due,
// overdue or not applicable, never an error.
Evaluation EvaluateCompliance(const domain::ParticipantRecords& records, CivilDate as_of,
                              const HolidayCalendar& calendar,
                              const EvaluationOptions& options = {});

}  // namespace outpost::rules

#endif  // OUTPOST_SHARED_RULES_COMPLIANCE_H_
