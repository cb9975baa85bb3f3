// Support-network consent (4.26, 4.27).
//
// Personal data may be shared with the participant's support network only with their consent.
// A withdrawal stops all further sharing from that moment: the instant of withdrawal is kept
// (ISO 8601 timestamp) as well as the date, because sharing earlier the same day was lawful.
#ifndef OUTPOST_SHARED_DOMAIN_CONSENT_H_
#define OUTPOST_SHARED_DOMAIN_CONSENT_H_

#include <optional>
#include <string>

#include "shared/base/civil_date.h"

namespace outpost::domain {

// One consent covers one person or organisation: a participant may agree to sharing with a
// support worker but not with family. A new consent after a withdrawal is a new record.
struct SupportNetworkConsent {
  std::string id;
  std::string shared_with;           // the person or organisation in the support network
  CivilDate given_on;
  std::string given_at;              // ISO 8601 timestamp
  std::optional<CivilDate> withdrawn_on;
  std::string withdrawn_at;          // ISO 8601 timestamp; non-empty when withdrawn_on is set

  // True if sharing is allowed on `date`. On the day of withdrawal the answer is false: the
  // record holds only the date here, and after withdrawal nothing more may be shared (4.27).
  bool AllowsSharingOn(CivilDate date) const {
    return given_on <= date && (!withdrawn_on || date < *withdrawn_on);
  }
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_CONSENT_H_
