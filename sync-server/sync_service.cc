#include "sync-server/sync_service.h"

#include <map>
#include <set>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/sync/codec.h"

namespace outpost::server {

namespace {

using sync::Change;

// The verdict on one new change from `who`. Two kinds of "no":
//   - an error (the StatusOr fails): a change a correct client of this protocol can never send
//     (invalid, someone else's name or device, a participant never on this caseload, a role that
//     cannot write). The whole push is refused and nothing is written: hostile or broken input.
//   - a refusal (the Verdict holds a non-OK Status): a change a correct client can make but the
//     server must not store: its participant was reassigned away since, or its evidence id is
//     taken. It is refused alone, kept with its reason, and the rest of the push goes on.
struct Verdict {
  Status refusal;  // OK: store it
};

StatusOr<Verdict> Judge(store::Database& db, const Principal& who, const Change& change) {
  if (change.device_id != who.device_id)
    return Status::PermissionDenied("device_id", "must be the pushing device");
  OUTPOST_RETURN_IF_ERROR(sync::ValidateChange(change));
  if (change.author != who.username)
    return Status::PermissionDenied("author", "must be the signed-in user");
  if (who.IsKeyWorker()) {
    if (change.record_type == "participant" &&
        change.fields.find("\"key_worker\"") != std::string::npos)
      return Status::PermissionDenied("fields.key_worker",
                                      "only a supervisor reassigns participants");
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement owner,
        db.Prepare("SELECT key_worker FROM participants WHERE participant_id = ?"));
    owner.Bind(1, change.participant_id);
    OUTPOST_ASSIGN_OR_RETURN(bool found, owner.Step());
    if (!found || owner.ColumnText(0) != who.username) {
      OUTPOST_ASSIGN_OR_RETURN(
          store::Statement held,
          db.Prepare("SELECT max(CASE WHEN assigned_at <= ?3 AND (unassigned_at = '' OR "
                     "unassigned_at >= ?3) THEN 1 ELSE 0 END) FROM assignments "
                     "WHERE participant_id = ?1 AND key_worker = ?2"));
      held.Bind(1, change.participant_id).Bind(2, who.username).Bind(3, change.captured_at);
      OUTPOST_ASSIGN_OR_RETURN(bool any, held.Step());
      if (!any || held.ColumnIsNull(0))
        return Status::PermissionDenied("participant_id", "this participant is not on your caseload");
      // Evidence captured while the participant was still on this caseload is kept: a
      // reassignment must not lose a contact recorded offline before it.
      if (!(sync::IsEvidence(change.record_type) && held.ColumnInt(0) == 1))
        return Verdict{Status::PermissionDenied("participant_id",
                                                "this participant is no longer on your caseload")};
    }
  }
  if (sync::IsEvidence(change.record_type)) {
    OUTPOST_ASSIGN_OR_RETURN(bool exists, store::RecordExists(db, change.record_type, change.record_id));
    if (exists)
      return Verdict{Status::AlreadyExists("record_id", "evidence is written once; record a correction")};
  }
  return Verdict{};
}

// Keeps the assignment history in step with participants.key_worker after a push.
Status RecordReassignments(store::Database& db, const std::set<std::string>& participants,
                           const std::string& now) {
  for (const std::string& id : participants) {
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement current,
        db.Prepare("SELECT key_worker FROM participants WHERE participant_id = ?"));
    current.Bind(1, id);
    OUTPOST_ASSIGN_OR_RETURN(bool found, current.Step());
    if (!found) continue;
    const std::string key_worker = current.ColumnText(0);
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement close,
        db.Prepare("UPDATE assignments SET unassigned_at = ? WHERE participant_id = ? AND "
                   "unassigned_at = '' AND key_worker != ?"));
    OUTPOST_RETURN_IF_ERROR(close.Bind(1, now).Bind(2, id).Bind(3, key_worker).Run());
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement open,
        db.Prepare("INSERT INTO assignments(participant_id, key_worker, assigned_at) "
                   "SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM assignments WHERE "
                   "participant_id = ?1 AND key_worker = ?2 AND unassigned_at = '')"));
    OUTPOST_RETURN_IF_ERROR(open.Bind(1, id).Bind(2, key_worker).Bind(3, now).Run());
  }
  return Status::Ok();
}

}  // namespace

StatusOr<sync::PushResponse> Push(store::Database& db, const Principal& who,
                                  const sync::PushRequest& request, int64_t now_ms) {
  if (request.device_id != who.device_id)
    return Status::PermissionDenied("device_id", "the session belongs to another device");
  if (who.role == "compliance_officer")
    return Status::PermissionDenied("role", "a compliance officer can only read");
  if (who.role == "administrator")
    return Status::PermissionDenied("role", "an administrator manages accounts, not records");
  auto sent = ParseUtc(request.sent_at);
  if (!sent.ok()) return Status::InvalidArgument("sent_at", "must be the device's time, ISO 8601 UTC");
  if (*sent > now_ms + kClockRefusedMs || *sent < now_ms - kClockRefusedMs)
    return Status::InvalidArgument("sent_at",
                                   "the tablet's clock is more than a year off: set its date and time");
  for (size_t i = 1; i < request.changes.size(); ++i)
    if (request.changes[i].device_seq <= request.changes[i - 1].device_seq)
      return Status::InvalidArgument("changes[" + std::to_string(i) + "].device_seq",
                                     "changes must be sent in device_seq order, each once");
  sync::PushResponse response;
  response.received_at = FormatUtc(now_ms);
  OUTPOST_ASSIGN_OR_RETURN(auto txn, store::Transaction::Begin(db));

  int64_t last_seq = 0;
  std::string last_hash;
  bool known_device = false;
  {
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement chain,
        db.Prepare("SELECT last_seq, last_hash FROM device_chains WHERE device_id = ?"));
    chain.Bind(1, who.device_id);
    OUTPOST_ASSIGN_OR_RETURN(bool found, chain.Step());
    if (found) {
      known_device = true;
      last_seq = chain.ColumnInt(0);
      last_hash = chain.ColumnText(1);
    }
  }
  const int64_t offset_ms = now_ms - *sent;
  response.clock_flagged = offset_ms > kClockToleranceMs || offset_ms < -kClockToleranceMs;

  // Retries: what the server holds for the numbers it has seen, in one query.
  std::map<int64_t, std::string> stored_hash;
  std::map<int64_t, std::pair<std::string, std::string>> refused;
  if (!request.changes.empty() && request.changes.front().device_seq <= last_seq) {
    const int64_t low = request.changes.front().device_seq;
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement held,
        db.Prepare("SELECT device_seq, hash FROM changes WHERE device_id = ? AND device_seq "
                   "BETWEEN ? AND ?"));
    held.Bind(1, who.device_id).Bind(2, low).Bind(3, last_seq);
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, held.Step());
      if (!row) break;
      stored_hash[held.ColumnInt(0)] = held.ColumnText(1);
    }
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement rejected,
        db.Prepare("SELECT device_seq, field, reason FROM rejected_changes WHERE device_id = ? "
                   "AND device_seq BETWEEN ? AND ?"));
    rejected.Bind(1, who.device_id).Bind(2, low).Bind(3, last_seq);
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, rejected.Step());
      if (!row) break;
      refused[rejected.ColumnInt(0)] = {rejected.ColumnText(1), rejected.ColumnText(2)};
    }
  }

  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement keep_refused,
      db.Prepare("INSERT OR IGNORE INTO rejected_changes(device_id, device_seq, change, field, "
                 "reason, received_at) VALUES (?, ?, ?, ?, ?, ?)"));
  std::vector<Change> accepted;
  std::set<std::string> evidence_in_batch;
  std::set<std::string> reassigned;
  for (size_t i = 0; i < request.changes.size(); ++i) {
    const Change& c = request.changes[i];
    const std::string where = "changes[" + std::to_string(i) + "]";
    if (c.device_seq <= last_seq) {
      if (auto r = refused.find(c.device_seq); r != refused.end()) {
        response.rejected.push_back({c.ChangeId(), r->second.first, r->second.second});
      } else {
        auto h = stored_hash.find(c.device_seq);
        response.already_known.push_back({c.ChangeId(), h != stored_hash.end() ? h->second : ""});
      }
      continue;
    }
    if (c.device_seq > last_seq + 1) {
      response.resend_from = last_seq + 1;
      response.unknown_device = !known_device;
      response.problem = known_device ? "changes " + std::to_string(last_seq + 1) + " to " +
                                            std::to_string(c.device_seq - 1) +
                                            " of this device are missing"
                                      : "this device is unknown to the server: send its changes "
                                        "from the first";
      break;
    }
    if (c.prev_hash != last_hash) {
      response.resend_from = last_seq + 1;
      response.problem = "change " + std::to_string(c.device_seq) +
                         " does not follow the change before it (its prev_hash differs)";
      break;
    }
    auto judged = Judge(db, who, c);
    if (!judged.ok()) return judged.status().WithContext(where);
    Status verdict = judged->refusal;
    if (verdict.ok() && sync::IsEvidence(c.record_type) &&
        !evidence_in_batch.insert(c.record_type + "/" + c.record_id).second)
      verdict = Status::AlreadyExists("record_id", "evidence is written once; record a correction");
    last_seq = c.device_seq;
    last_hash = sync::ChangeHash(c);
    if (!verdict.ok()) {
      OUTPOST_RETURN_IF_ERROR(keep_refused.Bind(1, c.device_id)
                                  .Bind(2, c.device_seq)
                                  .Bind(3, sync::EncodeChange(c))
                                  .Bind(4, where + "." + verdict.where())
                                  .Bind(5, verdict.what())
                                  .Bind(6, response.received_at)
                                  .Run());
      response.rejected.push_back({c.ChangeId(), where + "." + verdict.where(), verdict.what()});
      continue;
    }
    if (c.record_type == "participant") reassigned.insert(c.participant_id);
    accepted.push_back(c);
  }

  OUTPOST_ASSIGN_OR_RETURN(store::ApplyReport report,
                           store::ApplyChangesInTransaction(db, accepted, {response.received_at}));
  for (const Change& c : accepted) response.applied.push_back({c.ChangeId(), sync::ChangeHash(c)});
  (void)report;  // ids the log held before chains existed are stored already: same receipt
  OUTPOST_RETURN_IF_ERROR(RecordReassignments(db, reassigned, response.received_at));
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement save,
      db.Prepare("INSERT INTO device_chains(device_id, last_seq, last_hash, clock_offset_ms, "
                 "clock_flagged_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(device_id) DO UPDATE "
                 "SET last_seq = ?2, last_hash = ?3, clock_offset_ms = ?4, "
                 "clock_flagged_at = CASE WHEN ?5 = '' THEN '' WHEN clock_flagged_at = '' "
                 "THEN ?5 ELSE clock_flagged_at END"));
  OUTPOST_RETURN_IF_ERROR(save.Bind(1, who.device_id)
                              .Bind(2, last_seq)
                              .Bind(3, last_hash)
                              .Bind(4, offset_ms)
                              .Bind(5, response.clock_flagged ? response.received_at : "")
                              .Run());
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return response;
}

StatusOr<sync::PullResponse> Pull(store::Database& db, const Principal& who, int64_t since,
                                  int limit) {
  if (who.role == "administrator")
    return Status::PermissionDenied("role", "an administrator manages accounts, not records");
  if (who.SeesEveryone()) return store::ChangesSince(db, since, std::nullopt, limit);
  OUTPOST_ASSIGN_OR_RETURN(auto txn, store::Transaction::Begin(db));
  std::set<std::string> caseload;
  {
    OUTPOST_ASSIGN_OR_RETURN(store::Statement select,
                             db.Prepare("SELECT participant_id FROM participants WHERE key_worker = ?"));
    select.Bind(1, who.username);
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      caseload.insert(select.ColumnText(0));
    }
  }
  std::map<std::string, int64_t> sent;  // participant -> backfilled_to
  {
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement select,
        db.Prepare("SELECT participant_id, backfilled_to FROM device_scope WHERE device_id = ?"));
    select.Bind(1, who.device_id);
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      sent[select.ColumnText(0)] = select.ColumnInt(1);
    }
  }
  sync::PullResponse response;
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement forget,
      db.Prepare("DELETE FROM device_scope WHERE device_id = ? AND participant_id = ?"));
  for (const auto& [id, backfilled_to] : sent) {
    if (caseload.count(id)) continue;
    response.removed_participants.push_back(id);
    OUTPOST_RETURN_IF_ERROR(forget.Bind(1, who.device_id).Bind(2, id).Run());
  }
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement remember,
      db.Prepare("INSERT INTO device_scope(device_id, participant_id, backfilled_to) VALUES (?, ?, ?)"));
  for (const std::string& id : caseload) {
    if (sent.count(id)) continue;
    // From cursor 0 the ordinary pull carries the whole history; otherwise it must be backfilled.
    OUTPOST_RETURN_IF_ERROR(remember.Bind(1, who.device_id).Bind(2, id).Bind(3, since == 0 ? -1 : 0).Run());
    sent[id] = since == 0 ? -1 : 0;
  }
  // The history, before the cursor, of participants newly on this caseload.
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement progress,
      db.Prepare("UPDATE device_scope SET backfilled_to = ? WHERE device_id = ? AND participant_id = ?"));
  for (const auto& [id, backfilled_to] : sent) {
    if (backfilled_to < 0 || !caseload.count(id)) continue;
    const int room = limit - static_cast<int>(response.changes.size());
    if (room <= 0) break;
    OUTPOST_ASSIGN_OR_RETURN(std::vector<Change> history,
                             store::ParticipantHistory(db, id, backfilled_to, since, room + 1));
    bool exhausted = static_cast<int>(history.size()) <= room;
    if (!exhausted) history.resize(room);
    int64_t last = history.empty() ? backfilled_to : history.back().server_seq;
    for (Change& c : history) response.changes.push_back(std::move(c));
    OUTPOST_RETURN_IF_ERROR(
        progress.Bind(1, exhausted ? int64_t{-1} : last).Bind(2, who.device_id).Bind(3, id).Run());
  }
  if (!response.changes.empty()) {
    response.next_cursor = since;
    response.more = true;
  } else {
    OUTPOST_ASSIGN_OR_RETURN(sync::PullResponse page,
                             store::ChangesSince(db, since, who.username, limit));
    page.removed_participants = std::move(response.removed_participants);
    response = std::move(page);
  }
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return response;
}

}  // namespace outpost::server
