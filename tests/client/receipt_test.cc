// The participant's receipt: one self-contained HTML page of what was signed.
#include "wasm-client/app/receipt.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "shared/base/html.h"
#include "shared/base/sha256.h"
#include "shared/domain/receipt_code.h"
#include "shared/store/plan_versions.h"
#include "tests/support/sample_signature.h"
#include "wasm-client/app/words.h"

namespace outpost::client {
namespace {

const std::string kDocument = store::RenderPlanDocument(
    {{"019a-1",
      {{"description", "Apply for <b>3</b> jobs & keep a \"list\""},
       {"status", "in_progress"},
       {"due_by", "2026-12-04"},
       {"progression_area", "job_seeking_activity"}}},
     {"019a-2", {{"description", "Register with the library"}, {"status", "done"}}},
     {"019a-3", {{"description", "Book a GP review"}, {"status", "not_started"}}}},
    {"019a-agreement", {{"next_meeting", "2026-12-01 10:00"}, {"weekly_offer", "offered"}}});

nlohmann::json Base(const char* role, const char* name, const char* method) {
  return {{"signer_role", role},          {"signer_name", name},
          {"method", method},             {"document", kDocument},
          {"document_hash", Sha256Hex(kDocument)}, {"plan_version", "2"},
          {"signed_at", "2026-11-23T10:45:00Z"}};
}

std::vector<ReceiptSignature> Signatures() {
  nlohmann::json participant = Base("participant", "Siân O'Brien <script>alert(1)</script>", "handwritten");
  participant["strokes"] = testing::SampleSignature().Serialize();
  nlohmann::json key_worker = Base("key_worker", "Amira Khan", "wet");
  key_worker["paper_reference"] = "PAPER-041";
  return {{"019a-sig-p", participant.dump()}, {"019a-sig-k", key_worker.dump()}};
}

std::string Html(bool large_print = false) {
  auto receipt = MakeReceipt(Signatures(), large_print);
  REQUIRE(receipt.ok());
  return receipt->html;
}

bool Has(const std::string& html, const std::string& text) {
  return html.find(text) != std::string::npos;
}

TEST_CASE("the receipt lists the ongoing actions and leaves out those done") {
  const std::string html = Html();
  CHECK(Has(html, "Your ongoing actions"));
  CHECK(Has(html, "Book a GP review"));
  CHECK(Has(html, "Apply for &lt;b&gt;3&lt;/b&gt; jobs &amp; keep a &quot;list&quot;"));
  CHECK(Has(html, "<dt>Due by</dt><dd>04/12/2026</dd>"));  // UK date form
  CHECK(Has(html, "<dd>Job seeking activity</dd>"));  // stored value in words
  CHECK_FALSE(Has(html, "Register with the library"));
  CHECK(Has(html, "<dt>Next meeting</dt><dd>2026-12-01 10:00</dd>"));
}

TEST_CASE("the receipt carries the code computed from the signed document's hash and the participant's signature") {
  auto receipt = MakeReceipt(Signatures(), false);
  REQUIRE(receipt.ok());
  const std::string expected =
      domain::FormatReceiptCode(domain::ReceiptCode(Sha256Hex(kDocument), "019a-sig-p"));
  CHECK(receipt->code == expected);
  CHECK(Has(receipt->html, "<p class=\"code\">" + expected + "</p>"));
  CHECK(Has(receipt->html, "Version 2, agreed on Monday 23 November 2026, 10:45"));
}

TEST_CASE("a signature on the glass is drawn as inline SVG and a paper one is said in words") {
  const std::string html = Html();
  CHECK(Has(html, "<path d=\"" + testing::SampleSignature().SvgPathData() + "\""));
  CHECK(Has(html, "Signed on paper, reference PAPER-041"));
  size_t svgs = 0;
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++svgs;
  CHECK(svgs == 1);
}

TEST_CASE("hostile text from a record is escaped, never markup") {
  const std::string html = Html();
  CHECK_FALSE(Has(html, "<script"));
  CHECK_FALSE(Has(html, "<b>3"));
  CHECK(Has(html, "Siân O&#39;Brien &lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(EscapeHtml("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
}

TEST_CASE("the receipt is self-contained: nothing is fetched from the network") {
  const std::string html = Html();
  for (const char* fetch : {"<script", "<link", "<img", "src=", "url(", "@import", "https:"})
    CHECK_FALSE(Has(html, fetch));
}

TEST_CASE("large print is a different, bigger page with the same content") {
  const std::string normal = Html(false), large = Html(true);
  CHECK(normal != large);
  CHECK(Has(large, "<body class=\"large\">"));
  CHECK_FALSE(Has(normal, "<body class=\"large\">"));
  CHECK(Has(large, "body.large{font-size:30px"));
  CHECK(Has(large, "Book a GP review"));
}

TEST_CASE("the receipt is in Welsh when the key worker works in Welsh") {
  SetLanguage(Language::kWelsh);
  const std::string html = Html();
  SetLanguage(Language::kEnglish);
  CHECK(Has(html, "<html lang=\"cy\">"));
  CHECK(Has(html, "Eich camau gweithredu parhaus"));
  CHECK(Has(html, "Dydd Llun 23 Tachwedd 2026"));
  CHECK(Has(html, "<dt>Erbyn</dt>"));
}

TEST_CASE("there is no receipt when nothing was signed or the signatures disagree on the document") {
  nlohmann::json none = {{"signer_role", "participant"}, {"signer_name", "G"}, {"method", "none"},
                         {"reason", "Unwell"}, {"plan_version", "2"}};
  CHECK(MakeReceipt({{"a", none.dump()}}, false).status().code() ==
        Status::Code::kFailedPrecondition);
  nlohmann::json other = Base("key_worker", "Amira Khan", "wet");
  other["document_hash"] = Sha256Hex("another plan");
  CHECK_FALSE(MakeReceipt({Signatures()[0], {"b", other.dump()}}, false).ok());
  CHECK(MakeReceipt({{"c", "not json"}}, false).status().where() == "signatures[0].fields");
}

}  // namespace
}  // namespace outpost::client
