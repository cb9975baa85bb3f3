// A break in provision (4.67 to 4.71) for a participant whose health fluctuates.
//
// A break does not stop any clock: the key worker keeps in contact during it (4.70), records
// every contact and the reasons for the break (4.71), and reschedules planned activity after it.
// Contacts made during the break are ordinary Contact records dated inside [start, end].
#ifndef OUTPOST_SHARED_DOMAIN_PROVISION_BREAK_H_
#define OUTPOST_SHARED_DOMAIN_PROVISION_BREAK_H_

#include <optional>
#include <string>

#include "shared/base/civil_date.h"

namespace outpost::domain {

// Breaks may overlap a review date or a 4-weekly face-to-face date; the rules still expect the
// contact (4.70), so nothing here changes a deadline. An open break (no end) lasts until the
// key worker records its end.
struct ProvisionBreak {
  std::string id;
  CivilDate start;                  // first day of the break
  std::optional<CivilDate> end;     // last day of the break; empty while it continues
  std::string reason;               // required (4.71)

  // True if `date` falls within the break, both ends included.
  bool Covers(CivilDate date) const { return start <= date && (!end || date <= *end); }
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_PROVISION_BREAK_H_
