// Helpers shared by the rules modules and their tests; not part of the rules' contract.
// They encode how the rules read raw records (which contacts stand, what counts as face to face,
// how same-day events are ordered), so every rule reads them the same way.
#ifndef OUTPOST_SHARED_RULES_RECORDS_INTERNAL_H_
#define OUTPOST_SHARED_RULES_RECORDS_INTERNAL_H_

#include <vector>

#include "shared/domain/participant_records.h"

namespace outpost::rules::internal {

// The contacts that stand, in the order recorded: a contact corrected by a later one is left out
// (its correction stands instead), and a retraction removes both itself and what it retracts.
// Pointers refer into `records.contacts`.
std::vector<const domain::Contact*> EffectiveContacts(const domain::ParticipantRecords& records);

// True if `c` is an attended meeting that counts as face to face for 4.04: in person, or a
// digital meeting with its exception reason recorded (then `*digital` is set true).
bool CountsAsFaceToFace(const domain::Contact& c, bool* digital);

// True if contact `b` happened after contact `a`: a later date, or the same date with both
// times recorded and b's later. Same-date contacts without times are not ordered.
bool HappenedAfter(const domain::Contact& a, const domain::Contact& b);

}  // namespace outpost::rules::internal

#endif  // OUTPOST_SHARED_RULES_RECORDS_INTERNAL_H_
