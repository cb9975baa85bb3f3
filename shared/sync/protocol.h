// The sync protocol's messages: JSON over HTTPS, one request per call.
//
// Calls (see docs/protocol.md for examples and the sequence):
//   POST /api/v1/session  SignInRequest  -> SignInResponse       (no token needed)
//   POST /api/v1/push     PushRequest    -> PushResponse         (bearer token)
//   GET  /api/v1/pull?since=<cursor>&limit=<n> -> PullResponse  (bearer token)
// Every failure is an HTTP 4xx/5xx with ErrorBody.
//
// Version log (kProtocolVersion):
//   1  sign-in, push, pull of participant and contact changes.
#ifndef OUTPOST_SHARED_SYNC_PROTOCOL_H_
#define OUTPOST_SHARED_SYNC_PROTOCOL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "shared/sync/change.h"

namespace outpost::sync {

inline constexpr int kProtocolVersion = 1;
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
  bool operator==(const SignInResponse&) const = default;
};

struct PushRequest {
  int protocol = kProtocolVersion;
  std::string device_id;
  std::vector<Change> changes;  // author, device_id must match the signed-in user and device
  bool operator==(const PushRequest&) const = default;
};

struct RejectedChange {
  std::string change_id;
  std::string where;
  std::string reason;
  bool operator==(const RejectedChange&) const = default;
};

// The server's receipt: every change of the request is in exactly one of the three lists.
struct PushResponse {
  int protocol = kProtocolVersion;
  std::vector<std::string> applied;        // stored by this request
  std::vector<std::string> already_known;  // stored by an earlier request (a retry)
  std::vector<RejectedChange> rejected;    // not stored, with the reason
  std::string received_at;                 // server clock for the applied ones
  bool operator==(const PushResponse&) const = default;
};

struct PullResponse {
  int protocol = kProtocolVersion;
  std::vector<Change> changes;  // in server order, with server_seq and received_at
  int64_t next_cursor = 0;      // pass as `since` next time
  bool more = false;            // another page is waiting
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
