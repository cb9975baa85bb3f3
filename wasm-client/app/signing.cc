#include "wasm-client/app/signing.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>
#include <nlohmann/json.hpp>

#include "shared/base/sha256.h"
#include "shared/base/utc_time.h"
#include "shared/sync/change.h"
#include "wasm-client/app/words.h"

namespace outpost::client {

namespace {

using nlohmann::json;

std::string Trimmed(const char* text) {
  std::string s(text);
  auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), space));
  s.erase(std::find_if_not(s.rbegin(), s.rend(), space).base(), s.end());
  return s;
}

bool MentionsCovid(const std::string& text) {
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("covid") != std::string::npos;
}

bool NeedsReason(SignMethod m) { return m != SignMethod::kHandwritten && m != SignMethod::kWet; }

Status Problem(SignerRole role, const char* field, const Words& words) {
  return Status::InvalidArgument(std::string(SignerRoleValue(role)) + ".fields." + field, T(words));
}

const SignerDraft& Draft(const SigningState& state, SignerRole role) {
  return role == SignerRole::kParticipant ? state.participant : state.key_worker;
}

// What the key worker can fix, in the order the screen shows the fields.
Status CheckDraft(const SignerDraft& d, SignerRole role) {
  const SignMethod m = d.method;
  if (Trimmed(d.name).empty())
    return Problem(role, "signer_name", {"Write the signer's name.", "Ysgrifennwch enw'r llofnodwr."});
  const std::pair<const char*, const char*> free_text[] = {
      {"signer_name", d.name}, {"reason", d.reason}, {"paper_reference", d.paper_reference}};
  for (auto [field, text] : free_text)
    if (MentionsCovid(text))
      return Problem(role, field,
                     {"The \"due to COVID-19\" note is no longer accepted.",
                      "Nid yw'r nodyn \"oherwydd COVID-19\" yn cael ei dderbyn mwyach."});
  if (IsOnGlass(m) && !d.pad.HasEnoughInk())
    return Problem(role, "strokes",
                   {"Sign inside the box: a dot or a short line is not a signature.",
                    "Llofnodwch yn y blwch: nid yw dot neu linell fer yn llofnod."});
  if (m == SignMethod::kAssisted && Trimmed(d.witness_name).empty())
    return Problem(role, "witness_name",
                   {"Write the name of the person who helped.", "Ysgrifennwch enw'r person a helpodd."});
  if (m == SignMethod::kVerbalWitnessed && Trimmed(d.witness_name).empty())
    return Problem(role, "witness_name", {"Write the witness's name.", "Ysgrifennwch enw'r tyst."});
  if (m == SignMethod::kVerbalWitnessed && Trimmed(d.witness_role).empty())
    return Problem(role, "witness_role", {"Write the witness's role.", "Ysgrifennwch rôl y tyst."});
  if (m == SignMethod::kWet && Trimmed(d.paper_reference).empty())
    return Problem(role, "paper_reference",
                   {"Write the reference of the paper copy.", "Ysgrifennwch gyfeirnod y copi papur."});
  if (m == SignMethod::kNone && Trimmed(d.reason).empty())
    return Problem(role, "reason",
                   {"Say why there is no signature.", "Dywedwch pam nad oes llofnod."});
  if (NeedsReason(m) && Trimmed(d.reason).empty())
    return Problem(role, "reason",
                   {"Say why they agreed this way.", "Dywedwch pam y gwnaethon nhw gytuno fel hyn."});
  return Status::Ok();
}

json Fields(const SigningState& state, const SignerDraft& d, SignerRole role,
            const std::string& signed_at) {
  const SignMethod m = d.method;
  json f = {{"signer_role", SignerRoleValue(role)},
            {"signer_name", Trimmed(d.name)},
            {"method", SignMethodValue(m)},
            {"plan_version", std::to_string(state.plan_version)},
            {"signed_at", signed_at}};
  if (m != SignMethod::kNone) {
    f["document"] = state.document;
    f["document_hash"] = state.document_hash;
  }
  if (IsOnGlass(m)) f["strokes"] = d.pad.Serialize();
  if (m == SignMethod::kAssisted || m == SignMethod::kVerbalWitnessed) {
    if (!Trimmed(d.witness_name).empty()) f["witness_name"] = Trimmed(d.witness_name);
    if (!Trimmed(d.witness_role).empty()) f["witness_role"] = Trimmed(d.witness_role);
  }
  if (NeedsReason(m) && !Trimmed(d.reason).empty()) f["reason"] = Trimmed(d.reason);
  if (m == SignMethod::kWet) f["paper_reference"] = Trimmed(d.paper_reference);
  return f;
}

// The server's own check (sync::ValidateChange) on a draft change carrying these fields. The
// envelope is a placeholder; the App's real write is validated again by store::RecordLocalChange.
Status CheckAsServer(const SigningState& state, SignerRole role, const json& fields,
                     const std::string& signed_at) {
  sync::Change draft;
  draft.device_id = "tablet";
  draft.device_seq = 1;
  draft.hlc = "0000000000000-0000-tablet";
  draft.author = "key.worker";
  draft.record_type = "signature";
  draft.record_id = "signature-draft";
  draft.participant_id = state.participant_id;
  draft.fields = fields.dump();
  draft.base = "{}";
  draft.captured_at = signed_at;
  Status checked = sync::ValidateChange(draft);
  if (checked.ok()) return checked;
  return Status::InvalidArgument(std::string(SignerRoleValue(role)) + "." + checked.where(),
                                 Tf({"Cannot be saved: %s", "Ni ellir ei gadw: %s"},
                                    checked.what().c_str()));
}

StatusOr<json> Record(const SigningState& state, SignerRole role, const std::string& signed_at) {
  const SignerDraft& d = Draft(state, role);
  OUTPOST_RETURN_IF_ERROR(CheckDraft(d, role));
  json fields = Fields(state, d, role, signed_at);
  OUTPOST_RETURN_IF_ERROR(CheckAsServer(state, role, fields, signed_at));
  return fields;
}

}  // namespace

const char* SignMethodValue(SignMethod method) {
  switch (method) {
    case SignMethod::kHandwritten: return "handwritten";
    case SignMethod::kMark: return "mark";
    case SignMethod::kAssisted: return "assisted";
    case SignMethod::kVerbalWitnessed: return "verbal_witnessed";
    case SignMethod::kWet: return "wet";
    case SignMethod::kNone: return "none";
  }
  return "none";
}

const char* SignMethodName(SignMethod method) {
  switch (method) {
    case SignMethod::kHandwritten: return T({"Signs on the screen", "Llofnodi ar y sgrin"});
    case SignMethod::kMark: return T({"Makes a mark", "Gwneud marc"});
    case SignMethod::kAssisted: return T({"Signs with help", "Llofnodi gyda chymorth"});
    case SignMethod::kVerbalWitnessed:
      return T({"Agrees out loud, witnessed", "Cytuno ar lafar, gyda thyst"});
    case SignMethod::kWet: return T({"Signed on paper", "Wedi llofnodi ar bapur"});
    case SignMethod::kNone: return T({"No signature", "Dim llofnod"});
  }
  return "";
}

bool SignMethodFromValue(std::string_view value, SignMethod* method) {
  for (SignMethod m : kSignMethods)
    if (value == SignMethodValue(m)) {
      *method = m;
      return true;
    }
  return false;
}

bool IsOnGlass(SignMethod method) {
  return method == SignMethod::kHandwritten || method == SignMethod::kMark ||
         method == SignMethod::kAssisted;
}

const char* SignerRoleValue(SignerRole role) {
  return role == SignerRole::kParticipant ? "participant" : "key_worker";
}

StatusOr<SigningState> StartSigning(const std::string& participant_id,
                                    const store::PlanVersion& version,
                                    const std::string& participant_name,
                                    const std::string& key_worker_name) {
  if (version.document.empty())
    return Status::FailedPrecondition("document", T({"There is no plan to sign yet.",
                                                     "Nid oes cynllun i'w lofnodi eto."}));
  // What is shown is what is hashed: the hash is taken again here, from the text itself.
  const std::string hash = Sha256Hex(version.document);
  if (hash != version.document_hash)
    return Status::FailedPrecondition(
        "document_hash", T({"This plan version does not match its hash; open the plan again.",
                            "Nid yw'r fersiwn hon o'r cynllun yn cyfateb i'w stwnsh; agorwch y "
                            "cynllun eto."}));
  SigningState state;
  state.participant_id = participant_id;
  state.plan_version = version.number;
  state.document = version.document;
  state.document_hash = hash;
  std::snprintf(state.participant.name, sizeof state.participant.name, "%s",
                participant_name.c_str());
  std::snprintf(state.key_worker.name, sizeof state.key_worker.name, "%s",
                key_worker_name.c_str());
  return state;
}

SignerRole CurrentRole(const SigningState& state) {
  return state.step == SigningStep::kReadDocument || state.step == SigningStep::kParticipantSigns
             ? SignerRole::kParticipant
             : SignerRole::kKeyWorker;
}

const SignerDraft& CurrentSigner(const SigningState& state) {
  return Draft(state, CurrentRole(state));
}

SignerDraft& CurrentSigner(SigningState& state) {
  return CurrentRole(state) == SignerRole::kParticipant ? state.participant : state.key_worker;
}

Status CheckSigner(const SigningState& state, SignerRole role) {
  const std::string& stamped = Draft(state, role).signed_at;
  return Record(state, role, stamped.empty() ? "2000-01-01T00:00:00Z" : stamped).status();
}

bool AdvanceSigning(SigningState& state, int64_t now_ms) {
  if (state.step == SigningStep::kComplete) return false;
  if (state.step != SigningStep::kReadDocument) {
    Status checked = CheckSigner(state, CurrentRole(state));
    if (!checked.ok()) {
      state.error_field = checked.where();
      state.error = checked.what();
      return false;
    }
    CurrentSigner(state).signed_at = FormatUtc(now_ms);
  }
  state.error_field.clear();
  state.error.clear();
  state.step = static_cast<SigningStep>(static_cast<int>(state.step) + 1);
  return true;
}

void StepBackSigning(SigningState& state) {
  if (state.step != SigningStep::kReadDocument)
    state.step = static_cast<SigningStep>(static_cast<int>(state.step) - 1);
  state.error_field.clear();
  state.error.clear();
}

StatusOr<std::vector<SignatureRecord>> SignatureRecords(const SigningState& state) {
  std::vector<SignatureRecord> records;
  for (SignerRole role : {SignerRole::kParticipant, SignerRole::kKeyWorker}) {
    const std::string& signed_at = Draft(state, role).signed_at;
    if (signed_at.empty())
      return Status::FailedPrecondition(std::string(SignerRoleValue(role)) + ".signed_at",
                                        T({"Has not signed yet.", "Heb lofnodi eto."}));
    OUTPOST_ASSIGN_OR_RETURN(json fields, Record(state, role, signed_at));
    records.push_back({role, fields.dump()});
  }
  return records;
}

std::string ShortHash(std::string_view hash) {
  std::string out;
  for (size_t i = 0; i < 16 && i < hash.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += hash[i];
  }
  return out;
}

}  // namespace outpost::client
