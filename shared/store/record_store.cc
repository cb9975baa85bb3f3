#include "shared/store/record_store.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>


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

using Fields = nlohmann::json;

std::string Text(const Fields& f, const char* name) {
  auto it = f.find(name);
  return it != f.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// One stored record of a generic type, with its participant.
struct StoredRecord {
  std::string record_id;
  std::string participant_id;
  Fields fields;
};

// Every record of `type` in the store, in record id (creation) order.
StatusOr<std::vector<StoredRecord>> RecordsOfType(Database& db, const char* type) {
  OUTPOST_ASSIGN_OR_RETURN(
      Statement rows, db.Prepare("SELECT record_id, participant_id, fields FROM records "
                                 "WHERE record_type = ? ORDER BY record_id"));
  rows.Bind(1, type);
  std::vector<StoredRecord> out;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    Fields fields = Fields::parse(rows.ColumnText(2), nullptr, /*allow_exceptions=*/false);
    if (!fields.is_object())
      return Status::DataLoss(std::string(type) + "[" + rows.ColumnText(0) + "].fields", "is not a JSON object");
    out.push_back({rows.ColumnText(0), rows.ColumnText(1), std::move(fields)});
  }
  return out;
}

// A date field of a stored record: absent when empty, DataLoss naming the record when garbled.
StatusOr<std::optional<CivilDate>> DateField(const StoredRecord& r, const char* type, const char* name) {
  return OptionalDate(Text(r.fields, name), std::string(type) + "[" + r.record_id + "]." + name);
}

// Reads the records beyond participants and contacts into `out` (indexed by participant id).
// Records of participants not loaded (another key worker's) are skipped.
Status LoadCircumstances(Database& db, std::vector<domain::ParticipantRecords>& out,
                         const std::map<std::string, size_t>& index) {
  auto owner = [&](const StoredRecord& r) -> domain::ParticipantRecords* {
    auto found = index.find(r.participant_id);
    return found == index.end() ? nullptr : &out[found->second];
  };
  OUTPOST_ASSIGN_OR_RETURN(auto breaks, RecordsOfType(db, "provision_break"));
  for (const StoredRecord& r : breaks) {
    domain::ParticipantRecords* p = owner(r);
    if (!p) continue;
    OUTPOST_ASSIGN_OR_RETURN(auto start, DateField(r, "provision_break", "start"));
    OUTPOST_ASSIGN_OR_RETURN(auto end, DateField(r, "provision_break", "end"));
    if (!start) continue;  // not yet complete on this replica: nothing for the rules to count
    p->breaks.push_back({r.record_id, *start, end, Text(r.fields, "reason")});
  }
  OUTPOST_ASSIGN_OR_RETURN(auto jobs, RecordsOfType(db, "employment"));
  for (const StoredRecord& r : jobs) {
    domain::ParticipantRecords* p = owner(r);
    if (!p) continue;
    domain::Employment e;
    e.id = r.record_id;
    e.employer = Text(r.fields, "employer");
    e.self_employed = Text(r.fields, "self_employed") == "yes";
    e.night_shifts = Text(r.fields, "night_shifts") == "yes";
    OUTPOST_ASSIGN_OR_RETURN(e.offer_date, DateField(r, "employment", "offer_date"));
    OUTPOST_ASSIGN_OR_RETURN(e.start_date, DateField(r, "employment", "start_date"));
    OUTPOST_ASSIGN_OR_RETURN(e.end_date, DateField(r, "employment", "end_date"));
    const std::string hours = Text(r.fields, "hours_per_week");
    e.hours_per_week = hours.empty() ? 0 : std::stoi(hours);  // validated: 1 or 2 digits
    p->employments.push_back(std::move(e));
  }
  OUTPOST_ASSIGN_OR_RETURN(auto esps, RecordsOfType(db, "employer_support_plan"));
  for (const StoredRecord& r : esps) {
    domain::ParticipantRecords* p = owner(r);
    if (!p) continue;
    OUTPOST_ASSIGN_OR_RETURN(auto issued, DateField(r, "employer_support_plan", "issued_on"));
    if (issued) p->employer_support_plans.push_back({r.record_id, Text(r.fields, "employment_id"), *issued, ""});
  }
  OUTPOST_ASSIGN_OR_RETURN(auto atws, RecordsOfType(db, "access_to_work"));
  for (const StoredRecord& r : atws) {
    domain::ParticipantRecords* p = owner(r);
    if (!p) continue;
    OUTPOST_ASSIGN_OR_RETURN(auto recorded, DateField(r, "access_to_work", "recorded_on"));
    if (!recorded) continue;
    domain::AccessToWork a;
    a.id = r.record_id;
    a.employment_id = Text(r.fields, "employment_id");
    a.recorded_on = *recorded;
    a.applied = Text(r.fields, "applied") == "yes";
    a.not_needed_reason = Text(r.fields, "not_needed_reason");
    a.reference = Text(r.fields, "reference");
    p->access_to_work.push_back(std::move(a));
  }
  OUTPOST_ASSIGN_OR_RETURN(auto consents, RecordsOfType(db, "support_consent"));
  for (const StoredRecord& r : consents) {
    domain::ParticipantRecords* p = owner(r);
    if (!p) continue;
    OUTPOST_ASSIGN_OR_RETURN(auto given, DateField(r, "support_consent", "given_on"));
    OUTPOST_ASSIGN_OR_RETURN(auto withdrawn, DateField(r, "support_consent", "withdrawn_on"));
    if (!given) continue;
    domain::SupportNetworkConsent c;
    c.id = r.record_id;
    c.shared_with = Text(r.fields, "shared_with");
    c.given_on = *given;
    c.withdrawn_on = withdrawn;
    p->consents.push_back(std::move(c));
  }
  OUTPOST_ASSIGN_OR_RETURN(auto assessments, RecordsOfType(db, "needs_assessment"));
  for (const StoredRecord& r : assessments) {
    domain::ParticipantRecords* p = owner(r);
    if (!p) continue;
    OUTPOST_ASSIGN_OR_RETURN(auto on, DateField(r, "needs_assessment", "assessed_on"));
    if (!on) continue;
    domain::NeedsAssessment a;
    a.id = r.record_id;
    a.assessed_on = *on;
    a.support_network = Text(r.fields, "support_network");
    a.interests_and_hobbies = Text(r.fields, "interests");
    a.job_goals = Text(r.fields, "job_goals");
    a.previous_work_experience = Text(r.fields, "work_history");
    p->needs_assessment = std::move(a);
  }
  OUTPOST_ASSIGN_OR_RETURN(auto notices, RecordsOfType(db, "ipes07_notice"));
  for (const StoredRecord& r : notices) {
    domain::ParticipantRecords* p = owner(r);
    if (!p) continue;
    const std::string sent_at = Text(r.fields, "sent_at");
    auto sent = CivilDate::Parse(sent_at.substr(0, 10));
    if (!sent.ok()) continue;
    domain::Ipes07NoticeRecord n;
    n.id = r.record_id;
    n.kind = Text(r.fields, "kind") == "reengagement" ? domain::Ipes07Kind::kReengagement
                                                       : domain::Ipes07Kind::kDisengagement;
    n.sent_on = *sent;
    p->ipes07_notices.push_back(std::move(n));
  }
  OUTPOST_ASSIGN_OR_RETURN(auto exit_documents, RecordsOfType(db, "exit_document"));
  for (const StoredRecord& r : exit_documents) {
    domain::ParticipantRecords* p = owner(r);
    if (!p) continue;
    OUTPOST_ASSIGN_OR_RETURN(auto completed, DateField(r, "exit_document", "completed_on"));
    if (!completed) continue;
    p->exit_documents.push_back({r.record_id,
                                 Text(r.fields, "kind") == "exit_activity_plan"
                                     ? domain::ExitDocumentKind::kExitActivityPlan
                                     : domain::ExitDocumentKind::kProgressReport,
                                 *completed, ""});
  }
  // Signed plan versions: each signed document is a version; it is fully agreed once both the
  // participant and the key worker have signed that same document (4.15, 4.17).
  OUTPOST_ASSIGN_OR_RETURN(auto signatures, RecordsOfType(db, "signature"));
  for (domain::ParticipantRecords& p : out) {
    std::map<std::string, domain::ActionPlanVersion> versions;  // by document hash
    for (const StoredRecord& r : signatures) {
      if (r.participant_id != p.participant.id) continue;
      const std::string hash = Text(r.fields, "document_hash");
      const std::string signed_at = Text(r.fields, "signed_at");
      auto on = CivilDate::Parse(signed_at.substr(0, 10));
      if (!on.ok()) continue;
      domain::Signature sig;
      sig.id = r.record_id;
      sig.plan_version_id = hash;
      sig.document_hash = hash;
      sig.role = Text(r.fields, "signer_role") == "key_worker" ? domain::SignerRole::kKeyWorker
                                                               : domain::SignerRole::kParticipant;
      sig.signer_name = Text(r.fields, "signer_name");
      sig.signed_on = *on;
      sig.signed_at = signed_at;
      const std::string method = Text(r.fields, "method");
      sig.method = method == "wet"                ? domain::SignatureMethod::kWetSignature
                   : method == "mark"             ? domain::SignatureMethod::kMark
                   : method == "assisted"         ? domain::SignatureMethod::kAssisted
                   : method == "verbal_witnessed" ? domain::SignatureMethod::kVerbalWitnessed
                   : method == "none"             ? domain::SignatureMethod::kNotObtained
                                                  : domain::SignatureMethod::kDigitalPen;
      sig.reason = Text(r.fields, "reason");
      sig.witness_name = Text(r.fields, "witness_name");
      sig.paper_reference = Text(r.fields, "paper_reference");
      auto [version, added] = versions.try_emplace(hash);
      if (added || *on < version->second.created_on) version->second.created_on = *on;
      version->second.id = hash;
      version->second.document_hash = hash;
      p.signatures.push_back(std::move(sig));
    }
    int number = 0;
    std::vector<domain::ActionPlanVersion> ordered;
    for (auto& [hash, version] : versions) ordered.push_back(version);
    std::sort(ordered.begin(), ordered.end(),
              [](const auto& a, const auto& b) { return a.created_on < b.created_on; });
    for (domain::ActionPlanVersion& v : ordered) {
      v.version = ++number;
      bool participant = false, key_worker = false;
      for (const domain::Signature& sig : p.signatures) {
        if (sig.document_hash != v.document_hash ||
            sig.method == domain::SignatureMethod::kNotObtained)
          continue;
        (sig.role == domain::SignerRole::kKeyWorker ? key_worker : participant) = true;
      }
      v.fully_agreed = participant && key_worker;
      p.plan_versions.push_back(std::move(v));
    }
  }
  return Status::Ok();
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
                 "digital_reason, recorded_by, corrects_contact_id, "
                 "(SELECT fields FROM records r WHERE r.record_type = 'contact' AND "
                 "r.record_id = contacts.contact_id) FROM contacts "
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
    // Purpose and withdrawal came after the contacts table: they live in the generic record.
    const Fields extra = Fields::parse(contacts.ColumnText(10), nullptr, false);
    if (extra.is_object()) {
      const std::string purpose = Text(extra, "purpose");
      if (purpose == "additional") c.purpose = domain::ContactPurpose::kAdditionalContact;
      if (purpose == "reengagement_attempt") c.purpose = domain::ContactPurpose::kReengagementAttempt;
      c.participant_withdrew = Text(extra, "withdrew") == "yes";
    }
    out[owner->second].contacts.push_back(std::move(c));
  }
  OUTPOST_RETURN_IF_ERROR(LoadCircumstances(db, out, index));
  return out;
}

}  // namespace outpost::store
