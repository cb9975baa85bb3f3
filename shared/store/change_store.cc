#include "shared/store/change_store.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "shared/sync/hlc.h"

namespace outpost::store {

namespace {

using nlohmann::json;
using sync::Change;

constexpr const char* kParticipantColumns[] = {"key_worker",    "given_name",    "family_name",
                                               "ni_number",     "date_of_birth", "referral_date",
                                               "start_date",    "journey_stage"};

std::string Field(const json& fields, const char* name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Brings the participant row up to date with one change: creates it if new, and writes the
// change's fields only if its clock is later than the row's (a late-arriving older write must
// not undo a newer one).
Status MaterializeParticipant(Database& db, const Change& c, const json& fields) {
  OUTPOST_ASSIGN_OR_RETURN(Statement create,
                           db.Prepare("INSERT OR IGNORE INTO participants(participant_id, "
                                      "key_worker, given_name, family_name, updated_hlc) "
                                      "VALUES (?, '', '', '', '')"));
  OUTPOST_RETURN_IF_ERROR(create.Bind(1, c.record_id).Run());
  OUTPOST_ASSIGN_OR_RETURN(Statement current,
                           db.Prepare("SELECT updated_hlc FROM participants WHERE participant_id = ?"));
  current.Bind(1, c.record_id);
  OUTPOST_ASSIGN_OR_RETURN(bool found, current.Step());
  if (found && current.ColumnText(0) > c.hlc) return Status::Ok();
  std::string sql = "UPDATE participants SET updated_hlc = ?";
  std::vector<std::string> values;
  for (const char* column : kParticipantColumns) {
    if (!fields.contains(column)) continue;
    sql += std::string(", ") + column + " = ?";
    values.push_back(Field(fields, column));
  }
  sql += " WHERE participant_id = ?";
  OUTPOST_ASSIGN_OR_RETURN(Statement update, db.Prepare(sql));
  int index = 1;
  update.Bind(index++, c.hlc);
  for (const std::string& v : values) update.Bind(index++, v);
  update.Bind(index, c.record_id);
  return update.Run();
}

Status MaterializeContact(Database& db, const Change& c, const json& fields) {
  OUTPOST_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT OR IGNORE INTO contacts(contact_id, participant_id, occurred_at, mode, "
                 "location, outcome, notes, digital_reason, corrects_contact_id, recorded_by, "
                 "device_id, change_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
  insert.Bind(1, c.record_id)
      .Bind(2, c.participant_id)
      .Bind(3, Field(fields, "occurred_at"))
      .Bind(4, Field(fields, "mode"))
      .Bind(5, Field(fields, "location"))
      .Bind(6, Field(fields, "outcome"))
      .Bind(7, Field(fields, "notes"))
      .Bind(8, Field(fields, "digital_reason"))
      .Bind(9, Field(fields, "corrects_contact_id"))
      .Bind(10, c.author)
      .Bind(11, c.device_id)
      .Bind(12, c.ChangeId());
  return insert.Run();
}

Status Materialize(Database& db, const Change& c) {
  json fields = json::parse(c.fields, nullptr, /*allow_exceptions=*/false);
  if (fields.is_discarded()) return Status::InvalidArgument("fields", "must be a JSON object");
  if (c.record_type == "participant") return MaterializeParticipant(db, c, fields);
  if (c.record_type == "contact") return MaterializeContact(db, c, fields);
  return Status::InvalidArgument("record_type", "must be participant or contact");
}

constexpr const char* kChangeColumns =
    "seq, device_id, device_seq, hlc, author, record_type, record_id, participant_id, fields, "
    "captured_at, received_at, server_seq";

Change ReadChange(const Statement& s) {
  Change c;
  c.device_id = s.ColumnText(1);
  c.device_seq = s.ColumnInt(2);
  c.hlc = s.ColumnText(3);
  c.author = s.ColumnText(4);
  c.record_type = s.ColumnText(5);
  c.record_id = s.ColumnText(6);
  c.participant_id = s.ColumnText(7);
  c.fields = s.ColumnText(8);
  c.captured_at = s.ColumnText(9);
  c.received_at = s.ColumnText(10);
  c.server_seq = s.ColumnInt(11);
  return c;
}

// Inserts one change into the log unless its id is known. Returns true if it was new.
StatusOr<bool> InsertChange(Database& db, Statement& insert, const Change& c,
                            const ApplyOptions& options) {
  bool on_server = !options.received_at.empty();
  insert.Bind(1, c.device_id)
      .Bind(2, c.device_seq)
      .Bind(3, c.hlc)
      .Bind(4, c.author)
      .Bind(5, c.record_type)
      .Bind(6, c.record_id)
      .Bind(7, c.participant_id)
      .Bind(8, c.fields)
      .Bind(9, c.captured_at)
      .Bind(10, on_server ? options.received_at : c.received_at)
      .Bind(11, c.server_seq);
  OUTPOST_RETURN_IF_ERROR(insert.Run());
  if (db.ChangedRows() == 0) return false;
  if (on_server) {
    // On the server the log position is the pull sequence.
    OUTPOST_ASSIGN_OR_RETURN(Statement order,
                             db.Prepare("UPDATE changes SET server_seq = seq WHERE seq = ?"));
    OUTPOST_RETURN_IF_ERROR(order.Bind(1, db.LastInsertRowId()).Run());
  }
  return true;
}

}  // namespace

StatusOr<ApplyReport> ApplyChanges(Database& db, const std::vector<Change>& changes,
                                   const ApplyOptions& options) {
  for (size_t i = 0; i < changes.size(); ++i)
    OUTPOST_RETURN_IF_ERROR(
        sync::ValidateChange(changes[i]).WithContext("changes[" + std::to_string(i) + "]"));
  ApplyReport report;
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO changes(device_id, device_seq, hlc, author, record_type, record_id, "
                 "participant_id, fields, captured_at, received_at, server_seq) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(device_id, device_seq) DO NOTHING"));
  // A pulled copy of this tablet's own change tells where the server put it.
  OUTPOST_ASSIGN_OR_RETURN(
      Statement learn_order,
      db.Prepare("UPDATE changes SET server_seq = ?, received_at = ? "
                 "WHERE device_id = ? AND device_seq = ? AND server_seq = 0"));
  for (const Change& c : changes) {
    OUTPOST_ASSIGN_OR_RETURN(bool is_new, InsertChange(db, insert, c, options));
    if (!is_new) {
      report.already_known.push_back(c.ChangeId());
      if (options.received_at.empty() && c.server_seq > 0)
        OUTPOST_RETURN_IF_ERROR(learn_order.Bind(1, c.server_seq)
                                    .Bind(2, c.received_at)
                                    .Bind(3, c.device_id)
                                    .Bind(4, c.device_seq)
                                    .Run());
      continue;
    }
    OUTPOST_RETURN_IF_ERROR(Materialize(db, c).WithContext(c.ChangeId()));
    report.applied.push_back(c.ChangeId());
  }
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return report;
}

StatusOr<sync::PullResponse> ChangesSince(Database& db, int64_t since,
                                          const std::optional<std::string>& key_worker,
                                          int limit) {
  std::string sql = std::string("SELECT ") + kChangeColumns + " FROM changes WHERE seq > ?";
  if (key_worker)
    sql += " AND participant_id IN (SELECT participant_id FROM participants WHERE key_worker = ?)";
  sql += " ORDER BY seq LIMIT ?";
  OUTPOST_ASSIGN_OR_RETURN(Statement select, db.Prepare(sql));
  int index = 1;
  select.Bind(index++, since);
  if (key_worker) select.Bind(index++, *key_worker);
  select.Bind(index, int64_t{limit} + 1);  // one extra row tells whether more wait
  sync::PullResponse response;
  response.next_cursor = since;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    if (static_cast<int>(response.changes.size()) == limit) {
      response.more = true;
      break;
    }
    response.next_cursor = select.ColumnInt(0);
    response.changes.push_back(ReadChange(select));
  }
  return response;
}

StatusOr<std::string> GetDeviceState(Database& db, const std::string& key) {
  OUTPOST_ASSIGN_OR_RETURN(Statement select,
                           db.Prepare("SELECT value FROM device_state WHERE key = ?"));
  select.Bind(1, key);
  OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
  return row ? select.ColumnText(0) : std::string();
}

Status SetDeviceState(Database& db, const std::string& key, const std::string& value) {
  OUTPOST_ASSIGN_OR_RETURN(
      Statement upsert,
      db.Prepare("INSERT INTO device_state(key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return upsert.Bind(1, key).Bind(2, value).Run();
}

StatusOr<Change> RecordLocalChange(Database& db, const LocalWrite& write) {
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(std::string device_id, GetDeviceState(db, "device_id"));
  if (device_id.empty())
    return Status::FailedPrecondition("device_state.device_id", "this tablet has no device id yet");
  OUTPOST_ASSIGN_OR_RETURN(std::string last_seq, GetDeviceState(db, "last_device_seq"));
  OUTPOST_ASSIGN_OR_RETURN(std::string last_hlc, GetDeviceState(db, "last_hlc"));
  sync::HybridClock clock(device_id);
  clock.Observe(last_hlc);

  Change c;
  c.device_id = device_id;
  int64_t previous = 0;
  std::from_chars(last_seq.data(), last_seq.data() + last_seq.size(), previous);
  c.device_seq = previous + 1;
  c.hlc = clock.Next(write.wall_ms);
  c.author = write.author;
  c.record_type = write.record_type;
  c.record_id = write.record_id;
  c.participant_id = write.participant_id;
  OUTPOST_ASSIGN_OR_RETURN(c.fields, sync::CanonicalFields(write.fields));
  c.captured_at = write.captured_at;
  OUTPOST_RETURN_IF_ERROR(sync::ValidateChange(c));

  OUTPOST_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO changes(device_id, device_seq, hlc, author, record_type, record_id, "
                 "participant_id, fields, captured_at) VALUES (?,?,?,?,?,?,?,?,?)"));
  OUTPOST_RETURN_IF_ERROR(insert.Bind(1, c.device_id)
                              .Bind(2, c.device_seq)
                              .Bind(3, c.hlc)
                              .Bind(4, c.author)
                              .Bind(5, c.record_type)
                              .Bind(6, c.record_id)
                              .Bind(7, c.participant_id)
                              .Bind(8, c.fields)
                              .Bind(9, c.captured_at)
                              .Run());
  OUTPOST_RETURN_IF_ERROR(Materialize(db, c));
  OUTPOST_ASSIGN_OR_RETURN(Statement queue,
                           db.Prepare("INSERT INTO outbox(device_seq, queued_at) VALUES (?, ?)"));
  OUTPOST_RETURN_IF_ERROR(queue.Bind(1, c.device_seq).Bind(2, c.captured_at).Run());
  OUTPOST_RETURN_IF_ERROR(SetDeviceState(db, "last_device_seq", std::to_string(c.device_seq)));
  OUTPOST_RETURN_IF_ERROR(SetDeviceState(db, "last_hlc", c.hlc));
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return c;
}

StatusOr<std::vector<Change>> WaitingChanges(Database& db, int limit) {
  OUTPOST_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(std::string("SELECT ") + kChangeColumns +
                 " FROM changes JOIN outbox USING (device_seq) WHERE outbox.confirmed_at = '' "
                 "AND changes.device_id = (SELECT value FROM device_state WHERE key = 'device_id')"
                 " ORDER BY device_seq LIMIT ?"));
  select.Bind(1, int64_t{limit});
  std::vector<Change> out;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back(ReadChange(select));
  }
  return out;
}

StatusOr<int64_t> CountWaiting(Database& db) {
  OUTPOST_ASSIGN_OR_RETURN(Statement count,
                           db.Prepare("SELECT count(*) FROM outbox WHERE confirmed_at = ''"));
  OUTPOST_ASSIGN_OR_RETURN(bool row, count.Step());
  return row ? count.ColumnInt(0) : 0;
}

Status ConfirmChanges(Database& db, const std::vector<std::string>& change_ids,
                      const std::string& received_at) {
  OUTPOST_ASSIGN_OR_RETURN(std::string device_id, GetDeviceState(db, "device_id"));
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(
      Statement confirm,
      db.Prepare("UPDATE outbox SET confirmed_at = ?, last_error = '' "
                 "WHERE device_seq = ? AND confirmed_at = ''"));
  std::string prefix = device_id + ":";
  for (const std::string& id : change_ids) {
    if (id.compare(0, prefix.size(), prefix) != 0) continue;  // not one of ours
    int64_t seq = 0;
    const char* first = id.data() + prefix.size();
    const char* last = id.data() + id.size();
    auto [end, error] = std::from_chars(first, last, seq);
    if (error != std::errc() || end != last) continue;
    OUTPOST_RETURN_IF_ERROR(confirm.Bind(1, received_at.empty() ? "confirmed" : received_at)
                                .Bind(2, seq)
                                .Run());
  }
  return txn->Commit();
}

Status NoteAttemptFailed(Database& db, const std::vector<Change>& changes,
                         const std::string& error) {
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(
      Statement note,
      db.Prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE device_seq = ?"));
  for (const Change& c : changes)
    OUTPOST_RETURN_IF_ERROR(note.Bind(1, error).Bind(2, c.device_seq).Run());
  return txn->Commit();
}

}  // namespace outpost::store
