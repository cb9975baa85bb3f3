#include "shared/store/change_store.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <span>
#include <string_view>
#include <nlohmann/json.hpp>

#include "shared/sync/hlc.h"
#include "shared/sync/json_text_internal.h"
#include "shared/sync/merge.h"

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

std::string_view Field(const sync::internal::StringObject& fields, const char* name) {
  return fields.Get(name);
}

constexpr const char* kChangeColumns =
    "seq, device_id, device_seq, hlc, author, record_type, record_id, participant_id, fields, "
    "captured_at, received_at, server_seq, prev_hash, base";

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
  c.prev_hash = s.ColumnText(12);
  c.base = s.ColumnText(13);
  return c;
}

std::optional<int64_t> ParseSeq(std::string_view text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The statements one batch needs, compiled once per connection (Database::PrepareCached).
class Applier {
 public:
  static StatusOr<std::unique_ptr<Applier>> Create(Database& db) {
    auto a = std::unique_ptr<Applier>(new Applier(db));
    // The central store (schema 0014) keeps evidence in the log only: `records` is a view there.
    OUTPOST_ASSIGN_OR_RETURN(
        CachedStatement layout,
        db.PrepareCached("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'records'"));
    OUTPOST_ASSIGN_OR_RETURN(a->evidence_in_log_, layout->Step());
    const std::string record_table = a->evidence_in_log_ ? "record_state" : "records";
    // And (schema 0016) finds a change by its id through change_runs: `changes` has no index on
    // (device_id, device_seq) there, so ChangeKnown asks before a change goes in.
    OUTPOST_ASSIGN_OR_RETURN(
        CachedStatement runs,
        db.PrepareCached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_runs'"));
    OUTPOST_ASSIGN_OR_RETURN(a->runs_, runs->Step());
    // The central store's inserts into `changes` (schema 0014 on) differ only in what follows
    // their first row.
    const std::string central_insert =
        "INSERT INTO changes(device_id, device_seq, hlc, author, record_type, record_id, "
        "participant_id, fields, captured_at, received_at, server_seq, prev_hash, hash, base, "
        "seq, evidence_record) VALUES ";
    OUTPOST_ASSIGN_OR_RETURN(
        a->insert_change_,
        db.PrepareCached(
            a->runs_ ? central_insert + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            : a->evidence_in_log_
                ? central_insert +
                      "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(device_id, device_seq) DO NOTHING"
                : std::string("INSERT INTO changes(device_id, device_seq, hlc, author, record_type, "
                              "record_id, participant_id, fields, captured_at, received_at, "
                              "server_seq, prev_hash, hash, base, seq) "
                              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                              "ON CONFLICT(device_id, device_seq) DO NOTHING")));
    if (a->runs_) {
      OUTPOST_ASSIGN_OR_RETURN(
          a->device_last_run_,
          db.PrepareCached("SELECT first_device_seq, last_device_seq, first_seq FROM change_runs "
                           "WHERE device_id = ?1 AND first_device_seq <= ?2 "
                           "ORDER BY first_device_seq DESC LIMIT 1"));
      OUTPOST_ASSIGN_OR_RETURN(
          a->extend_run_,
          db.PrepareCached("UPDATE change_runs SET last_device_seq = ?3 "
                           "WHERE device_id = ?1 AND first_device_seq = ?2"));
      // No ON CONFLICT: a taken evidence id must stop the statement (ApplyEvidenceRows).
      std::string rows = central_insert + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)";
      for (size_t k = 1; k < kRowsPerInsert; ++k) rows += ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)";
      OUTPOST_ASSIGN_OR_RETURN(a->insert_evidence_rows_, db.PrepareCached(rows));
      OUTPOST_ASSIGN_OR_RETURN(
          a->insert_run_,
          db.PrepareCached("INSERT INTO change_runs(device_id, first_device_seq, "
                           "last_device_seq, first_seq) VALUES (?, ?, ?, ?)"));
    }
    if (a->evidence_in_log_) {
      OUTPOST_ASSIGN_OR_RETURN(
          a->insert_evidence_change_,
          db.PrepareCached(central_insert +
                           "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING"));
      if (!a->runs_) {
        OUTPOST_ASSIGN_OR_RETURN(
            a->change_known_,
            db.PrepareCached("SELECT 1 FROM changes WHERE device_id = ? AND device_seq = ?"));
      }
      OUTPOST_ASSIGN_OR_RETURN(CachedStatement unlogged,
                               db.PrepareCached("SELECT 1 FROM evidence_unlogged LIMIT 1"));
      OUTPOST_ASSIGN_OR_RETURN(a->unlogged_evidence_, unlogged->Step());
    }
    OUTPOST_ASSIGN_OR_RETURN(
        a->evidence_exists_,
        db.PrepareCached("SELECT 1 FROM records WHERE record_type = ? AND record_id = ?"));
    OUTPOST_ASSIGN_OR_RETURN(a->last_seq_,
                             db.PrepareCached("SELECT coalesce(max(seq), 0) FROM changes"));
    OUTPOST_ASSIGN_OR_RETURN(
        a->learn_order_,
        db.PrepareCached("UPDATE changes SET server_seq = ?, received_at = ? "
                         "WHERE device_id = ? AND device_seq = ? AND server_seq = 0"));
    if (!a->evidence_in_log_) {
      OUTPOST_ASSIGN_OR_RETURN(
          a->insert_evidence_,
          db.PrepareCached("INSERT OR IGNORE INTO records(record_type, record_id, participant_id, "
                           "fields, field_hlcs, created_change) VALUES (?, ?, ?, ?, '{}', ?)"));
      OUTPOST_ASSIGN_OR_RETURN(
          a->insert_contact_,
          db.PrepareCached(
              "INSERT OR IGNORE INTO contacts(contact_id, participant_id, occurred_at, "
              "mode, location, outcome, notes, digital_reason, corrects_contact_id, "
              "recorded_by, device_id, change_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    }
    OUTPOST_ASSIGN_OR_RETURN(a->select_record_,
                             db.PrepareCached("SELECT fields, field_hlcs FROM " + record_table +
                                              " WHERE record_type = ? AND record_id = ?"));
    OUTPOST_ASSIGN_OR_RETURN(
        a->upsert_record_,
        db.PrepareCached(
            "INSERT INTO " + record_table +
            "(record_type, record_id, participant_id, fields, field_hlcs, "
            "created_change) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(record_type, record_id) "
            "DO UPDATE SET fields = excluded.fields, field_hlcs = excluded.field_hlcs"));
    OUTPOST_ASSIGN_OR_RETURN(
        a->insert_write_,
        db.PrepareCached("INSERT OR IGNORE INTO field_writes(record_type, record_id, field, hlc, "
                         "base_hlc, value, change_id) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    OUTPOST_ASSIGN_OR_RETURN(
        a->select_writes_,
        db.PrepareCached("SELECT hlc, base_hlc, value FROM field_writes WHERE record_type = ? AND "
                         "record_id = ? AND field = ? AND hlc != ?"));
    OUTPOST_ASSIGN_OR_RETURN(
        a->mark_lost_,
        db.PrepareCached(
            "UPDATE field_writes SET lost = 1 WHERE record_type = ? AND record_id = ? AND "
            "field = ? AND hlc = ?"));
    return a;
  }

  enum class Outcome { kStored, kKnown, kEvidenceTaken };

  // Stores one change whose ChangeHash is `hash`, unless it is known already or (with
  // options.refuse_taken_evidence) its evidence id is taken.
  StatusOr<Outcome> Apply(const Change& c, const std::string& hash, const ApplyOptions& options) {
    bool on_server = !options.received_at.empty();
    if (on_server && next_seq_ == 0) OUTPOST_RETURN_IF_ERROR(ReadNextSeq());
    if (runs_) {
      OUTPOST_ASSIGN_OR_RETURN(bool known, ChangeKnown(c));
      if (known) return Outcome::kKnown;
    }
    const bool evidence = sync::IsEvidence(c.record_type);
    bool evidence_record = false;  // central store: this change is the stored copy of its record
    if (evidence_in_log_ && evidence) {
      if (!unlogged_evidence_) {
        // The first change of an evidence id is its record; the unique index changes_evidence
        // finds an earlier one as the row goes in, which spares a lookup for every new change.
        OUTPOST_RETURN_IF_ERROR(
            BindChange(*insert_evidence_change_, c, hash, options).Bind(16, int64_t{1}).Run());
        if (db_.ChangedRows() > 0) {
          NoteStored(c, on_server);
          return Outcome::kStored;
        }
        if (!runs_) {  // with runs, asked already
          OUTPOST_ASSIGN_OR_RETURN(bool known, ChangeKnown(c));
          if (known) return Outcome::kKnown;
        }
        if (options.refuse_taken_evidence) return Outcome::kEvidenceTaken;
        // Else the id was taken: the change is stored in the log only, below.
      } else {
        evidence_exists_->BindView(1, c.record_type).BindView(2, c.record_id);
        OUTPOST_ASSIGN_OR_RETURN(bool exists, evidence_exists_->Step());
        evidence_exists_->Reset();
        if (exists && options.refuse_taken_evidence) {
          if (!runs_) {  // with runs, asked already
            OUTPOST_ASSIGN_OR_RETURN(bool known, ChangeKnown(c));
            if (known) return Outcome::kKnown;
          }
          return Outcome::kEvidenceTaken;
        }
        evidence_record = !exists;
      }
    }
    BindChange(*insert_change_, c, hash, options);
    // A later change with an evidence id already taken is kept in the log only, as
    // `INSERT OR IGNORE` into a table of records would have done.
    if (evidence_in_log_) insert_change_->Bind(16, int64_t{evidence_record});
    OUTPOST_RETURN_IF_ERROR(insert_change_->Run());
    if (db_.ChangedRows() == 0) {
      // A pulled copy of this tablet's own change tells where the server put it. It is applied
      // again then: the records it wrote may have been removed meanwhile (its participant left
      // this caseload and came back), and applying a change twice equals applying it once.
      if (!on_server && c.server_seq > 0) {
        OUTPOST_RETURN_IF_ERROR(learn_order_->Bind(1, c.server_seq)
                                    .Bind(2, c.received_at)
                                    .Bind(3, c.device_id)
                                    .Bind(4, c.device_seq)
                                    .Run());
        if (db_.ChangedRows() > 0) OUTPOST_RETURN_IF_ERROR(Materialize(c).WithContext(c.ChangeId()));
      }
      return Outcome::kKnown;
    }
    NoteStored(c, on_server);
    OUTPOST_RETURN_IF_ERROR(Materialize(c).WithContext(c.ChangeId()));
    return Outcome::kStored;
  }

  static constexpr size_t kRowsPerInsert = 16;

  // Stores changes[0, kRowsPerInsert) by one statement and returns true, if they can go in so:
  // on the server with runs (0016) and every evidence id in the log, new evidence of one device
  // in rising numbers. Sparing 15 statement runs saves about 0.4 µs of the 5.6 a pushed change
  // took (bench_sync).
  // Returns false, having stored nothing, if they cannot or if one of their evidence ids is
  // taken (the statement stops at the unique index and SQLite takes it back whole): Apply then
  // takes them one by one.
  StatusOr<bool> ApplyEvidenceRows(std::span<const Change* const> changes,
                                   std::span<const std::string> hashes,
                                   const ApplyOptions& options) {
    if (!runs_ || unlogged_evidence_ || options.received_at.empty() ||
        changes.size() < kRowsPerInsert)
      return false;
    const Change& first = *changes[0];
    for (size_t k = 0; k < kRowsPerInsert; ++k) {
      const Change& c = *changes[k];
      if (!sync::IsEvidence(c.record_type) || c.device_id != first.device_id ||
          (k > 0 && c.device_seq <= changes[k - 1]->device_seq))
        return false;
    }
    OUTPOST_ASSIGN_OR_RETURN(int64_t highest, HighestStored(first.device_id));
    if (first.device_seq <= highest) return false;
    if (next_seq_ == 0) OUTPOST_RETURN_IF_ERROR(ReadNextSeq());
    for (size_t k = 0; k < kRowsPerInsert; ++k)
      BindChange(*insert_evidence_rows_, *changes[k], hashes[k], options,
                 static_cast<int>(1 + 15 * k), next_seq_ + static_cast<int64_t>(k));
    Status inserted = insert_evidence_rows_->Run();
    if (!inserted.ok()) {
      insert_evidence_rows_->Reset();
      if (inserted.code() == Status::Code::kInvalidArgument) return false;  // a constraint
      return inserted;
    }
    for (size_t k = 0; k < kRowsPerInsert; ++k) NoteStored(*changes[k], /*on_server=*/true);
    return true;
  }

  // Writes the runs of the changes stored since the last call (schema 0016). A run that carries
  // on the device's last stored one, in both numbers, lengthens it instead.
  Status Finish() {
    for (const Run& run : new_runs_) {
      OUTPOST_ASSIGN_OR_RETURN(std::optional<Run> before, RunHolding(run.device_id, run.first - 1));
      if (before && before->last == run.first - 1 &&
          before->first_seq + (before->last - before->first) + 1 == run.first_seq) {
        OUTPOST_RETURN_IF_ERROR(
            extend_run_->Bind(1, run.device_id).Bind(2, before->first).Bind(3, run.last).Run());
        continue;
      }
      OUTPOST_RETURN_IF_ERROR(insert_run_->Bind(1, run.device_id)
                                  .Bind(2, run.first)
                                  .Bind(3, run.last)
                                  .Bind(4, run.first_seq)
                                  .Run());
    }
    new_runs_.clear();
    return Status::Ok();
  }

 private:
  explicit Applier(Database& db) : db_(db) {}

  // Device numbers first..last of device_id, stored at log positions first_seq onwards.
  struct Run {
    std::string device_id;
    int64_t first = 0, last = 0, first_seq = 0;
  };

  // On the server a new change takes the next log position as both seq and server_seq, given
  // at insert: the position SQLite would choose for the rowid (no AUTOINCREMENT), read once.
  Status ReadNextSeq() {
    OUTPOST_ASSIGN_OR_RETURN(bool row, last_seq_->Step());
    next_seq_ = (row ? last_seq_->ColumnInt(0) : 0) + 1;
    last_seq_->Reset();
    return Status::Ok();
  }

  // Runs: the highest number of `device_id` the log holds (0 if none). A push brings numbers
  // past it: one look at the runs per device and batch, none per change.
  StatusOr<int64_t> HighestStored(const std::string& device_id) {
    auto high = highest_stored_.find(device_id);
    if (high == highest_stored_.end()) {
      OUTPOST_ASSIGN_OR_RETURN(std::optional<Run> last,
                               RunHolding(device_id, std::numeric_limits<int64_t>::max()));
      high = highest_stored_.emplace(device_id, last ? last->last : 0).first;
    }
    return high->second;
  }

  // True if the log holds change (c.device_id, c.device_seq).
  StatusOr<bool> ChangeKnown(const Change& c) {
    if (!runs_) {
      change_known_->BindView(1, c.device_id).Bind(2, c.device_seq);
      OUTPOST_ASSIGN_OR_RETURN(bool known, change_known_->Step());
      change_known_->Reset();
      return known;
    }
    OUTPOST_ASSIGN_OR_RETURN(int64_t highest, HighestStored(c.device_id));
    if (c.device_seq > highest) return false;
    for (const Run& run : new_runs_)
      if (run.device_id == c.device_id && run.first <= c.device_seq && c.device_seq <= run.last)
        return true;
    OUTPOST_ASSIGN_OR_RETURN(std::optional<Run> run, RunHolding(c.device_id, c.device_seq));
    return run && c.device_seq <= run->last;
  }

  // The stored run of `device_id` that starts last at or before `device_seq` (it holds
  // device_seq if it reaches that far), or nullopt.
  StatusOr<std::optional<Run>> RunHolding(const std::string& device_id, int64_t device_seq) {
    device_last_run_->Bind(1, device_id).Bind(2, device_seq);
    OUTPOST_ASSIGN_OR_RETURN(bool row, device_last_run_->Step());
    std::optional<Run> run;
    if (row)
      run = Run{device_id, device_last_run_->ColumnInt(0), device_last_run_->ColumnInt(1),
                device_last_run_->ColumnInt(2)};
    device_last_run_->Reset();
    return run;
  }

  // Counts a change just inserted: the server's next log position moves on, and with runs the
  // change joins the batch's last run or starts one.
  void NoteStored(const Change& c, bool on_server) {
    if (!runs_) {
      if (on_server) ++next_seq_;
      return;
    }
    const int64_t seq = on_server ? next_seq_++ : db_.LastInsertRowId();
    int64_t& high = highest_stored_[c.device_id];
    high = std::max(high, c.device_seq);
    if (!new_runs_.empty()) {
      Run& run = new_runs_.back();
      if (run.device_id == c.device_id && run.last + 1 == c.device_seq &&
          run.first_seq + (run.last - run.first) + 1 == seq) {
        run.last = c.device_seq;
        return;
      }
    }
    new_runs_.push_back({c.device_id, c.device_seq, c.device_seq, seq});
  }

  // Binds the first 15 columns of an insert into `changes` (see insert_change_) to `c`, which,
  // with `hash` and `options`, must outlive the statement's next run. A row after the first of
  // a statement (insert_evidence_rows_) starts at parameter `first` and, on the server, takes
  // log position `seq`.
  Statement& BindChange(Statement& insert, const Change& c, const std::string& hash,
                        const ApplyOptions& options, int first = 1, int64_t seq = 0) {
    const bool on_server = !options.received_at.empty();
    if (seq == 0) seq = next_seq_;
    const int at = first - 1;
    insert.BindView(at + 1, c.device_id)
        .Bind(at + 2, c.device_seq)
        .BindView(at + 3, c.hlc)
        .BindView(at + 4, c.author)
        .BindView(at + 5, c.record_type)
        .BindView(at + 6, c.record_id)
        .BindView(at + 7, c.participant_id)
        .BindView(at + 8, c.fields)
        .BindView(at + 9, c.captured_at)
        .BindView(at + 10, on_server ? std::string_view(options.received_at) : c.received_at)
        .Bind(at + 11, on_server ? seq : c.server_seq)
        .BindView(at + 12, c.prev_hash)
        .BindView(at + 13, hash)
        .BindView(at + 14, c.base.empty() ? std::string_view("{}") : std::string_view(c.base));
    if (on_server)
      insert.Bind(at + 15, seq);
    else
      insert.BindNull(at + 15);  // the next rowid
    return insert;
  }

  Status Materialize(const Change& c) {
    if (sync::IsEvidence(c.record_type))
      return evidence_in_log_ ? Status::Ok() : MaterializeEvidence(c);
    OUTPOST_ASSIGN_OR_RETURN(json fields, ParseFields(c));
    return MaterializeMutable(c, fields);
  }

  static StatusOr<json> ParseFields(const Change& c) {
    json fields = json::parse(c.fields, nullptr, /*allow_exceptions=*/false);
    if (fields.is_discarded()) return Status::InvalidArgument("fields", "must be a JSON object");
    return fields;
  }

  Status MaterializeEvidence(const Change& c) {
    OUTPOST_RETURN_IF_ERROR(insert_evidence_->Bind(1, c.record_type)
                                .Bind(2, c.record_id)
                                .Bind(3, c.participant_id)
                                .Bind(4, c.fields)
                                .Bind(5, c.ChangeId())
                                .Run());
    if (db_.ChangedRows() == 0 || c.record_type != "contact") return Status::Ok();
    sync::internal::StringObject fields;
    if (!fields.Read(c.fields)) return Status::InvalidArgument("fields", "must be a JSON object");
    return insert_contact_->Bind(1, c.record_id)
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
        .Bind(12, c.ChangeId())
        .Run();
  }

  Status MaterializeMutable(const Change& c, const json& fields) {
    json base = json::parse(c.base.empty() ? "{}" : c.base, nullptr, false);
    if (base.is_discarded()) base = json::object();
    sync::RecordState state;
    select_record_->Bind(1, c.record_type).Bind(2, c.record_id);
    OUTPOST_ASSIGN_OR_RETURN(bool exists, select_record_->Step());
    if (exists) {
      json values = json::parse(select_record_->ColumnText(0), nullptr, false);
      json hlcs = json::parse(select_record_->ColumnText(1), nullptr, false);
      for (auto it = values.begin(); !values.is_discarded() && it != values.end(); ++it)
        if (it->is_string()) state.values[it.key()] = it->get<std::string>();
      for (auto it = hlcs.begin(); !hlcs.is_discarded() && it != hlcs.end(); ++it)
        if (it->is_string()) state.hlcs[it.key()] = it->get<std::string>();
    }
    select_record_->Reset();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
      sync::FieldWrite write{it->get<std::string>(), c.hlc, Field(base, it.key().c_str())};
      OUTPOST_RETURN_IF_ERROR(insert_write_->Bind(1, c.record_type)
                                  .Bind(2, c.record_id)
                                  .Bind(3, it.key())
                                  .Bind(4, write.hlc)
                                  .Bind(5, write.base_hlc)
                                  .Bind(6, write.value)
                                  .Bind(7, c.ChangeId())
                                  .Run());
      OUTPOST_RETURN_IF_ERROR(MarkConflicts(c, it.key(), write));
      sync::MergeField(state, it.key(), write);
    }
    json values(state.values), hlcs(state.hlcs);
    OUTPOST_RETURN_IF_ERROR(upsert_record_->Bind(1, c.record_type)
                                .Bind(2, c.record_id)
                                .Bind(3, c.participant_id)
                                .Bind(4, values.dump())
                                .Bind(5, hlcs.dump())
                                .Bind(6, c.ChangeId())
                                .Run());
    if (c.record_type == "participant") return WriteParticipantRow(c, state);
    return Status::Ok();
  }

  // Compares the new write with every other write of the field: whichever lost without the
  // winner's author having seen it is marked lost. Order-independent: each pair is judged the
  // same way whichever of the two arrives second.
  Status MarkConflicts(const Change& c, const std::string& field, const sync::FieldWrite& write) {
    select_writes_->Bind(1, c.record_type).Bind(2, c.record_id).Bind(3, field).Bind(4, write.hlc);
    std::vector<std::string> lost;
    bool this_one_lost = false;
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, select_writes_->Step());
      if (!row) break;
      sync::FieldWrite other{select_writes_->ColumnText(2), select_writes_->ColumnText(0),
                             select_writes_->ColumnText(1)};
      if (sync::Wins(write, other) && sync::LostConcurrently(write, other)) lost.push_back(other.hlc);
      if (sync::Wins(other, write) && sync::LostConcurrently(other, write)) this_one_lost = true;
    }
    select_writes_->Reset();
    if (this_one_lost) lost.push_back(write.hlc);
    for (const std::string& hlc : lost)
      OUTPOST_RETURN_IF_ERROR(mark_lost_->Bind(1, c.record_type)
                                  .Bind(2, c.record_id)
                                  .Bind(3, field)
                                  .Bind(4, hlc)
                                  .Run());
    return Status::Ok();
  }

  Status WriteParticipantRow(const Change& c, const sync::RecordState& state) {
    std::string sql = "INSERT INTO participants(participant_id, updated_hlc";
    std::string values = "VALUES (?, ?";
    std::string update = "updated_hlc = excluded.updated_hlc";
    for (const char* column : kParticipantColumns) {
      sql += std::string(", ") + column;
      values += ", ?";
      update += std::string(", ") + column + " = excluded." + column;
    }
    OUTPOST_ASSIGN_OR_RETURN(
        CachedStatement upsert,
        db_.PrepareCached(sql + ") " + values + ") ON CONFLICT(participant_id) DO UPDATE SET " +
                          update));
    std::string latest;
    for (const auto& [field, hlc] : state.hlcs) latest = std::max(latest, hlc);
    upsert->Bind(1, c.record_id).Bind(2, latest);
    int index = 3;
    for (const char* column : kParticipantColumns) {
      auto it = state.values.find(column);
      upsert->Bind(index++, it == state.values.end() ? std::string() : it->second);
    }
    return upsert->Run();
  }

  Database& db_;
  int64_t next_seq_ = 0;  // server: the seq the next new change takes; 0 until read
  bool evidence_in_log_ = false;    // evidence is marked in `changes`, not copied (schema 0014)
  bool unlogged_evidence_ = false;  // and some evidence ids are outside the log (see 0014)
  bool runs_ = false;               // changes are found by id through change_runs (0016)
  std::map<std::string, int64_t, std::less<>> highest_stored_;  // runs: per device, this batch
  std::vector<Run> new_runs_;       // runs: stored by this batch, written by Finish
  CachedStatement device_last_run_, extend_run_, insert_run_, insert_evidence_rows_;
  CachedStatement insert_change_, insert_evidence_change_, change_known_, last_seq_,
      evidence_exists_, learn_order_, insert_evidence_, insert_contact_, select_record_,
      upsert_record_, insert_write_, select_writes_, mark_lost_;
};

}  // namespace

StatusOr<ApplyReport> ApplyChangesInTransaction(Database& db, const std::vector<Change>& changes,
                                                const ApplyOptions& options) {
  std::vector<std::string> hashes;
  std::vector<const Change*> pointers;
  hashes.reserve(changes.size());
  pointers.reserve(changes.size());
  for (size_t i = 0; i < changes.size(); ++i) {
    OUTPOST_RETURN_IF_ERROR(
        sync::ValidateChange(changes[i]).WithContext("changes[" + std::to_string(i) + "]"));
    hashes.push_back(sync::ChangeHash(changes[i]));
    pointers.push_back(&changes[i]);
  }
  return ApplyValidatedChangesInTransaction(db, pointers, hashes, options);
}

StatusOr<ApplyReport> ApplyValidatedChangesInTransaction(Database& db,
                                                         const std::vector<const Change*>& changes,
                                                         const std::vector<std::string>& hashes,
                                                         const ApplyOptions& options) {
  ApplyReport report;
  if (changes.empty()) return report;
  if (hashes.size() != changes.size())
    return Status::Internal("hashes", "one hash per change is needed");
  OUTPOST_ASSIGN_OR_RETURN(auto applier, Applier::Create(db));
  report.applied.reserve(changes.size());
  const std::span<const Change* const> all(changes);
  const std::span<const std::string> all_hashes(hashes);
  size_t one_by_one_until = 0;  // after rows that could not go in together
  for (size_t i = 0; i < changes.size(); ++i) {
    if (i >= one_by_one_until && i + Applier::kRowsPerInsert <= changes.size()) {
      OUTPOST_ASSIGN_OR_RETURN(bool stored,
                               applier->ApplyEvidenceRows(all.subspan(i, Applier::kRowsPerInsert),
                                                          all_hashes.subspan(i), options));
      if (stored) {
        for (size_t k = 0; k < Applier::kRowsPerInsert; ++k)
          report.applied.push_back(changes[i + k]->ChangeId());
        i += Applier::kRowsPerInsert - 1;
        continue;
      }
      one_by_one_until = i + Applier::kRowsPerInsert;
    }
    OUTPOST_ASSIGN_OR_RETURN(Applier::Outcome outcome,
                             applier->Apply(*changes[i], hashes[i], options));
    switch (outcome) {
      case Applier::Outcome::kStored: report.applied.push_back(changes[i]->ChangeId()); break;
      case Applier::Outcome::kKnown: report.already_known.push_back(changes[i]->ChangeId()); break;
      case Applier::Outcome::kEvidenceTaken: report.evidence_taken.push_back(i); break;
    }
  }
  OUTPOST_RETURN_IF_ERROR(applier->Finish());
  return report;
}

StatusOr<ApplyReport> ApplyChanges(Database& db, const std::vector<Change>& changes,
                                   const ApplyOptions& options) {
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(ApplyReport report, ApplyChangesInTransaction(db, changes, options));
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return report;
}

StatusOr<bool> RecordExists(Database& db, const std::string& record_type,
                            const std::string& record_id) {
  OUTPOST_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT 1 FROM records WHERE record_type = ? AND record_id = ?"));
  select.Bind(1, record_type).Bind(2, record_id);
  return select.Step();
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

StatusOr<std::vector<Change>> ParticipantsHistory(Database& db,
                                                   const std::vector<std::string>& participant_ids,
                                                   int64_t after, int64_t up_to, int limit) {
  std::vector<Change> out;
  if (participant_ids.empty()) return out;
  std::string marks;
  for (size_t i = 0; i < participant_ids.size(); ++i) marks += i ? ",?" : "?";
  OUTPOST_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(std::string("SELECT ") + kChangeColumns + " FROM changes WHERE participant_id IN (" +
                 marks + ") AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?"));
  int index = 1;
  for (const std::string& id : participant_ids) select.Bind(index++, id);
  select.Bind(index, after).Bind(index + 1, up_to).Bind(index + 2, int64_t{limit});
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back(ReadChange(select));
  }
  return out;
}

StatusOr<std::vector<Conflict>> ListConflicts(Database& db) {
  OUTPOST_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare("SELECT w.record_type, w.record_id, r.participant_id, w.field, w.value, "
                 "w.change_id, json_extract(r.fields, '$.\"' || w.field || '\"') AS current "
                 "FROM field_writes w JOIN records r USING (record_type, record_id) "
                 "WHERE w.lost = 1 AND w.value IS NOT current "
                 "ORDER BY r.participant_id, w.record_type, w.record_id, w.field, w.hlc"));
  std::vector<Conflict> out;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back({select.ColumnText(0), select.ColumnText(1), select.ColumnText(2),
                   select.ColumnText(3), select.ColumnText(4), select.ColumnText(5),
                   select.ColumnText(6)});
  }
  return out;
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
  OUTPOST_ASSIGN_OR_RETURN(std::string last_hash, GetDeviceState(db, "last_hash"));
  OUTPOST_ASSIGN_OR_RETURN(std::string offset, GetDeviceState(db, "clock_offset_ms"));
  sync::HybridClock clock(device_id);
  clock.Observe(last_hlc);

  Change c;
  c.device_id = device_id;
  c.device_seq = ParseSeq(last_seq).value_or(0) + 1;
  c.prev_hash = last_hash;
  c.author = write.author;
  c.record_type = write.record_type;
  c.record_id = write.record_id;
  c.participant_id = write.participant_id;
  OUTPOST_ASSIGN_OR_RETURN(c.fields, sync::CanonicalFields(write.fields));
  c.captured_at = write.captured_at;
  c.base = "{}";
  if (!sync::IsEvidence(c.record_type)) {
    // The stamps of the values this write replaces, as this tablet knows them.
    OUTPOST_ASSIGN_OR_RETURN(
        Statement current,
        db.Prepare("SELECT field_hlcs FROM records WHERE record_type = ? AND record_id = ?"));
    current.Bind(1, c.record_type).Bind(2, c.record_id);
    OUTPOST_ASSIGN_OR_RETURN(bool exists, current.Step());
    json hlcs = exists ? json::parse(current.ColumnText(0), nullptr, false) : json::object();
    json fields = json::parse(c.fields, nullptr, false);
    json base = json::object();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
      std::string seen = hlcs.is_discarded() ? "" : Field(hlcs, it.key().c_str());
      if (!seen.empty()) base[it.key()] = seen;
      clock.Observe(seen);
    }
    c.base = base.dump();
  }
  c.hlc = clock.Next(write.wall_ms + ParseSeq(offset).value_or(0));
  OUTPOST_RETURN_IF_ERROR(sync::ValidateChange(c));
  if (sync::IsEvidence(c.record_type)) {
    OUTPOST_ASSIGN_OR_RETURN(bool exists, RecordExists(db, c.record_type, c.record_id));
    if (exists)
      return Status::AlreadyExists("record_id", "evidence is written once; record a correction");
  }
  OUTPOST_ASSIGN_OR_RETURN(ApplyReport report, ApplyChangesInTransaction(db, {c}, {}));
  if (report.applied.size() != 1)
    return Status::Internal("device_seq", "the change log already holds " + c.ChangeId());
  OUTPOST_ASSIGN_OR_RETURN(Statement queue,
                           db.Prepare("INSERT INTO outbox(device_seq, queued_at) VALUES (?, ?)"));
  OUTPOST_RETURN_IF_ERROR(queue.Bind(1, c.device_seq).Bind(2, c.captured_at).Run());
  OUTPOST_RETURN_IF_ERROR(SetDeviceState(db, "last_device_seq", std::to_string(c.device_seq)));
  OUTPOST_RETURN_IF_ERROR(SetDeviceState(db, "last_hlc", c.hlc));
  OUTPOST_RETURN_IF_ERROR(SetDeviceState(db, "last_hash", sync::ChangeHash(c)));
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return c;
}

namespace {

// This tablet's own changes not yet confirmed by the server, oldest first, at most `limit`;
// quarantined ones too when `with_quarantined`.
StatusOr<std::vector<Change>> OwnUnconfirmed(Database& db, bool with_quarantined, int64_t limit) {
  OUTPOST_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(std::string("SELECT ") + kChangeColumns +
                 " FROM changes JOIN outbox USING (device_seq) WHERE outbox.confirmed_at = '' " +
                 (with_quarantined ? "" : "AND outbox.quarantined_at = '' ") +
                 "AND changes.device_id = (SELECT value FROM device_state WHERE key = 'device_id')"
                 " ORDER BY device_seq LIMIT ?"));
  select.Bind(1, limit);
  std::vector<Change> out;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back(ReadChange(select));
  }
  return out;
}

}  // namespace

StatusOr<std::vector<Change>> WaitingChanges(Database& db, int limit) {
  return OwnUnconfirmed(db, /*with_quarantined=*/false, limit);
}

StatusOr<std::vector<Change>> UnconfirmedChanges(Database& db) {
  return OwnUnconfirmed(db, /*with_quarantined=*/true, /*limit=*/-1);  // -1: SQLite's "no limit"
}

StatusOr<int64_t> CountWaiting(Database& db) {
  OUTPOST_ASSIGN_OR_RETURN(Statement count,
                           db.Prepare("SELECT count(*) FROM outbox WHERE confirmed_at = '' "
                                      "AND resolved_by = ''"));
  OUTPOST_ASSIGN_OR_RETURN(bool row, count.Step());
  return row ? count.ColumnInt(0) : 0;
}

StatusOr<int64_t> CountQuarantined(Database& db) {
  OUTPOST_ASSIGN_OR_RETURN(Statement count,
                           db.Prepare("SELECT count(*) FROM outbox WHERE quarantined_at != '' "
                                      "AND confirmed_at = '' AND resolved_by = ''"));
  OUTPOST_ASSIGN_OR_RETURN(bool row, count.Step());
  return row ? count.ColumnInt(0) : 0;
}

Status ResolveQuarantined(Database& db, int64_t device_seq, const std::string& resolved_by) {
  if (resolved_by.empty()) return Status::InvalidArgument("resolved_by", "must name the correction or 'supervisor'");
  const char* kWaitingRefused =
      " WHERE device_seq = ? AND quarantined_at != '' AND confirmed_at = '' AND resolved_by = ''";
  OUTPOST_ASSIGN_OR_RETURN(Statement find, db.Prepare(std::string("SELECT 1 FROM outbox") + kWaitingRefused));
  OUTPOST_ASSIGN_OR_RETURN(bool found, find.Bind(1, device_seq).Step());
  if (!found)
    return Status::NotFound("device_seq", "change " + std::to_string(device_seq) + " is not a refused change waiting");
  OUTPOST_ASSIGN_OR_RETURN(Statement resolve,
                           db.Prepare(std::string("UPDATE outbox SET resolved_by = ?") + kWaitingRefused));
  return resolve.Bind(1, resolved_by).Bind(2, device_seq).Run();
}

namespace {

// The device_seq of one of this tablet's own change ids, or nullopt for anyone else's.
std::optional<int64_t> OwnSeq(const std::string& device_id, const std::string& change_id) {
  const std::string prefix = device_id + ":";
  if (change_id.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return ParseSeq(std::string_view(change_id).substr(prefix.size()));
}

}  // namespace

Status ConfirmChanges(Database& db, const std::vector<sync::Receipt>& receipts,
                      const std::string& received_at) {
  OUTPOST_ASSIGN_OR_RETURN(std::string device_id, GetDeviceState(db, "device_id"));
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(Statement held,
                           db.Prepare("SELECT hash FROM changes WHERE device_id = ? AND device_seq = ?"));
  OUTPOST_ASSIGN_OR_RETURN(
      Statement confirm,
      db.Prepare("UPDATE outbox SET confirmed_at = ?, last_error = '' "
                 "WHERE device_seq = ? AND confirmed_at = ''"));
  for (const sync::Receipt& receipt : receipts) {
    auto seq = OwnSeq(device_id, receipt.change_id);
    if (!seq) continue;  // not one of ours
    held.Bind(1, device_id).Bind(2, *seq);
    OUTPOST_ASSIGN_OR_RETURN(bool found, held.Step());
    std::string hash = found ? held.ColumnText(0) : "";
    held.Reset();
    if (!found) continue;
    if (hash != receipt.hash)
      return Status::DataLoss(receipt.change_id,
                              "the server's receipt does not match the change this tablet holds");
    OUTPOST_RETURN_IF_ERROR(
        confirm.Bind(1, received_at.empty() ? "confirmed" : received_at).Bind(2, *seq).Run());
  }
  return txn->Commit();
}

Status QuarantineChanges(Database& db, const std::vector<sync::RejectedChange>& rejected) {
  OUTPOST_ASSIGN_OR_RETURN(std::string device_id, GetDeviceState(db, "device_id"));
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(
      Statement quarantine,
      db.Prepare("UPDATE outbox SET quarantined_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                 "reason = ? WHERE device_seq = ? AND confirmed_at = ''"));
  for (const sync::RejectedChange& r : rejected) {
    auto seq = OwnSeq(device_id, r.change_id);
    if (!seq) continue;
    OUTPOST_RETURN_IF_ERROR(quarantine.Bind(1, r.reason).Bind(2, *seq).Run());
  }
  return txn->Commit();
}

Status RequeueFrom(Database& db, int64_t device_seq) {
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(
      Statement requeue,
      db.Prepare("INSERT INTO outbox(device_seq, queued_at) "
                 "SELECT device_seq, captured_at FROM changes WHERE device_id = "
                 "(SELECT value FROM device_state WHERE key = 'device_id') AND device_seq >= ? "
                 "ON CONFLICT(device_seq) DO UPDATE SET confirmed_at = '' "
                 "WHERE outbox.quarantined_at = ''"));
  OUTPOST_RETURN_IF_ERROR(requeue.Bind(1, device_seq).Run());
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

namespace {

Status RemoveParticipantsInTransaction(Database& db, const std::vector<std::string>& participant_ids) {
  for (const std::string& id : participant_ids) {
    for (const char* sql :
         {"DELETE FROM field_writes WHERE (record_type, record_id) IN "
          "(SELECT record_type, record_id FROM records WHERE participant_id = ?1)",
          "DELETE FROM records WHERE participant_id = ?1",
          "DELETE FROM contacts WHERE participant_id = ?1",
          "DELETE FROM participants WHERE participant_id = ?1",
          // This tablet's own changes stay while the server has not confirmed them.
          "DELETE FROM changes WHERE participant_id = ?1 AND NOT (device_id = "
          "(SELECT value FROM device_state WHERE key = 'device_id') AND device_seq IN "
          "(SELECT device_seq FROM outbox WHERE confirmed_at = ''))"}) {
      OUTPOST_ASSIGN_OR_RETURN(Statement remove, db.Prepare(sql));
      OUTPOST_RETURN_IF_ERROR(remove.Bind(1, id).Run());
    }
  }
  return Status::Ok();
}

}  // namespace

Status RemoveParticipants(Database& db, const std::vector<std::string>& participant_ids) {
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_RETURN_IF_ERROR(RemoveParticipantsInTransaction(db, participant_ids));
  return txn->Commit();
}

Status ApplyPulledPage(Database& db, const sync::PullResponse& page) {
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_RETURN_IF_ERROR(ApplyChangesInTransaction(db, page.changes, {}).status());
  OUTPOST_RETURN_IF_ERROR(RemoveParticipantsInTransaction(db, page.removed_participants));
  OUTPOST_RETURN_IF_ERROR(SetDeviceState(db, "pull_cursor", std::to_string(page.next_cursor)));
  for (auto [key, ids] : {std::pair{"pull_holding", &page.holding},
                          {"pull_backfilling", &page.backfilling}}) {
    std::string joined;
    for (const std::string& id : *ids) joined += (joined.empty() ? "" : ",") + id;
    OUTPOST_RETURN_IF_ERROR(SetDeviceState(db, key, joined));
  }
  return txn->Commit();
}

Status EraseLocalData(Database& db) {
  {
    OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
    for (const char* table : {"field_writes", "records", "contacts", "participants", "changes",
                              "outbox", "device_state"})
      OUTPOST_RETURN_IF_ERROR(db.Exec(std::string("DELETE FROM ") + table));
    OUTPOST_RETURN_IF_ERROR(txn->Commit());
  }
  // Deleted rows stay readable in free pages until they are overwritten: rebuild the file.
  return db.Exec("VACUUM");
}

StatusOr<int> RepairLocalChain(Database& db) {
  OUTPOST_ASSIGN_OR_RETURN(std::string device_id, GetDeviceState(db, "device_id"));
  if (device_id.empty()) return 0;
  OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(
      Statement select,
      db.Prepare(std::string("SELECT ") + kChangeColumns + ", hash FROM changes "
                 "WHERE device_id = ? ORDER BY device_seq"));
  OUTPOST_ASSIGN_OR_RETURN(
      Statement update,
      db.Prepare("UPDATE changes SET prev_hash = ?, hash = ? WHERE device_id = ? AND device_seq = ?"));
  select.Bind(1, device_id);
  std::string previous;
  int repaired = 0;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    Change c = ReadChange(select);
    if (select.ColumnText(14).empty()) {
      c.prev_hash = previous;
      OUTPOST_RETURN_IF_ERROR(update.Bind(1, c.prev_hash)
                                  .Bind(2, sync::ChangeHash(c))
                                  .Bind(3, device_id)
                                  .Bind(4, c.device_seq)
                                  .Run());
      ++repaired;
    }
    previous = sync::ChangeHash(c);
  }
  if (repaired > 0) OUTPOST_RETURN_IF_ERROR(SetDeviceState(db, "last_hash", previous));
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return repaired;
}

}  // namespace outpost::store
