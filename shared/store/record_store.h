// RecordStore: reads the records a replica or the central store holds into the domain types the
// rules engine evaluates (shared/domain/participant_records.h).
//
// Every synced record type is read: participants and contacts from their tables, the others
// from the generic `records` table (contact purpose and withdrawal too). Signed plan versions
// are the distinct documents signatures carry (plan_versions.h), numbered in order of first
// signature, fully agreed once both the participant and the key worker signed the same one.
// Records missing a date the rules need (a break with no start yet) are left out rather than
// guessed, which can only make a rule show as due, never as falsely met.
//
// Mapping assumptions: a contact with no purpose is a meeting, except that an attempt with no
// answer is a re-engagement attempt.
#ifndef OUTPOST_SHARED_STORE_RECORD_STORE_H_
#define OUTPOST_SHARED_STORE_RECORD_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/domain/participant_records.h"
#include "shared/store/database.h"

namespace outpost::store {

// Every participant held, with their contacts, ordered by participant id. When `key_worker` is
// set, only that key worker's caseload. A stored date that does not parse is DataLoss naming the
// participant and field.
StatusOr<std::vector<domain::ParticipantRecords>> LoadParticipantRecords(
    Database& db, const std::optional<std::string>& key_worker);

}  // namespace outpost::store

#endif  // OUTPOST_SHARED_STORE_RECORD_STORE_H_
