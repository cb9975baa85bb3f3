// SyncService: the server's side of push and pull, independent of HTTP so that the routes, the
// property tests and the benchmarks all run the same code on a real central store.
//
// Push, in one transaction:
//   - the device's chain is checked: changes must come in device_seq order; a change at or below
//     the last one received is a retry (recognised by its number alone, no lookup per change);
//     one beyond the next expected is a gap, and one whose prev_hash is not the hash of the
//     previous change breaks the chain: both stop the push there, and the reply says which
//     device_seq to resend from (resend_from), so nothing after a hole is stored out of order;
//   - each new change is judged, its validity and hash worked out without the store (CheckPush,
//     which the HTTP route runs before taking the store's lock). What a correct client can
//     never send (an invalid change, someone else's name or device, a participant never on this
//     key worker's caseload, a push from a compliance officer or administrator, a device clock
//     more than a year off) refuses the whole push with a 4xx naming the change and field, and
//     nothing is written. What a correct client can send but the server must not store (a
//     participant reassigned away since, unless it is evidence captured before; evidence whose
//     id is taken) is refused alone: kept in rejected_changes with its reason, the chain
//     advances, and the rest of the push goes on;
//   - accepted changes are applied (store::ApplyChangesInTransaction) and the reply lists what was
//     stored with each change's hash: the tablet's receipt;
//   - the device's clock offset is measured from sent_at and flagged beyond kClockTolerance.
// Pull: a supervisor or compliance officer reads the whole log (an administrator none of it); a key worker's device reads the
// changes of its caseload, first the earlier history of participants newly assigned to it, and is
// told which participants left its caseload.
#ifndef OUTPOST_SYNC_SERVER_SYNC_SERVICE_H_
#define OUTPOST_SYNC_SERVER_SYNC_SERVICE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/store/database.h"
#include "shared/sync/protocol.h"
#include "sync-server/accounts.h"

namespace outpost::server {

inline constexpr int64_t kClockToleranceMs = 5 * 60 * 1000;
inline constexpr int64_t kClockRefusedMs = int64_t{366} * 24 * 3600 * 1000;

// What can be worked out of a push without the central store: whether each change is well
// formed (sync::ValidateChange) and its hash. A server works this out before it takes the
// store's lock, so that while one push is written the next ones are being checked: about a fifth
// of a push's processor time, a third with the decoding that already happens there.
struct PushChecks {
  std::vector<Status> validity;     // one per change of the request, in order
  std::vector<std::string> hashes;  // the same
};
PushChecks CheckPush(const sync::PushRequest& request);

// `checks`, if given, must be CheckPush of `request` (InvalidArgument otherwise); its hashes are
// moved into the receipts. Without it, Push works them out itself, for the new changes only.
StatusOr<sync::PushResponse> Push(store::Database& db, const Principal& who,
                                  const sync::PushRequest& request, int64_t now_ms,
                                  PushChecks* checks = nullptr);

// `backfill_after`: 0, or the backfill_after of the previous page while a backfill runs.
// `holding`, `backfilling`: those lists of the last page the device applied (empty from cursor 0).
StatusOr<sync::PullResponse> Pull(store::Database& db, const Principal& who, int64_t since,
                                  int limit, int64_t backfill_after = 0,
                                  const std::vector<std::string>& holding = {},
                                  const std::vector<std::string>& backfilling = {});

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_SYNC_SERVICE_H_
