#include "shared/store/record_store.h"

#include <map>

namespace outpost::store {

namespace {

StatusOr<std::optional<CivilDate>> OptionalDate(const std::string& text, const std::string& where) {
  if (text.empty()) return std::optional<CivilDate>();
  auto date = CivilDate::Parse(text);
  if (!date.ok()) return Status::DataLoss(where, "stored date '" + text + "' is not YYYY-MM-DD");
  return std::optional<CivilDate>(*date);
}

domain::ContactMode ModeOf(const std::string& mode) {
  if (mode == "telephone") return domain::ContactMode::kTelephone;
  if (mode == "email") return domain::ContactMode::kEmail;
  if (mode == "text") return domain::ContactMode::kText;
  if (mode == "video") return domain::ContactMode::kVideo;
  return domain::ContactMode::kFaceToFace;
}

}  // namespace

StatusOr<std::vector<domain::ParticipantRecords>> LoadParticipantRecords(
    Database& db, const std::optional<std::string>& key_worker) {
  std::vector<domain::ParticipantRecords> out;
  std::map<std::string, size_t> index;
  std::string where_key_worker = key_worker ? " WHERE key_worker = ?" : "";
  OUTPOST_ASSIGN_OR_RETURN(
      Statement people,
      db.Prepare("SELECT participant_id, given_name, family_name, ni_number, date_of_birth, "
                 "key_worker, referral_date, start_date FROM participants" +
                 where_key_worker + " ORDER BY participant_id"));
  if (key_worker) people.Bind(1, *key_worker);
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, people.Step());
    if (!row) break;
    domain::ParticipantRecords records;
    domain::Participant& p = records.participant;
    p.id = people.ColumnText(0);
    p.given_names = people.ColumnText(1);
    p.surname = people.ColumnText(2);
    p.ni_number = people.ColumnText(3);
    p.key_worker_id = people.ColumnText(5);
    const std::string where = "participants[" + p.id + "]";
    OUTPOST_ASSIGN_OR_RETURN(p.date_of_birth, OptionalDate(people.ColumnText(4), where + ".date_of_birth"));
    OUTPOST_ASSIGN_OR_RETURN(auto referral, OptionalDate(people.ColumnText(6), where + ".referral_date"));
    if (referral) p.referral.referral_date = *referral;
    OUTPOST_ASSIGN_OR_RETURN(p.start_date, OptionalDate(people.ColumnText(7), where + ".start_date"));
    index[p.id] = out.size();
    out.push_back(std::move(records));
  }
  OUTPOST_ASSIGN_OR_RETURN(
      Statement contacts,
      db.Prepare("SELECT contact_id, participant_id, occurred_at, mode, location, outcome, notes, "
                 "digital_reason, recorded_by, corrects_contact_id FROM contacts "
                 "ORDER BY occurred_at, contact_id"));
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, contacts.Step());
    if (!row) break;
    auto owner = index.find(contacts.ColumnText(1));
    if (owner == index.end()) continue;  // another key worker's, or not loaded
    domain::Contact c;
    c.id = contacts.ColumnText(0);
    const std::string occurred_at = contacts.ColumnText(2);
    auto date = CivilDate::Parse(occurred_at.substr(0, 10));
    if (!date.ok())
      return Status::DataLoss("contacts[" + c.id + "].occurred_at",
                              "stored time '" + occurred_at + "' is not YYYY-MM-DDTHH:MM");
    c.date = *date;
    if (occurred_at.size() == 16)
      c.minute_of_day = std::stoi(occurred_at.substr(11, 2)) * 60 + std::stoi(occurred_at.substr(14, 2));
    c.mode = ModeOf(contacts.ColumnText(3));
    c.location = contacts.ColumnText(4);
    const std::string outcome = contacts.ColumnText(5);
    if (outcome == "failed_to_attend") {
      c.outcome = domain::ContactOutcome::kFailedToAttend;
    } else if (outcome == "no_answer") {
      c.outcome = domain::ContactOutcome::kNoAnswer;
      c.purpose = domain::ContactPurpose::kReengagementAttempt;
    }
    c.notes = contacts.ColumnText(6);
    c.digital_reason = contacts.ColumnText(7);
    c.recorded_by = contacts.ColumnText(8);
    c.corrects_id = contacts.ColumnText(9);
    out[owner->second].contacts.push_back(std::move(c));
  }
  return out;
}

}  // namespace outpost::store
