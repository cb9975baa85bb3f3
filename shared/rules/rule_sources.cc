#include "shared/rules/rule_sources.h"

namespace outpost::rules {

// The wording follows the spec's table and the guidance paragraph it cites; change the text only
// with the guidance, and never the names (they are stored in exports).
const std::array<RuleInfo, kRuleCount>& AllRules() {
  static constexpr std::array<RuleInfo, kRuleCount> kRules = {{
      {RuleId::kInitialMeeting, "initial-meeting",
       "initial meeting within 15 working days of the referral", "referral date",
       "a face-to-face initial meeting (or digital by exception, with the reason recorded)",
       "4.08"},
      {RuleId::kPlanSignedDayOne, "plan-signed-day-one",
       "Action Plan commenced, signed and dated by participant and provider on the day of the "
       "initial meeting",
       "Start Date", "participant and key worker signatures of a plan version, dated that day",
       "4.15, CSS 2"},
      {RuleId::kPlanAgreed, "plan-agreed",
       "a fully agreed Action Plan within 20 working days of the Start Date", "Start Date",
       "a fully agreed plan version signed by the participant", "4.17"},
      {RuleId::kPlanReview, "plan-review",
       "Action Plan reviewed and updated at least every 4 weeks, also during In-Work Support",
       "last signed plan version", "a new plan version signed by the participant", "4.21, 4.24"},
      {RuleId::kFaceToFace, "face-to-face",
       "face-to-face contact at least every 4 weeks for the whole time on provision",
       "last face-to-face contact",
       "an attended face-to-face meeting; a digital meeting counts only with its exception "
       "reason, and is flagged",
       "4.04, 1.22, COVID box"},
      {RuleId::kWeeklyOffer, "weekly-offer",
       "the Action Plan records the offer of weekly face-to-face support, or the reasons it was "
       "declined",
       "Start Date", "a plan version with the weekly offer accepted or declined with reasons",
       "4.14, 4.21"},
      {RuleId::kFtaFirstAttempt, "fta-first-attempt",
       "after a failure to attend, a re-engagement attempt within 24 hours", "the missed appointment",
       "a recorded contact or attempt within 24 hours", "4.49"},
      {RuleId::kFtaDaily, "fta-daily",
       "daily contact attempts over the 5 working days after a failure to attend",
       "the missed appointment",
       "an attempt on each of the 5 working days, until the participant re-engages", "4.50"},
      {RuleId::kDisengagementNotice, "disengagement-notice",
       "notify DWP on form IPES07 when still not engaged after 5 working days, when the "
       "participant withdraws, and again when they re-engage",
       "day 5 of attempts, a withdrawal, or a re-engagement", "an IPES07 notice recorded as sent",
       "4.51 to 4.53"},
      {RuleId::kEmployerSupportPlan, "employer-support-plan",
       "Employer Support Plan issued to the employer within 10 working days of starting work",
       "job start date", "an Employer Support Plan record for the job", "4.35"},
      {RuleId::kAccessToWork, "access-to-work",
       "apply for Access to Work as soon as a firm job offer is received", "job offer",
       "a recorded application, or the reason it is not needed", "4.32"},
      {RuleId::kExitReports, "exit-reports",
       "IPES Progress Report and Exit Activity Plan within 10 working days of becoming a "
       "Completer",
       "exit date", "both documents recorded (the Progress Report alone for an Early Completer)",
       "Annex 3, 4.41"},
      {RuleId::kWorkExperience, "work-experience",
       "at least 16 hours of unpaid experience in a work environment during Pre-Work Support",
       "Start Date", "summed hours of unpaid work experience", "1.25"},
      {RuleId::kCaseConferences, "case-conferences",
       "a 3-way warm handover, then 3 case conferences, the last before exit or job start",
       "referral", "a recorded warm handover and 3 case conferences",
       "seed on eligibility and referral, 1.22"},
      {RuleId::kProvisionLength, "provision-length",
       "Pre-Work Support at most 456 days; at most 639 days in all; Extension Period only if in "
       "In-Work Support on day 457",
       "Start Date", "an exit by the last allowed day", "1.26, 1.27"},
  }};
  return kRules;
}

const RuleInfo& GetRuleInfo(RuleId id) { return AllRules()[static_cast<int>(id)]; }

std::optional<RuleId> RuleIdFromName(std::string_view name) {
  for (const RuleInfo& info : AllRules()) {
    if (info.name == name) return info.id;
  }
  return std::nullopt;
}

}  // namespace outpost::rules
