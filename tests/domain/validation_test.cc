#include "shared/domain/validation.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "shared/domain/ipes07_notice.h"
#include "tests/rules/records_builder.h"

namespace outpost::domain {
namespace {

using testing::D;
using testing::RecordsBuilder;

bool HasProblem(const std::vector<Problem>& problems, const std::string& field) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const Problem& p) { return p.field == field; });
}

RecordsBuilder Valid() {
  RecordsBuilder b(D("2024-01-08"), D("2024-01-15"));
  b.Plan(D("2024-01-15"));
  b.records().plan_versions[0].items.push_back(
      {"i1", "Visit the library job club", ProgressionArea::kJobSeekingActivity, "first CV",
       D("2024-01-20"), D("2024-02-01"), "attendance sheet", SupportSource::kOtherOrganisation,
       ItemStatus::kNotStarted});
  return b;
}

TEST_CASE("well-formed records have no problems") {
  CHECK(Validate(Valid().records()).empty());
}

TEST_CASE("a digital meeting with no exception reason is a problem; with a reason it is not") {
  RecordsBuilder b = Valid();
  b.Meeting(D("2024-02-01"), ContactMode::kVideo, "");
  std::vector<Problem> problems = Validate(b.records());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].field == "contacts[1].digital_reason");
  CHECK(problems[0].message.find("reason it was not face to face") != std::string::npos);
  b.records().contacts[1].digital_reason = "participant self-isolating with flu";
  CHECK(Validate(b.records()).empty());
  // "due to COVID-19" is not a reason any more.
  b.records().contacts[1].digital_reason = "Due to Covid 19";
  CHECK(HasProblem(Validate(b.records()), "contacts[1].digital_reason"));
}

TEST_CASE("validation returns every problem at once, each naming its field") {
  RecordsBuilder b = Valid();
  b.records().plan_versions[0].items[0].due_by = D("2024-01-10");  // before the Start Date
  b.records().plan_versions[0].items[0].occurs_on = D("2024-01-20");
  b.Meeting(D("2024-02-01"), ContactMode::kTelephone, "");
  b.records().signatures[0].document_hash = "hash-of-version-2";
  b.records().signatures[1].annotation = "due to COVID-19";
  b.Break(D("2024-03-10"), D("2024-03-01"));
  std::vector<Problem> problems = Validate(b.records());
  CHECK(problems.size() == 6);
  CHECK(HasProblem(problems, "plan_versions[0].items[0].due_by"));  // before Start Date
  CHECK(HasProblem(problems, "contacts[1].digital_reason"));
  CHECK(HasProblem(problems, "signatures[0].document_hash"));
  CHECK(HasProblem(problems, "signatures[1].annotation"));
  CHECK(HasProblem(problems, "breaks[0].end"));
  auto due = std::find_if(problems.begin(), problems.end(), [](const Problem& p) {
    return p.field == "plan_versions[0].items[0].due_by" && p.message.find("Start Date") != std::string::npos;
  });
  REQUIRE(due != problems.end());
  CHECK(due->message == "the due date 2024-01-10 is before the Start Date 2024-01-15");
}

TEST_CASE("a signature is evidence only for the exact version whose hash it carries") {
  RecordsBuilder b = Valid();
  const ActionPlanVersion& v1 = b.records().plan_versions[0];
  const Signature& s = b.records().signatures[0];
  CHECK(IsValidPlanSignature(s, v1));
  b.Plan(D("2024-02-01"), true, false, false);  // version 2, not yet signed
  const ActionPlanVersion& v2 = b.records().plan_versions[1];
  Signature moved = b.records().signatures[0];
  moved.plan_version_id = v2.id;  // an old signature claimed for the new version
  CHECK_FALSE(IsValidPlanSignature(moved, v2));
  std::vector<Problem> problems = ValidateSignature(moved, &v2, "signatures[9]");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].field == "signatures[9].document_hash");
  CHECK(problems[0].message.find("does not match Action Plan version 2") != std::string::npos);
}

TEST_CASE("each signature fallback records what the guidance asks for (box after 4.15)") {
  Signature wet;
  wet.plan_version_id = "v";
  wet.signer_name = "A Jones";
  wet.method = SignatureMethod::kWetSignature;
  ActionPlanVersion v;
  v.id = "v";
  v.document_hash = "h";
  wet.document_hash = "h";
  CHECK(ValidateSignature(wet, &v, "s")[0].field == "s.paper_reference");
  wet.paper_reference = "paper file 12, page 3";
  CHECK(ValidateSignature(wet, &v, "s").empty());
  CHECK(IsValidPlanSignature(wet, v));

  Signature verbal = wet;
  verbal.method = SignatureMethod::kVerbalWitnessed;
  std::vector<Problem> problems = ValidateSignature(verbal, &v, "s");
  CHECK(HasProblem(problems, "s.witness_name"));
  CHECK(HasProblem(problems, "s.reason"));

  Signature none = wet;
  none.method = SignatureMethod::kNotObtained;
  CHECK(HasProblem(ValidateSignature(none, &v, "s"), "s.reason"));
  none.reason = "digital pad failed and no paper at the outreach location";
  CHECK(ValidateSignature(none, &v, "s").empty());
  CHECK_FALSE(IsValidPlanSignature(none, v));  // recorded, but never counts as signed

  Signature digital = wet;
  digital.method = SignatureMethod::kDigitalPen;
  problems = ValidateSignature(digital, &v, "s");
  CHECK(HasProblem(problems, "s.strokes"));
  CHECK(HasProblem(problems, "s.device_id"));
}

TEST_CASE("corrections must point at an existing contact, never at themselves") {
  RecordsBuilder b = Valid();
  Contact fix;
  fix.id = "fix";
  fix.date = D("2024-01-16");
  fix.corrects_id = "missing";
  b.records().contacts.push_back(fix);
  CHECK(HasProblem(Validate(b.records()), "contacts[1].corrects_id"));
  b.records().contacts[1].corrects_id = "fix";
  CHECK(HasProblem(Validate(b.records()), "contacts[1].corrects_id"));
  b.records().contacts[1].corrects_id = b.records().contacts[0].id;
  CHECK(Validate(b.records()).empty());
}

TEST_CASE("consent withdrawal stops sharing from that day and needs its moment recorded (4.27)") {
  SupportNetworkConsent c{"k1", "sister", D("2024-02-01"), "2024-02-01T10:00:00Z", D("2024-03-01"), ""};
  CHECK(c.AllowsSharingOn(D("2024-02-29")));
  CHECK_FALSE(c.AllowsSharingOn(D("2024-03-01")));
  CHECK_FALSE(c.AllowsSharingOn(D("2024-01-31")));
  RecordsBuilder b = Valid();
  b.records().consents.push_back(c);
  CHECK(HasProblem(Validate(b.records()), "consents[0].withdrawn_at"));
}

TEST_CASE("the IPES07 email holds the subject, surname and last 3 NI digits only (4.53)") {
  StatusOr<Ipes07Email> email = BuildIpes07Email(Ipes07Kind::kDisengagement, "Jones", "qq 12 34 56 c");
  REQUIRE(email.ok());
  CHECK(email->subject == "IPES Participant Disengagement");
  CHECK(email->body == "Surname: Jones\nNational Insurance number (last 3 digits): 456\n");
  CHECK(email->body.find("QQ") == std::string::npos);
  email = BuildIpes07Email(Ipes07Kind::kReengagement, " Jones ", "QQ123456C");
  REQUIRE(email.ok());
  CHECK(email->subject == "IPES Participant Re-engagement");
  CHECK(email->body.find("Surname: Jones\n") == 0);
  CHECK(BuildIpes07Email(Ipes07Kind::kDisengagement, "", "QQ123456C").status().where() ==
        "participant.surname");
  CHECK(BuildIpes07Email(Ipes07Kind::kDisengagement, "Jones", "QQ12345").status().where() ==
        "participant.ni_number");
  CHECK(MaskNiNumber("QQ 12 34 56 C") == "*****456C");
}

}  // namespace
}  // namespace outpost::domain
