// The protocol's examples, byte for byte: each message below is built in code, encoded, and
// compared with its golden file in tests/golden/sync/; the golden file decodes back to the same
// message; and docs/protocol.md shows exactly that text. So the documentation cannot drift from
// what the code sends.
//
// To change an example deliberately: update the message here, run with OUTPOST_WRITE_GOLDEN=1 to
// rewrite the files, and paste them into docs/protocol.md.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "shared/sync/codec.h"

using namespace outpost;
using namespace outpost::sync;

namespace {

const std::string kGolden = OUTPOST_SOURCE_DIR "/tests/golden/sync/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The golden text of `name`, written from `encoded` first when OUTPOST_WRITE_GOLDEN is set.
std::string Golden(const std::string& name, const std::string& encoded) {
  if (std::getenv("OUTPOST_WRITE_GOLDEN")) std::ofstream(kGolden + name, std::ios::binary) << encoded << "\n";
  std::string text = ReadFile(kGolden + name);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

void CheckInDocs(const std::string& golden) {
  static const std::string docs = ReadFile(OUTPOST_SOURCE_DIR "/docs/protocol.md");
  CHECK_MESSAGE(docs.find("```json\n" + golden + "\n```") != std::string::npos,
                "docs/protocol.md does not show: " << golden);
}

Change ExampleContact() {
  Change c;
  c.author = "amira.khan";
  c.base = "{}";
  c.captured_at = "2026-11-23T10:31:00Z";
  c.device_id = "tab-3f9a1c22d0e4b7a1";
  c.device_seq = 1;
  c.fields = R"({"location":"Central Library","mode":"face_to_face","notes":"Agreed CV workshop",)"
             R"("occurred_at":"2026-11-23T10:30","outcome":"attended"})";
  c.hlc = "1795429860000-0000-tab-3f9a1c22d0e4b7a1";
  c.participant_id = "1c7a4d2f-6e2b-4d88-8b1f-2a3e4d5c6b72";
  c.record_id = "019ab0c1-7e20-7c3a-9d41-5b6e7f809a1b";
  c.record_type = "contact";
  return c;
}

}  // namespace

TEST_CASE("the sign-in example in docs/protocol.md is what the codec sends and reads") {
  SignInRequest request{kProtocolVersion, "amira.khan", "outpost-demo-amira", "tab-3f9a1c22d0e4b7a1"};
  std::string golden = Golden("sign_in_request.json", Encode(request));
  CHECK(Encode(request) == golden);
  CHECK(*DecodeSignInRequest(golden) == request);
  CheckInDocs(golden);

  SignInResponse response{kProtocolVersion, std::string(64, 'a'), "amira.khan", "Amira Khan",
                          "key_worker", "2026-12-07T10:00:00Z", "2026-11-23T10:00:00Z", 14, 30};
  golden = Golden("sign_in_response.json", Encode(response));
  CHECK(Encode(response) == golden);
  CHECK(*DecodeSignInResponse(golden) == response);
  CheckInDocs(golden);

  // The device-lock fields are optional: an answer without them reads as 0 (tablet defaults).
  SignInResponse plain = response;
  plain.lock_after_days = plain.erase_after_days = 0;
  CHECK(Encode(plain).find("after_days") == std::string::npos);
  CHECK(*DecodeSignInResponse(Encode(plain)) == plain);
  CHECK(!DecodeSignInResponse(R"({"display_name":"","expires_at":"","protocol":2,"role":"",)"
                              R"("server_time":"","token":"","username":"","lock_after_days":-1})")
             .ok());
}

TEST_CASE("the push example in docs/protocol.md is what the codec sends and reads") {
  PushRequest request{kProtocolVersion, "tab-3f9a1c22d0e4b7a1", {ExampleContact()},
                      "2026-11-23T10:40:00Z"};
  std::string golden = Golden("push_request.json", Encode(request));
  CHECK(Encode(request) == golden);
  CHECK(*DecodePushRequest(golden) == request);
  CheckInDocs(golden);

  PushResponse response;
  response.applied = {{"tab-3f9a1c22d0e4b7a1:1", ChangeHash(ExampleContact())}};
  response.received_at = "2026-11-23T10:40:01Z";
  golden = Golden("push_response.json", Encode(response));
  CHECK(Encode(response) == golden);
  CHECK(*DecodePushResponse(golden) == response);
  CheckInDocs(golden);
}

TEST_CASE("the pull example in docs/protocol.md is what the codec sends and reads") {
  Change stored = ExampleContact();
  stored.received_at = "2026-11-23T10:40:01Z";
  stored.server_seq = 7;
  PullResponse response{kProtocolVersion, {stored}, 7, false, {}, 0, {}, {}};
  std::string golden = Golden("pull_response.json", Encode(response));
  CHECK(Encode(response) == golden);
  CHECK(*DecodePullResponse(golden) == response);
  CheckInDocs(golden);
}

TEST_CASE("the error example in docs/protocol.md is what the codec sends and reads") {
  ErrorBody error{"permission_denied", "changes[0].participant_id",
                  "this participant is not on your caseload"};
  std::string golden = Golden("error.json", Encode(error));
  CHECK(Encode(error) == golden);
  CHECK(*DecodeErrorBody(golden) == error);
  CheckInDocs(golden);
}
