// Migrations: brings a database to the newest embedded schema for one side.
//
// Applies, in number order, every embedded migration of side "common" and of the given side that
// the database has not recorded yet, each in its own transaction together with its row in
// schema_migrations, so a crash mid-way leaves the database at the last whole migration.
// Re-running is a no-op. A database that records a migration this binary does not know (written
// by a newer app) is refused with FailedPrecondition rather than used: an old app must not write
// into a newer schema.
#ifndef OUTPOST_SHARED_STORE_MIGRATIONS_H_
#define OUTPOST_SHARED_STORE_MIGRATIONS_H_

#include <vector>

#include "shared/base/status_or.h"
#include "shared/store/database.h"
#include "shared/store/embedded_schema.h"

namespace outpost::store {

enum class Side { kClient, kServer };

// The migrations that apply to `side`, in order.
std::vector<EmbeddedMigration> MigrationsFor(Side side);

// Applies what is pending from `migrations` (normally MigrationsFor(side)). Returns the numbers
// applied by this call (empty if the database was already current).
StatusOr<std::vector<int>> Migrate(Database& db, const std::vector<EmbeddedMigration>& migrations);

// Convenience: Migrate(db, MigrationsFor(side)).
StatusOr<std::vector<int>> MigrateToLatest(Database& db, Side side);

}  // namespace outpost::store

#endif  // OUTPOST_SHARED_STORE_MIGRATIONS_H_
