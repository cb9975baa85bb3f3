#include "wasm-client/app/receipt.h"

#include <cstring>
#include <nlohmann/json.hpp>
#include <utility>

#include "shared/base/html.h"
#include "shared/base/utc_time.h"
#include "shared/domain/receipt_code.h"
#include "wasm-client/app/signing.h"
#include "wasm-client/app/uk_time.h"
#include "wasm-client/app/words.h"
#include "wasm-client/widgets/signature_pad.h"

namespace outpost::client {

namespace {

using nlohmann::json;

// Self-contained: no fonts, images or scripts fetched. High contrast; print keeps it one column.
constexpr const char* kStyle =
    "body{font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.45;color:#111;"
    "background:#fff;max-width:46em;margin:1em auto;padding:0 1em}"
    "body.large{font-size:30px;line-height:1.6;max-width:none}"
    "h1{font-size:1.6em}h2{font-size:1.3em;margin-top:1.4em;border-bottom:2px solid #111}"
    "ol{padding-left:1.4em}li{margin-bottom:.8em}dl{margin:.3em 0}dt{font-weight:bold}"
    "dd{margin:0 0 .3em 0}.sig{border:1px solid #555;border-radius:6px;padding:.5em;"
    "margin:.6em 0}.sig svg{width:100%;max-width:36em;height:auto;display:block}"
    ".code{font-family:'Courier New',monospace;font-size:1.5em;font-weight:bold;"
    "letter-spacing:.1em}.hash{font-family:'Courier New',monospace}"
    "@media print{body{margin:0}}";

struct Line {
  std::string label, value;
};
struct Action {
  std::string description;
  std::vector<Line> lines;
};
struct Plan {
  std::vector<Action> actions;  // ongoing: not done (dropped ones are not in the document)
  std::vector<Line> agreement;
};

bool SplitLabel(const std::string& line, Line* out) {
  const size_t colon = line.find(": ");
  if (colon == std::string::npos || colon == 0) return false;
  *out = {line.substr(0, colon), line.substr(colon + 2)};
  return true;
}

// Reads store::RenderPlanDocument's layout back: "N. description", then "   Label: value" lines
// of that item; after the items, unindented "Label: value" lines of the agreement.
Plan ReadDocument(const std::string& document) {
  Plan plan;
  std::vector<Action> all;
  bool in_item = false;
  size_t start = 0;
  while (start < document.size()) {
    size_t end = document.find('\n', start);
    if (end == std::string::npos) end = document.size();
    const std::string line = document.substr(start, end - start);
    start = end + 1;
    size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    Line labelled;
    if (digits > 0 && line.compare(digits, 2, ". ") == 0) {
      all.push_back({line.substr(digits + 2), {}});
      in_item = true;
    } else if (in_item && line.rfind("   ", 0) == 0 && SplitLabel(line.substr(3), &labelled)) {
      all.back().lines.push_back(labelled);
    } else if (line.empty()) {
      in_item = false;
    } else if (!in_item && SplitLabel(line, &labelled)) {
      plan.agreement.push_back(labelled);
    }
  }
  for (Action& action : all) {
    bool done = false;
    for (const Line& l : action.lines) done |= l.label == "Status" && l.value == "done";
    if (!done) plan.actions.push_back(std::move(action));
  }
  return plan;
}

// The document's English labels and stored values, in the current language. Anything not in the
// table is shown as written.
std::string Translate(const std::string& text) {
  static const std::pair<const char*, Words> kTable[] = {
      {"Progression area", {"Progression area", "Maes cynnydd"}},
      {"Milestone", {"Milestone", "Carreg filltir"}},
      {"When", {"When", "Pryd"}},
      {"Due by", {"Due by", "Erbyn"}},
      {"Evidence", {"Evidence", "Tystiolaeth"}},
      {"Provided by", {"Provided by", "Darperir gan"}},
      {"Status", {"Status", "Statws"}},
      {"Next meeting", {"Next meeting", "Y cyfarfod nesaf"}},
      {"Next meeting at", {"Next meeting at", "Lleoliad y cyfarfod nesaf"}},
      {"Preferred communication", {"Preferred communication", "Dull cyfathrebu dewisol"}},
      {"Preparation", {"Preparation", "Paratoi"}},
      {"Adjustments or support", {"Adjustments or support", "Addasiadau neu gymorth"}},
      {"Weekly face-to-face support",
       {"Weekly face-to-face support", "Cymorth wyneb yn wyneb bob wythnos"}},
      {"Reason weekly support declined",
       {"Reason weekly support declined", "Rheswm dros wrthod y cymorth wythnosol"}},
      {"managing_health",
       {"Managing a health condition or disability", "Rheoli cyflwr iechyd neu anabledd"}},
      {"self_efficacy", {"General self-efficacy", "Hunan-effeithiolrwydd cyffredinol"}},
      {"wellbeing", {"Wellbeing", "Llesiant"}},
      {"job_search_self_efficacy",
       {"Job search self-efficacy", "Hunan-effeithiolrwydd wrth chwilio am waith"}},
      {"job_seeking_activity", {"Job seeking activity", "Gweithgarwch chwilio am waith"}},
      {"work_experience",
       {"Experience in a work environment", "Profiad mewn amgylchedd gwaith"}},
      {"provider", {"Your employment support provider", "Eich darparwr cymorth cyflogaeth"}},
      {"sub_contractor", {"A sub-contractor", "Is-gontractwr"}},
      {"employer", {"An employer", "Cyflogwr"}},
      {"other_organisation", {"Another organisation", "Sefydliad arall"}},
      {"not_started", {"Not started", "Heb ddechrau"}},
      {"in_progress", {"In progress", "Ar y gweill"}},
      {"offered", {"Offered", "Cynigiwyd"}},
      {"declined", {"Declined", "Gwrthodwyd"}},
  };
  for (const auto& [key, words] : kTable)
    if (text == key) return T(words);
  return text;
}

std::string Field(const json& fields, const char* name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string UkWhen(const std::string& signed_at) {
  auto ms = ParseUtc(signed_at);
  if (!ms.ok()) return signed_at;
  return UkLongDate(UkDateOf(*ms)) + ", " + UkClockOf(*ms);
}

// What was done, in words: always for the methods off the glass, and who helped for assisted.
std::string MethodInWords(const json& f) {
  SignMethod method = SignMethod::kNone;
  if (!SignMethodFromValue(Field(f, "method"), &method)) return Field(f, "method");
  const std::string witness = Field(f, "witness_name"), role = Field(f, "witness_role");
  switch (method) {
    case SignMethod::kHandwritten: return T({"Signed on the screen", "Llofnodwyd ar y sgrin"});
    case SignMethod::kMark: return T({"Made a mark on the screen", "Gwnaed marc ar y sgrin"});
    case SignMethod::kAssisted:
      return Tf({"Signed with help from %s", "Llofnodwyd gyda chymorth gan %s"}, witness.c_str());
    case SignMethod::kVerbalWitnessed:
      return Tf({"Agreed out loud, witnessed by %s (%s)", "Cytunwyd ar lafar, gyda %s (%s) yn dyst"},
                witness.c_str(), role.c_str());
    case SignMethod::kWet:
      return Tf({"Signed on paper, reference %s", "Llofnodwyd ar bapur, cyfeirnod %s"},
                Field(f, "paper_reference").c_str());
    case SignMethod::kNone:
      return Tf({"Not signed: %s", "Heb ei lofnodi: %s"}, Field(f, "reason").c_str());
  }
  return "";
}

std::string SignatureHtml(const json& f) {
  const bool participant = Field(f, "signer_role") == "participant";
  const std::string name = Field(f, "signer_name");
  std::string html = "<div class=\"sig\"><h3>" +
                     EscapeHtml(participant ? T({"Participant", "Cyfranogwr"})
                                            : T({"Key worker", "Gweithiwr allweddol"})) +
                     ": " + EscapeHtml(name) + "</h3>";
  auto pad = SignaturePad::Parse(Field(f, "strokes"));
  if (pad.ok() && !pad->empty()) {
    html += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
            std::to_string(SignaturePad::kWidth) + " " + std::to_string(SignaturePad::kHeight) +
            "\" role=\"img\" aria-label=\"" +
            EscapeHtml(Tf({"Signature of %s", "Llofnod %s"}, name.c_str())) +
            "\"><path d=\"" + pad->SvgPathData() +
            "\" fill=\"none\" stroke=\"#102060\" stroke-width=\"6\" stroke-linecap=\"round\" "
            "stroke-linejoin=\"round\"/></svg>";
  }
  html += "<p>" + EscapeHtml(MethodInWords(f)) + "</p>";
  html += "<p>" + EscapeHtml(Tf({"Date: %s", "Dyddiad: %s"}, UkWhen(Field(f, "signed_at")).c_str())) +
          "</p></div>";
  return html;
}

std::string LinesHtml(const std::vector<Line>& lines, bool skip_status) {
  std::string html;
  for (const Line& l : lines) {
    if (skip_status && l.label == "Status") continue;
    html += "<dt>" + EscapeHtml(Translate(l.label)) + "</dt><dd>" +
            EscapeHtml(ShowIsoDate(Translate(l.value))) + "</dd>";
  }
  return html.empty() ? html : "<dl>" + html + "</dl>";
}

}  // namespace

StatusOr<Receipt> MakeReceipt(const std::vector<ReceiptSignature>& signatures, bool large_print) {
  std::vector<json> fields;
  const json* signed_doc = nullptr;
  std::string code_id;
  for (size_t i = 0; i < signatures.size(); ++i) {
    json f = json::parse(signatures[i].fields, nullptr, /*allow_exceptions=*/false);
    if (f.is_discarded() || !f.is_object())
      return Status::InvalidArgument("signatures[" + std::to_string(i) + "].fields",
                                     "must be a JSON object");
    fields.push_back(std::move(f));
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (Field(fields[i], "document_hash").empty()) continue;
    if (signed_doc == nullptr) {
      signed_doc = &fields[i];
      code_id = signatures[i].record_id;
    } else if (Field(fields[i], "document_hash") != Field(*signed_doc, "document_hash")) {
      return Status::FailedPrecondition("signatures", "sign different documents: one receipt is "
                                                      "for one plan version");
    }
  }
  if (signed_doc == nullptr)
    return Status::FailedPrecondition("signatures", "none signed a document: there is nothing to "
                                                    "give a receipt for");

  const std::string document = Field(*signed_doc, "document");
  const std::string hash = Field(*signed_doc, "document_hash");
  Receipt receipt;
  receipt.code = domain::FormatReceiptCode(domain::ReceiptCode(hash, code_id));
  const Plan plan = ReadDocument(document);
  const std::string version = Field(*signed_doc, "plan_version");

  std::string& h = receipt.html;
  h = "<!DOCTYPE html>\n<html lang=\"" + std::string(LanguageCode(CurrentLanguage())) +
      "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width,initial-scale=1\"><title>" +
      EscapeHtml(T({"Receipt: your Action Plan", "Derbynneb: eich Cynllun Gweithredu"})) +
      "</title><style>" + kStyle + "</style></head><body" +
      (large_print ? " class=\"large\"" : "") + ">\n";
  h += "<h1>" + EscapeHtml(T({"Your Action Plan", "Eich Cynllun Gweithredu"})) + "</h1>\n";
  h += "<p>" + EscapeHtml(Tf({"Version %s, agreed on %s", "Fersiwn %s, dyddiad cytuno: %s"},
                             version.c_str(), UkWhen(Field(*signed_doc, "signed_at")).c_str())) +
       "</p>\n";
  h += "<h2>" + EscapeHtml(T({"Your ongoing actions", "Eich camau gweithredu parhaus"})) +
       "</h2>\n";
  if (plan.actions.empty()) {
    h += "<p>" + EscapeHtml(T({"No ongoing actions.", "Dim camau gweithredu parhaus."})) + "</p>\n";
  } else {
    h += "<ol>\n";
    for (const Action& a : plan.actions)
      h += "<li><strong>" + EscapeHtml(a.description) + "</strong>" + LinesHtml(a.lines, true) +
           "</li>\n";
    h += "</ol>\n";
  }
  if (!plan.agreement.empty()) {
    h += "<h2>" + EscapeHtml(T({"What we agreed", "Beth a gytunwyd"})) + "</h2>\n" +
         LinesHtml(plan.agreement, false) + "\n";
  }
  h += "<h2>" + EscapeHtml(T({"Signatures", "Llofnodion"})) + "</h2>\n";
  for (const json& f : fields) h += SignatureHtml(f) + "\n";
  h += "<h2>" + EscapeHtml(T({"Verification code", "Cod dilysu"})) + "</h2>\n";
  h += "<p class=\"code\">" + EscapeHtml(receipt.code) + "</p>\n";
  h += "<p>" +
       EscapeHtml(T({"Keep this receipt. Your employment support provider can check it is "
                     "genuine with this code.",
                     "Cadwch y dderbynneb hon. Gall eich darparwr cymorth cyflogaeth wirio ei "
                     "bod yn ddilys gyda'r cod hwn."})) +
       "</p>\n";
  h += "<p>" + EscapeHtml(T({"Version check (SHA-256):", "Gwiriad fersiwn (SHA-256):"})) +
       " <span class=\"hash\">" + EscapeHtml(ShortHash(hash)) + "</span></p>\n";
  h += "</body></html>\n";
  return receipt;
}

}  // namespace outpost::client
