// Case conferencing (Annex 3; 1.22; seed on eligibility and referral): a 3-way warm handover
// between work coach, provider and participant, then 3 further case conferences arranged by the
// provider, the final one before IPES ceases or the participant moves into employment.
#ifndef OUTPOST_SHARED_DOMAIN_CASE_CONFERENCE_H_
#define OUTPOST_SHARED_DOMAIN_CASE_CONFERENCE_H_

#include <string>

#include "shared/base/civil_date.h"

namespace outpost::domain {

// kWarmHandover: the initial 3-way conversation (Annex 3 'Warm Handover'), normally at referral.
// kCaseConference: one of the 3 provider-arranged conferences the rules count.
// kWarmHandback: the final conference handing back to the Jobcentre when the participant leaves
// without a job (chapter 4 must-do 7); recorded, but not one of the 3.
enum class ConferenceKind { kWarmHandover, kCaseConference, kWarmHandback };

// Attendance is recorded because a case conference is, by definition, a meeting of participant,
// Jobcentre representative and provider (Annex 3); the rules do not yet reject one held without
// the Jobcentre, but the record lets a supervisor see it.
struct CaseConference {
  std::string id;
  ConferenceKind kind = ConferenceKind::kCaseConference;
  CivilDate held_on;
  bool participant_present = true;
  bool jobcentre_present = true;     // a Jobcentre representative (Annex 3)
  std::string notes;
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_CASE_CONFERENCE_H_
