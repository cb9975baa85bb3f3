#include "sync-server/sync_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>
#include <utility>

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
//     server must not store: its participant was reassigned away since. It is refused alone,
//     kept with its reason, and the rest of the push goes on. A reused evidence id is refused
//     the same way, but found as the change is stored (ApplyOptions::refuse_taken_evidence): the
//     unique index on evidence ids answers as the row goes in, with no lookup per change.
struct Verdict {
  Status refusal;  // OK: store it
};

// What Judge reads, prepared and read once per push rather than once per change. The caseload
// cannot change while a push is judged: accepted changes are applied only after.
struct Judging {
  std::unordered_set<std::string> caseload;   // a key worker's participants now
  store::CachedStatement held;                // the key worker's assignments of one participant

  static StatusOr<Judging> Start(store::Database& db, const Principal& who) {
    Judging j;
    if (who.IsKeyWorker()) {
      OUTPOST_ASSIGN_OR_RETURN(
          store::CachedStatement select,
          db.PrepareCached("SELECT participant_id FROM participants WHERE key_worker = ?"));
      select->Bind(1, who.username);
      while (true) {
        OUTPOST_ASSIGN_OR_RETURN(bool row, select->Step());
        if (!row) break;
        j.caseload.insert(select->ColumnText(0));
      }
      OUTPOST_ASSIGN_OR_RETURN(
          j.held,
          db.PrepareCached("SELECT max(CASE WHEN assigned_at <= ?3 AND (unassigned_at = '' OR "
                           "unassigned_at >= ?3) THEN 1 ELSE 0 END) FROM assignments "
                           "WHERE participant_id = ?1 AND key_worker = ?2"));
    }
    return j;
  }
};

// `validity`: sync::ValidateChange of `change`.
StatusOr<Verdict> Judge(Judging& judging, const Principal& who, const Change& change,
                        const Status& validity) {
  if (change.device_id != who.device_id)
    return Status::PermissionDenied("device_id", "must be the pushing device");
  OUTPOST_RETURN_IF_ERROR(validity);
  if (change.author != who.username)
    return Status::PermissionDenied("author", "must be the signed-in user");
  if (who.IsKeyWorker()) {
    if (change.record_type == "participant" &&
        change.fields.find("\"key_worker\"") != std::string::npos)
      return Status::PermissionDenied("fields.key_worker",
                                      "only a supervisor reassigns participants");
    if (!judging.caseload.count(change.participant_id)) {
      store::Statement& held = *judging.held;
      held.Bind(1, change.participant_id).Bind(2, who.username).Bind(3, change.captured_at);
      OUTPOST_ASSIGN_OR_RETURN(bool any, held.Step());
      const bool never = !any || held.ColumnIsNull(0);
      const bool then = !never && held.ColumnInt(0) == 1;
      held.Reset();
      if (never)
        return Status::PermissionDenied("participant_id", "this participant is not on your caseload");
      // Evidence captured while the participant was still on this caseload is kept: a
      // reassignment must not lose a contact recorded offline before it.
      if (!(sync::IsEvidence(change.record_type) && then))
        return Verdict{Status::PermissionDenied("participant_id",
                                                "this participant is no longer on your caseload")};
    }
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

PushChecks CheckPush(const sync::PushRequest& request) {
  PushChecks checks;
  checks.validity.reserve(request.changes.size());
  checks.hashes.reserve(request.changes.size());
  for (const Change& c : request.changes) {
    checks.validity.push_back(sync::ValidateChange(c));
    checks.hashes.push_back(sync::ChangeHash(c));
  }
  return checks;
}

StatusOr<sync::PushResponse> Push(store::Database& db, const Principal& who,
                                  const sync::PushRequest& request, int64_t now_ms,
                                  PushChecks* checks) {
  if (checks != nullptr && (checks->validity.size() != request.changes.size() ||
                            checks->hashes.size() != request.changes.size()))
    return Status::InvalidArgument("checks", "must be CheckPush of this request: " +
                                                 std::to_string(checks->hashes.size()) +
                                                 " hashes for " +
                                                 std::to_string(request.changes.size()) +
                                                 " changes");
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
  for (size_t i = 0; i < request.changes.size(); ++i)
    if (request.changes[i].device_seq < 1)
      return Status::InvalidArgument("changes[" + std::to_string(i) + "].device_seq",
                                     "must be 1 or more");
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
        store::CachedStatement chain,
        db.PrepareCached("SELECT last_seq, last_hash FROM device_chains WHERE device_id = ?"));
    chain->Bind(1, who.device_id);
    OUTPOST_ASSIGN_OR_RETURN(bool found, chain->Step());
    if (found) {
      known_device = true;
      last_seq = chain->ColumnInt(0);
      last_hash = chain->ColumnText(1);
    }
  }
  const int64_t chain_seq_before = last_seq;
  const int64_t offset_ms = now_ms - *sent;
  response.clock_flagged = offset_ms > kClockToleranceMs || offset_ms < -kClockToleranceMs;

  // Retries: what the server holds for the numbers it has seen, in one query.
  std::map<int64_t, std::string> stored_hash;
  std::map<int64_t, std::pair<std::string, std::string>> refused;
  if (!request.changes.empty() && request.changes.front().device_seq <= last_seq) {
    const int64_t low = request.changes.front().device_seq;
    const int64_t high = std::min(last_seq, request.changes.back().device_seq);
    // Through the device's runs (schema 0016) that reach into [low, high]: each maps its numbers
    // onto consecutive log positions, which are read by seq.
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement held,
        db.Prepare("SELECT c.device_seq, c.hash FROM change_runs r JOIN changes c ON c.seq "
                   "BETWEEN r.first_seq + max(?2, r.first_device_seq) - r.first_device_seq "
                   "AND r.first_seq + min(?3, r.last_device_seq) - r.first_device_seq "
                   "WHERE r.device_id = ?1 AND r.last_device_seq >= ?2 AND r.first_device_seq "
                   "BETWEEN coalesce((SELECT max(first_device_seq) FROM change_runs WHERE "
                   "device_id = ?1 AND first_device_seq <= ?2), ?2) AND ?3"));
    held.Bind(1, who.device_id).Bind(2, low).Bind(3, high);
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, held.Step());
      if (!row) break;
      stored_hash[held.ColumnInt(0)] = held.ColumnText(1);
    }
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement rejected,
        db.Prepare("SELECT device_seq, field, reason FROM rejected_changes WHERE device_id = ? "
                   "AND device_seq BETWEEN ? AND ?"));
    rejected.Bind(1, who.device_id).Bind(2, low).Bind(3, high);
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, rejected.Step());
      if (!row) break;
      refused[rejected.ColumnInt(0)] = {rejected.ColumnText(1), rejected.ColumnText(2)};
    }
  }

  OUTPOST_ASSIGN_OR_RETURN(
      store::CachedStatement keep_refused,
      db.PrepareCached(
          "INSERT OR IGNORE INTO rejected_changes(device_id, device_seq, change, field, "
          "reason, received_at) VALUES (?, ?, ?, ?, ?, ?)"));
  OUTPOST_ASSIGN_OR_RETURN(Judging judging, Judging::Start(db, who));
  std::vector<const Change*> accepted;
  std::vector<std::string> accepted_hashes;
  std::vector<size_t> accepted_at;  // each accepted change's position in the request
  accepted.reserve(request.changes.size());
  accepted_hashes.reserve(request.changes.size());
  accepted_at.reserve(request.changes.size());
  // Refused changes are kept with where and why, and listed in the reply in request order:
  // `rejected_at` holds the request position of each entry of response.rejected.
  std::vector<size_t> rejected_at;
  auto refuse = [&](size_t i, const Status& verdict) -> Status {
    const Change& c = request.changes[i];
    const std::string where = "changes[" + std::to_string(i) + "]." + verdict.where();
    OUTPOST_RETURN_IF_ERROR(keep_refused->Bind(1, c.device_id)
                                .Bind(2, c.device_seq)
                                .Bind(3, sync::EncodeChange(c))
                                .Bind(4, where)
                                .Bind(5, verdict.what())
                                .Bind(6, response.received_at)
                                .Run());
    response.rejected.push_back({c.ChangeId(), where, verdict.what()});
    rejected_at.push_back(i);
    return Status::Ok();
  };
  std::set<std::string> reassigned;
  for (size_t i = 0; i < request.changes.size(); ++i) {
    const Change& c = request.changes[i];
    // Built only for a change refused (nearly all are accepted).
    auto where = [i] { return "changes[" + std::to_string(i) + "]"; };
    if (c.device_seq <= last_seq) {
      if (auto r = refused.find(c.device_seq); r != refused.end()) {
        response.rejected.push_back({c.ChangeId(), r->second.first, r->second.second});
        rejected_at.push_back(i);
      } else {
        auto h = stored_hash.find(c.device_seq);
        response.already_known.push_back({c.ChangeId(), h != stored_hash.end() ? h->second : ""});
      }
      continue;
    }
    // Judged before the chain is looked at, so that input no correct tablet could send is
    // refused as such even when it also claims a gap.
    auto judged = Judge(judging, who, c,
                        checks != nullptr ? checks->validity[i] : sync::ValidateChange(c));
    if (!judged.ok()) return judged.status().WithContext(where());
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
    last_seq = c.device_seq;
    std::string hash = checks != nullptr ? std::move(checks->hashes[i]) : sync::ChangeHash(c);
    last_hash = hash;  // a copy into the buffer last_hash has: the hash itself goes on below
    if (!judged->refusal.ok()) {
      OUTPOST_RETURN_IF_ERROR(refuse(i, judged->refusal));
      continue;
    }
    if (c.record_type == "participant") reassigned.insert(c.participant_id);
    accepted.push_back(&c);
    accepted_hashes.push_back(std::move(hash));
    accepted_at.push_back(i);
  }

  judging = Judging{};  // gives back its statements: applying uses some of the same
  store::ApplyOptions apply{response.received_at};
  apply.refuse_taken_evidence = true;
  OUTPOST_ASSIGN_OR_RETURN(
      store::ApplyReport report,
      store::ApplyValidatedChangesInTransaction(db, accepted, accepted_hashes, apply));
  // Ids the log held before chains existed are stored already: the same receipt as new.
  response.applied.reserve(accepted.size());
  size_t next_taken = 0;
  for (size_t i = 0; i < accepted.size(); ++i) {
    if (next_taken < report.evidence_taken.size() && report.evidence_taken[next_taken] == i) {
      ++next_taken;
      OUTPOST_RETURN_IF_ERROR(refuse(accepted_at[i], Status::AlreadyExists(
                                                         "record_id", "evidence is written once; "
                                                                      "record a correction")));
      continue;
    }
    response.applied.push_back({accepted[i]->ChangeId(), std::move(accepted_hashes[i])});
  }
  if (!report.evidence_taken.empty()) {  // refused after the others: put back in request order
    std::vector<size_t> order(rejected_at.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return rejected_at[a] < rejected_at[b]; });
    std::vector<sync::RejectedChange> sorted;
    sorted.reserve(order.size());
    for (size_t i : order) sorted.push_back(std::move(response.rejected[i]));
    response.rejected = std::move(sorted);
  }
  OUTPOST_RETURN_IF_ERROR(RecordReassignments(db, reassigned, response.received_at));
  if (last_seq == chain_seq_before) {
    // Nothing new was received (a retry, a gap, a broken chain): nothing is written.
    OUTPOST_RETURN_IF_ERROR(txn->Commit());
    return response;
  }
  OUTPOST_ASSIGN_OR_RETURN(
      store::CachedStatement save,
      db.PrepareCached(
          "INSERT INTO device_chains(device_id, last_seq, last_hash, clock_offset_ms, "
          "clock_flagged_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(device_id) DO UPDATE "
          "SET last_seq = ?2, last_hash = ?3, clock_offset_ms = ?4, "
          "clock_flagged_at = CASE WHEN ?5 = '' THEN '' WHEN clock_flagged_at = '' "
          "THEN ?5 ELSE clock_flagged_at END"));
  OUTPOST_RETURN_IF_ERROR(save->Bind(1, who.device_id)
                              .Bind(2, last_seq)
                              .Bind(3, last_hash)
                              .Bind(4, offset_ms)
                              .Bind(5, response.clock_flagged ? response.received_at : "")
                              .Run());
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return response;
}

StatusOr<sync::PullResponse> Pull(store::Database& db, const Principal& who, int64_t since,
                                  int limit, int64_t backfill_after,
                                  const std::vector<std::string>& holding,
                                  const std::vector<std::string>& backfilling) {
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
  // What the device holds is what it says, as the previous reply it applied told it: so the
  // server remembers nothing, and a lost reply or a repeated request is simply answered again.
  // Held: the device may have data of them (part of it while their history is being sent).
  const std::set<std::string> held(holding.begin(), holding.end());
  const std::set<std::string> partial(backfilling.begin(), backfilling.end());
  sync::PullResponse response;
  std::vector<std::string> newly_assigned;
  for (const std::string& id : held)
    if (!caseload.count(id)) response.removed_participants.push_back(id);
  // From cursor 0 the ordinary pull carries every participant's whole history.
  if (since > 0)
    for (const std::string& id : caseload)
      if (!held.count(id) || partial.count(id)) newly_assigned.push_back(id);
  if (!newly_assigned.empty()) {
    // First the history, up to the cursor, of participants newly on this caseload, in pages
    // marked by backfill_after; the cursor stays until it is all sent. If the set being
    // backfilled changed, it starts again from the beginning (repeats are harmless).
    const bool same_set = std::set<std::string>(newly_assigned.begin(), newly_assigned.end()) == partial;
    OUTPOST_ASSIGN_OR_RETURN(
        std::vector<Change> history,
        store::ParticipantsHistory(db, newly_assigned, same_set ? backfill_after : 0, since,
                                   limit + 1));
    if (!history.empty()) {
      response.more = true;
      if (static_cast<int>(history.size()) > limit) history.resize(limit);
      response.backfill_after = history.back().server_seq;
      response.changes = std::move(history);
      response.next_cursor = since;
      std::set<std::string> now_held;
      for (const std::string& id : held)
        if (caseload.count(id)) now_held.insert(id);
      now_held.insert(newly_assigned.begin(), newly_assigned.end());
      response.holding.assign(now_held.begin(), now_held.end());
      response.backfilling = newly_assigned;
      OUTPOST_RETURN_IF_ERROR(txn->Commit());
      return response;
    }
  }
  std::vector<std::string> removed = std::move(response.removed_participants);
  OUTPOST_ASSIGN_OR_RETURN(response, store::ChangesSince(db, since, who.username, limit));
  response.removed_participants = std::move(removed);
  response.holding.assign(caseload.begin(), caseload.end());
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return response;
}

}  // namespace outpost::server
