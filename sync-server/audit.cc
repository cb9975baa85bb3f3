#include "sync-server/audit.h"

#include <set>

#include "shared/base/sha256.h"
#include "shared/base/utc_time.h"

namespace outpost::server {

namespace {

struct Entry {
  std::string at, username, device_id, action, participant_id, detail;
  int64_t change_seq = 0;
};

// The text an entry's hash covers: the previous hash, then every field, one per line. Fields
// cannot contain a newline that would shift another (they are escaped), so the text is unique.
std::string HashedText(const std::string& prev_hash, int64_t seq, const Entry& e) {
  auto field = [](const std::string& s) {
    std::string out;
    for (char c : s) out += c == '\n' ? std::string("\\n") : c == '\\' ? std::string("\\\\") : std::string(1, c);
    return out + "\n";
  };
  return field(prev_hash) + field(std::to_string(seq)) + field(e.at) + field(e.username) +
         field(e.device_id) + field(e.action) + field(e.participant_id) + field(e.detail) +
         field(std::to_string(e.change_seq));
}

// Appends entries after the current last one, in one transaction the caller holds.
Status Append(store::Database& db, const std::vector<Entry>& entries) {
  if (entries.empty()) return Status::Ok();
  OUTPOST_ASSIGN_OR_RETURN(store::Statement last,
                           db.Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
  OUTPOST_ASSIGN_OR_RETURN(bool any, last.Step());
  int64_t seq = any ? last.ColumnInt(0) : 0;
  std::string prev = any ? last.ColumnText(1) : "";
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement insert,
      db.Prepare("INSERT INTO audit_log(seq, at, username, device_id, action, participant_id, "
                 "detail, change_seq, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)"));
  for (const Entry& e : entries) {
    ++seq;
    const std::string hash = Sha256Hex(HashedText(prev, seq, e));
    OUTPOST_RETURN_IF_ERROR(insert.Bind(1, seq)
                                .Bind(2, e.at)
                                .Bind(3, e.username)
                                .Bind(4, e.device_id)
                                .Bind(5, e.action)
                                .Bind(6, e.participant_id)
                                .Bind(7, e.detail)
                                .Bind(8, e.change_seq)
                                .Bind(9, prev)
                                .Bind(10, hash)
                                .Run());
    prev = hash;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<int> AuditAppliedChanges(store::Database& db) {
  OUTPOST_ASSIGN_OR_RETURN(auto txn, store::Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement pending,
      db.Prepare("SELECT seq, received_at, author, device_id, participant_id, "
                 "device_id || ':' || device_seq FROM changes WHERE seq > "
                 "(SELECT ifnull(max(change_seq), 0) FROM audit_log) ORDER BY seq"));
  std::vector<Entry> entries;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, pending.Step());
    if (!row) break;
    entries.push_back({pending.ColumnText(1), pending.ColumnText(2), pending.ColumnText(3),
                       "change_applied", pending.ColumnText(4), pending.ColumnText(5),
                       pending.ColumnInt(0)});
  }
  OUTPOST_RETURN_IF_ERROR(Append(db, entries));
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return static_cast<int>(entries.size());
}

Status AuditRecordsRead(store::Database& db, const Principal& who,
                        const std::vector<std::string>& participant_ids, const std::string& detail,
                        int64_t now_ms) {
  std::set<std::string> distinct(participant_ids.begin(), participant_ids.end());
  std::vector<Entry> entries;
  const std::string at = FormatUtc(now_ms);
  for (const std::string& id : distinct)
    entries.push_back({at, who.username, who.device_id, "record_read", id, detail, 0});
  OUTPOST_ASSIGN_OR_RETURN(auto txn, store::Transaction::Begin(db));
  OUTPOST_RETURN_IF_ERROR(Append(db, entries));
  return txn->Commit();
}

Status AuditExportImported(store::Database& db, const Principal& who, const std::string& detail,
                           int64_t now_ms) {
  OUTPOST_ASSIGN_OR_RETURN(auto txn, store::Transaction::Begin(db));
  OUTPOST_RETURN_IF_ERROR(Append(
      db, {{FormatUtc(now_ms), who.username, who.device_id, "export_imported", "", detail, 0}}));
  return txn->Commit();
}

StatusOr<AuditVerification> VerifyAuditChain(store::Database& db) {
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement all,
      db.Prepare("SELECT seq, at, username, device_id, action, participant_id, detail, "
                 "change_seq, prev_hash, hash FROM audit_log ORDER BY seq"));
  AuditVerification result;
  std::string prev;
  int64_t expected_seq = 1;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, all.Step());
    if (!row) break;
    ++result.entries;
    const int64_t seq = all.ColumnInt(0);
    Entry e{all.ColumnText(1), all.ColumnText(2), all.ColumnText(3), all.ColumnText(4),
            all.ColumnText(5), all.ColumnText(6), all.ColumnInt(7)};
    std::string problem;
    if (seq != expected_seq) {
      problem = "entry " + std::to_string(expected_seq) + " is missing";
    } else if (all.ColumnText(8) != prev) {
      problem = "it does not follow the entry before it (prev_hash differs)";
    } else if (Sha256Hex(HashedText(prev, seq, e)) != all.ColumnText(9)) {
      problem = "its content does not match its hash: it was altered";
    }
    if (!problem.empty()) {
      result.first_broken_seq = seq == expected_seq ? seq : expected_seq;
      result.problem = problem;
      return result;
    }
    prev = all.ColumnText(9);
    ++expected_seq;
  }
  return result;
}

}  // namespace outpost::server
