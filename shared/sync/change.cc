#include "shared/sync/change.h"

#include <array>
#include <nlohmann/json.hpp>

namespace outpost::sync {

namespace {

using nlohmann::json;

constexpr std::array kParticipantFields = {"key_worker",    "given_name",    "family_name",
                                           "ni_number",     "date_of_birth", "referral_date",
                                           "start_date",    "journey_stage"};
constexpr std::array kContactFields = {"occurred_at", "mode",           "location",
                                       "outcome",     "notes",          "digital_reason",
                                       "corrects_contact_id"};
constexpr std::array kModes = {"face_to_face", "telephone", "email", "text", "video"};
constexpr std::array kOutcomes = {"attended", "failed_to_attend", "no_answer"};

template <size_t N>
bool OneOf(const std::string& value, const std::array<const char*, N>& allowed) {
  for (const char* a : allowed)
    if (value == a) return true;
  return false;
}

bool IsDateTime(const std::string& s) {  // YYYY-MM-DDTHH:MM
  if (s.size() != 16) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (i == 4 || i == 7) ? c == '-' : i == 10 ? c == 'T' : i == 13 ? c == ':'
                                                                            : (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  int hour = std::stoi(s.substr(11, 2)), minute = std::stoi(s.substr(14, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60;
}

template <size_t N>
Status CheckKnownStringFields(const json& fields, const std::array<const char*, N>& allowed) {
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    if (!OneOf(it.key(), allowed))
      return Status::InvalidArgument("fields." + it.key(), "is not a field of this record type");
    if (!it.value().is_string())
      return Status::InvalidArgument("fields." + it.key(), "must be a string");
    if (it.value().get_ref<const std::string&>().size() > 20000)
      return Status::InvalidArgument("fields." + it.key(), "is longer than 20000 bytes");
  }
  return Status::Ok();
}

std::string StringField(const json& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->get<std::string>();
}

Status ValidateContactFields(const json& fields) {
  OUTPOST_RETURN_IF_ERROR(CheckKnownStringFields(fields, kContactFields));
  std::string occurred_at = StringField(fields, "occurred_at");
  if (!IsDateTime(occurred_at))
    return Status::InvalidArgument("fields.occurred_at", "must be a date and time YYYY-MM-DDTHH:MM");
  std::string mode = StringField(fields, "mode");
  if (!OneOf(mode, kModes))
    return Status::InvalidArgument(
        "fields.mode", "must be one of face_to_face, telephone, email, text, video");
  std::string outcome = StringField(fields, "outcome");
  if (!OneOf(outcome, kOutcomes))
    return Status::InvalidArgument("fields.outcome",
                                   "must be one of attended, failed_to_attend, no_answer");
  // COVID box (ipes-covid-guidance): a meeting held other than face to face is accepted only with
  // the reason recorded; an unanswered attempt is not a meeting and needs none.
  bool digital_meeting = (mode == "telephone" || mode == "video") && outcome == "attended";
  if (digital_meeting && StringField(fields, "digital_reason").empty())
    return Status::InvalidArgument("fields.digital_reason",
                                   "a meeting that was not face to face needs the reason why");
  return Status::Ok();
}

Status ValidateParticipantFields(const json& fields) {
  OUTPOST_RETURN_IF_ERROR(CheckKnownStringFields(fields, kParticipantFields));
  for (const char* required : {"given_name", "family_name", "key_worker"}) {
    auto it = fields.find(required);
    if (it != fields.end() && it->get_ref<const std::string&>().empty())
      return Status::InvalidArgument(std::string("fields.") + required, "must not be empty");
  }
  return Status::Ok();
}

}  // namespace

std::string Change::ChangeId() const { return device_id + ":" + std::to_string(device_seq); }

StatusOr<std::string> CanonicalFields(std::string_view fields) {
  json parsed = json::parse(fields, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object())
    return Status::InvalidArgument("fields", "must be a JSON object");
  return parsed.dump();
}

Status ValidateChange(const Change& change) {
  if (change.device_id.empty() || change.device_id.size() > 64)
    return Status::InvalidArgument("device_id", "must be 1 to 64 characters");
  if (change.device_seq < 1) return Status::InvalidArgument("device_seq", "must be 1 or more");
  if (change.hlc.empty()) return Status::InvalidArgument("hlc", "is missing");
  if (change.author.empty()) return Status::InvalidArgument("author", "is missing");
  if (change.record_id.empty() || change.record_id.size() > 64)
    return Status::InvalidArgument("record_id", "must be 1 to 64 characters");
  if (change.participant_id.empty() || change.participant_id.size() > 64)
    return Status::InvalidArgument("participant_id", "must be 1 to 64 characters");
  json fields = json::parse(change.fields, nullptr, /*allow_exceptions=*/false);
  if (fields.is_discarded() || !fields.is_object())
    return Status::InvalidArgument("fields", "must be a JSON object");
  if (change.record_type == "contact") {
    if (change.record_id == change.participant_id)
      return Status::InvalidArgument("record_id", "a contact needs its own id");
    return ValidateContactFields(fields);
  }
  if (change.record_type == "participant") {
    if (change.record_id != change.participant_id)
      return Status::InvalidArgument("participant_id", "must equal record_id for a participant");
    return ValidateParticipantFields(fields);
  }
  return Status::InvalidArgument("record_type", "must be participant or contact");
}

}  // namespace outpost::sync
