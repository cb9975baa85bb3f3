#include "sync-server/sign_in_throttle.h"

#include <doctest/doctest.h>

using outpost::server::SignInThrottle;

TEST_CASE("three failed sign-ins cost nothing; after that each attempt waits twice as long") {
  SignInThrottle throttle;
  int64_t now = 1000000;
  for (int i = 0; i < 3; ++i) {
    CHECK(throttle.MayTry("amira.khan", now).ok());
    throttle.RecordFailure("amira.khan", now);
  }
  CHECK(throttle.MayTry("amira.khan", now).ok());
  throttle.RecordFailure("amira.khan", now);  // the 4th: 1 s
  auto wait = throttle.MayTry("amira.khan", now + 500);
  CHECK(wait.where() == "sign_in");
  CHECK(wait.what() == "too many failed sign-ins: wait 1 second before trying again");
  CHECK(throttle.MayTry("amira.khan", now + 1000).ok());
  throttle.RecordFailure("amira.khan", now + 1000);  // the 5th: 2 s
  CHECK_FALSE(throttle.MayTry("amira.khan", now + 2500).ok());
  CHECK(throttle.MayTry("amira.khan", now + 3000).ok());
  CHECK(throttle.MayTry("ben.clarke", now).ok());  // one user's failures never lock another
}

TEST_CASE("ten failed sign-ins in a row lock the account for fifteen minutes, and say so") {
  SignInThrottle throttle;
  int64_t now = 0;
  for (int i = 0; i < 10; ++i) {
    now += SignInThrottle::kMaxDelayMs;
    REQUIRE(throttle.MayTry("amira.khan", now).ok());
    throttle.RecordFailure("amira.khan", now);
  }
  auto locked = throttle.MayTry("amira.khan", now + 60 * 1000);
  CHECK(locked.what().rfind("this account is locked for 14 minutes after 10 failed sign-ins", 0) == 0);
  CHECK(throttle.MayTry("amira.khan", now + SignInThrottle::kLockForMs).ok());
}

TEST_CASE("a successful sign-in clears the failures") {
  SignInThrottle throttle;
  for (int i = 0; i < 4; ++i) throttle.RecordFailure("amira.khan", 0);
  throttle.RecordSuccess("amira.khan");
  for (int i = 0; i < 3; ++i) throttle.RecordFailure("amira.khan", 0);
  CHECK(throttle.MayTry("amira.khan", 0).ok());
}
