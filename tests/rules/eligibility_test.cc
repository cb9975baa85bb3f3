#include "shared/rules/eligibility.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/rules/test_dates.h"

namespace outpost::rules {
namespace {

using testing::D;

bool Warns(const std::vector<EligibilityWarning>& w, const std::string& field) {
  return std::any_of(w.begin(), w.end(), [&](const EligibilityWarning& x) { return x.field == field; });
}

TEST_CASE("State Pension age is 66, then 66 and 1 to 11 months by monthly band, then 67") {
  CHECK(StatePensionAgeDate(D("1960-04-05")) == D("2026-04-05"));           // 66
  CHECK(StatePensionAgeFor(D("1960-04-06")).months == 1);                    // first band
  CHECK(StatePensionAgeDate(D("1960-04-06")) == D("2026-05-06"));
  CHECK(StatePensionAgeFor(D("1960-05-05")).months == 1);
  CHECK(StatePensionAgeFor(D("1960-05-06")).months == 2);
  CHECK(StatePensionAgeFor(D("1961-02-06")).months == 11);                   // last band
  CHECK(StatePensionAgeFor(D("1961-03-05")).months == 11);
  CHECK(StatePensionAgeDate(D("1961-03-05")) == D("2028-02-05"));
  CHECK(StatePensionAgeFor(D("1961-03-06")).years == 67);
  CHECK(StatePensionAgeDate(D("1961-03-06")) == D("2028-03-06"));
  CHECK(StatePensionAgeFor(D("1977-04-05")).years == 67);
  // Assumption: a day the target month lacks lands on its last day.
  CHECK(StatePensionAgeDate(D("1960-07-31")) == D("2026-11-30"));
}

TEST_CASE("referral warnings warn about working age but never block") {
  domain::Participant p;
  p.referral.referral_date = D("2024-03-01");
  p.referral.residence = domain::Nation::kEngland;
  p.date_of_birth = D("2007-01-01");  // 17 at referral
  std::vector<EligibilityWarning> w = ReferralWarnings(p);
  REQUIRE(w.size() == 1);
  CHECK(w[0].field == "participant.date_of_birth");
  CHECK(w[0].message.find("18") != std::string::npos);
  p.referral.residence = domain::Nation::kWales;  // 16 is working age in Wales
  CHECK(ReferralWarnings(p).empty());
  p.date_of_birth = D("1957-06-01");  // reached 66 in 2023
  CHECK(Warns(ReferralWarnings(p), "participant.date_of_birth"));
}

TEST_CASE("referral warnings cover residence, disability, right to work, paid work and re-referral") {
  domain::Participant p;
  p.referral.referral_date = D("2024-03-01");
  p.date_of_birth = D("1990-01-01");
  CHECK(ReferralWarnings(p).empty());  // unknown answers raise nothing
  p.referral.residence = domain::Nation::kScotland;
  p.referral.has_disability = domain::Answer::kNo;
  p.referral.right_to_reside = domain::Answer::kNo;
  p.referral.right_to_work = domain::Answer::kNo;
  p.referral.in_paid_work = domain::Answer::kYes;
  p.referral.on_other_dwp_provision = domain::Answer::kYes;
  p.referral.previously_referred = true;
  std::vector<EligibilityWarning> w = ReferralWarnings(p);
  CHECK(w.size() == 7);
  CHECK(Warns(w, "participant.referral.residence"));
  CHECK(Warns(w, "participant.referral.previously_referred"));
}

}  // namespace
}  // namespace outpost::rules
