// Accounts: how passwords and sessions are kept.
#include "sync-server/accounts.h"
#include "sync-server/crypto.h"

#include <doctest/doctest.h>

#include "shared/base/sha256.h"
#include "shared/base/utc_time.h"
#include "shared/store/migrations.h"
#include "tests/support/store_helpers.h"

using namespace outpost;

namespace {

std::unique_ptr<store::Database> Central() { return testing::InMemoryStore(store::Side::kServer); }

const int64_t kNow = *ParseUtc("2026-11-23T10:00:00Z");

std::string Text(store::Database& db, const std::string& sql) {
  auto s = db.Prepare(sql);
  REQUIRE(s.ok());
  REQUIRE(*s->Step());
  return s->ColumnText(0);
}

}  // namespace

TEST_CASE("passwords are stored as salted PBKDF2-HMAC-SHA256 with 600,000 iterations, never as given") {
  auto db = Central();
  REQUIRE(server::CreateUser(*db, "amira.khan", "Amira Khan", "key_worker", "correct horse",
                             server::kPasswordIterations, kNow).ok());
  REQUIRE(server::CreateUser(*db, "ben.clarke", "Ben Clarke", "key_worker", "correct horse",
                             server::kPasswordIterations, kNow).ok());
  std::string amira = Text(*db, "SELECT password_hash FROM users WHERE username = 'amira.khan'");
  std::string ben = Text(*db, "SELECT password_hash FROM users WHERE username = 'ben.clarke'");
  CHECK(amira.rfind("pbkdf2-sha256$600000$", 0) == 0);
  CHECK(amira.find("correct horse") == std::string::npos);
  CHECK(amira != ben);  // the same password, different salts
}

TEST_CASE("a session token is 256 random bits, stored only as its hash, and expires after 14 days") {
  auto db = Central();
  REQUIRE(server::CreateUser(*db, "amira.khan", "Amira Khan", "key_worker", "correct horse", 1000, kNow).ok());
  auto session = server::SignIn(*db, {sync::kProtocolVersion, "amira.khan", "correct horse", "tablet-a"}, kNow);
  REQUIRE(session.ok());
  CHECK(session->token.size() == 64);
  CHECK(Text(*db, "SELECT token_hash FROM sessions") == Sha256Hex(session->token));
  CHECK(server::Authenticate(*db, session->token, kNow + 13LL * 86400 * 1000).ok());
  auto expired = server::Authenticate(*db, session->token, kNow + 15LL * 86400 * 1000);
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.status().what() == "the session has expired; sign in again");
}

TEST_CASE("a token is bound to its device, and a device to its user") {
  auto db = Central();
  REQUIRE(server::CreateUser(*db, "amira.khan", "Amira Khan", "key_worker", "correct horse", 1000, kNow).ok());
  REQUIRE(server::CreateUser(*db, "ben.clarke", "Ben Clarke", "key_worker", "battery staple", 1000, kNow).ok());
  auto session = server::SignIn(*db, {sync::kProtocolVersion, "amira.khan", "correct horse", "tablet-a"}, kNow);
  REQUIRE(session.ok());
  CHECK(server::Authenticate(*db, session->token, kNow)->device_id == "tablet-a");
  auto borrowed = server::SignIn(*db, {sync::kProtocolVersion, "ben.clarke", "battery staple", "tablet-a"}, kNow);
  REQUIRE_FALSE(borrowed.ok());
  CHECK(borrowed.status().code() == Status::Code::kPermissionDenied);
}

TEST_CASE("a wrong password and an unknown user get the same answer") {
  auto db = Central();
  REQUIRE(server::CreateUser(*db, "amira.khan", "Amira Khan", "key_worker", "correct horse", 1000, kNow).ok());
  auto wrong = server::SignIn(*db, {sync::kProtocolVersion, "amira.khan", "incorrect", "tablet-a"}, kNow);
  auto unknown = server::SignIn(*db, {sync::kProtocolVersion, "nobody", "incorrect", "tablet-a"}, kNow);
  REQUIRE_FALSE(wrong.ok());
  REQUIRE_FALSE(unknown.ok());
  CHECK(wrong.status().ToString() == unknown.status().ToString());
}
