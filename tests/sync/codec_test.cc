#include "shared/sync/codec.h"

#include <doctest/doctest.h>

#include "tests/support/sample_changes.h"

using namespace outpost;
using namespace outpost::sync;

TEST_CASE("a push request survives encoding and decoding unchanged") {
  PushRequest request;
  request.device_id = "tablet-a";
  testing::TestDevice tablet("tablet-a");
  request.changes = {tablet.Contact("p-1", "amira.khan"),
                     tablet.Contact("p-1", "amira.khan", "Ŵ ŷ â \"quoted\"")};
  request.sent_at = "2026-11-23T10:40:00Z";
  auto decoded = DecodePushRequest(Encode(request));
  REQUIRE(decoded.ok());
  CHECK(*decoded == request);
}

TEST_CASE("a push response encodes with sorted keys and no spaces") {
  PushResponse response;
  response.applied = {{"tablet-a:2", "ab12"}};
  response.already_known = {{"tablet-a:1", "cd34"}};
  response.rejected = {{"tablet-a:3", "changes[2].participant_id", "not on your caseload"}};
  response.received_at = "2026-11-23T10:40:00Z";
  CHECK(Encode(response) ==
        R"({"already_known":[{"change_id":"tablet-a:1","hash":"cd34"}],)"
        R"("applied":[{"change_id":"tablet-a:2","hash":"ab12"}],"clock_flagged":false,)"
        R"("problem":"","protocol":2,"received_at":"2026-11-23T10:40:00Z",)"
        R"("rejected":[{"change_id":"tablet-a:3","reason":"not on your caseload",)"
        R"("where":"changes[2].participant_id"}],"resend_from":0,"unknown_device":false})");
  auto decoded = DecodePushResponse(Encode(response));
  REQUIRE(decoded.ok());
  CHECK(*decoded == response);
}

TEST_CASE("decoding names the field that is wrong, deep inside the message") {
  std::string body = Encode(PushRequest{kProtocolVersion, "tablet-a",
                                        {testing::ContactChange("tablet-a", 1, "p-1", "a")}, ""});
  std::string wrong_type = body;
  wrong_type.replace(wrong_type.find("\"device_seq\":1"), 14, "\"device_seq\":\"1\"");
  auto decoded = DecodePushRequest(wrong_type);
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().where() == "changes[0].device_seq");
  CHECK(decoded.status().what() == "must be an integer");
}

TEST_CASE("decoding refuses unknown fields, malformed JSON and other protocol versions") {
  CHECK(DecodeSignInRequest(R"({"device_id":"d","password":"p","protocol":2,"username":"u","admin":true})")
            .status().where() == "admin");
  CHECK(DecodeSignInRequest("{\"device_id\":").status().what() == "is not valid JSON");
  auto future = DecodeSignInRequest(R"({"device_id":"d","password":"p","protocol":3,"username":"u"})");
  REQUIRE_FALSE(future.ok());
  CHECK(future.status().where() == "protocol");
  CHECK(DecodePullResponse("[]").status().what() == "must be a JSON object");
}

TEST_CASE("an error body carries the status code name, where and what") {
  ErrorBody body = ErrorBodyFor(Status::PermissionDenied("participant_id", "not on your caseload"));
  CHECK(Encode(body) ==
        R"({"error":{"code":"permission_denied","message":"not on your caseload","where":"participant_id"}})");
  auto decoded = DecodeErrorBody(Encode(body));
  REQUIRE(decoded.ok());
  CHECK(*decoded == body);
}
