// ChangeStore: the change log and the records it produces, the same code on tablet and server.
//
// Every write, local or received, goes through here so that a record is always the result of
// applying its changes (shared/sync/merge.h): evidence is inserted once and never updated; a
// mutable record takes, field by field, the value with the latest hybrid clock, and every value
// ever written stays in field_writes, the ones that lost to a concurrent edit marked for review.
// Applying a change whose (device_id, device_seq) is already in the log does nothing, which makes
// pushes, pulls and their retries idempotent. Each call that writes runs in one transaction.
//
// [X] apply a batch in one transaction, already-seen changes are no-ops
// [X] field-by-field merge, losing values kept and listed as conflicts
// [X] server order (seq) and received time assigned on the server
// [X] pull since a cursor, paged, scoped to one key worker's caseload
// [X] tablet: local change with its chain hash and outbox entry in one transaction; confirm from
//     a receipt; quarantine a refused change; resend from a sequence number; remove participants
//     that left the caseload (never a change still waiting)
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
  // Server push: a new change whose evidence id is taken already (by a stored record or by an
  // earlier change of the same call) is not stored at all and is listed in
  // ApplyReport::evidence_taken, for the push to refuse it. Otherwise such a change is kept in
  // the log only, as a pulled copy of a refused-elsewhere change must be.
  bool refuse_taken_evidence = false;
};

struct ApplyReport {
  std::vector<std::string> applied;        // change ids stored by this call
  std::vector<std::string> already_known;  // change ids that were in the log already
  std::vector<size_t> evidence_taken;      // refuse_taken_evidence: positions in the input
};

// Applies `changes` in one transaction. Every change must pass sync::ValidateChange; one that
// does not fails the whole call with its InvalidArgument (nothing written).
StatusOr<ApplyReport> ApplyChanges(Database& db, const std::vector<sync::Change>& changes,
                                   const ApplyOptions& options);

// The same, inside a transaction the caller holds (the server's push adds its own rows).
StatusOr<ApplyReport> ApplyChangesInTransaction(Database& db,
                                                const std::vector<sync::Change>& changes,
                                                const ApplyOptions& options);

// The same for changes the caller has already passed through sync::ValidateChange, with the
// sync::ChangeHash of each in `hashes` (same order and size; Internal otherwise): the server's
// push judges every change and needs its hash for the chain before it applies any, and this spares
// doing both twice. Passing a change that is not valid, or a wrong hash, stores it as given.
// The changes are given by pointer (none may be null), so that a push's accepted changes need
// not be copied out of the request.
StatusOr<ApplyReport> ApplyValidatedChangesInTransaction(
    Database& db, const std::vector<const sync::Change*>& changes,
    const std::vector<std::string>& hashes, const ApplyOptions& options);

// True if a record of `record_type` and `record_id` exists (e.g. evidence already written).
StatusOr<bool> RecordExists(Database& db, const std::string& record_type,
                            const std::string& record_id);


// Up to `limit` changes with seq > `since`, in seq order. When `key_worker` is set, only changes
// of participants currently assigned to that key worker. next_cursor is the seq of the last
// change returned (or `since` if none); more says whether another page waits.
StatusOr<sync::PullResponse> ChangesSince(Database& db, int64_t since,
                                          const std::optional<std::string>& key_worker, int limit);

// The changes of these participants with after < seq <= up_to, in seq order, at most `limit`
// (a new key worker's device receiving reassigned participants' history).
StatusOr<std::vector<sync::Change>> ParticipantsHistory(Database& db,
                                                        const std::vector<std::string>& participant_ids,
                                                        int64_t after, int64_t up_to, int limit);


// A value that lost to a concurrent edit, for the review of conflicts.
struct Conflict {
  std::string record_type;
  std::string record_id;
  std::string participant_id;
  std::string field;
  std::string lost_value;
  std::string lost_change_id;
  std::string current_value;
};

// Every value that lost to a concurrent edit and differs from the current value.
StatusOr<std::vector<Conflict>> ListConflicts(Database& db);

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
  int64_t wall_ms = 0;      // device clock; the stored server offset is added before stamping
  std::string captured_at;  // device clock, ISO 8601 UTC
};

// Records a write made on this tablet: gives it the device's next sequence number, the hash of
// the previous change, a hybrid clock stamp from the device clock corrected by the server's
// (device_state "clock_offset_ms", measured at sign-in and each sync, so a tablet whose clock is
// wrong does not reorder other devices' edits) and, for mutable records, the stamps of the
// values it overwrites; validates it; stores it, applies it and queues it in the outbox, all in one
// transaction. Fails without writing anything if the write is invalid.
// Precondition: device_state holds "device_id".
StatusOr<sync::Change> RecordLocalChange(Database& db, const LocalWrite& write);

// Changes waiting in the outbox (not confirmed, not quarantined), oldest first, at most `limit`.
StatusOr<std::vector<sync::Change>> WaitingChanges(Database& db, int limit);
// Waiting changes including quarantined ones: what is not yet safely on the server.
StatusOr<int64_t> CountWaiting(Database& db);
// This tablet's changes that CountWaiting counts (quarantined ones included), in device_seq
// order, all of them: what an export file carries (shared/sync/export_file.h).
StatusOr<std::vector<sync::Change>> UnconfirmedChanges(Database& db);
StatusOr<int64_t> CountQuarantined(Database& db);

// Marks outbox entries confirmed by a push receipt. A receipt whose hash is not the hash of the
// change this tablet holds is DataLoss: the server stored something else.
Status ConfirmChanges(Database& db, const std::vector<sync::Receipt>& receipts,
                      const std::string& received_at);

// Marks refused changes quarantined with the server's reason (kept, shown, never re-sent as-is).
Status QuarantineChanges(Database& db, const std::vector<sync::RejectedChange>& rejected);

// Marks this tablet's refused (quarantined) change `device_seq` as resolved by `resolved_by`: the
// change id of the correction recorded for it, or "supervisor" when the key worker leaves it
// with the supervisor (the server keeps every refused change). It stays in the outbox and the
// change log, but no longer counts as waiting. NotFound if it is not a refused change waiting.
Status ResolveQuarantined(Database& db, int64_t device_seq, const std::string& resolved_by);

// Puts this tablet's own changes from `device_seq` on back in the outbox (the server lost them or
// never got them), keeping quarantined ones as they are.
Status RequeueFrom(Database& db, int64_t device_seq);

// Notes a failed attempt on the given waiting changes (kept, retried later).
Status NoteAttemptFailed(Database& db, const std::vector<sync::Change>& changes,
                         const std::string& error);

// Removes everything held about these participants (they left the caseload), except changes of
// this tablet still waiting in the outbox.
Status RemoveParticipants(Database& db, const std::vector<std::string>& participant_ids);

// Erases every record, change and setting this tablet holds (the server revoked the device).
// Nothing of the participants' data remains in the replica afterwards.
Status EraseLocalData(Database& db);

// Applies one pulled page in one transaction: its changes, the removal of participants that left
// the caseload, the new cursor ("pull_cursor") and what the device now holds ("pull_holding" and
// "pull_backfilling", sent back with the next pull). All of it or none: a crash between them would leave the device
// claiming to hold what it does not.
Status ApplyPulledPage(Database& db, const sync::PullResponse& page);

// Fills in the chain (prev_hash, hash) of this tablet's changes written before protocol 2.
// Returns how many changes it repaired.
StatusOr<int> RepairLocalChain(Database& db);

}  // namespace outpost::store

#endif  // OUTPOST_SHARED_STORE_CHANGE_STORE_H_
