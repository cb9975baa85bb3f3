#include "sync-server/receipts.h"

#include <nlohmann/json.hpp>

#include "shared/domain/receipt_code.h"

namespace outpost::server {

namespace {

std::string Field(const nlohmann::json& fields, const char* name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

StatusOr<ReceiptCheck> FindReceipt(store::Database& db, const Principal& who,
                                   std::string_view code) {
  if (who.role == "administrator")
    return Status::PermissionDenied("role", "an administrator manages accounts, not records");
  OUTPOST_ASSIGN_OR_RETURN(std::string wanted, domain::NormalizeReceiptCode(code));
  // Only signatures that carry a document have a code (a "none" signed nothing).
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement rows,
      db.Prepare(who.IsKeyWorker()
                     ? "SELECT r.record_id, r.participant_id, r.fields FROM records r "
                       "JOIN participants p USING (participant_id) WHERE r.record_type = "
                       "'signature' AND p.key_worker = ?"
                     : "SELECT record_id, participant_id, fields FROM records WHERE record_type "
                       "= 'signature'"));
  if (who.IsKeyWorker()) rows.Bind(1, who.username);
  ReceiptCheck found;
  int matches = 0;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    nlohmann::json f = nlohmann::json::parse(rows.ColumnText(2), nullptr, false);
    if (f.is_discarded() || !f.is_object()) continue;
    const std::string hash = Field(f, "document_hash");
    if (hash.empty() || domain::ReceiptCode(hash, rows.ColumnText(0)) != wanted) continue;
    if (++matches > 1)
      return Status::AlreadyExists("code", "matches more than one signature; verify by signature id");
    found = {domain::FormatReceiptCode(wanted), rows.ColumnText(0), rows.ColumnText(1),
             Field(f, "signer_role"), Field(f, "plan_version"), Field(f, "signed_at"), {}};
  }
  if (matches == 0)
    return Status::NotFound("code", "no signature with receipt code " +
                                        domain::FormatReceiptCode(wanted) +
                                        (who.IsKeyWorker() ? " on your caseload" : ""));
  OUTPOST_ASSIGN_OR_RETURN(found.seal, VerifySignatureSeal(db, found.signature_id));
  return found;
}

StatusOr<std::string> VerifyReceiptJson(store::Database& db, const Principal& who,
                                        std::string_view code) {
  OUTPOST_ASSIGN_OR_RETURN(ReceiptCheck check, FindReceipt(db, who, code));
  return nlohmann::json{{"code", check.code},
                        {"ok", check.seal.ok()},
                        {"participant_id", check.participant_id},
                        {"plan_version", check.plan_version},
                        {"problem", check.seal.Problem()},
                        {"sealed", check.seal.sealed},
                        {"signature_id", check.signature_id},
                        {"signed_at", check.signed_at},
                        {"signer_role", check.signer_role}}
      .dump();
}

}  // namespace outpost::server
