#include "shared/store/plan_versions.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "shared/base/sha256.h"
#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "tests/support/sample_changes.h"

using namespace outpost;
using namespace outpost::store;

namespace {

const std::string kGrace = "1c7a4d2f-6e2b-4d88-8b1f-2a3e4d5c6b72";

struct Tablet {
  std::unique_ptr<Database> db;
  int64_t clock = 1795429860000;
  Tablet() {
    auto opened = Database::Open(":memory:", JournalMode::kRollback);
    REQUIRE(opened.ok());
    db = std::move(opened).value();
    REQUIRE(MigrateToLatest(*db, Side::kClient).ok());
    REQUIRE(SetDeviceState(*db, "device_id", "tablet-a").ok());
    REQUIRE(ApplyChanges(*db, {testing::ParticipantChange("seed", 1, kGrace, "amira.khan")}, {}).ok());
  }
  StatusOr<sync::Change> Write(const std::string& type, const std::string& id, nlohmann::json fields) {
    clock += 1000;
    return RecordLocalChange(*db, {"amira.khan", type, id, kGrace, fields.dump(), clock,
                                   "2026-11-23T10:31:00Z"});
  }
  void Sign(const std::string& id, const std::string& role, const PlanVersion& version) {
    REQUIRE(Write("signature", id,
                  {{"signer_role", role}, {"signer_name", role == "participant" ? "Grace Okafor" : "Amira Khan"},
                   {"method", "handwritten"}, {"strokes", "[[0,0,0],[10,12,16]]"},
                   {"document", version.document}, {"document_hash", version.document_hash},
                   {"plan_version", std::to_string(version.number)},
                   {"signed_at", "2026-11-23T10:45:00Z"}})
                .ok());
  }
  PlanStatus Status() {
    auto status = LoadPlanStatus(*db, kGrace);
    REQUIRE(status.ok());
    return *status;
  }
};

}  // namespace

TEST_CASE("a plan signed by both is version 1, signed, and shows exactly what was signed") {
  Tablet t;
  REQUIRE(t.Write("plan_item", "019a-item-1", {{"description", "Update CV"}, {"status", "in_progress"},
                                               {"progression_area", "job_seeking_activity"}}).ok());
  REQUIRE(t.Write("plan_agreement", "019a-agreement", {{"weekly_offer", "offered"}}).ok());
  PlanStatus before = t.Status();
  CHECK(before.current.number == 1);
  CHECK_FALSE(before.current_is_signed);
  CHECK(before.current.document.find("1. Update CV\n") != std::string::npos);
  CHECK(before.current.document.find("Weekly face-to-face support: offered\n") != std::string::npos);
  t.Sign("sig-p", "participant", before.current);
  t.Sign("sig-k", "key_worker", before.current);
  PlanStatus after = t.Status();
  CHECK(after.current_is_signed);
  CHECK(after.current.number == 1);
  CHECK(after.current.signature_ids == std::vector<std::string>{"sig-p", "sig-k"});
}

TEST_CASE("an edit after signing starts version 2, unsigned; version 1 stays as signed") {
  Tablet t;
  REQUIRE(t.Write("plan_item", "019a-item-1", {{"description", "Update CV"}}).ok());
  PlanVersion v1 = t.Status().current;
  t.Sign("sig-p", "participant", v1);
  REQUIRE(t.Write("plan_item", "019a-item-1", {{"description", "Update CV and apply to 3 jobs"}}).ok());
  PlanStatus status = t.Status();
  CHECK_FALSE(status.current_is_signed);
  CHECK(status.current.number == 2);
  CHECK(status.current.document.find("apply to 3 jobs") != std::string::npos);
  REQUIRE(status.signed_versions.size() == 1);
  CHECK(status.signed_versions[0].document == v1.document);
  CHECK(status.signed_versions[0].document_hash == Sha256Hex(v1.document));
  t.Sign("sig-p2", "participant", status.current);
  CHECK(t.Status().current_is_signed);
  CHECK(t.Status().current.number == 2);
}

TEST_CASE("a signature whose hash is not its document's is refused, so nothing unsigned passes as signed") {
  Tablet t;
  REQUIRE(t.Write("plan_item", "019a-item-1", {{"description", "Update CV"}}).ok());
  PlanVersion v1 = t.Status().current;
  auto forged = t.Write("signature", "sig-x",
                        {{"signer_role", "participant"}, {"method", "handwritten"},
                         {"strokes", "[[0,0,0]]"}, {"document", v1.document + "extra line\n"},
                         {"document_hash", v1.document_hash}});
  REQUIRE_FALSE(forged.ok());
  CHECK(forged.status().where() == "fields.document_hash");
}

TEST_CASE("the due-to-COVID annotation is not accepted in place of a signature") {
  Tablet t;
  auto covid = t.Write("signature", "sig-c",
                       {{"signer_role", "participant"}, {"method", "none"},
                        {"reason", "Due to COVID-19"}});
  REQUIRE_FALSE(covid.ok());
  CHECK(covid.status().where() == "fields.reason");
  auto reasoned = t.Write("signature", "sig-n",
                          {{"signer_role", "participant"}, {"method", "none"},
                           {"reason", "Participant left before the end of the meeting"}});
  CHECK(reasoned.ok());
}
