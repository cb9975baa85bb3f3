#include "shared/rules/provision_clock.h"

#include <doctest/doctest.h>

#include "tests/rules/records_builder.h"

namespace outpost::rules {
namespace {

using testing::D;
using testing::RecordsBuilder;

const CivilDate kStart = D("2024-01-15");

TEST_CASE("day 1 of provision is the Start Date (Annex 3)") {
  CHECK(DayOfProvision(kStart, kStart) == 1);
  CHECK(DayOfProvision(kStart, D("2024-01-16")) == 2);
  CHECK(DateOfDay(kStart, 456) == D("2025-04-14"));
  CHECK(DateOfDay(kStart, 639) == D("2025-10-14"));
}

TEST_CASE("before the Start Date the participant is awaiting start") {
  RecordsBuilder b(D("2024-01-08"), std::nullopt);
  ProvisionState s = ProvisionStateOn(b.records(), D("2024-01-10"));
  CHECK(s.phase == Phase::kAwaitingStart);
  CHECK(s.day == 0);
  RecordsBuilder c(D("2024-01-08"), kStart);
  CHECK(ProvisionStateOn(c.records(), D("2024-01-14")).phase == Phase::kAwaitingStart);
  CHECK(ProvisionStateOn(c.records(), kStart).phase == Phase::kPreWork);
}

TEST_CASE("a job starting on day 456 still gives the Extension Period; one on day 457 does not") {
  RecordsBuilder on_456(D("2024-01-08"), kStart);
  on_456.Job(DateOfDay(kStart, 450), DateOfDay(kStart, 456));
  CHECK(ProvisionStateOn(on_456.records(), DateOfDay(kStart, 456)).phase == Phase::kInWork);
  CHECK(ProvisionStateOn(on_456.records(), DateOfDay(kStart, 457)).phase == Phase::kExtension);
  RecordsBuilder on_457(D("2024-01-08"), kStart);
  on_457.Job(DateOfDay(kStart, 450), DateOfDay(kStart, 457));
  CHECK(ProvisionStateOn(on_457.records(), DateOfDay(kStart, 456)).phase == Phase::kPreWork);
  CHECK(ProvisionStateOn(on_457.records(), DateOfDay(kStart, 457)).phase == Phase::kExitDue);
}

TEST_CASE("In-Work Support continues after a job ends on or after day 456 (1.26)") {
  RecordsBuilder b(D("2024-01-08"), kStart);
  b.Job(DateOfDay(kStart, 100), DateOfDay(kStart, 110), DateOfDay(kStart, 500));
  CHECK(InWorkSupportOnDay(b.records(), kStart, 110));
  CHECK_FALSE(InWorkSupportOnDay(b.records(), kStart, 109));
  CHECK(InWorkSupportOnDay(b.records(), kStart, 600));
  CHECK(ProvisionStateOn(b.records(), DateOfDay(kStart, 600)).phase == Phase::kExtension);
}

TEST_CASE("phase precedence: a break shows over disengagement and work; exit due over a break") {
  RecordsBuilder b(D("2024-01-08"), kStart);
  b.Notice(D("2024-03-01")).Break(D("2024-03-05"), D("2024-03-20"));
  CHECK(ProvisionStateOn(b.records(), D("2024-03-02")).phase == Phase::kDisengaged);
  CHECK(ProvisionStateOn(b.records(), D("2024-03-10")).phase == Phase::kBreak);
  CHECK(ProvisionStateOn(b.records(), D("2024-03-21")).phase == Phase::kDisengaged);
  b.Break(DateOfDay(kStart, 450), std::nullopt);
  CHECK(ProvisionStateOn(b.records(), DateOfDay(kStart, 457)).phase == Phase::kExitDue);
  b.Exit(DateOfDay(kStart, 456));
  ProvisionState s = ProvisionStateOn(b.records(), DateOfDay(kStart, 500));
  CHECK(s.phase == Phase::kCompleted);
  CHECK(s.day == 456);
}

TEST_CASE("the Jobcentre's re-engaging answer ends disengagement (4.59, 4.61)") {
  RecordsBuilder b(D("2024-01-08"), kStart);
  b.Notice(D("2024-03-01"));
  b.records().jobcentre_answers.push_back(
      {"a1", domain::JobcentreForm::kCEPD1, D("2024-03-15"), false, ""});
  CHECK(IsDisengaged(b.records(), D("2024-03-16")));
  b.records().jobcentre_answers.push_back(
      {"a2", domain::JobcentreForm::kCEPD1, D("2024-03-20"), true, ""});
  CHECK_FALSE(IsDisengaged(b.records(), D("2024-03-20")));
  CHECK(PhaseName(Phase::kExtension) == "extension");
}

}  // namespace
}  // namespace outpost::rules
