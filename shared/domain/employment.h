// Work: employment spells, the Employer Support Plan, Access to Work, and the unpaid experience
// in a work environment that Pre-Work Support must include.
//
//  - Employment (1.26): a job or self-employment. Starting one before day 456 moves the
//    participant into In-Work Support; if it ends before day 456 they move back to Pre-Work
//    Support. `offer_date` is the firm job offer that starts the Access to Work clock (4.32).
//  - EmployerSupportPlan (4.34 to 4.37): issued to the employer within 10 working days of the
//    start of employment (4.35).
//  - AccessToWork (4.30 to 4.32): applied for as soon as a firm offer is received, or a recorded
//    reason it is not needed (reasonable adjustments cover it, 4.31).
//  - WorkExperience (1.25): unpaid experience in a work environment, at least 16 hours during
//    Pre-Work Support. Hours are kept as minutes so sums are exact.
#ifndef OUTPOST_SHARED_DOMAIN_EMPLOYMENT_H_
#define OUTPOST_SHARED_DOMAIN_EMPLOYMENT_H_

#include <optional>
#include <string>

#include "shared/base/civil_date.h"

namespace outpost::domain {

// One job or period of self-employment. Several may exist: the journey is not linear (1.25),
// and a participant can start, lose and find work again. Dates are the participant's own
// (first and last day worked), not the employer's contract dates.
struct Employment {
  std::string id;
  std::string employer;              // empty for self-employment
  bool self_employed = false;
  std::optional<CivilDate> offer_date;  // firm job offer received (4.32)
  std::optional<CivilDate> start_date;  // empty while only offered
  std::optional<CivilDate> end_date;    // last day worked; empty while it continues
  int hours_per_week = 0;
  // Night shifts: the only case in which day 639 of provision is used (1.26: a shift that
  // starts on day 638 and ends on day 639).
  bool night_shifts = false;
};

// The ESP as issued to the employer for one job; issued_on is what 4.35 measures.
struct EmployerSupportPlan {
  std::string id;
  std::string employment_id;
  CivilDate issued_on;               // issued to the employer (4.35)
  std::string document_hash;
};

// Either an application (applied = true) or a recorded decision that none is needed; both
// satisfy access-to-work, because 4.31 makes Access to Work the fallback when reasonable
// adjustments by provider or employer cannot meet the need.
struct AccessToWork {
  std::string id;
  std::string employment_id;
  CivilDate recorded_on;             // the application date, or when "not needed" was decided
  bool applied = false;
  std::string not_needed_reason;     // when no application is needed (4.31)
  std::string reference;
};

// One session of experience in a work environment (work trial, volunteering, placement).
struct WorkExperience {
  std::string id;
  CivilDate date;
  int minutes = 0;
  bool unpaid = true;                // only unpaid experience counts (1.25)
  std::string place;
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_EMPLOYMENT_H_
