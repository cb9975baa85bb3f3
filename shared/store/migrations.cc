#include "shared/store/migrations.h"

#include <set>
#include <string>

namespace outpost::store {

std::vector<EmbeddedMigration> MigrationsFor(Side side) {
  const std::string wanted = side == Side::kClient ? "client" : "server";
  std::vector<EmbeddedMigration> out;
  for (const EmbeddedMigration& m : EmbeddedMigrations())
    if (std::string(m.side) == "common" || m.side == wanted) out.push_back(m);
  return out;
}

StatusOr<std::vector<int>> Migrate(Database& db, const std::vector<EmbeddedMigration>& migrations) {
  OUTPOST_RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " number INTEGER PRIMARY KEY, name TEXT NOT NULL,"
      " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"));
  std::set<int> known;
  for (const EmbeddedMigration& m : migrations) known.insert(m.number);
  std::set<int> recorded;
  {
    OUTPOST_ASSIGN_OR_RETURN(Statement select, db.Prepare("SELECT number, name FROM schema_migrations"));
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      int number = static_cast<int>(select.ColumnInt(0));
      if (!known.count(number))
        return Status::FailedPrecondition(
            "schema " + select.ColumnText(1),
            "the database was written by a newer version of Outpost; update the app");
      recorded.insert(number);
    }
  }
  std::vector<int> applied;
  for (const EmbeddedMigration& m : migrations) {
    if (recorded.count(m.number)) continue;
    std::string where = std::string("schema ") + m.name;
    OUTPOST_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(db));
    OUTPOST_RETURN_IF_ERROR(db.Exec(m.sql).WithContext(where));
    OUTPOST_ASSIGN_OR_RETURN(Statement record,
                             db.Prepare("INSERT INTO schema_migrations(number, name) VALUES (?, ?)"));
    OUTPOST_RETURN_IF_ERROR(record.Bind(1, int64_t{m.number}).Bind(2, m.name).Run());
    OUTPOST_RETURN_IF_ERROR(txn->Commit().WithContext(where));
    applied.push_back(m.number);
  }
  return applied;
}

StatusOr<std::vector<int>> MigrateToLatest(Database& db, Side side) {
  return Migrate(db, MigrationsFor(side));
}

}  // namespace outpost::store
