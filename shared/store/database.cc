#include "shared/store/database.h"

#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace outpost::store {

namespace {

Status SqliteError(sqlite3* db, int rc, std::string_view where) {
  std::string what = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN ||
      primary == SQLITE_IOERR || primary == SQLITE_FULL)
    return Status::Unavailable(where, what);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Status::DataLoss(where, what);
  if (primary == SQLITE_CONSTRAINT) return Status::InvalidArgument(where, what);
  return Status::Internal(where, what);
}

std::string Abbreviate(std::string_view sql) {
  std::string s(sql.substr(0, 60));
  for (char& c : s)
    if (c == '\n') c = ' ';
  return sql.size() > 60 ? s + "..." : s;
}

}  // namespace

StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path, JournalMode mode) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(db, rc, "open " + path);
    sqlite3_close(db);
    return s;
  }
  std::unique_ptr<Database> database(new Database(db, path));
  sqlite3_busy_timeout(db, 5000);
  std::string pragmas = "PRAGMA foreign_keys = ON;";
  if (mode == JournalMode::kWal)
    pragmas += "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
  else
    pragmas += "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;";
  OUTPOST_RETURN_IF_ERROR(database->Exec(pragmas).WithContext("open " + path));
  return database;
}

// Statements kept by PrepareCached, by their text. Entries are never removed before the
// connection closes, so a lease's pointers stay valid.
struct Database::StatementCache {
  struct Entry {
    Statement statement;
    bool in_use = false;
  };
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries;
};

Database::Database(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)), cache_(new StatementCache) {}

Database::~Database() {
  cache_.reset();  // finalizes the kept statements before the connection closes
  sqlite3_close_v2(db_);
}

Status Database::Exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return Status::Ok();
  return SqliteError(db_, rc, Abbreviate(sql));
}

StatusOr<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, Abbreviate(sql));
  return Statement(stmt, db_);
}

StatusOr<CachedStatement> Database::PrepareCached(std::string_view sql) {
  auto found = cache_->entries.find(std::string(sql));
  if (found == cache_->entries.end()) {
    OUTPOST_ASSIGN_OR_RETURN(Statement statement, Prepare(sql));
    found = cache_->entries
                .emplace(std::string(sql), std::make_unique<StatementCache::Entry>(
                                               StatementCache::Entry{std::move(statement), false}))
                .first;
  }
  StatementCache::Entry& entry = *found->second;
  if (entry.in_use)
    return Status::FailedPrecondition(Abbreviate(sql), "this cached statement is in use already");
  entry.in_use = true;
  entry.statement.Reset();
  return CachedStatement(&entry.statement, &entry.in_use);
}

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : statement_(other.statement_), in_use_(other.in_use_) {
  other.statement_ = nullptr;
  other.in_use_ = nullptr;
}

CachedStatement& CachedStatement::operator=(CachedStatement&& other) noexcept {
  if (this != &other) {
    Release();
    statement_ = other.statement_;
    in_use_ = other.in_use_;
    other.statement_ = nullptr;
    other.in_use_ = nullptr;
  }
  return *this;
}

CachedStatement::~CachedStatement() { Release(); }

void CachedStatement::Release() {
  if (statement_ == nullptr) return;
  statement_->Reset();
  *in_use_ = false;
  statement_ = nullptr;
  in_use_ = nullptr;
}

int64_t Database::ChangedRows() const { return sqlite3_changes64(db_); }
int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

Statement::Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::string_view text) {
  // An empty view may have no data pointer, which SQLite would bind as NULL rather than ''.
  sqlite3_bind_text(stmt_, index, text.data() ? text.data() : "", static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindView(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data() ? text.data() : "", static_cast<int>(text.size()),
                    SQLITE_STATIC);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

StatusOr<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const char* sql = sqlite3_sql(stmt_);
  return SqliteError(db_, rc, Abbreviate(sql ? sql : "statement"));
}

Status Statement::Run() {
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) break;
  }
  Reset();
  return Status::Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt_, column));
}

int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

namespace {

// Runs a whole backup from `source` to `target`, retrying while either side is busy.
Status CopyDatabase(sqlite3* target, sqlite3* source, const std::string& where) {
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
  if (backup == nullptr) return SqliteError(target, sqlite3_errcode(target), where);
  int rc;
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteError(target, rc, where);
  return Status::Ok();
}

}  // namespace

Status BackupTo(Database& from, const std::string& to_path) {
  OUTPOST_ASSIGN_OR_RETURN(auto target, Database::Open(to_path, JournalMode::kRollback));
  return CopyDatabase(target->handle(), from.handle(), "backup to " + to_path);
}

Status RestoreFrom(Database& into, const std::string& from_path) {
  sqlite3* source = nullptr;
  int rc = sqlite3_open_v2(from_path.c_str(), &source, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(source);
    return Status::NotFound(from_path, "cannot open the backup");
  }
  rc = sqlite3_exec(source, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(source, rc, "restore from " + from_path);
    sqlite3_close(source);
    return s;
  }
  Status copied = CopyDatabase(into.handle(), source, "restore from " + from_path);
  sqlite3_close(source);
  return copied;
}

StatusOr<std::unique_ptr<Transaction>> Transaction::Begin(Database& db) {
  OUTPOST_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return std::unique_ptr<Transaction>(new Transaction(db));
}

Transaction::~Transaction() {
  if (!done_) (void)db_.Exec("ROLLBACK");
}

Status Transaction::Commit() {
  OUTPOST_RETURN_IF_ERROR(db_.Exec("COMMIT"));
  done_ = true;
  return Status::Ok();
}

}  // namespace outpost::store
