// ChangeStore: the change log and the records it produces, the same code on tablet and server.
//
// Every write, local or received, goes through here so that a record is always the result of
// applying its changes: contacts are inserted once and never updated; a participant row takes the
// fields of the change with the latest hybrid clock. Applying a change whose (device_id,
// device_seq) is already in the log does nothing, which makes pushes, pulls and their retries
// idempotent. Each call that writes runs in one transaction: all of it or none of it.
//
// [X] apply a batch in one transaction, already-seen changes are no-ops
// [X] server order (seq) and received time assigned on the server
// [X] pull since a cursor, paged, scoped to one key worker's caseload
// [X] tablet: local change with outbox entry in the same transaction; confirm from a receipt
// [ ] field-by-field merge with conflict history (issue 4); today a later participant change
//     overwrites the fields it carries
#ifndef OUTPOST_SHARED_STORE_CHANGE_STORE_H_
#define OUTPOST_SHARED_STORE_CHANGE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/store/database.h"
#include "shared/sync/change.h"
#include "shared/sync/protocol.h"

namespace outpost::store {

struct ApplyOptions {
  // Server: stamp each newly stored change with this time and give it the next log position.
  // Tablet: leave empty; the received_at and server_seq carried by pulled changes are kept.
  std::string received_at;
};

struct ApplyReport {
  std::vector<std::string> applied;        // change ids stored by this call
  std::vector<std::string> already_known;  // change ids that were in the log already
};

// Applies `changes` in one transaction. Every change must have passed sync::ValidateChange; one
// that does not fails the whole call with its InvalidArgument (nothing written), so callers
// reject bad changes before calling.
StatusOr<ApplyReport> ApplyChanges(Database& db, const std::vector<sync::Change>& changes,
                                   const ApplyOptions& options);

// Up to `limit` changes with seq > `since`, in seq order. When `key_worker` is set, only changes
// of participants currently assigned to that key worker. next_cursor is the seq of the last
// change returned (or `since` if none); more says whether another page waits.
StatusOr<sync::PullResponse> ChangesSince(Database& db, int64_t since,
                                          const std::optional<std::string>& key_worker, int limit);

// --- Tablet side ------------------------------------------------------------------------------

// Reads a value of the device_state table; empty if unset.
StatusOr<std::string> GetDeviceState(Database& db, const std::string& key);
Status SetDeviceState(Database& db, const std::string& key, const std::string& value);

struct LocalWrite {
  std::string author;
  std::string record_type;
  std::string record_id;
  std::string participant_id;
  std::string fields;       // JSON object
  int64_t wall_ms = 0;      // device clock
  std::string captured_at;  // the same instant, ISO 8601 UTC
};

// Records a write made on this tablet: gives it the device's next sequence number and a hybrid
// clock stamp, validates it, stores it, applies it to the records and queues it in the outbox,
// all in one transaction. Fails without writing anything if the write is invalid.
// Precondition: device_state holds "device_id".
StatusOr<sync::Change> RecordLocalChange(Database& db, const LocalWrite& write);

// Changes waiting in the outbox (not yet confirmed), oldest first, at most `limit`.
StatusOr<std::vector<sync::Change>> WaitingChanges(Database& db, int limit);
StatusOr<int64_t> CountWaiting(Database& db);

// Marks outbox entries confirmed by a push receipt (applied or already known).
Status ConfirmChanges(Database& db, const std::vector<std::string>& change_ids,
                      const std::string& received_at);

// Notes a failed attempt on the given waiting changes (kept, retried later).
Status NoteAttemptFailed(Database& db, const std::vector<sync::Change>& changes,
                         const std::string& error);

}  // namespace outpost::store

#endif  // OUTPOST_SHARED_STORE_CHANGE_STORE_H_
