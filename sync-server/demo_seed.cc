#include "sync-server/demo_seed.h"

#include <nlohmann/json.hpp>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "sync-server/accounts.h"

namespace outpost::server {

namespace {

// A calendar date `days` before `now_ms`, YYYY-MM-DD.
std::string DaysAgo(int64_t now_ms, int days) {
  return FormatUtc(now_ms - int64_t{days} * 86400 * 1000).substr(0, 10);
}

struct DemoParticipant {
  const char* id;
  const char* key_worker;
  const char* given_name;
  const char* family_name;
  const char* ni_number;
  const char* date_of_birth;
  int referred_days_ago;
  int started_days_ago;  // -1: not started yet
  const char* journey_stage;
};

// Six journeys, so every phase shows up on a caseload from the first run.
constexpr DemoParticipant kParticipants[] = {
    {"0b6f3c1e-5d1a-4c77-9a0e-1f2d3c4b5a61", "amira.khan", "Dafydd", "Morgan", "QQ123456A",
     "1988-03-14", 6, -1, "Referred, initial meeting to book"},
    {"1c7a4d2f-6e2b-4d88-8b1f-2a3e4d5c6b72", "amira.khan", "Grace", "Okafor", "QQ234567B",
     "1979-11-02", 20, 9, "Started, action plan to agree"},
    {"2d8b5e3a-7f3c-4e99-9c2a-3b4f5e6d7c83", "amira.khan", "Tomasz", "Nowak", "QQ345678C",
     "1995-06-21", 215, 200, "Pre-Work Support"},
    {"3e9c6f4b-8a4d-4fa0-8d3b-4c5a6f7e8d94", "amira.khan", "Siân", "Evans", "QQ456789D",
     "1983-01-30", 330, 318, "In work: In-Work Support"},
    {"4fad7a5c-9b5e-4ab1-9e4c-5d6b7a8f9ea5", "ben.clarke", "Marcus", "Reid", "QQ567890E",
     "1991-09-09", 140, 128, "On a break in provision"},
    {"5abe8b6d-ac6f-4bc2-8f5d-6e7c8b9a0fb6", "ben.clarke", "Leah", "Price", "QQ678901F",
     "1986-04-17", 95, 80, "Failed to attend: re-engaging"},
};

}  // namespace

std::vector<DemoAccount> DemoAccounts() {
  return {{"amira.khan", "outpost-demo-amira", "key_worker", "Amira Khan"},
          {"ben.clarke", "outpost-demo-ben", "key_worker", "Ben Clarke"},
          {"carys.jones", "outpost-demo-carys", "supervisor", "Carys Jones"}};
}

Status SeedDemo(store::Database& db, int64_t now_ms, int password_iterations) {
  OUTPOST_ASSIGN_OR_RETURN(store::Statement count, db.Prepare("SELECT count(*) FROM users"));
  OUTPOST_ASSIGN_OR_RETURN(bool row, count.Step());
  if (row && count.ColumnInt(0) > 0)
    return Status::FailedPrecondition("demo", "the central store already has users");
  for (const DemoAccount& a : DemoAccounts())
    OUTPOST_RETURN_IF_ERROR(CreateUser(db, a.username, a.display_name, a.role, a.password,
                                       password_iterations, now_ms));
  std::vector<sync::Change> changes;
  int64_t seq = 0;
  for (const DemoParticipant& p : kParticipants) {
    nlohmann::json fields = {{"key_worker", p.key_worker},
                             {"given_name", p.given_name},
                             {"family_name", p.family_name},
                             {"ni_number", p.ni_number},
                             {"date_of_birth", p.date_of_birth},
                             {"referral_date", DaysAgo(now_ms, p.referred_days_ago)},
                             {"start_date", p.started_days_ago < 0 ? std::string()
                                                                   : DaysAgo(now_ms, p.started_days_ago)},
                             {"journey_stage", p.journey_stage}};
    sync::Change c;
    c.device_id = "server-demo";
    c.device_seq = ++seq;
    char hlc[64];
    std::snprintf(hlc, sizeof hlc, "%013lld-%04lld-server-demo", static_cast<long long>(now_ms),
                  static_cast<long long>(seq));
    c.hlc = hlc;
    c.author = "carys.jones";
    c.record_type = "participant";
    c.record_id = p.id;
    c.participant_id = p.id;
    c.fields = fields.dump();
    c.captured_at = FormatUtc(now_ms);
    changes.push_back(std::move(c));
  }
  return store::ApplyChanges(db, changes, {FormatUtc(now_ms)}).status();
}

}  // namespace outpost::server
