// Audit: the append-only, hash-chained log of who changed and who read participants' records.
//
// Entries: "change_applied" for every change stored in the central store (written by catching
// up with the change log, so an entry is never missing even if the server stopped between a push
// and its audit: AuditAppliedChanges runs after every push and at start-up), and "record_read"
// for every participant record a supervisor or compliance officer was shown (review pages,
// pulls), and "export_imported" for each export file of a tablet imported by an administrator.
// Each entry's hash is SHA-256 of the previous entry's hash and the entry's own fields,
// so VerifyAuditChain finds the first entry that was altered, removed or reordered.
#ifndef OUTPOST_SYNC_SERVER_AUDIT_H_
#define OUTPOST_SYNC_SERVER_AUDIT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/store/database.h"
#include "sync-server/accounts.h"

namespace outpost::server {

// Appends a change_applied entry for every change in the log not audited yet. Returns how many.
StatusOr<int> AuditAppliedChanges(store::Database& db);

// Appends a record_read entry per participant for what `who` was shown (`detail`: where).
Status AuditRecordsRead(store::Database& db, const Principal& who,
                        const std::vector<std::string>& participant_ids, const std::string& detail,
                        int64_t now_ms);

// Appends one export_imported entry: `who` (the device's user and the device) had an export
// file imported by an administrator (sync-server/export_import.h); `detail` says what it held.
Status AuditExportImported(store::Database& db, const Principal& who, const std::string& detail,
                           int64_t now_ms);

struct AuditVerification {
  int64_t entries = 0;           // entries checked
  int64_t first_broken_seq = 0;  // 0 if the chain is whole
  std::string problem;           // in words, for the first broken entry
};

// Walks the whole chain from the first entry.
StatusOr<AuditVerification> VerifyAuditChain(store::Database& db);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_AUDIT_H_
