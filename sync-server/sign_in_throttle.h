// SignInThrottle: slows and then locks repeated failed sign-ins for one username.
//
// Policy: the first kFreeFailures failures cost nothing; after that each further attempt must
// wait twice as long as the one before (1 s, 2 s, 4 s ... up to kMaxDelay), and after
// kLockAfterFailures failures in a row the username is locked for kLockFor. A successful sign-in
// clears the record. The key worker is told which of these applies and for how long, in words.
//
// Kept in memory on purpose: a throttle that wrote to the central store would let anyone who
// can reach the server make it write, and it need not survive a restart to do its job.
// Thread-safe.
#ifndef OUTPOST_SYNC_SERVER_SIGN_IN_THROTTLE_H_
#define OUTPOST_SYNC_SERVER_SIGN_IN_THROTTLE_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "shared/base/status.h"

namespace outpost::server {

class SignInThrottle {
 public:
  static constexpr int kFreeFailures = 3;
  static constexpr int kLockAfterFailures = 10;
  static constexpr int64_t kMaxDelayMs = 60 * 1000;
  static constexpr int64_t kLockForMs = 15 * 60 * 1000;

  // OK if `username` may try to sign in at `now_ms`; otherwise PermissionDenied("sign_in", ...)
  // saying how long to wait and why.
  Status MayTry(const std::string& username, int64_t now_ms);

  void RecordFailure(const std::string& username, int64_t now_ms);
  void RecordSuccess(const std::string& username);

 private:
  struct Record {
    int failures = 0;
    int64_t next_try_ms = 0;
  };
  std::mutex mutex_;
  std::map<std::string, Record> records_;
};

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_SIGN_IN_THROTTLE_H_
