#include "shared/sync/codec.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "shared/sync/codec_internal.h"
#include "tests/support/sample_changes.h"

using namespace outpost;
using namespace outpost::sync;

namespace {

// Two contacts of one tablet, the second with notes that need escaping.
PushRequest SamplePush() {
  PushRequest request;
  request.device_id = "tablet-a";
  testing::TestDevice tablet("tablet-a");
  request.changes = {tablet.Contact("p-1", "amira.khan"),
                     tablet.Contact("p-1", "amira.khan", "Ŵ ŷ â \"quoted\"\n\x01")};
  request.sent_at = "2026-11-23T10:40:00Z";
  return request;
}

}  // namespace

TEST_CASE("a push request survives encoding and decoding unchanged") {
  const PushRequest request = SamplePush();
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

TEST_CASE("a push response is written byte for byte as its DOM would dump it") {
  auto dom = [](const PushResponse& m) {
    nlohmann::json receipts[2] = {nlohmann::json::array(), nlohmann::json::array()};
    for (const Receipt& r : m.already_known)
      receipts[0].push_back({{"change_id", r.change_id}, {"hash", r.hash}});
    for (const Receipt& r : m.applied)
      receipts[1].push_back({{"change_id", r.change_id}, {"hash", r.hash}});
    nlohmann::json rejected = nlohmann::json::array();
    for (const RejectedChange& r : m.rejected)
      rejected.push_back({{"change_id", r.change_id}, {"reason", r.reason}, {"where", r.where}});
    return nlohmann::json{{"already_known", receipts[0]}, {"applied", receipts[1]},
                          {"clock_flagged", m.clock_flagged}, {"problem", m.problem},
                          {"protocol", m.protocol}, {"received_at", m.received_at},
                          {"rejected", rejected}, {"resend_from", m.resend_from},
                          {"unknown_device", m.unknown_device}}
        .dump();
  };
  PushResponse response;
  CHECK(Encode(response) == dom(response));
  response.applied = {{"tablet-a:2", "ab12"}, {"tablet-\"b\":3", "\x01\n"}};
  response.already_known = {{"tablet-a:1", "cd34"}};
  response.rejected = {{"tablet-a:3", "changes[2].participant_id", "Ŵ \"not\" here\t"},
                       {"tablet-a:4", "changes[3].record_id", "taken"}};
  response.clock_flagged = true;
  response.unknown_device = true;
  response.resend_from = 5;
  response.problem = "changes 5 to 6 of this device are missing";
  response.received_at = "2026-11-23T10:40:00Z";
  CHECK(Encode(response) == dom(response));
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

namespace {

// Both decoders give the same value, or refuse with the same words in the same place.
template <typename T>
void CheckSameVerdict(const StatusOr<T>& a, const StatusOr<T>& b, const std::string& text) {
  REQUIRE_MESSAGE(a.ok() == b.ok(), text);
  if (a.ok()) {
    CHECK_MESSAGE(*a == *b, text);
  } else {
    CHECK_MESSAGE(a.status().where() == b.status().where(), text);
    CHECK_MESSAGE(a.status().what() == b.status().what(), text);
  }
}

// `text` with a few random bytes replaced, removed or added (spaces, quotes, brackets, digits).
std::string Mutate(std::string text, std::mt19937& random) {
  static const char kBytes[] = " \"{}[]:,0123456789-\\ae\x01\xc3";
  for (int n = 1 + static_cast<int>(random() % 3); n > 0 && !text.empty(); --n) {
    const size_t at = random() % text.size();
    switch (random() % 3) {
      case 0: text[at] = kBytes[random() % (sizeof kBytes - 1)]; break;
      case 1: text.erase(at, 1); break;
      default: text.insert(at, 1, kBytes[random() % (sizeof kBytes - 1)]); break;
    }
  }
  return text;
}

}  // namespace

TEST_CASE("a push as Encode writes it is read by the fast path, to the same request") {
  const PushRequest request = SamplePush();
  auto fast = internal::DecodeCanonicalPushRequest(Encode(request));
  REQUIRE(fast.has_value());
  CHECK(*fast == request);
}

TEST_CASE("a push decoded into a request kept from earlier pushes is the push as sent, nothing of theirs left") {
  // A server thread decodes push after push into one request: first a longer push with other
  // values in every member, then a shorter one, then one with more changes than either.
  testing::TestDevice other("tablet-b");
  PushRequest longer;
  longer.device_id = "tablet-b";
  longer.sent_at = "2026-11-24T08:00:00Z";
  for (int i = 0; i < 5; ++i)
    longer.changes.push_back(other.Contact("p-22", "ben.okafor", std::string(300, 'x')));
  longer.changes[0].received_at = "2026-11-24T08:01:00Z";  // the server's members are read too
  longer.changes[0].server_seq = 41;
  PushRequest more = longer;
  more.changes.push_back(other.Contact("p-23", "ben.okafor"));
  more.changes.push_back(other.Contact("p-23", "ben.okafor"));

  PushRequest kept;
  REQUIRE(DecodePushRequestInto(Encode(longer), &kept).ok());
  CHECK(kept == longer);
  REQUIRE(DecodePushRequestInto(Encode(SamplePush()), &kept).ok());
  CHECK(kept == SamplePush());
  REQUIRE(DecodePushRequestInto(Encode(more), &kept).ok());
  CHECK(kept == more);

  SUBCASE("a push in another form (the strict path) replaces what was kept") {
    std::string spaced = Encode(SamplePush());
    spaced.insert(1, " ");
    REQUIRE(DecodePushRequestInto(spaced, &kept).ok());
    CHECK(kept == SamplePush());
  }
  SUBCASE("a push with no changes leaves none of the kept ones") {
    PushRequest empty = SamplePush();
    empty.changes.clear();
    REQUIRE(DecodePushRequestInto(Encode(empty), &kept).ok());
    CHECK(kept == empty);
  }
  SUBCASE("a refused push is refused with the same field as a fresh decode names") {
    std::string extra = Encode(SamplePush());
    extra.insert(1, "\"admin\":true,");
    const Status refused = DecodePushRequestInto(extra, &kept);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.where() == "admin");
    CHECK(refused.what() == DecodePushRequest(extra).status().what());
  }
}

TEST_CASE("a pull page as Encode writes it is read by the fast path, to the same page") {
  PullResponse page;
  page.changes = SamplePush().changes;
  page.changes[0].server_seq = 7;
  page.changes[0].received_at = "2026-11-23T10:41:00Z";
  page.next_cursor = 7;
  page.more = true;
  page.holding = {"p-1", "p-2"};
  page.backfilling = {"p-2"};
  page.removed_participants = {"p-9"};
  page.backfill_after = 5;
  auto fast = internal::DecodeCanonicalPullResponse(Encode(page));
  REQUIRE(fast.has_value());
  CHECK(*fast == page);
  CHECK(DecodePullResponse(Encode(page)).value() == page);
}

TEST_CASE("any text the fast path does not read as Encode writes it is judged by the strict path") {
  // Spaces, reordered keys and other escapes are valid JSON in another form; unknown keys, wrong
  // types and other versions are refused. Either way the answer is the strict decoder's.
  const std::string body = Encode(SamplePush());
  std::string spaced = body;
  spaced.insert(1, " ");
  std::string escaped = body;
  escaped.replace(escaped.find("amira.khan"), 10, "amira\\u002ekhan");
  std::string extra = body;
  extra.insert(1, "\"admin\":true,");
  std::string version = body;
  version.replace(version.find("\"protocol\":2"), 12, "\"protocol\":3");
  std::string wide = body;
  wide.replace(wide.find("\"device_seq\":1"), 14, "\"device_seq\":123456789012345678901234567890");
  std::string deep = body;
  deep.replace(deep.find("\"base\":{}"), 9, "\"base\":" + std::string(20, '[') + std::string(20, ']'));
  for (const std::string& text : {spaced, escaped, extra, version, wide, deep}) {
    CHECK_FALSE_MESSAGE(internal::DecodeCanonicalPushRequest(text).has_value(), text);
    CheckSameVerdict(DecodePushRequest(text), internal::DecodePushRequestGeneral(text), text);
  }
  CHECK(DecodePushRequest(spaced).ok());
  CHECK(DecodePushRequest(escaped).value().changes[0].author == "amira.khan");
  CHECK(DecodePushRequest(extra).status().where() == "admin");
  CHECK(DecodePushRequest(version).status().where() == "protocol");
  CHECK(DecodePushRequest(wide).status().what() == "must be an integer");
  CHECK(DecodePushRequest(deep).status().what() == "nests objects and arrays more than 16 deep");
}

TEST_CASE("a push holding more changes than the limit is refused, canonical or not") {
  PushRequest request;
  request.device_id = "tablet-a";
  request.sent_at = "2026-11-23T10:40:00Z";
  request.changes.assign(kMaxChangesPerPush + 1, testing::ContactChange("tablet-a", 1, "p-1", "a"));
  auto decoded = DecodePushRequest(Encode(request));
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().where() == "changes");
}

TEST_CASE("damaged pushes and pages get the same verdict from the fast and the strict decoder") {
  std::mt19937 random(20261123);
  const std::string push = Encode(SamplePush());
  PullResponse page;
  page.changes = SamplePush().changes;
  page.holding = {"p-1"};
  const std::string pull = Encode(page);
  for (int i = 0; i < 3000; ++i) {
    const std::string text = Mutate(push, random);
    if (auto fast = internal::DecodeCanonicalPushRequest(text)) {
      auto strict = internal::DecodePushRequestGeneral(text);
      REQUIRE_MESSAGE(strict.ok(), text);
      CHECK_MESSAGE(*strict == *fast, text);
    }
    CheckSameVerdict(DecodePushRequest(text), internal::DecodePushRequestGeneral(text), text);
    const std::string damaged = Mutate(pull, random);
    if (auto fast = internal::DecodeCanonicalPullResponse(damaged)) {
      auto strict = internal::DecodePullResponseGeneral(damaged);
      REQUIRE_MESSAGE(strict.ok(), damaged);
      CHECK_MESSAGE(*strict == *fast, damaged);
    }
  }
}

TEST_CASE("a change whose fields are not canonical text is encoded as its DOM was") {
  Change c = testing::ContactChange("tablet-a", 1, "p-1", "a");
  c.fields = R"({ "notes" : "x", "mode":"text" })";
  c.base = "";
  CHECK(EncodeChange(c).find(R"("base":{},)") != std::string::npos);
  CHECK(EncodeChange(c).find(R"("fields":{"mode":"text","notes":"x"},)") != std::string::npos);
  c.fields = "not json";
  CHECK(EncodeChange(c).find(R"("fields":{},)") != std::string::npos);
}

TEST_CASE("a number too long for 64 bits is refused without being read (the fuzzer's overflow)") {
  PushRequest request;
  request.device_id = "tablet-a";
  request.sent_at = "2026-11-23T10:40:00Z";
  request.changes.push_back(testing::ContactChange("tablet-a", 1, "p-1", "a"));
  std::string body = Encode(request);
  const size_t at = body.find("\"device_seq\":1");
  REQUIRE(at != std::string::npos);
  body.replace(at, 14, "\"device_seq\":66666666666000000000000000000184467440737095516150");
  CHECK_FALSE(DecodePushRequest(body).ok());
}
