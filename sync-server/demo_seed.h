// The demo database created on first run with --demo: two key workers, one supervisor and six
// participants at different points of their journey, dated relative to the day it is created.
// Participants enter through the same change log as everything else (device "server-demo"), so
// tablets pull them like any other record.
#ifndef OUTPOST_SYNC_SERVER_DEMO_SEED_H_
#define OUTPOST_SYNC_SERVER_DEMO_SEED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/store/database.h"

namespace outpost::server {

struct DemoAccount {
  std::string username;
  std::string password;
  std::string role;
  std::string display_name;
};

// The accounts the demo creates (also printed at start-up).
std::vector<DemoAccount> DemoAccounts();

// Seeds an empty central store. FailedPrecondition if it already has users.
Status SeedDemo(store::Database& db, int64_t now_ms, int password_iterations);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_DEMO_SEED_H_
