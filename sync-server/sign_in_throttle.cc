#include "sync-server/sign_in_throttle.h"

#include <algorithm>

namespace outpost::server {

namespace {

std::string Seconds(int64_t ms) {
  int64_t seconds = (ms + 999) / 1000;
  if (seconds >= 120) return std::to_string((seconds + 59) / 60) + " minutes";
  return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
}

}  // namespace

Status SignInThrottle::MayTry(const std::string& username, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = records_.find(username);
  if (it == records_.end() || now_ms >= it->second.next_try_ms) return Status::Ok();
  const Record& r = it->second;
  if (r.failures >= kLockAfterFailures)
    return Status::PermissionDenied(
        "sign_in", "this account is locked for " + Seconds(r.next_try_ms - now_ms) + " after " +
                       std::to_string(r.failures) + " failed sign-ins; ask your supervisor if "
                       "you have forgotten the password");
  return Status::PermissionDenied("sign_in", "too many failed sign-ins: wait " +
                                                 Seconds(r.next_try_ms - now_ms) +
                                                 " before trying again");
}

void SignInThrottle::RecordFailure(const std::string& username, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  // Bound the memory an attacker can make the server hold with made-up usernames.
  if (records_.size() > 100000) records_.clear();
  Record& r = records_[username];
  ++r.failures;
  if (r.failures >= kLockAfterFailures) {
    r.next_try_ms = now_ms + kLockForMs;
  } else if (r.failures > kFreeFailures) {
    int64_t delay = int64_t{1000} << std::min(r.failures - kFreeFailures - 1, 16);
    r.next_try_ms = now_ms + std::min(delay, kMaxDelayMs);
  }
}

void SignInThrottle::RecordSuccess(const std::string& username) {
  std::lock_guard lock(mutex_);
  records_.erase(username);
}

}  // namespace outpost::server
