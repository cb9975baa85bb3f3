// Referral eligibility warnings and State Pension age (seed on eligibility and referral;
// Annex 3 'Working Age'; 1.24).
//
// The Jobcentre is the final decision maker on eligibility (1.24): Outpost records what it is
// told and warns the key worker about anything that looks wrong, it never blocks a referral.
//
// State Pension age, as the spec gives it:
//   - born before 6 April 1960: 66;
//   - born 6 April 1960 to 5 March 1961: 66 plus 1 to 11 months, one month more for each
//     monthly birth band (6 April to 5 May 1960: 66 and 1 month; ...; 6 February to
//     5 March 1961: 66 and 11 months);
//   - born 6 March 1961 to 5 April 1977: 67.
// Assumptions where the spec is silent:
//   - people born after 5 April 1977 are treated as 67 as well (the later rise to 68 is not
//     encoded; nobody born then reaches State Pension age before 2044);
//   - "66 years and N months" from a day the target month lacks (born 31 July 1960 plus
//     66 years 4 months) lands on the last day of that month.
#ifndef OUTPOST_SHARED_RULES_ELIGIBILITY_H_
#define OUTPOST_SHARED_RULES_ELIGIBILITY_H_

#include <string>
#include <string_view>
#include <vector>

#include "shared/base/civil_date.h"
#include "shared/domain/participant.h"

namespace outpost::rules {

struct StatePensionAge {
  int years = 66;
  int months = 0;
};

// The State Pension age that applies to someone born on `date_of_birth`.
StatePensionAge StatePensionAgeFor(CivilDate date_of_birth);

// The date someone born on `date_of_birth` reaches State Pension age.
CivilDate StatePensionAgeDate(CivilDate date_of_birth);

// Whole years of age on `on`, counting the birthday itself. Assumption: someone born on
// 29 February gains a year on 28 February in common years (CivilDate::AddYears clamps).
int AgeOn(CivilDate date_of_birth, CivilDate on);

struct EligibilityWarning {
  std::string field;           // e.g. "participant.date_of_birth", "participant.referral.residence"
  std::string message;         // plain words for the key worker
  std::string_view source;     // where the criterion comes from
};

// Every warning for `participant`'s referral, judged on the referral date. Empty means nothing
// looks wrong. Warnings are raised for a recorded "no" (or a wrong residence), for an age
// outside working age (16 in Wales, 18 in England, below State Pension age) and for a previous
// referral (re-referral rules apply); an answer not yet recorded raises nothing.
std::vector<EligibilityWarning> ReferralWarnings(const domain::Participant& participant);

}  // namespace outpost::rules

#endif  // OUTPOST_SHARED_RULES_ELIGIBILITY_H_
