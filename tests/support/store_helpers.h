// Small helpers over a real SQLite store for tests: a fresh migrated store, and one number read
// with a query. Failures stop the test where they happen.
#ifndef OUTPOST_TESTS_SUPPORT_STORE_HELPERS_H_
#define OUTPOST_TESTS_SUPPORT_STORE_HELPERS_H_

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "shared/store/database.h"
#include "shared/store/migrations.h"

namespace outpost::testing {

// A private in-memory store with every migration of `side` applied.
inline std::unique_ptr<store::Database> InMemoryStore(store::Side side) {
  auto db = store::Database::Open(":memory:", store::JournalMode::kRollback);
  REQUIRE(db.ok());
  REQUIRE(store::MigrateToLatest(**db, side).ok());
  return std::move(db).value();
}

// The first column of the first row of `sql`, as an integer (e.g. a count).
inline int64_t QueryInt(store::Database& db, const std::string& sql) {
  auto s = db.Prepare(sql);
  REQUIRE(s.ok());
  auto row = s->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return s->ColumnInt(0);
}

// The first column of the first row of `sql`, as text.
inline std::string QueryText(store::Database& db, const std::string& sql) {
  auto s = db.Prepare(sql);
  REQUIRE(s.ok());
  auto row = s->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return s->ColumnText(0);
}

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_STORE_HELPERS_H_
