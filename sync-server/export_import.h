// Import of a tablet's export file (shared/sync/export_file.h): the last resort for changes that
// could not reach the server by sync. Run by an administrator as
// `outpost-sync-server import-export --data-dir DIR --file FILE` with the passphrase, which the
// key worker tells the supervisor by phone, on standard input.
//
// Order, so that nothing is written unless all of it checks out:
//   1. decode the envelope (InvalidArgument naming the key: not an export file);
//   2. derive the key (PBKDF2-HMAC-SHA256) and decrypt (AES-256-GCM): a wrong passphrase and a
//      changed byte are the same failure, PermissionDenied("passphrase", ...), since GCM cannot
//      tell them apart;
//   3. decode the plaintext as push requests; their device_id must be the envelope's;
//   4. the device must be enrolled for the envelope's username (NotFound, PermissionDenied).
//      A revoked device is imported all the same: a lost or broken tablet is exactly the one
//      whose changes the supervisor needs, and its changes were made while it was trusted. The
//      report and the audit entry say it was revoked;
//   5. each push request goes through server::Push with the Principal of the device's user and
//      device, exactly as if the tablet had synced: chain checks, caseload authorisation,
//      evidence written once, refused changes kept with their reason. Importing twice, or after
//      the tablet synced after all, finds the changes already known and stores nothing new;
//      the tablet's own later sync is told the same and confirms them.
//   6. the changes are audited (AuditAppliedChanges) and the import itself is one
//      "export_imported" audit entry.
// The request's sent_at is replaced by the server's clock before the push: an import says
// nothing about the tablet's clock, and the file's creation time would look like a clock hours or
// days slow.
#ifndef OUTPOST_SYNC_SERVER_EXPORT_IMPORT_H_
#define OUTPOST_SYNC_SERVER_EXPORT_IMPORT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/store/database.h"
#include "shared/sync/protocol.h"

namespace outpost::server {

// The plaintext of an export file. InvalidArgument if `file_text` is not one; PermissionDenied
// ("passphrase") if the passphrase is wrong or the file was changed. Writes nothing.
StatusOr<std::string> DecryptExport(std::string_view file_text, std::string_view passphrase);

struct ImportReport {
  std::string device_id;
  std::string username;
  std::string created_at;  // when the tablet wrote the file (its clock)
  bool device_revoked = false;
  int64_t changes = 0;     // in the file
  std::vector<sync::Receipt> applied;        // stored by this import
  std::vector<sync::Receipt> already_known;  // the server had them (an earlier import or sync)
  std::vector<sync::RejectedChange> rejected;  // refused, with the reason (kept by the server)
  // Set when the chain stopped the import: the server lacks changes before the file's first
  // (resend_from: the device_seq it expects), or the file's chain is broken. What came before
  // was stored; nothing after.
  int64_t resend_from = 0;
  std::string problem;
};

// Decrypts, checks and applies the file as described above. Errors of steps 1-4 write nothing;
// an error from Push is that push's own (it writes nothing either).
StatusOr<ImportReport> ImportExport(store::Database& db, std::string_view file_text,
                                    std::string_view passphrase, int64_t now_ms);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_EXPORT_IMPORT_H_
