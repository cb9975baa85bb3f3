// Participant and Referral: who the Jobcentre referred, when, and what it told the provider.
//
// The Jobcentre is the final decision maker on eligibility (1.24), so a Referral records the
// Jobcentre's answers as given and the software only warns about them (see
// shared/rules/eligibility.h); nothing here refuses a referral.
//
// Dates: `referral_date` is the day the referral was made in PRaP; it starts the 15-working-day
// clock of the initial meeting (4.08). `start_date` is the Start Date (Annex 3): the day of the
// initial face-to-face meeting, and Day 1 of provision. It is empty until that meeting happens.
#ifndef OUTPOST_SHARED_DOMAIN_PARTICIPANT_H_
#define OUTPOST_SHARED_DOMAIN_PARTICIPANT_H_

#include <optional>
#include <string>

#include "shared/base/civil_date.h"

namespace outpost::domain {

// Where the participant lives. IPES covers England and Wales only; the working-age floor differs
// (16 in Wales, 18 in England: Annex 3 'Working Age').
enum class Nation { kUnknown, kEngland, kWales, kScotland, kNorthernIreland, kOutsideUk };

// A yes/no answer that may not have been recorded yet.
enum class Answer { kUnknown, kYes, kNo };

// What the Jobcentre's referral says (seed on eligibility and referral). Each answer is as the
// Jobcentre recorded it; kUnknown means not recorded, which is not in itself a warning.
struct Referral {
  CivilDate referral_date;            // made in PRaP; clock start of the initial meeting (4.08)
  Nation residence = Nation::kUnknown;
  Answer has_disability = Answer::kUnknown;       // as defined in the Equality Act 2010
  Answer right_to_reside = Answer::kUnknown;
  Answer right_to_work = Answer::kUnknown;
  Answer in_paid_work = Answer::kUnknown;         // must be "no" to be eligible
  Answer on_other_dwp_provision = Answer::kUnknown;  // other DWP contracted provision
  bool previously_referred = false;   // a Re-referral (Annex 3): re-referral rules apply
  std::string work_coach;             // the Jobcentre work coach, for case conferences
};

struct Participant {
  std::string id;                     // record id, opaque to the rules
  std::string given_names;
  std::string surname;                // needed for the IPES07 email (4.53)
  // National Insurance number as written, e.g. "QQ 12 34 56 C". Shown masked except where a
  // task needs it; the IPES07 notice uses only its last 3 digits.
  std::string ni_number;
  std::optional<CivilDate> date_of_birth;
  std::string key_worker_id;          // the same Key Worker throughout (1.22)
  Referral referral;
  std::optional<CivilDate> start_date;  // Start Date = Day 1 (Annex 3)
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_PARTICIPANT_H_
