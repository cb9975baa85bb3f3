// Signature seals: the server signs what it received, and can later show whether the stored
// signature still matches.
#include "sync-server/seal.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "shared/base/sha256.h"
#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "tests/support/sample_changes.h"
#include "tests/support/server_fixture.h"
#include "tests/support/temp_dir.h"

#include <chrono>

#include "shared/base/utc_time.h"
#include "shared/sync/codec.h"

using namespace outpost;

namespace {

const std::string kDocument = "Action Plan\n\n1. Update CV\n   Status: in_progress\n\n";

sync::Change SignatureChange(const std::string& device, int64_t seq, const std::string& participant,
                             const std::string& author) {
  sync::Change c = testing::ContactChange(device, seq, participant, author);
  c.record_type = "signature";
  c.record_id = "sig-" + device + "-" + std::to_string(seq);
  c.fields = nlohmann::json{{"signer_role", "participant"},
                            {"signer_name", "Grace Okafor"},
                            {"method", "handwritten"},
                            {"strokes", "[[0,10,12],[16,40,44]]"},
                            {"document", kDocument},
                            {"document_hash", Sha256Hex(kDocument)},
                            {"plan_version", "1"},
                            {"signed_at", "2026-11-23T10:45:00Z"}}
                 .dump();
  return c;
}

struct Sealed {
  testing::TempDir dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<server::Sealer> sealer;
  Sealed() {
    auto opened = store::Database::Open(":memory:", store::JournalMode::kRollback);
    REQUIRE(opened.ok());
    db = std::move(opened).value();
    REQUIRE(store::MigrateToLatest(*db, store::Side::kServer).ok());
    REQUIRE(store::ApplyChanges(*db, {testing::ParticipantChange("seed", 1, "p-1", "amira.khan"),
                                      SignatureChange("tablet-a", 1, "p-1", "amira.khan")},
                                {"2026-11-23T10:46:00Z"})
                .ok());
    auto made = server::Sealer::LoadOrCreate(dir.File("seal/seal-key.pem"));
    REQUIRE(made.ok());
    sealer = std::move(made).value();
    REQUIRE(*sealer->SealNewSignatures(*db, 1795430000000) == 1);
  }
  server::SealCheck Check() {
    auto check = server::VerifySignatureSeal(*db, "sig-tablet-a-1");
    REQUIRE(check.ok());
    return *check;
  }
};

}  // namespace

TEST_CASE("a signature is sealed once by the server and then verifies") {
  Sealed s;
  CHECK(*s.sealer->SealNewSignatures(*s.db, 1795430000000) == 0);
  server::SealCheck check = s.Check();
  CHECK(check.ok());
  CHECK(check.Problem().empty());
}

TEST_CASE("changed pen strokes no longer match the seal") {
  Sealed s;
  REQUIRE(s.db->Exec("UPDATE changes SET fields = json_set(fields, '$.strokes', '[[0,0,0]]') "
                     "WHERE record_id = 'sig-tablet-a-1' AND evidence_record = 1").ok());
  server::SealCheck check = s.Check();
  CHECK_FALSE(check.strokes_match);
  CHECK(check.Problem() == "the stored pen strokes are not the ones sealed");
}

TEST_CASE("a different document or plan version no longer matches the seal") {
  Sealed s;
  REQUIRE(s.db->Exec("UPDATE changes SET fields = json_set(fields, '$.plan_version', '2') "
                     "WHERE record_id = 'sig-tablet-a-1' AND evidence_record = 1").ok());
  CHECK_FALSE(s.Check().version_match);
  REQUIRE(s.db->Exec("UPDATE changes SET fields = json_set(fields, '$.plan_version', '1', "
                     "'$.document', 'Action Plan\n\n1. Something else\n') "
                     "WHERE record_id = 'sig-tablet-a-1' AND evidence_record = 1").ok());
  CHECK_FALSE(s.Check().document_match);
}

TEST_CASE("a seal that was edited is not a valid server signature") {
  Sealed s;
  REQUIRE(s.db->Exec("UPDATE signature_seals SET plan_version = '2'").ok());
  REQUIRE(s.db->Exec("UPDATE changes SET fields = json_set(fields, '$.plan_version', '2') "
                     "WHERE evidence_record = 1 AND record_type = 'signature'").ok());
  server::SealCheck check = s.Check();
  CHECK(check.version_match);
  CHECK_FALSE(check.seal_valid);
}

TEST_CASE("the sealing key is kept, so a restarted server makes seals with the same key") {
  testing::TempDir dir;
  auto first = server::Sealer::LoadOrCreate(dir.File("seal/seal-key.pem"));
  auto second = server::Sealer::LoadOrCreate(dir.File("seal/seal-key.pem"));
  REQUIRE((first.ok() && second.ok()));
  CHECK((*first)->public_key_hex() == (*second)->public_key_hex());
  CHECK((*first)->public_key_hex().size() == 64);
}

TEST_CASE("a pushed signature is sealed at once and the verify API reports it") {
  testing::ServerFixture f;
  std::string token = f.SignIn("amira.khan", "tablet-a");
  testing::TestDevice tablet("tablet-a");
  sync::Change signature = tablet.Next(SignatureChange("tablet-a", 0, testing::kGraceId, "amira.khan"));
  sync::PushRequest push{sync::kProtocolVersion, "tablet-a", {signature},
                         FormatUtc(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count())};
  httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  auto pushed = f.Client()->Post("/api/v1/push", bearer, sync::Encode(push), "application/json");
  REQUIRE(pushed);
  REQUIRE(pushed->status == 200);
  auto verified = f.Client()->Get(("/api/v1/signatures/verify?id=" + signature.record_id).c_str(), bearer);
  REQUIRE(verified);
  CHECK(verified->status == 200);
  auto body = nlohmann::json::parse(verified->body);
  CHECK(body["ok"] == true);
  CHECK(body["sealed"] == true);
  auto other = f.Client()->Get(("/api/v1/signatures/verify?id=" + signature.record_id).c_str(),
                               {{"Authorization", "Bearer " + f.SignIn("ben.clarke", "tablet-b")}});
  REQUIRE(other);
  CHECK(other->status == 404);  // not on Ben's caseload: he is not even told it exists
}
