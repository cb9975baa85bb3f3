// The schema migrations compiled into the binary (generated from schema/ at build time by
// cmake/embed_sql_script.cmake; see schema/README.md for the numbering rules).
#ifndef OUTPOST_SHARED_STORE_EMBEDDED_SCHEMA_H_
#define OUTPOST_SHARED_STORE_EMBEDDED_SCHEMA_H_

#include <vector>

namespace outpost::store {

struct EmbeddedMigration {
  int number;        // unique across sides; applied in increasing order
  const char* side;  // "common", "client" or "server"
  const char* name;  // file name, e.g. "0001_records.sql"
  const char* sql;
};

// Every migration, in number order.
const std::vector<EmbeddedMigration>& EmbeddedMigrations();

}  // namespace outpost::store

#endif  // OUTPOST_SHARED_STORE_EMBEDDED_SCHEMA_H_
