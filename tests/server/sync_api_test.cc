// The sync API over real HTTPS on loopback: sign-in, push, pull, and what each refuses.
#include <doctest/doctest.h>

#include <chrono>

#include "shared/base/utc_time.h"
#include "shared/sync/codec.h"
#include "tests/support/server_fixture.h"

using namespace outpost;
using outpost::testing::TestDevice;
using outpost::testing::kGraceId;
using outpost::testing::kLeahId;
using outpost::testing::ServerFixture;

namespace {

// The tablet's clock as it sends a push: the real time, as the server's.
std::string NowUtc() {
  return FormatUtc(std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count());
}

httplib::Headers Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

int64_t CentralCount(ServerFixture& f, const std::string& table) {
  return f.CentralInt("SELECT count(*) FROM " + table);
}

}  // namespace

TEST_CASE("the same push sent twice is stored once and the second reply says already known") {
  ServerFixture f;
  std::string token = f.SignIn("amira.khan", "tablet-a");
  TestDevice tablet("tablet-a");
  sync::PushRequest push{2, "tablet-a", {tablet.Contact(kGraceId, "amira.khan")}, NowUtc()};
  auto client = f.Client();
  auto first = client->Post("/api/v1/push", Bearer(token), sync::Encode(push), "application/json");
  REQUIRE(first);
  REQUIRE(first->status == 200);
  auto first_reply = sync::DecodePushResponse(first->body);
  REQUIRE(first_reply.ok());
  REQUIRE(first_reply->applied.size() == 1);
  CHECK(first_reply->applied[0].change_id == "tablet-a:1");
  CHECK(first_reply->applied[0].hash == sync::ChangeHash(push.changes[0]));

  auto second = client->Post("/api/v1/push", Bearer(token), sync::Encode(push), "application/json");
  REQUIRE(second);
  auto second_reply = sync::DecodePushResponse(second->body);
  REQUIRE(second_reply.ok());
  CHECK(second_reply->applied.empty());
  CHECK(second_reply->already_known == first_reply->applied);
  CHECK(CentralCount(f, "contacts") == 1);
}

TEST_CASE("a second device of the same key worker pulls the contact the first pushed") {
  ServerFixture f;
  std::string token_a = f.SignIn("amira.khan", "tablet-a");
  std::string token_b = f.SignIn("amira.khan", "tablet-b");
  TestDevice tablet("tablet-a");
  sync::PushRequest push{2, "tablet-a", {tablet.Contact(kGraceId, "amira.khan")}, NowUtc()};
  REQUIRE(f.Client()->Post("/api/v1/push", Bearer(token_a), sync::Encode(push), "application/json"));
  auto pulled = f.Client()->Get("/api/v1/pull?since=0", Bearer(token_b));
  REQUIRE(pulled);
  REQUIRE(pulled->status == 200);
  auto page = sync::DecodePullResponse(pulled->body);
  REQUIRE(page.ok());
  REQUIRE(page->changes.size() == 2);  // Grace herself, then the contact
  CHECK(page->changes[0].record_id == kGraceId);
  CHECK(page->changes[1].ChangeId() == "tablet-a:1");
  CHECK_FALSE(page->changes[1].received_at.empty());
}

TEST_CASE("a key worker never pulls another key worker's participants") {
  ServerFixture f;
  auto pulled = f.Client()->Get("/api/v1/pull?since=0", Bearer(f.SignIn("ben.clarke", "tablet-b")));
  REQUIRE(pulled);
  auto page = sync::DecodePullResponse(pulled->body);
  REQUIRE(page.ok());
  REQUIRE(page->changes.size() == 1);
  CHECK(page->changes[0].participant_id == kLeahId);
}

TEST_CASE("a push holding a change for someone else's participant is refused whole, writing nothing") {
  ServerFixture f;
  std::string token = f.SignIn("amira.khan", "tablet-a");
  TestDevice tablet("tablet-a");
  sync::Change graces = tablet.Contact(kGraceId, "amira.khan");
  sync::Change leahs = tablet.Contact(kLeahId, "amira.khan");  // Ben's, never Amira's
  sync::PushRequest push{2, "tablet-a", {graces, leahs}, NowUtc()};
  auto res = f.Client()->Post("/api/v1/push", Bearer(token), sync::Encode(push), "application/json");
  REQUIRE(res);
  CHECK(res->status == 403);
  auto error = sync::DecodeErrorBody(res->body);
  REQUIRE(error.ok());
  CHECK(error->where == "changes[1].participant_id");
  CHECK(error->message == "this participant is not on your caseload");
  CHECK(CentralCount(f, "contacts") == 0);
  CHECK(CentralCount(f, "device_chains") == 0);
}

TEST_CASE("a supervisor pulls every participant's record") {
  ServerFixture f;
  auto pulled = f.Client()->Get("/api/v1/pull?since=0", Bearer(f.SignIn("carys.jones", "desk-1")));
  REQUIRE(pulled);
  auto page = sync::DecodePullResponse(pulled->body);
  REQUIRE(page.ok());
  CHECK(page->changes.size() == 2);
}

TEST_CASE("a wrong password, a missing token and a malformed push are JSON errors that write nothing") {
  ServerFixture f;
  auto client = f.Client();
  auto wrong = client->Post(
      "/api/v1/session",
      R"({"device_id":"tablet-a","password":"guess-123","protocol":2,"username":"amira.khan"})",
      "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  CHECK(sync::DecodeErrorBody(wrong->body)->code == "unauthenticated");

  TestDevice tablet("tablet-a");
  sync::PushRequest push{2, "tablet-a", {tablet.Contact(kGraceId, "amira.khan")}, NowUtc()};
  auto anonymous = client->Post("/api/v1/push", sync::Encode(push), "application/json");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);

  auto malformed = client->Post("/api/v1/push", Bearer(f.SignIn("amira.khan", "tablet-a")),
                                R"({"protocol":2,"device_id":"tablet-a","sent_at":"","changes":[{"x":1}]})",
                                "application/json");
  REQUIRE(malformed);
  CHECK(malformed->status == 400);
  auto error = sync::DecodeErrorBody(malformed->body);
  REQUIRE(error.ok());
  CHECK(error->where == "changes[0].x");
  CHECK(CentralCount(f, "changes") == 2);  // only the two seeded participants
}

TEST_CASE("a session token works only for the device it was issued to") {
  ServerFixture f;
  std::string token = f.SignIn("amira.khan", "tablet-a");
  TestDevice other("tablet-b");
  sync::PushRequest push{2, "tablet-b", {other.Contact(kGraceId, "amira.khan")}, NowUtc()};
  auto res = f.Client()->Post("/api/v1/push", Bearer(token), sync::Encode(push), "application/json");
  REQUIRE(res);
  CHECK(res->status == 403);
  CHECK(CentralCount(f, "contacts") == 0);
}

TEST_CASE("repeated wrong passwords are slowed with a 429 that says how long to wait") {
  ServerFixture f;
  auto client = f.Client();
  const std::string wrong =
      R"({"device_id":"tablet-a","password":"guess-123","protocol":2,"username":"amira.khan"})";
  for (int i = 0; i < 4; ++i) {
    auto res = client->Post("/api/v1/session", wrong, "application/json");
    REQUIRE(res);
    CHECK(res->status == 401);
  }
  auto slowed = client->Post(
      "/api/v1/session",
      R"({"device_id":"tablet-a","password":"amira.khan-pw","protocol":2,"username":"amira.khan"})",
      "application/json");
  REQUIRE(slowed);
  CHECK(slowed->status == 429);
  auto error = sync::DecodeErrorBody(slowed->body);
  REQUIRE(error.ok());
  CHECK(error->message.rfind("too many failed sign-ins: wait ", 0) == 0);
}
