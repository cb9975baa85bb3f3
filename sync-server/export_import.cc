// The file format is at the top of shared/sync/export_file.h; the steps in export_import.h.
#include "sync-server/export_import.h"

#include <openssl/evp.h>

#include <memory>

#include "shared/base/utc_time.h"
#include "shared/sync/export_file.h"
#include "sync-server/audit.h"
#include "sync-server/sync_service.h"

namespace outpost::server {

namespace {

const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Status WrongPassphrase() {
  return Status::PermissionDenied(
      "passphrase", "the file does not open with this passphrase (wrong passphrase, or the file "
                    "was changed): nothing was imported");
}

}  // namespace

StatusOr<std::string> DecryptExport(std::string_view file_text, std::string_view passphrase) {
  OUTPOST_ASSIGN_OR_RETURN(sync::ExportEnvelope envelope, sync::DecodeExportEnvelope(file_text));
  // Lengths were checked by the decoder.
  OUTPOST_ASSIGN_OR_RETURN(std::string salt, sync::Base64Decode(envelope.salt));
  OUTPOST_ASSIGN_OR_RETURN(std::string iv, sync::Base64Decode(envelope.iv));
  OUTPOST_ASSIGN_OR_RETURN(std::string sealed, sync::Base64Decode(envelope.ciphertext));
  unsigned char key[32];
  if (PKCS5_PBKDF2_HMAC(passphrase.data(), static_cast<int>(passphrase.size()), Bytes(salt),
                        static_cast<int>(salt.size()), envelope.iterations, EVP_sha256(),
                        sizeof key, key) != 1)
    return Status::Internal("PKCS5_PBKDF2_HMAC", "key derivation failed");
  const size_t body = sealed.size() - sync::kExportTagBytes;
  std::string tag = sealed.substr(body);
  std::unique_ptr<EVP_CIPHER_CTX, void (*)(EVP_CIPHER_CTX*)> ctx(EVP_CIPHER_CTX_new(),
                                                                  EVP_CIPHER_CTX_free);
  std::string plain(body, '\0');
  int n = 0, last = 0;
  const std::string aad = sync::kExportAdditionalData;
  const bool set_up =
      ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr) == 1 &&
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key, Bytes(iv)) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &n, Bytes(aad), static_cast<int>(aad.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &n,
                        Bytes(sealed), static_cast<int>(body)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, sync::kExportTagBytes, tag.data()) == 1;
  OPENSSL_cleanse(key, sizeof key);
  if (!set_up) return Status::Internal("EVP_aes_256_gcm", "decryption could not start");
  // The tag is checked here: any other answer means the key or the bytes are not the ones sealed.
  if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + n, &last) != 1)
    return WrongPassphrase();
  plain.resize(static_cast<size_t>(n + last));
  return plain;
}

StatusOr<ImportReport> ImportExport(store::Database& db, std::string_view file_text,
                                    std::string_view passphrase, int64_t now_ms) {
  OUTPOST_ASSIGN_OR_RETURN(sync::ExportEnvelope envelope, sync::DecodeExportEnvelope(file_text));
  OUTPOST_ASSIGN_OR_RETURN(std::string plaintext, DecryptExport(file_text, passphrase));
  OUTPOST_ASSIGN_OR_RETURN(std::vector<sync::PushRequest> requests,
                           sync::DecodeExportPlaintext(plaintext));
  ImportReport report;
  report.device_id = envelope.device_id;
  report.username = envelope.username;
  report.created_at = envelope.created_at;
  for (const sync::PushRequest& request : requests) {
    if (request.device_id != envelope.device_id)
      return Status::InvalidArgument("device_id", "the file's contents are of device " +
                                                      request.device_id + ", not " + envelope.device_id);
    report.changes += static_cast<int64_t>(request.changes.size());
  }
  if (report.changes != envelope.changes)
    return Status::InvalidArgument("changes", "the file says " + std::to_string(envelope.changes) +
                                                  " changes but holds " + std::to_string(report.changes));

  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement device,
      db.Prepare("SELECT d.username, d.revoked_at, u.display_name, u.role FROM devices d "
                 "JOIN users u USING (username) WHERE d.device_id = ?"));
  device.Bind(1, envelope.device_id);
  OUTPOST_ASSIGN_OR_RETURN(bool enrolled, device.Step());
  if (!enrolled)
    return Status::NotFound("device_id", "no device " + envelope.device_id + " is enrolled here");
  if (device.ColumnText(0) != envelope.username)
    return Status::PermissionDenied("username", "device " + envelope.device_id + " is enrolled for " +
                                                    device.ColumnText(0) + ", not " + envelope.username);
  report.device_revoked = !device.ColumnText(1).empty();
  const Principal who{envelope.username, device.ColumnText(2), device.ColumnText(3),
                      envelope.device_id};

  for (sync::PushRequest request : requests) {
    request.sent_at = FormatUtc(now_ms);  // see export_import.h: not a reading of the tablet clock
    OUTPOST_ASSIGN_OR_RETURN(sync::PushResponse pushed, Push(db, who, request, now_ms));
    report.applied.insert(report.applied.end(), pushed.applied.begin(), pushed.applied.end());
    report.already_known.insert(report.already_known.end(), pushed.already_known.begin(),
                                pushed.already_known.end());
    report.rejected.insert(report.rejected.end(), pushed.rejected.begin(), pushed.rejected.end());
    if (pushed.resend_from != 0) {
      report.resend_from = pushed.resend_from;
      report.problem = pushed.problem;
      break;
    }
  }
  OUTPOST_RETURN_IF_ERROR(AuditAppliedChanges(db).status());
  std::string detail = "export of " + envelope.created_at + ": " + std::to_string(report.changes) +
                       " changes, " + std::to_string(report.applied.size()) + " applied, " +
                       std::to_string(report.already_known.size()) + " already known, " +
                       std::to_string(report.rejected.size()) + " refused";
  if (report.device_revoked) detail += "; the device is revoked";
  if (report.resend_from != 0) detail += "; stopped: " + report.problem;
  OUTPOST_RETURN_IF_ERROR(AuditExportImported(db, who, detail, now_ms));
  return report;
}

}  // namespace outpost::server
