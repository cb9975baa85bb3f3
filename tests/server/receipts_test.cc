// Receipt codes verified by the real server over loopback HTTPS: a plan signed on the tablet,
// pushed, sealed, and then found again from the code printed on the participant's receipt.
#include "sync-server/receipts.h"

#include <doctest/doctest.h>

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "shared/base/sha256.h"
#include "shared/base/utc_time.h"
#include "shared/sync/codec.h"
#include "tests/support/sample_changes.h"
#include "tests/support/sample_signature.h"
#include "tests/support/server_fixture.h"
#include "wasm-client/app/receipt.h"
#include "wasm-client/app/signing.h"

namespace outpost::testing {
namespace {

// Grace's plan signed on Amira's tablet with the real signing flow, pushed to `server`.
// Returns the receipt the participant was given.
client::Receipt SignAndPush(ServerFixture& server, const std::string& token) {
  const std::string document = "Action Plan\n\n1. Update CV\n   Status: in_progress\n\n";
  auto state = client::StartSigning(kGraceId, {2, document, Sha256Hex(document), {}},
                                    "Grace Okafor", "Amira Khan");
  REQUIRE(state.ok());
  REQUIRE(client::AdvanceSigning(*state, 1795428300000));
  state->participant.pad = SampleSignature();
  REQUIRE(client::AdvanceSigning(*state, 1795428360000));
  state->key_worker.pad = SampleSignature();
  REQUIRE(client::AdvanceSigning(*state, 1795428420000));
  auto records = client::SignatureRecords(*state);
  REQUIRE(records.ok());

  TestDevice tablet("tablet-a");
  std::vector<sync::Change> changes;
  std::vector<client::ReceiptSignature> signed_records;
  for (const client::SignatureRecord& record : *records) {
    sync::Change change = ContactChange("tablet-a", 0, kGraceId, "amira.khan");
    change.record_type = "signature";
    change.record_id = "019a-sig-" + std::to_string(changes.size() + 1);
    change.fields = record.fields;
    changes.push_back(tablet.Next(change));
    signed_records.push_back({change.record_id, record.fields});
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  sync::PushRequest push{sync::kProtocolVersion, "tablet-a", changes, FormatUtc(now)};
  auto pushed = server.Client()->Post("/api/v1/push", {{"Authorization", "Bearer " + token}},
                                      sync::Encode(push), "application/json");
  REQUIRE(pushed);
  REQUIRE(pushed->status == 200);
  auto receipt = client::MakeReceipt(signed_records, false);
  REQUIRE(receipt.ok());
  return *receipt;
}

struct Answer {
  int status = 0;
  nlohmann::json body;
};

Answer Verify(ServerFixture& server, const std::string& token, const std::string& code) {
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  auto res = server.Client()->Get(("/api/v1/receipts/verify?code=" + code).c_str(), headers);
  REQUIRE(res);
  return {res->status, nlohmann::json::parse(res->body, nullptr, false)};
}

TEST_CASE("the code on a receipt finds the signed plan version, when it was signed, and a valid seal") {
  ServerFixture server;
  const std::string token = server.SignIn("amira.khan", "tablet-a");
  client::Receipt receipt = SignAndPush(server, token);
  Answer answer = Verify(server, token, receipt.code);
  CHECK(answer.status == 200);
  CHECK(answer.body["code"] == receipt.code);
  CHECK(answer.body["plan_version"] == "2");
  CHECK(answer.body["signed_at"] == "2026-11-23T10:06:00Z");
  CHECK(answer.body["signer_role"] == "participant");
  CHECK(answer.body["signature_id"] == "019a-sig-1");
  CHECK(answer.body["participant_id"] == kGraceId);
  CHECK(answer.body["sealed"] == true);
  CHECK(answer.body["ok"] == true);
  CHECK(answer.body["problem"] == "");
}

TEST_CASE("a receipt code typed in lower case without the hyphen is the same code") {
  ServerFixture server;
  const std::string token = server.SignIn("amira.khan", "tablet-a");
  client::Receipt receipt = SignAndPush(server, token);
  std::string typed;
  for (char c : receipt.code)
    if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(Verify(server, token, typed).status == 200);
}

TEST_CASE("a receipt code is verified only for the key worker's own caseload, and by supervisors for all") {
  ServerFixture server;
  const std::string token = server.SignIn("amira.khan", "tablet-a");
  client::Receipt receipt = SignAndPush(server, token);
  Answer ben = Verify(server, server.SignIn("ben.clarke", "tablet-b"), receipt.code);
  CHECK(ben.status == 404);  // Grace is not Ben's: he is not told the signature exists
  CHECK(ben.body["error"]["where"] == "code");
  CHECK(Verify(server, server.SignIn("carys.jones", "desk-1"), receipt.code).status == 200);
  CHECK(Verify(server, "", receipt.code).status == 401);
}

TEST_CASE("a code no signature has is not found, and one that is not a code is refused") {
  ServerFixture server;
  const std::string token = server.SignIn("amira.khan", "tablet-a");
  SignAndPush(server, token);
  Answer unknown = Verify(server, token, "00000-00000");
  CHECK(unknown.status == 404);
  CHECK(unknown.body["error"]["message"].get<std::string>().find("00000-00000") != std::string::npos);
  Answer malformed = Verify(server, token, "not-a-code");
  CHECK(malformed.status == 400);
  CHECK(malformed.body["error"]["where"] == "code");
}

TEST_CASE("a receipt whose stored signature was altered afterwards is found but does not verify") {
  ServerFixture server;
  const std::string token = server.SignIn("amira.khan", "tablet-a");
  client::Receipt receipt = SignAndPush(server, token);
  REQUIRE(server.server().WithDatabase([](store::Database& db) {
    // The central store keeps a signature once, as the change that brought it (schema 0014).
    return db.Exec("UPDATE changes SET fields = json_set(fields, '$.strokes', 's1;0,0,0') "
                   "WHERE record_id = '019a-sig-1' AND evidence_record = 1");
  }).ok());
  Answer answer = Verify(server, token, receipt.code);
  CHECK(answer.status == 200);
  CHECK(answer.body["ok"] == false);
  CHECK(answer.body["problem"] == "the stored pen strokes are not the ones sealed");
}

}  // namespace
}  // namespace outpost::testing
