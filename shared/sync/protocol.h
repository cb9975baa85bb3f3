// The sync protocol's messages: JSON over HTTPS, one request per call.
//
// Calls (see docs/protocol.md for examples and the sequence):
//   POST /api/v1/session  SignInRequest  -> SignInResponse       (no token needed)
//   POST /api/v1/push     PushRequest    -> PushResponse         (bearer token)
//   GET  /api/v1/pull?since=<cursor>&limit=<n>[&backfill_after=<seq>][&holding=<id>,<id>...]
//        [&backfilling=<id>,...]
//        -> PullResponse (bearer token)
// Every failure is an HTTP 4xx/5xx with ErrorBody.
//
// Version log (kProtocolVersion):
//   1  sign-in, push, pull of participant and contact changes.
//   2  changes form a hash chain per device (prev_hash) and carry the clocks of the values they
//      overwrite (base); plan items, plan agreements, signatures, IPES07 notices, Jobcentre
//      answers and exit documents sync; the push reply is a receipt (hash of each stored change),
//      reports a gap or a broken chain with the sequence the server expects, and the server's
//      clock; a pull can withdraw participants that left the caseload.
#ifndef OUTPOST_SHARED_SYNC_PROTOCOL_H_
#define OUTPOST_SHARED_SYNC_PROTOCOL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "shared/sync/change.h"

namespace outpost::sync {

inline constexpr int kProtocolVersion = 2;
// Upper bounds a server enforces and a client respects.
inline constexpr int kMaxChangesPerPush = 1000;
inline constexpr int kMaxChangesPerPull = 5000;

struct SignInRequest {
  int protocol = kProtocolVersion;
  std::string username;
  std::string password;
  std::string device_id;
  bool operator==(const SignInRequest&) const = default;
};

struct SignInResponse {
  int protocol = kProtocolVersion;
  std::string token;
  std::string username;
  std::string display_name;
  std::string role;        // key_worker, supervisor, administrator, compliance_officer
  std::string expires_at;  // ISO 8601 UTC
  std::string server_time;  // ISO 8601 UTC: lets the tablet correct its clock from the start
  // Optional (absent or 0: the tablet's own defaults). A tablet that has not completed a sync for
  // lock_after_days locks and refuses offline unlock until it syncs; after erase_after_days it
  // erases its records, as a revoked device does. Servers set them from their configuration.
  int lock_after_days = 0;
  int erase_after_days = 0;
  bool operator==(const SignInResponse&) const = default;
};

struct PushRequest {
  int protocol = kProtocolVersion;
  std::string device_id;
  std::vector<Change> changes;  // in device_seq order; device_id must be the session's device
  std::string sent_at;          // device clock when sent, ISO 8601 UTC (clock-offset check)
  bool operator==(const PushRequest&) const = default;
};

struct RejectedChange {
  std::string change_id;
  std::string where;
  std::string reason;
  bool operator==(const RejectedChange&) const = default;
};

// What the server stored for one change: its id and the ChangeHash it computed, so the tablet
// can check the server holds exactly what it sent.
struct Receipt {
  std::string change_id;
  std::string hash;
  bool operator==(const Receipt&) const = default;
};

// The server's receipt. Every change of the request is in exactly one of applied,
// already_known, rejected, or (after a gap or a broken chain) none of them: held back, to be sent
// again from resend_from.
struct PushResponse {
  int protocol = kProtocolVersion;
  std::vector<Receipt> applied;          // stored by this request
  std::vector<Receipt> already_known;    // received by an earlier request (a retry)
  std::vector<RejectedChange> rejected;  // refused with the reason; the chain still advances
  int64_t resend_from = 0;   // 0, or the device_seq the server expects next (gap, broken chain)
  bool unknown_device = false;  // the server holds no chain for this device: resend from 1
  std::string problem;       // in words, when resend_from is set
  std::string received_at;   // server clock for the applied ones
  bool clock_flagged = false;  // the device clock is off by more than the tolerance
  bool operator==(const PushResponse&) const = default;
};

struct PullResponse {
  int protocol = kProtocolVersion;
  std::vector<Change> changes;  // in server order, with server_seq and received_at
  int64_t next_cursor = 0;      // pass as `since` next time
  bool more = false;            // another page is waiting
  // Participants no longer on this device's caseload (reassigned): the tablet removes them.
  std::vector<std::string> removed_participants;
  // While newly assigned participants' history is sent (next_cursor unchanged, more true): pass
  // it back as backfill_after with the next pull. 0 otherwise.
  int64_t backfill_after = 0;
  // The participants the device holds data of once it has applied this page, and among them those
  // whose history is still being sent, sorted: pass both back (holding, backfilling) with the
  // next pull. The server keeps no state per device; this is it.
  std::vector<std::string> holding;
  std::vector<std::string> backfilling;
  bool operator==(const PullResponse&) const = default;
};

struct ErrorBody {
  std::string code;  // CodeName() of the Status, e.g. "invalid_argument"
  std::string where;
  std::string message;
  bool operator==(const ErrorBody&) const = default;
};

}  // namespace outpost::sync

#endif  // OUTPOST_SHARED_SYNC_PROTOCOL_H_
