// The server's one-shot commands: the holiday calendar for a year and the compliance CSV of a
// central store.
#include "sync-server/commands.h"

#include <doctest/doctest.h>

#include <string>

#include "shared/base/utc_time.h"
#include "shared/store/migrations.h"
#include "sync-server/demo_seed.h"
#include "sync-server/server.h"
#include "tests/support/temp_dir.h"

using namespace outpost;

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

std::string Drain(std::FILE* file) {
  std::rewind(file);
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  std::fclose(file);
  return text;
}

Run Command(std::vector<std::string> args) {
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  int code = server::RunCommand(args, out, err);
  return {code, Drain(out), Drain(err)};
}

}  // namespace

TEST_CASE("the holidays command prints the year's England and Wales bank holidays with substitutes") {
  Run run = Command({"holidays", "--year", "2026"});
  CHECK(run.code == 0);
  CHECK(run.out ==
        "2026-01-01\tThursday\tNew Year\xE2\x80\x99s Day\n"
        "2026-04-03\tFriday\tGood Friday\n"
        "2026-04-06\tMonday\tEaster Monday\n"
        "2026-05-04\tMonday\tEarly May bank holiday\n"
        "2026-05-25\tMonday\tSpring bank holiday\n"
        "2026-08-31\tMonday\tSummer bank holiday\n"
        "2026-12-25\tFriday\tChristmas Day\n"
        "2026-12-28\tMonday\tBoxing Day (substitute day)\n");
}

TEST_CASE("the holidays command takes one-off changes from a published bank-holidays.json") {
  Run run = Command({"holidays", "--year", "2022", "--bank-holidays-json",
                     OUTPOST_TEST_DATA_DIR "/bank-holidays.json"});
  CHECK(run.code == 0);
  CHECK(run.out.find("2022-06-03\tFriday\tPlatinum Jubilee bank holiday\n") != std::string::npos);
  CHECK(run.out.find("2022-09-19\tMonday\t") != std::string::npos);
  CHECK(run.out.find("2022-05-30") == std::string::npos);  // moved to 2 June that year
}

TEST_CASE("the holidays command names the flag that is wrong") {
  Run missing = Command({"holidays"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("--year: is required") != std::string::npos);
  Run bad = Command({"holidays", "--year", "twenty"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--year: must be a year") != std::string::npos);
  Run unknown = Command({"holidays", "--yaer", "2026"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("--yaer: is not a flag of holidays") != std::string::npos);
}

TEST_CASE("the compliance command prints every rule of every participant in the central store") {
  testing::TempDir dir;
  {
    auto db = store::Database::Open(server::CentralStorePath(dir.path()), store::JournalMode::kWal);
    REQUIRE(db.ok());
    REQUIRE(store::MigrateToLatest(**db, store::Side::kServer).ok());
    REQUIRE(server::SeedDemo(**db, *ParseUtc("2026-11-23T09:00:00Z"), 1000).ok());
  }
  Run run = Command({"compliance", "--data-dir", dir.path(), "--as-of", "2026-11-23"});
  REQUIRE(run.code == 0);
  size_t lines = 0;
  for (char c : run.out) lines += c == '\n';
  CHECK(lines == 1 + 6 * 15);  // header, then 15 rules for each of the six demo participants
  CHECK(run.out.rfind("participant_id,as_of,phase,day_of_provision,rule,status,", 0) == 0);
  // Dafydd Morgan was referred six days ago and has not started: his initial meeting is due
  // 15 working days after the referral (4.08).
  CHECK(run.out.find("0b6f3c1e-5d1a-4c77-9a0e-1f2d3c4b5a61,2026-11-23,awaiting-start,0,"
                     "initial-meeting,due,2026-12-08,") != std::string::npos);
}

TEST_CASE("the compliance command refuses a folder with no central store, creating nothing") {
  testing::TempDir dir;
  Run run = Command({"compliance", "--data-dir", dir.path(), "--as-of", "2026-11-23"});
  CHECK(run.code == 1);
  CHECK(run.err.find("no central store") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(server::CentralStorePath(dir.path())));
}
