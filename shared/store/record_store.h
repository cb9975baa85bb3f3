// RecordStore: reads the records a replica or the central store holds into the domain types the
// rules engine evaluates (shared/domain/participant_records.h).
//
// Protocol version 1 syncs participants and contacts only, so the records returned carry those;
// the other lists stay empty until their record types sync (issue 4), which makes the rules that
// depend on them show as due or overdue rather than met: never a false "met".
//
// Mapping assumptions until the contact form records a purpose: an attended or missed contact is
// a meeting; an attempt with no answer is a re-engagement attempt.
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
