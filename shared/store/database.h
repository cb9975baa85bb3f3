// Database, Statement, Transaction: the only way shared/ touches storage.
//
// A thin RAII layer over one sqlite3 connection that turns every SQLite failure into a Status
// naming the statement or file concerned. Not thread-safe: one Database per thread (the server
// opens one per worker; the browser has one thread).
//
// Durability: the central store runs in WAL mode with synchronous=FULL, so a committed push
// survives power loss and `kill -9`; the tablet uses a rollback journal (IndexedDB-backed memory
// files cannot give WAL its shared memory) and relies on the platform flush after each commit.
#ifndef OUTPOST_SHARED_STORE_DATABASE_H_
#define OUTPOST_SHARED_STORE_DATABASE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "shared/base/status_or.h"

struct sqlite3;
struct sqlite3_stmt;

namespace outpost::store {

enum class JournalMode { kWal, kRollback };

class Statement;
class CachedStatement;

class Database {
 public:
  // Opens (creating if needed) the database file at `path`; ":memory:" gives a private in-memory
  // database. Sets foreign keys on, a busy timeout, and the journal mode. Fails with Unavailable
  // if the file cannot be opened, DataLoss if it is not a database.
  static StatusOr<std::unique_ptr<Database>> Open(const std::string& path, JournalMode mode);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows (schema, pragmas).
  Status Exec(std::string_view sql);

  // Compiles one statement. The Statement must not outlive this Database.
  StatusOr<Statement> Prepare(std::string_view sql);

  // The statement for `sql`, compiled on first use and kept by this Database until it closes, so
  // that code run for every change of a push does not compile the same text again each time. It
  // comes reset, with no bindings. While the returned lease lives, `sql` is in use: asking for it
  // again fails with FailedPrecondition (two users would overwrite each other's bindings), so keep
  // a lease for the span of one task, never in a cache of your own. The lease must not outlive
  // this Database.
  StatusOr<CachedStatement> PrepareCached(std::string_view sql);

  // Rows changed by the most recent INSERT, UPDATE or DELETE.
  int64_t ChangedRows() const;
  int64_t LastInsertRowId() const;

  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  struct StatementCache;
  Database(sqlite3* db, std::string path);
  sqlite3* db_;
  std::string path_;
  std::unique_ptr<StatementCache> cache_;
};

// A prepared statement. Bind parameters are 1-based as in SQLite; column indexes are 0-based.
// Step() returns true while a row is available, false when done, or an error.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  Statement& Bind(int index, std::string_view text);
  // Binds `text` without copying it: it must stay alive and unchanged until the statement is
  // next reset (Run() and Reset() do so). For large values bound once per row in hot loops.
  Statement& BindView(int index, std::string_view text);
  Statement& Bind(int index, int64_t value);
  Statement& BindNull(int index);

  StatusOr<bool> Step();
  // Steps to completion, for statements that return no rows.
  Status Run();
  // Clears bindings' effects so the statement can run again with new values.
  void Reset();

  std::string ColumnText(int column) const;
  int64_t ColumnInt(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

// A lease on a statement kept by Database::PrepareCached: use it as a Statement. When the lease
// goes, the statement is reset (ending any read it was in the middle of) and free to lease again.
// An empty lease (default-constructed or moved from) holds nothing and must not be used.
class CachedStatement {
 public:
  CachedStatement() = default;
  CachedStatement(CachedStatement&& other) noexcept;
  CachedStatement& operator=(CachedStatement&& other) noexcept;
  ~CachedStatement();

  Statement& operator*() const { return *statement_; }
  Statement* operator->() const { return statement_; }

 private:
  friend class Database;
  CachedStatement(Statement* statement, bool* in_use) : statement_(statement), in_use_(in_use) {}
  void Release();
  Statement* statement_ = nullptr;
  bool* in_use_ = nullptr;
};

// Copies the whole of `from` into the database file at `to_path` (created or replaced) with
// SQLite's online backup: other connections may keep reading and writing `from` meanwhile, and
// the copy is one consistent snapshot. Unavailable if `to_path` cannot be written.
Status BackupTo(Database& from, const std::string& to_path);

// Replaces the whole content of `into` with the database file at `from_path`, as one
// transaction on `into`. NotFound if `from_path` does not exist, DataLoss if it is not a database.
Status RestoreFrom(Database& into, const std::string& from_path);

// BEGIN IMMEDIATE on construction (so a writer waits for the lock up front rather than failing
// halfway); ROLLBACK on destruction unless Commit() succeeded.
class Transaction {
 public:
  static StatusOr<std::unique_ptr<Transaction>> Begin(Database& db);
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Database& db) : db_(db) {}
  Database& db_;
  bool done_ = false;
};

}  // namespace outpost::store

#endif  // OUTPOST_SHARED_STORE_DATABASE_H_
