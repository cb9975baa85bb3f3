// The signing flow's rules: one exact plan version, both signers, every method, and nothing the
// server would refuse.
#include "wasm-client/app/signing.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "shared/base/sha256.h"
#include "shared/sync/change.h"
#include "tests/support/sample_changes.h"
#include "tests/support/sample_signature.h"
#include "wasm-client/app/words.h"

namespace outpost::client {
namespace {

constexpr const char* kGrace = "1c7a4d2f-6e2b-4d88-8b1f-2a3e4d5c6b72";
constexpr int64_t kNow = 1795428300000;  // 2026-11-23 10:05 UTC

store::PlanVersion Version() {
  store::PlanPart item{"019a-item-1",
                       {{"description", "Update CV"},
                        {"status", "in_progress"},
                        {"progression_area", "job_seeking_activity"}}};
  store::PlanPart agreement{"019a-agreement", {{"weekly_offer", "offered"}}};
  std::string document = store::RenderPlanDocument({item}, agreement);
  return {2, document, Sha256Hex(document), {}};
}

SigningState Flow() {
  auto state = StartSigning(kGrace, Version(), "Grace Okafor", "Amira Khan");
  REQUIRE(state.ok());
  return *state;
}

template <size_t N>
void Set(char (&buffer)[N], const char* text) {
  std::snprintf(buffer, N, "%s", text);
}

// Fills in everything any method could need (the flow writes only what applies).
void Complete(SignerDraft& d, SignMethod method) {
  d.method = method;
  d.pad = testing::SampleSignature();
  Set(d.witness_name, "Sam Jones");
  Set(d.witness_role, "Support worker");
  Set(d.reason, "Arthritis in both hands");
  Set(d.paper_reference, "PAPER-2026-041");
}

// The flow at the participant's step, their part filled in for `method`.
SigningState ParticipantSigning(SignMethod method) {
  SigningState state = Flow();
  REQUIRE(AdvanceSigning(state, kNow));  // the document has been read
  Complete(state.participant, method);
  return state;
}

// Both signers through the flow; the participant with `method`, the key worker on the glass.
SigningState Signed(SignMethod method) {
  SigningState state = ParticipantSigning(method);
  REQUIRE(AdvanceSigning(state, kNow + 60000));
  Complete(state.key_worker, SignMethod::kHandwritten);
  REQUIRE(AdvanceSigning(state, kNow + 120000));
  CHECK(state.step == SigningStep::kComplete);
  return state;
}

// What the server checks on a push: the record inside a real change envelope.
Status ServerCheck(const SignatureRecord& record) {
  sync::Change change = testing::ContactChange("tablet-a", 7, kGrace, "amira.khan");
  change.record_type = "signature";
  change.record_id = "019a-signature-1";
  change.fields = record.fields;
  return sync::ValidateChange(change);
}

nlohmann::json FieldsOf(const SignatureRecord& record) { return nlohmann::json::parse(record.fields); }

TEST_CASE("every record signs exactly the version shown: its text, its hash and its number") {
  const store::PlanVersion version = Version();
  SigningState state = Signed(SignMethod::kHandwritten);
  CHECK(state.document == version.document);
  CHECK(state.document_hash == Sha256Hex(state.document));
  auto records = SignatureRecords(state);
  REQUIRE(records.ok());
  REQUIRE(records->size() == 2);
  CHECK((*records)[0].role == SignerRole::kParticipant);
  CHECK((*records)[1].role == SignerRole::kKeyWorker);
  for (const SignatureRecord& record : *records) {
    nlohmann::json f = FieldsOf(record);
    CHECK(f["document"] == version.document);
    CHECK(f["document_hash"] == version.document_hash);
    CHECK(f["plan_version"] == "2");
  }
  CHECK(FieldsOf((*records)[0])["signed_at"] == "2026-11-23T10:06:00Z");
  CHECK(FieldsOf((*records)[1])["signed_at"] == "2026-11-23T10:07:00Z");
  CHECK(FieldsOf((*records)[0])["signer_name"] == "Grace Okafor");
  CHECK(FieldsOf((*records)[1])["signer_role"] == "key_worker");
}

TEST_CASE("a plan version whose hash is not the SHA-256 of its text cannot be opened for signing") {
  store::PlanVersion version = Version();
  version.document += "1. An action added after hashing\n";
  auto state = StartSigning(kGrace, version, "Grace Okafor", "Amira Khan");
  REQUIRE_FALSE(state.ok());
  CHECK(state.status().where() == "document_hash");
  CHECK_FALSE(StartSigning(kGrace, {1, "", Sha256Hex(""), {}}, "G", "A").ok());
}

TEST_CASE("each way of agreeing, completed, makes records the server's validation accepts") {
  for (SignMethod method : kSignMethods) {
    INFO("method ", SignMethodValue(method));
    auto records = SignatureRecords(Signed(method));
    REQUIRE(records.ok());
    for (const SignatureRecord& record : *records) CHECK(ServerCheck(record).ok());
    CHECK(FieldsOf((*records)[0])["method"] == SignMethodValue(method));
  }
}

TEST_CASE("pen strokes are written only for signatures on the glass") {
  for (SignMethod method : kSignMethods) {
    INFO("method ", SignMethodValue(method));
    nlohmann::json f = FieldsOf((*SignatureRecords(Signed(method)))[0]);
    CHECK(f.contains("strokes") == IsOnGlass(method));
    if (IsOnGlass(method)) CHECK(f["strokes"] == testing::SampleSignature().Serialize());
  }
}

TEST_CASE("only the details that belong to the way of agreeing are written") {
  nlohmann::json verbal = FieldsOf((*SignatureRecords(Signed(SignMethod::kVerbalWitnessed)))[0]);
  CHECK(verbal["witness_name"] == "Sam Jones");
  CHECK(verbal["witness_role"] == "Support worker");
  CHECK(verbal["reason"] == "Arthritis in both hands");
  CHECK_FALSE(verbal.contains("paper_reference"));
  nlohmann::json wet = FieldsOf((*SignatureRecords(Signed(SignMethod::kWet)))[0]);
  CHECK(wet["paper_reference"] == "PAPER-2026-041");
  CHECK_FALSE(wet.contains("witness_name"));
  CHECK_FALSE(wet.contains("reason"));
  nlohmann::json handwritten = FieldsOf((*SignatureRecords(Signed(SignMethod::kHandwritten)))[0]);
  CHECK_FALSE(handwritten.contains("reason"));
}

TEST_CASE("no signature signs no document, but says which version and why") {
  nlohmann::json none = FieldsOf((*SignatureRecords(Signed(SignMethod::kNone)))[0]);
  CHECK_FALSE(none.contains("document"));
  CHECK_FALSE(none.contains("document_hash"));
  CHECK(none["plan_version"] == "2");
  CHECK(none["reason"] == "Arthritis in both hands");
}

TEST_CASE("a signer with something missing cannot move on, and the error names the field") {
  struct Case {
    SignMethod method;
    void (*spoil)(SignerDraft&);
    const char* field;
  };
  const Case cases[] = {
      {SignMethod::kHandwritten, [](SignerDraft& d) { Set(d.name, "  "); }, "signer_name"},
      {SignMethod::kHandwritten, [](SignerDraft& d) { d.pad.Clear(); }, "strokes"},
      {SignMethod::kHandwritten,
       [](SignerDraft& d) {
         d.pad.Clear();
         d.pad.PenDown(600, 200, 0);  // a stray dot
       },
       "strokes"},
      {SignMethod::kMark, [](SignerDraft& d) { Set(d.reason, ""); }, "reason"},
      {SignMethod::kAssisted, [](SignerDraft& d) { Set(d.witness_name, ""); }, "witness_name"},
      {SignMethod::kAssisted, [](SignerDraft& d) { d.pad.Clear(); }, "strokes"},
      {SignMethod::kVerbalWitnessed, [](SignerDraft& d) { Set(d.witness_name, ""); }, "witness_name"},
      {SignMethod::kVerbalWitnessed, [](SignerDraft& d) { Set(d.witness_role, " "); }, "witness_role"},
      {SignMethod::kVerbalWitnessed, [](SignerDraft& d) { Set(d.reason, ""); }, "reason"},
      {SignMethod::kWet, [](SignerDraft& d) { Set(d.paper_reference, ""); }, "paper_reference"},
      {SignMethod::kNone, [](SignerDraft& d) { Set(d.reason, ""); }, "reason"},
  };
  for (const Case& c : cases) {
    INFO(SignMethodValue(c.method), " without ", c.field);
    SigningState state = ParticipantSigning(c.method);
    c.spoil(state.participant);
    CHECK_FALSE(AdvanceSigning(state, kNow));
    CHECK(state.step == SigningStep::kParticipantSigns);
    CHECK(state.error_field == std::string("participant.fields.") + c.field);
    CHECK_FALSE(state.error.empty());
    CHECK(state.participant.signed_at.empty());
  }
}

TEST_CASE("a key worker with something missing is named as the key worker") {
  SigningState state = ParticipantSigning(SignMethod::kHandwritten);
  REQUIRE(AdvanceSigning(state, kNow));
  Complete(state.key_worker, SignMethod::kWet);
  Set(state.key_worker.paper_reference, "");
  CHECK_FALSE(AdvanceSigning(state, kNow));
  CHECK(state.error_field == "key_worker.fields.paper_reference");
}

TEST_CASE("records cannot be made before both have signed") {
  SigningState state = ParticipantSigning(SignMethod::kHandwritten);
  REQUIRE(AdvanceSigning(state, kNow));
  auto records = SignatureRecords(state);
  REQUIRE_FALSE(records.ok());
  CHECK(records.status().where() == "key_worker.signed_at");
}

TEST_CASE("the \"due to COVID-19\" annotation is refused, as the server refuses it (box after 4.15)") {
  SigningState state = ParticipantSigning(SignMethod::kNone);
  Set(state.participant.reason, "Not signed due to Covid-19");
  CHECK_FALSE(AdvanceSigning(state, kNow));
  CHECK(state.error_field == "participant.fields.reason");
}

TEST_CASE("going back to redo a signature keeps what was entered, and clear starts the ink again") {
  SigningState state = Signed(SignMethod::kHandwritten);
  StepBackSigning(state);
  CHECK(state.step == SigningStep::kKeyWorkerSigns);
  StepBackSigning(state);
  CHECK(state.step == SigningStep::kParticipantSigns);
  CHECK(state.participant.pad.strokes() == testing::SampleSignature().strokes());
  state.participant.pad.Clear();
  CHECK_FALSE(AdvanceSigning(state, kNow));
  CHECK(state.error_field == "participant.fields.strokes");
}

TEST_CASE("a signing error reads in Welsh when the key worker works in Welsh") {
  SetLanguage(Language::kWelsh);
  SigningState state = ParticipantSigning(SignMethod::kWet);
  Set(state.participant.paper_reference, "");
  CHECK_FALSE(AdvanceSigning(state, kNow));
  SetLanguage(Language::kEnglish);
  CHECK(state.error == "Ysgrifennwch gyfeirnod y copi papur.");
}

TEST_CASE("the short hash is the first sixteen hex digits in groups of four") {
  CHECK(ShortHash(Sha256Hex("Action Plan\n")) == "be1f a0f0 918a 83e8");
}

}  // namespace
}  // namespace outpost::client
