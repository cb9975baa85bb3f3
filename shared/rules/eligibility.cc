#include "shared/rules/eligibility.h"

namespace outpost::rules {
namespace {
constexpr std::string_view kSeed = "seed on eligibility and referral";
}  // namespace

StatePensionAge StatePensionAgeFor(CivilDate dob) {
  const CivilDate band_start = CivilDate::Unchecked(1960, 4, 6);
  const CivilDate sixty_seven_from = CivilDate::Unchecked(1961, 3, 6);
  if (dob < band_start) return {66, 0};
  if (dob >= sixty_seven_from) return {67, 0};
  // Monthly bands from the 6th of one month to the 5th of the next: 6 April to 5 May 1960 is
  // band 1. Count whole months from 6 April 1960 to the band's opening 6th.
  int y, m, d;
  dob.ToYmd(&y, &m, &d);
  int months_since = (y - 1960) * 12 + (m - 4);
  if (d < 6) --months_since;  // the 1st to 5th belong to the band that opened the month before
  return {66, months_since + 1};
}

CivilDate StatePensionAgeDate(CivilDate dob) {
  const StatePensionAge age = StatePensionAgeFor(dob);
  return dob.AddMonths(age.years * 12 + age.months);
}

// Uses AddYears so that the birthday rule for 29 February is the same one the State Pension age
// date uses.
int AgeOn(CivilDate dob, CivilDate on) {
  int age = on.year() - dob.year();
  if (dob.AddYears(age) > on) --age;
  return age;
}

// Every check appends a warning and carries on: 1.24 leaves the decision to the Jobcentre, so
// the key worker sees everything that looks wrong and nothing is refused.
std::vector<EligibilityWarning> ReferralWarnings(const domain::Participant& p) {
  using domain::Answer;
  using domain::Nation;
  std::vector<EligibilityWarning> out;
  const domain::Referral& r = p.referral;
  const CivilDate on = r.referral_date;
  if (p.date_of_birth) {
    const int age = AgeOn(*p.date_of_birth, on);
    const int floor = r.residence == Nation::kWales ? 16 : 18;
    if (age < floor) {
      out.push_back({"participant.date_of_birth",
                     "aged " + std::to_string(age) + " at referral; working age for IPES starts at " +
                         std::to_string(floor) +
                         (floor == 16 ? " in Wales" : " in England (16 and 17 year olds in England "
                                                      "stay in education or training)"),
                     "Annex 3 'Working Age'"});
    }
    const CivilDate spa = StatePensionAgeDate(*p.date_of_birth);
    if (spa <= on) {
      out.push_back({"participant.date_of_birth",
                     "reached State Pension age on " + spa.ToString() +
                         ", before the referral; IPES is for people below State Pension age",
                     kSeed});
    }
  }
  if (r.residence != Nation::kUnknown && r.residence != Nation::kEngland &&
      r.residence != Nation::kWales) {
    out.push_back({"participant.referral.residence",
                   "does not live in England or Wales, where IPES is provided", kSeed});
  }
  if (r.has_disability == Answer::kNo) {
    out.push_back({"participant.referral.has_disability",
                   "no disability as defined in the Equality Act 2010 is recorded", kSeed});
  }
  if (r.right_to_reside == Answer::kNo) {
    out.push_back({"participant.referral.right_to_reside", "no right to reside in the UK", kSeed});
  }
  if (r.right_to_work == Answer::kNo) {
    out.push_back({"participant.referral.right_to_work", "no right to work in the UK", kSeed});
  }
  if (r.in_paid_work == Answer::kYes) {
    out.push_back({"participant.referral.in_paid_work",
                   "in paid work; IPES is for people not in any form of paid employment", kSeed});
  }
  if (r.on_other_dwp_provision == Answer::kYes) {
    out.push_back({"participant.referral.on_other_dwp_provision",
                   "currently on other DWP contracted employment provision", kSeed});
  }
  if (r.previously_referred) {
    out.push_back({"participant.referral.previously_referred",
                   "referred to IPES before: re-referral rules apply", "Annex 3 'Re-referral'"});
  }
  return out;
}

}  // namespace outpost::rules
