#include "shared/store/plan_versions.h"

#include <nlohmann/json.hpp>

#include "shared/base/sha256.h"

namespace outpost::store {

namespace {

using nlohmann::json;

constexpr std::pair<const char*, const char*> kItemLines[] = {
    {"progression_area", "Progression area"}, {"milestone", "Milestone"},
    {"occurs", "When"},                       {"due_by", "Due by"},
    {"evidence", "Evidence"},                 {"provided_by", "Provided by"},
    {"status", "Status"}};
constexpr std::pair<const char*, const char*> kAgreementLines[] = {
    {"next_meeting", "Next meeting"},
    {"next_meeting_location", "Next meeting at"},
    {"preferred_communication", "Preferred communication"},
    {"preparation", "Preparation"},
    {"adjustments", "Adjustments or support"},
    {"weekly_offer", "Weekly face-to-face support"},
    {"weekly_declined_reason", "Reason weekly support declined"}};

std::string Get(const PlanPart& part, const char* field) {
  auto it = part.fields.find(field);
  return it == part.fields.end() ? std::string() : it->second;
}

std::map<std::string, std::string> Fields(const std::string& text) {
  std::map<std::string, std::string> out;
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return out;
  for (auto it = parsed.begin(); it != parsed.end(); ++it)
    if (it->is_string()) out[it.key()] = it->get<std::string>();
  return out;
}

}  // namespace

std::string RenderPlanDocument(const std::vector<PlanPart>& items, const PlanPart& agreement) {
  std::string text = "Action Plan\n";
  int n = 0;
  for (const PlanPart& item : items) {
    if (Get(item, "status") == "dropped") continue;
    text += "\n" + std::to_string(++n) + ". " + Get(item, "description") + "\n";
    for (const auto& [field, label] : kItemLines) {
      std::string value = Get(item, field);
      if (!value.empty()) text += "   " + std::string(label) + ": " + value + "\n";
    }
  }
  if (n == 0) text += "\n(no actions yet)\n";
  text += "\n";
  for (const auto& [field, label] : kAgreementLines) {
    std::string value = Get(agreement, field);
    if (!value.empty()) text += std::string(label) + ": " + value + "\n";
  }
  return text;
}

StatusOr<PlanStatus> LoadPlanStatus(Database& db, const std::string& participant_id) {
  std::vector<PlanPart> items;
  PlanPart agreement;
  OUTPOST_ASSIGN_OR_RETURN(
      Statement parts,
      db.Prepare("SELECT record_type, record_id, fields FROM records WHERE participant_id = ? "
                 "AND record_type IN ('plan_item', 'plan_agreement') ORDER BY record_id"));
  parts.Bind(1, participant_id);
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, parts.Step());
    if (!row) break;
    PlanPart part{parts.ColumnText(1), Fields(parts.ColumnText(2))};
    if (parts.ColumnText(0) == "plan_item") {
      items.push_back(std::move(part));
    } else {
      for (auto& [k, v] : part.fields) agreement.fields[k] = v;  // one agreement per plan
    }
  }

  PlanStatus status;
  // Signatures in the order they were made (the hybrid clock of the change that wrote each).
  OUTPOST_ASSIGN_OR_RETURN(
      Statement signatures,
      db.Prepare("SELECT r.record_id, r.fields FROM records r JOIN changes c ON "
                 "c.device_id || ':' || c.device_seq = r.created_change "
                 "WHERE r.participant_id = ? AND r.record_type = 'signature' ORDER BY c.hlc"));
  signatures.Bind(1, participant_id);
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, signatures.Step());
    if (!row) break;
    auto fields = Fields(signatures.ColumnText(1));
    const std::string hash = fields["document_hash"];
    if (hash.empty()) continue;  // a fallback with no document (e.g. no signature, with reason)
    PlanVersion* version = nullptr;
    for (PlanVersion& v : status.signed_versions)
      if (v.document_hash == hash) version = &v;
    if (version == nullptr) {
      status.signed_versions.push_back(
          {static_cast<int>(status.signed_versions.size()) + 1, fields["document"], hash, {}});
      version = &status.signed_versions.back();
    }
    version->signature_ids.push_back(signatures.ColumnText(0));
  }

  status.current.document = RenderPlanDocument(items, agreement);
  status.current.document_hash = Sha256Hex(status.current.document);
  if (!status.signed_versions.empty() &&
      status.signed_versions.back().document_hash == status.current.document_hash) {
    status.current = status.signed_versions.back();
    status.current_is_signed = true;
  } else {
    status.current.number = static_cast<int>(status.signed_versions.size()) + 1;
  }
  return status;
}

}  // namespace outpost::store
