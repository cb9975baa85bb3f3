// The rule table of docs and UI: each compliance rule's id, what it asks, what starts its clock,
// what satisfies it, and the guidance paragraph to show beside it.
//
// The ids are the stable names of the spec's table ("plan-agreed"); they appear in CSV exports
// and in the UI, so never rename one. RuleId order is the table's order and the order of
// Evaluation::rules (compliance.h).
#ifndef OUTPOST_SHARED_RULES_RULE_SOURCES_H_
#define OUTPOST_SHARED_RULES_RULE_SOURCES_H_

#include <array>
#include <optional>
#include <string_view>

namespace outpost::rules {

// One value per row of the spec's table, in the table's order; the comments give the stable
// name used in CSV and UI.
enum class RuleId {
  kInitialMeeting,        // initial-meeting
  kPlanSignedDayOne,      // plan-signed-day-one
  kPlanAgreed,            // plan-agreed
  kPlanReview,            // plan-review
  kFaceToFace,            // face-to-face
  kWeeklyOffer,           // weekly-offer
  kFtaFirstAttempt,       // fta-first-attempt
  kFtaDaily,              // fta-daily
  kDisengagementNotice,   // disengagement-notice
  kEmployerSupportPlan,   // employer-support-plan
  kAccessToWork,          // access-to-work
  kExitReports,           // exit-reports
  kWorkExperience,        // work-experience
  kCaseConferences,       // case-conferences
  kProvisionLength,       // provision-length
};
// The number of rules, and the size of Evaluation::rules.
inline constexpr int kRuleCount = 15;

// The static description of one rule. All strings have static storage: a RuleInfo can be
// held by reference for the life of the program.
struct RuleInfo {
  RuleId id;
  std::string_view name;          // stable id, e.g. "plan-agreed"
  std::string_view rule;          // what the rule asks, in plain words
  std::string_view clock_starts;  // the event that starts its clock
  std::string_view satisfied_by;  // what would satisfy it
  std::string_view source;        // guidance paragraphs, e.g. "4.17"
};

// The table, in RuleId order.
const std::array<RuleInfo, kRuleCount>& AllRules();

// The row for `id`.
const RuleInfo& GetRuleInfo(RuleId id);

// The RuleId named `name` ("plan-agreed"), or nullopt for an unknown name.
std::optional<RuleId> RuleIdFromName(std::string_view name);

}  // namespace outpost::rules

#endif  // OUTPOST_SHARED_RULES_RULE_SOURCES_H_
