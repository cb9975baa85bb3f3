#include "shared/domain/validation.h"

#include <cctype>
#include <unordered_map>

#include "shared/domain/ipes07_notice.h"

namespace outpost::domain {
namespace {

std::string Index(const std::string& list, size_t i) {
  return list + "[" + std::to_string(i) + "]";
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

const ActionPlanVersion* FindVersion(const ParticipantRecords& r, const std::string& id) {
  for (const ActionPlanVersion& v : r.plan_versions) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

void Append(std::vector<Problem>* to, std::vector<Problem> from) {
  for (Problem& p : from) to->push_back(std::move(p));
}

}  // namespace

bool HasCovidAnnotation(const std::string& text) {
  // Keep letters and digits only, lower-cased, so "Due to Covid-19", "due to COVID 19" and
  // "due to covid" all contain "duetocovid".
  std::string squeezed;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) squeezed.push_back(static_cast<char>(std::tolower(u)));
  }
  return squeezed.find("duetocovid") != std::string::npos;
}

std::vector<Problem> ValidateContact(const Contact& c, const std::string& path) {
  std::vector<Problem> out;
  if (c.minute_of_day < -1 || c.minute_of_day > 1439) {
    out.push_back({path + ".minute_of_day", "the time of day must be between 00:00 and 23:59"});
  }
  if (c.IsDigitalMeeting() && Blank(c.digital_reason)) {
    // Living with COVID-19 box: digital meetings only by exception, reason on the record.
    out.push_back({path + ".digital_reason",
                   "a meeting held by telephone or video needs the reason it was not face to "
                   "face (digital meetings are by exception only)"});
  }
  if (c.purpose == ContactPurpose::kMeeting &&
      (c.mode == ContactMode::kEmail || c.mode == ContactMode::kText)) {
    out.push_back({path + ".mode",
                   "a meeting must be face to face, by video or by telephone; record an email "
                   "or text message as additional contact"});
  }
  if (c.outcome == ContactOutcome::kFailedToAttend && c.purpose != ContactPurpose::kMeeting) {
    out.push_back({path + ".outcome",
                   "only a meeting can be failed to attend; an unanswered attempt is 'no "
                   "answer'"});
  }
  if (!c.corrects_id.empty() && c.corrects_id == c.id) {
    out.push_back({path + ".corrects_id", "a contact cannot correct itself"});
  }
  if (c.retracts && c.corrects_id.empty()) {
    out.push_back({path + ".retracts",
                   "a retraction must name the contact it retracts (corrects_id)"});
  }
  if (HasCovidAnnotation(c.digital_reason)) {
    out.push_back({path + ".digital_reason",
                   "\"due to COVID-19\" is no longer accepted as a reason; record the actual "
                   "reason the meeting was not face to face"});
  }
  return out;
}

std::vector<Problem> ValidateSignature(const Signature& s, const ActionPlanVersion* version,
                                       const std::string& path) {
  std::vector<Problem> out;
  if (s.document == SignedDocument::kActionPlan) {
    if (version == nullptr) {
      out.push_back({path + ".plan_version_id",
                     "the signature names an Action Plan version that does not exist"});
    } else if (s.method != SignatureMethod::kNotObtained &&
               s.document_hash != version->document_hash) {
      // Box after 4.15: a signature is evidence for one exact version and nothing else.
      out.push_back({path + ".document_hash",
                     "the signed document's hash does not match Action Plan version " +
                         std::to_string(version->version) +
                         ": the plan was changed after signing, or the signature belongs to "
                         "another version"});
    }
  }
  if (HasCovidAnnotation(s.annotation)) {
    out.push_back({path + ".annotation",
                   "the \"due to COVID-19\" annotation is no longer accepted; the participant "
                   "must sign, or the fallback must be recorded"});
  }
  if (Blank(s.signer_name) && s.method != SignatureMethod::kNotObtained) {
    out.push_back({path + ".signer_name", "the signer's name is missing"});
  }
  switch (s.method) {
    case SignatureMethod::kDigitalPen:
      if (s.strokes.empty()) {
        out.push_back({path + ".strokes", "a digital signature needs its pen strokes"});
      }
      if (Blank(s.device_id)) {
        out.push_back({path + ".device_id",
                       "a digital signature must record the device it was made on"});
      }
      break;
    case SignatureMethod::kWetSignature:
      if (Blank(s.paper_reference)) {
        out.push_back({path + ".paper_reference",
                       "a wet signature needs the reference of the signed paper copy"});
      }
      break;
    case SignatureMethod::kMark:
      if (Blank(s.reason)) {
        out.push_back({path + ".reason", "say why a mark was made instead of a signature"});
      }
      break;
    case SignatureMethod::kAssisted:
      if (Blank(s.assisted_by)) {
        out.push_back({path + ".assisted_by", "an assisted signature must name who helped"});
      }
      if (Blank(s.reason)) {
        out.push_back({path + ".reason", "say why the signature was assisted"});
      }
      break;
    case SignatureMethod::kVerbalWitnessed:
      if (Blank(s.witness_name)) {
        out.push_back({path + ".witness_name",
                       "verbal agreement must be witnessed by a named person"});
      }
      if (Blank(s.reason)) {
        out.push_back({path + ".reason", "say why agreement was given verbally"});
      }
      break;
    case SignatureMethod::kNotObtained:
      if (Blank(s.reason)) {
        out.push_back({path + ".reason", "say why no signature was obtained"});
      }
      break;
  }
  return out;
}

bool IsValidPlanSignature(const Signature& s, const ActionPlanVersion& version) {
  // The same conditions as ValidateSignature, checked directly: the rules call this for every
  // signature of every participant, so it must not build problem strings.
  if (s.document != SignedDocument::kActionPlan || s.plan_version_id != version.id) return false;
  if (s.document_hash.empty() || s.document_hash != version.document_hash) return false;
  if (!s.annotation.empty() && HasCovidAnnotation(s.annotation)) return false;
  if (Blank(s.signer_name)) return false;
  switch (s.method) {
    case SignatureMethod::kDigitalPen: return !s.strokes.empty() && !Blank(s.device_id);
    case SignatureMethod::kWetSignature: return !Blank(s.paper_reference);
    case SignatureMethod::kMark: return !Blank(s.reason);
    case SignatureMethod::kAssisted: return !Blank(s.assisted_by) && !Blank(s.reason);
    case SignatureMethod::kVerbalWitnessed: return !Blank(s.witness_name) && !Blank(s.reason);
    case SignatureMethod::kNotObtained: return false;
  }
  return false;
}

// Checks run in the order of the fields of ParticipantRecords, so the list reads top to bottom
// like the record. Nothing returns early: the key worker sees every problem in one pass.
std::vector<Problem> Validate(const ParticipantRecords& r) {
  std::vector<Problem> out;
  const Participant& p = r.participant;
  const CivilDate referral = p.referral.referral_date;

  if (Blank(p.surname)) out.push_back({"participant.surname", "the surname is missing"});
  if (!Blank(p.ni_number)) {
    // The IPES07 builder's check, run here so the form flags a bad number before it is needed.
    if (!NormaliseNiNumber(p.ni_number).ok()) {
      out.push_back({"participant.ni_number",
                     "the National Insurance number must be two letters, six digits and an "
                     "optional final letter"});
    }
  }
  if (p.date_of_birth && *p.date_of_birth >= referral) {
    out.push_back({"participant.date_of_birth", "the date of birth is not before the referral"});
  }
  if (p.start_date && *p.start_date < referral) {
    out.push_back({"participant.start_date",
                   "the Start Date is before the referral date; the initial meeting follows the "
                   "referral (4.08)"});
  }

  // Contacts: each on its own, then the correction links.
  std::unordered_map<std::string, size_t> contact_index;
  for (size_t i = 0; i < r.contacts.size(); ++i) contact_index.emplace(r.contacts[i].id, i);
  for (size_t i = 0; i < r.contacts.size(); ++i) {
    const Contact& c = r.contacts[i];
    const std::string path = Index("contacts", i);
    Append(&out, ValidateContact(c, path));
    if (c.date < referral) {
      out.push_back({path + ".date", "the contact is dated before the referral"});
    }
    if (!c.corrects_id.empty() && c.corrects_id != c.id) {
      auto it = contact_index.find(c.corrects_id);
      if (it == contact_index.end()) {
        out.push_back({path + ".corrects_id", "the contact it corrects does not exist"});
      }
    }
  }

  // Plan versions and their items. Version numbers must be unique because signatures and the
  // PCO refer to "version N"; duplicate numbers would make that ambiguous.
  for (size_t i = 0; i < r.plan_versions.size(); ++i) {
    const ActionPlanVersion& v = r.plan_versions[i];
    const std::string path = Index("plan_versions", i);
    for (size_t j = 0; j < i; ++j) {
      if (r.plan_versions[j].version == v.version) {
        out.push_back({path + ".version", "two Action Plan versions have the number " +
                                              std::to_string(v.version)});
      }
    }
    if (Blank(v.document_hash)) {
      out.push_back({path + ".document_hash",
                     "the version has no document hash, so no signature can be tied to it"});
    }
    if (p.start_date && v.created_on < *p.start_date) {
      out.push_back({path + ".created_on", "the plan version is dated before the Start Date"});
    }
    if (v.next_meeting_date && *v.next_meeting_date < v.created_on) {
      out.push_back({path + ".next_meeting_date",
                     "the next meeting is before the date of this plan version"});
    }
    if (v.weekly_offer.offered && !v.weekly_offer.accepted && Blank(v.weekly_offer.declined_reasons)) {
      // 4.21: if weekly face-to-face meetings are not wanted, the plan notes the reasons in full.
      out.push_back({path + ".weekly_offer.declined_reasons",
                     "the participant declined weekly face-to-face support but the reasons are "
                     "not recorded (4.21)"});
    }
    for (size_t k = 0; k < v.items.size(); ++k) {
      const ActionPlanItem& item = v.items[k];
      const std::string ipath = path + Index(".items", k);
      if (Blank(item.description)) {
        out.push_back({ipath + ".description", "the activity needs a clear description (4.21)"});
      }
      if (Blank(item.evidence_required)) {
        out.push_back({ipath + ".evidence_required",
                       "say what evidence will show the activity is done (4.21)"});
      }
      if (item.due_by && p.start_date && *item.due_by < *p.start_date) {
        out.push_back({ipath + ".due_by", "the due date " + item.due_by->ToString() +
                                              " is before the Start Date " +
                                              p.start_date->ToString()});
      }
      if (item.due_by && item.occurs_on && *item.due_by < *item.occurs_on) {
        out.push_back({ipath + ".due_by", "the activity is due before it occurs"});
      }
    }
  }

  for (size_t i = 0; i < r.signatures.size(); ++i) {
    const Signature& s = r.signatures[i];
    const ActionPlanVersion* v =
        s.document == SignedDocument::kActionPlan ? FindVersion(r, s.plan_version_id) : nullptr;
    const std::string path = Index("signatures", i);
    Append(&out, ValidateSignature(s, v, path));
    if (v != nullptr && s.signed_on < v->created_on) {
      out.push_back({path + ".signed_on", "the signature is dated before the version it signs"});
    }
  }

  for (size_t i = 0; i < r.breaks.size(); ++i) {
    const ProvisionBreak& b = r.breaks[i];
    const std::string path = Index("breaks", i);
    if (b.end && *b.end < b.start) {
      out.push_back({path + ".end", "the break ends before it starts"});
    }
    if (Blank(b.reason)) {
      out.push_back({path + ".reason", "every break needs its reason recorded (4.71)"});
    }
  }

  // Employment dates feed the IWS decision of 1.26, so an inverted range would silently change
  // the participant's phase.
  for (size_t i = 0; i < r.employments.size(); ++i) {
    const Employment& e = r.employments[i];
    const std::string path = Index("employments", i);
    if (e.start_date && e.end_date && *e.end_date < *e.start_date) {
      out.push_back({path + ".end_date", "the job ends before it starts"});
    }
    if (e.offer_date && e.start_date && *e.start_date < *e.offer_date) {
      out.push_back({path + ".start_date", "the job starts before it was offered"});
    }
    if (!e.self_employed && Blank(e.employer)) {
      out.push_back({path + ".employer", "name the employer, or mark the job as self-employment"});
    }
  }
  auto has_job = [&](const std::string& id) {
    for (const Employment& e : r.employments) {
      if (e.id == id) return true;
    }
    return false;
  };
  for (size_t i = 0; i < r.employer_support_plans.size(); ++i) {
    if (!has_job(r.employer_support_plans[i].employment_id)) {
      out.push_back({Index("employer_support_plans", i) + ".employment_id",
                     "the Employer Support Plan names a job that does not exist"});
    }
  }
  for (size_t i = 0; i < r.access_to_work.size(); ++i) {
    const AccessToWork& a = r.access_to_work[i];
    const std::string path = Index("access_to_work", i);
    if (!has_job(a.employment_id)) {
      out.push_back({path + ".employment_id", "the Access to Work record names a job that does not exist"});
    }
    if (!a.applied && Blank(a.not_needed_reason)) {
      out.push_back({path + ".not_needed_reason",
                     "record the application, or the reason Access to Work is not needed"});
    }
  }
  for (size_t i = 0; i < r.work_experience.size(); ++i) {
    if (r.work_experience[i].minutes <= 0) {
      out.push_back({Index("work_experience", i) + ".minutes",
                     "work experience must last more than zero minutes"});
    }
  }
  for (size_t i = 0; i < r.jobcentre_answers.size(); ++i) {
    if (r.jobcentre_answers[i].received_on < referral) {
      out.push_back({Index("jobcentre_answers", i) + ".received_on",
                     "the Jobcentre's answer is dated before the referral"});
    }
  }
  if (r.exit && p.start_date && r.exit->exit_date < *p.start_date) {
    out.push_back({"exit.exit_date", "the exit date is before the Start Date"});
  }
  for (size_t i = 0; i < r.exit_documents.size(); ++i) {
    if (!r.exit) {
      out.push_back({Index("exit_documents", i) + ".kind",
                     "an exit document is recorded but the participant has not exited"});
    }
  }
  for (size_t i = 0; i < r.consents.size(); ++i) {
    const SupportNetworkConsent& c = r.consents[i];
    const std::string path = Index("consents", i);
    if (c.withdrawn_on && *c.withdrawn_on < c.given_on) {
      out.push_back({path + ".withdrawn_on", "consent is withdrawn before it was given"});
    }
    if (c.withdrawn_on && Blank(c.withdrawn_at)) {
      out.push_back({path + ".withdrawn_at",
                     "record the moment of withdrawal: sharing stops from then (4.27)"});
    }
    if (Blank(c.shared_with)) {
      out.push_back({path + ".shared_with", "say who in the support network the consent covers"});
    }
  }
  return out;
}

}  // namespace outpost::domain
