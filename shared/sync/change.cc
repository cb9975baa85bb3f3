#include "shared/sync/change.h"

#include <cctype>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "shared/base/sha256.h"
#include "shared/sync/json_text_internal.h"

namespace outpost::sync {

namespace {

using nlohmann::json;
// Views, not C strings: every pushed change is checked against these lists, and a view compares
// its length before its bytes where a C string would be measured each time.
using Names = std::initializer_list<std::string_view>;
using Fields = internal::StringObject;

struct RecordType {
  std::string_view name;
  bool evidence;
  Names fields;
};

const RecordType kRecordTypes[] = {
    {"participant", false,
     {"key_worker", "given_name", "family_name", "ni_number", "date_of_birth", "referral_date",
      "start_date", "journey_stage"}},
    {"plan_item", false,
     {"description", "progression_area", "milestone", "occurs", "due_by", "evidence",
      "provided_by", "status"}},
    {"plan_agreement", false,
     {"next_meeting", "next_meeting_location", "preferred_communication", "preparation",
      "adjustments", "weekly_offer", "weekly_declined_reason"}},
    {"contact", true,
     {"occurred_at", "mode", "location", "outcome", "notes", "digital_reason",
      "corrects_contact_id", "purpose", "withdrew"}},
    {"signature", true,
     {"signer_role", "signer_name", "method", "strokes", "document", "document_hash",
      "plan_version", "witness_name", "witness_role", "reason", "paper_reference", "signed_at"}},
    {"ipes07_notice", true, {"kind", "sent_at", "subject", "body"}},
    {"jobcentre_answer", true, {"form", "answer", "received_on", "notes"}},
    {"exit_document", true, {"kind", "completed_on", "notes"}},
    {"needs_assessment", false,
     {"assessed_on", "barriers", "barrier_notes", "support_network", "interests", "job_goals",
      "work_history"}},
    {"provision_break", false, {"start", "end", "reason"}},
    {"employment", false,
     {"employer", "self_employed", "offer_date", "start_date", "end_date", "hours_per_week",
      "night_shifts"}},
    {"employer_support_plan", true, {"employment_id", "issued_on", "notes"}},
    {"access_to_work", true, {"employment_id", "recorded_on", "applied", "not_needed_reason", "reference"}},
    {"support_consent", false, {"shared_with", "given_on", "withdrawn_on"}},
};

const RecordType* FindType(std::string_view name) {
  for (const RecordType& t : kRecordTypes)
    if (name == t.name) return &t;
  return nullptr;
}

bool OneOf(std::string_view value, Names allowed) {
  for (std::string_view a : allowed)
    if (value == a) return true;
  return false;
}

bool Digits(std::string_view s, size_t from, size_t count) {
  for (size_t i = from; i < from + count; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool IsDate(std::string_view s) {  // YYYY-MM-DD with a plausible month and day
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4) || !Digits(s, 5, 2) ||
      !Digits(s, 8, 2))
    return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool IsDateTime(std::string_view s) {  // YYYY-MM-DDTHH:MM
  if (s.size() != 16 || !IsDate(s.substr(0, 10)) || s[10] != 'T' || s[13] != ':' ||
      !Digits(s, 11, 2) || !Digits(s, 14, 2))
    return false;
  int hour = (s[11] - '0') * 10 + (s[12] - '0'), minute = (s[14] - '0') * 10 + (s[15] - '0');
  return hour < 24 && minute < 60;
}

std::string_view Field(const Fields& fields, std::string_view name) { return fields.Get(name); }

// `what` is a view so that a check that passes builds no string.
Status Require(const Fields& fields, std::string_view name, bool ok, std::string_view what) {
  return ok ? Status::Ok() : Status::InvalidArgument("fields." + std::string(name), what);
}

bool IsUtcTime(std::string_view s) {  // YYYY-MM-DDTHH:MM:SSZ
  return s.size() == 20 && IsDateTime(s.substr(0, 16)) && s[16] == ':' && Digits(s, 17, 2) &&
         s[17] <= '5' && s[19] == 'Z';
}

bool IsLowerHex(std::string_view s) {
  // No early return, and unsigned range checks: at -O3 the loop then becomes vector
  // instructions (every pushed change's prev_hash passes through here).
  unsigned char all = 1;
  for (char c : s)
    all &= static_cast<unsigned char>(c - '0') < 10 || static_cast<unsigned char>(c - 'a') < 6;
  return all;
}

Status ValidateContact(const Fields& f) {
  OUTPOST_RETURN_IF_ERROR(Require(f, "occurred_at", IsDateTime(Field(f, "occurred_at")),
                                  "must be a date and time YYYY-MM-DDTHH:MM"));
  const std::string_view mode = Field(f, "mode"), outcome = Field(f, "outcome");
  OUTPOST_RETURN_IF_ERROR(Require(f, "mode", OneOf(mode, {"face_to_face", "telephone", "email", "text", "video"}),
                                  "must be one of face_to_face, telephone, email, text, video"));
  OUTPOST_RETURN_IF_ERROR(Require(f, "outcome", OneOf(outcome, {"attended", "failed_to_attend", "no_answer"}),
                                  "must be one of attended, failed_to_attend, no_answer"));
  // COVID box (ipes-covid-guidance): a meeting held other than face to face is accepted only with
  // the reason recorded; an unanswered attempt is not a meeting and needs none.
  const std::string_view purpose = Field(f, "purpose");
  OUTPOST_RETURN_IF_ERROR(Require(f, "purpose", OneOf(purpose, {"", "meeting", "additional", "reengagement_attempt"}),
                                  "must be meeting, additional or reengagement_attempt"));
  OUTPOST_RETURN_IF_ERROR(Require(f, "withdrew", OneOf(Field(f, "withdrew"), {"", "yes"}), "must be yes or empty"));
  bool digital_meeting = (mode == "telephone" || mode == "video") && outcome == "attended" &&
                         (purpose.empty() || purpose == "meeting");
  return Require(f, "digital_reason", !digital_meeting || !Field(f, "digital_reason").empty(),
                 "a meeting that was not face to face needs the reason why");
}

Status ValidatePlanItem(const Fields& f) {
  if (f.contains("progression_area"))
    OUTPOST_RETURN_IF_ERROR(Require(
        f, "progression_area",
        OneOf(Field(f, "progression_area"),
              {"managing_health", "self_efficacy", "wellbeing", "job_search_self_efficacy",
               "job_seeking_activity", "work_experience"}),
        "must be one of the six progression areas (4.18)"));
  if (f.contains("provided_by"))
    OUTPOST_RETURN_IF_ERROR(Require(
        f, "provided_by",
        OneOf(Field(f, "provided_by"), {"provider", "sub_contractor", "employer", "other_organisation"}),
        "must be provider, sub_contractor, employer or other_organisation (4.22)"));
  if (f.contains("status"))
    OUTPOST_RETURN_IF_ERROR(Require(f, "status",
                                    OneOf(Field(f, "status"), {"not_started", "in_progress", "done", "dropped"}),
                                    "must be not_started, in_progress, done or dropped"));
  if (f.contains("due_by") && !Field(f, "due_by").empty())
    OUTPOST_RETURN_IF_ERROR(Require(f, "due_by", IsDate(Field(f, "due_by")), "must be a date YYYY-MM-DD"));
  return Status::Ok();
}

Status ValidateSignature(const Fields& f) {
  const std::string_view method = Field(f, "method");
  OUTPOST_RETURN_IF_ERROR(Require(
      f, "method", OneOf(method, {"handwritten", "mark", "assisted", "verbal_witnessed", "wet", "none"}),
      "must be handwritten, mark, assisted, verbal_witnessed, wet or none"));
  OUTPOST_RETURN_IF_ERROR(Require(f, "signer_role", OneOf(Field(f, "signer_role"), {"participant", "key_worker"}),
                                  "must be participant or key_worker"));
  // Box after 4.15: the "due to COVID-19" annotation is no longer accepted as a signature.
  for (const char* name : {"reason", "signer_name", "paper_reference"}) {
    std::string text(Field(f, name));
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    OUTPOST_RETURN_IF_ERROR(Require(f, name, text.find("covid") == std::string::npos,
                                    "the \"due to COVID-19\" annotation is no longer accepted"));
  }
  if (method == "none") return Require(f, "reason", !Field(f, "reason").empty(), "no signature needs the reason why");
  if (method == "wet")
    return Require(f, "paper_reference", !Field(f, "paper_reference").empty(),
                   "a wet signature needs the reference of the paper copy");
  if (method == "verbal_witnessed") {
    OUTPOST_RETURN_IF_ERROR(Require(f, "witness_name", !Field(f, "witness_name").empty(),
                                    "verbal agreement needs the witness's name"));
    OUTPOST_RETURN_IF_ERROR(Require(f, "witness_role", !Field(f, "witness_role").empty(),
                                    "verbal agreement needs the witness's role"));
  }
  if (method == "handwritten" || method == "mark" || method == "assisted")
    OUTPOST_RETURN_IF_ERROR(Require(f, "strokes", !Field(f, "strokes").empty(),
                                    "a signature on the glass needs its pen strokes"));
  // A signature is evidence for exactly the document it was shown (4.15 box): the hash it carries
  // must be the hash of that document, so a later change can never pass as signed.
  return Require(f, "document_hash",
                 !Field(f, "document").empty() && Field(f, "document_hash") == Sha256Hex(Field(f, "document")),
                 "is not the SHA-256 of the plan version shown for signing");
}

// The records of the participant's circumstances (needs assessment, breaks, work, consent): dates
// must be dates, the few answers with fixed values must be one of them, and the fields a record
// cannot stand without must not be emptied (4.71: a break needs its reason).
Status ValidateCircumstance(const std::string& type, const Fields& f) {
  for (const char* date : {"assessed_on", "start", "end", "offer_date", "start_date", "end_date",
                           "issued_on", "recorded_on", "given_on", "withdrawn_on"})
    if (!Field(f, date).empty() && !IsDate(Field(f, date)))
      return Require(f, date, false, "must be a date YYYY-MM-DD");
  for (const char* flag : {"self_employed", "night_shifts", "applied"})
    if (f.contains(flag)) OUTPOST_RETURN_IF_ERROR(Require(f, flag, OneOf(Field(f, flag), {"yes", "no"}), "must be yes or no"));
  static const RecordType kRequired[] = {
      {"provision_break", false, {"start", "reason"}},
      {"support_consent", false, {"shared_with", "given_on"}},
      {"employer_support_plan", true, {"employment_id", "issued_on"}},
      {"access_to_work", true, {"employment_id", "recorded_on", "applied"}},
      {"needs_assessment", false, {"assessed_on"}}};
  for (const RecordType& rule : kRequired) {
    if (type != rule.name) continue;
    // Evidence is written whole, so a missing field is missing; a mutable record may be written
    // a field at a time, so only a field being written may not be emptied.
    for (std::string_view name : rule.fields)
      if (f.contains(name) || rule.evidence)
        OUTPOST_RETURN_IF_ERROR(Require(f, name, !Field(f, name).empty(), "must not be empty"));
  }
  if (type == "access_to_work" && Field(f, "applied") == "no")
    return Require(f, "not_needed_reason", !Field(f, "not_needed_reason").empty(),
                   "says why no application is needed (4.31)");
  const std::string_view hours = Field(f, "hours_per_week");
  for (char c : hours)
    if (c < '0' || c > '9' || hours.size() > 2) return Require(f, "hours_per_week", false, "must be a whole number of hours");
  return Status::Ok();
}

// The first problem of a `fields` that is not a JSON object of strings, as nlohmann reads it:
// keys in order, an unknown key named before a value that is not a string.
Status FieldsProblem(const Change& change) {
  const RecordType* type = FindType(change.record_type);
  json fields = json::parse(change.fields, nullptr, /*allow_exceptions=*/false);
  if (fields.is_discarded() || !fields.is_object())
    return Status::InvalidArgument("fields", "must be a JSON object");
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    if (!OneOf(it.key(), type->fields))
      return Status::InvalidArgument("fields." + it.key(),
                                     "is not a field of a " + change.record_type);
    if (!it.value().is_string()) return Status::InvalidArgument("fields." + it.key(), "must be a string");
    if (it.value().get_ref<const std::string&>().size() > 200000)
      return Status::InvalidArgument("fields." + it.key(), "is longer than 200000 bytes");
  }
  return Status::Internal("fields", "an object of strings was not read as one");
}

// The same for a `base` that is not a JSON object of strings.
Status BaseProblem(const Change& change, const Fields& fields) {
  json base = json::parse(change.base.empty() ? "{}" : change.base, nullptr, false);
  if (base.is_discarded() || !base.is_object())
    return Status::InvalidArgument("base", "must be a JSON object");
  for (auto it = base.begin(); it != base.end(); ++it)
    if (!it.value().is_string() || !fields.contains(it.key()))
      return Status::InvalidArgument("base." + it.key(), "must be the clock of a field written");
  return Status::Internal("base", "an object of strings was not read as one");
}

}  // namespace

std::string Change::ChangeId() const { return device_id + ":" + std::to_string(device_seq); }

bool IsEvidence(std::string_view record_type) {
  const RecordType* t = FindType(record_type);
  return t != nullptr && t->evidence;
}

bool IsKnownRecordType(std::string_view record_type) { return FindType(record_type) != nullptr; }

std::string ChangeHash(const Change& c) {
  // Stored and pushed changes carry canonical fields and base: their text is spliced in as it is.
  // The server hashes every change pushed to it, so the text is built in a buffer kept from one
  // call to the next rather than one allocated for each; a rare large change (a long signed
  // document) does not leave its buffer behind.
  constexpr size_t kKeptBufferBytes = 16 * 1024;
  thread_local std::string text;
  text.clear();
  std::string hash = internal::AppendCanonicalChange(text, c, /*server_fields=*/false)
                         ? Sha256Hex(text)
                         : internal::ChangeHashOfDom(c);
  if (text.capacity() > kKeptBufferBytes) text = std::string();
  return hash;
}

std::string internal::ChangeHashOfDom(const Change& c) {
  json fields = json::parse(c.fields, nullptr, false);
  json base = json::parse(c.base.empty() ? "{}" : c.base, nullptr, false);
  json canonical = {{"author", c.author},
                    {"base", base.is_discarded() ? json(c.base) : base},
                    {"captured_at", c.captured_at},
                    {"device_id", c.device_id},
                    {"device_seq", c.device_seq},
                    {"fields", fields.is_discarded() ? json(c.fields) : fields},
                    {"hlc", c.hlc},
                    {"participant_id", c.participant_id},
                    {"prev_hash", c.prev_hash},
                    {"record_id", c.record_id},
                    {"record_type", c.record_type}};
  return Sha256Hex(canonical.dump());
}

StatusOr<std::string> CanonicalFields(std::string_view fields) {
  json parsed = json::parse(fields, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object())
    return Status::InvalidArgument("fields", "must be a JSON object");
  return parsed.dump();
}

namespace {

// An identifier is shown, logged and passed to C APIs as text: a control character (a NUL above
// all, which the wire can carry as \u0000) would cut it short or break the line it is shown on.
// The wire only carries UTF-8; a change made in process must be as well, or it could not be
// hashed or sent.
bool IsIdentifier(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id)
    if (c < 0x20 || c == 0x7f) return false;
  return internal::IsUtf8(id);
}

constexpr const char* kIdentifierRule =
    "must be 1 to 64 bytes of UTF-8 text, none of them a control character";

}  // namespace

Status ValidateChange(const Change& change) {
  if (!IsIdentifier(change.device_id)) return Status::InvalidArgument("device_id", kIdentifierRule);
  if (change.device_seq < 1) return Status::InvalidArgument("device_seq", "must be 1 or more");
  // "<13 digits>-<4 digits>-<device_id>" (hlc.h): made by the device that wrote the change.
  if (change.hlc.size() != 19 + change.device_id.size() || !Digits(change.hlc, 0, 13) ||
      change.hlc[13] != '-' || !Digits(change.hlc, 14, 4) || change.hlc[18] != '-' ||
      change.hlc.compare(19, std::string::npos, change.device_id) != 0)
    return Status::InvalidArgument("hlc", "is not a hybrid clock stamp of this device");
  if (!IsUtcTime(change.captured_at))
    return Status::InvalidArgument("captured_at", "must be the device's time, like 2026-11-23T13:14:36Z");
  if (!change.prev_hash.empty() && (change.prev_hash.size() != 64 || !IsLowerHex(change.prev_hash)))
    return Status::InvalidArgument("prev_hash", "must be a SHA-256 in lower-case hex, or empty");
  if (!IsIdentifier(change.author)) return Status::InvalidArgument("author", kIdentifierRule);
  if (!IsIdentifier(change.record_id)) return Status::InvalidArgument("record_id", kIdentifierRule);
  if (!IsIdentifier(change.participant_id))
    return Status::InvalidArgument("participant_id", kIdentifierRule);
  const RecordType* type = FindType(change.record_type);
  if (type == nullptr)
    return Status::InvalidArgument("record_type", "'" + change.record_type.substr(0, 40) +
                                                      "' is not a record type");
  Fields fields;
  if (!fields.Read(change.fields)) return FieldsProblem(change);
  for (const Fields::Member& m : fields.members()) {
    if (!OneOf(m.key, type->fields))
      return Status::InvalidArgument("fields." + std::string(m.key),
                                     "is not a field of a " + change.record_type);
    if (m.value.size() > 200000)
      return Status::InvalidArgument("fields." + std::string(m.key), "is longer than 200000 bytes");
  }
  Fields base;
  if (!base.Read(change.base.empty() ? std::string_view("{}") : std::string_view(change.base)))
    return BaseProblem(change, fields);
  for (const Fields::Member& m : base.members())
    if (!fields.contains(m.key))
      return Status::InvalidArgument("base." + std::string(m.key), "must be the clock of a field written");
  if (type->evidence && !base.empty())
    return Status::InvalidArgument("base", "evidence is written once; it has no base");

  const std::string& t = change.record_type;
  if (t == "participant") {
    if (change.record_id != change.participant_id)
      return Status::InvalidArgument("participant_id", "must equal record_id for a participant");
    for (const char* required : {"given_name", "family_name", "key_worker"})
      if (fields.contains(required) && Field(fields, required).empty())
        return Status::InvalidArgument(std::string("fields.") + required, "must not be empty");
    for (const char* date : {"date_of_birth", "referral_date", "start_date"})
      if (!Field(fields, date).empty() && !IsDate(Field(fields, date)))
        return Status::InvalidArgument(std::string("fields.") + date, "must be a date YYYY-MM-DD");
    return Status::Ok();
  }
  if (change.record_id == change.participant_id)
    return Status::InvalidArgument("record_id", "a " + t + " needs its own id");
  if (t == "contact") return ValidateContact(fields);
  if (t == "plan_item") return ValidatePlanItem(fields);
  if (t == "signature") return ValidateSignature(fields);
  if (t == "needs_assessment" || t == "provision_break" || t == "employment" ||
      t == "employer_support_plan" || t == "access_to_work" || t == "support_consent")
    return ValidateCircumstance(t, fields);
  if (t == "plan_agreement" && fields.contains("weekly_offer"))
    return Require(fields, "weekly_offer", OneOf(Field(fields, "weekly_offer"), {"offered", "declined"}),
                   "must be offered or declined (4.14)");
  return Status::Ok();
}

}  // namespace outpost::sync
