// Authorization on every route (issue 5): a key worker writes and reads only their own caseload; a
// supervisor reads everything and reassigns; a compliance officer reads only; an administrator
// manages accounts and touches no records. The matrix below is the rule, one row per role, route
// and participant; the test runs every row against a real server over HTTPS.
//
// "own" is Grace, on Amira's caseload; "other" is Leah, on Ben's. Only the key worker (Amira) has a
// caseload, so for the other roles neither participant is theirs: the two columns show that they
// are treated alike.
#include <doctest/doctest.h>

#include <chrono>
#include <string_view>

#include "shared/base/utc_time.h"
#include "shared/sync/codec.h"
#include "tests/support/server_fixture.h"

using namespace outpost;
using outpost::testing::kGraceId;
using outpost::testing::kLeahId;
using outpost::testing::ServerFixture;
using outpost::testing::TestDevice;

namespace {

enum class Route {
  kSession,      // POST /api/v1/session
  kHealth,       // GET  /api/v1/health
  kPull,         // GET  /api/v1/pull?since=0: is the participant among the changes?
  kReview,       // POST /review/signin, then GET /review: is the participant on the page?
  kPushContact,  // POST /api/v1/push: a contact with the participant
  kReassign,     // POST /api/v1/push: the participant moved to the other key worker
};

std::string_view Name(Route route) {
  switch (route) {
    case Route::kSession: return "POST /api/v1/session";
    case Route::kHealth: return "GET /api/v1/health";
    case Route::kPull: return "GET /api/v1/pull";
    case Route::kReview: return "GET /review";
    case Route::kPushContact: return "POST /api/v1/push (contact)";
    case Route::kReassign: return "POST /api/v1/push (reassignment)";
  }
  return "?";
}

enum class Whose { kNone, kOwn, kOther };

struct Expectation {
  const char* role;
  Route route;
  Whose whose;
  int status;
  bool visible;  // pull and review: the participant's record comes back
};

constexpr bool kSeen = true, kHidden = false;
using enum Route;
using enum Whose;

// The matrix. Rows of one role run in this order on one server, so a row may rely on the ones
// above it (the supervisor's reassignments come last).
constexpr Expectation kMatrix[] = {
    // role                 route          whose   status  visible
    {"key_worker",          kSession,      kNone,  200,    kHidden},
    {"key_worker",          kHealth,       kNone,  200,    kHidden},
    {"key_worker",          kPull,         kOwn,   200,    kSeen},
    {"key_worker",          kPull,         kOther, 200,    kHidden},
    {"key_worker",          kReview,       kOwn,   403,    kHidden},
    {"key_worker",          kReview,       kOther, 403,    kHidden},
    {"key_worker",          kPushContact,  kOwn,   200,    kHidden},
    {"key_worker",          kPushContact,  kOther, 403,    kHidden},
    {"key_worker",          kReassign,     kOwn,   403,    kHidden},
    {"key_worker",          kReassign,     kOther, 403,    kHidden},

    {"supervisor",          kSession,      kNone,  200,    kHidden},
    {"supervisor",          kHealth,       kNone,  200,    kHidden},
    {"supervisor",          kPull,         kOwn,   200,    kSeen},
    {"supervisor",          kPull,         kOther, 200,    kSeen},
    {"supervisor",          kReview,       kOwn,   200,    kSeen},
    {"supervisor",          kReview,       kOther, 200,    kSeen},
    {"supervisor",          kPushContact,  kOwn,   200,    kHidden},
    {"supervisor",          kPushContact,  kOther, 200,    kHidden},
    {"supervisor",          kReassign,     kOwn,   200,    kHidden},
    {"supervisor",          kReassign,     kOther, 200,    kHidden},

    {"compliance_officer",  kSession,      kNone,  200,    kHidden},
    {"compliance_officer",  kHealth,       kNone,  200,    kHidden},
    {"compliance_officer",  kPull,         kOwn,   200,    kSeen},
    {"compliance_officer",  kPull,         kOther, 200,    kSeen},
    {"compliance_officer",  kReview,       kOwn,   200,    kSeen},
    {"compliance_officer",  kReview,       kOther, 200,    kSeen},
    {"compliance_officer",  kPushContact,  kOwn,   403,    kHidden},
    {"compliance_officer",  kPushContact,  kOther, 403,    kHidden},
    {"compliance_officer",  kReassign,     kOwn,   403,    kHidden},
    {"compliance_officer",  kReassign,     kOther, 403,    kHidden},

    {"administrator",       kSession,      kNone,  200,    kHidden},
    {"administrator",       kHealth,       kNone,  200,    kHidden},
    {"administrator",       kPull,         kOwn,   403,    kHidden},
    {"administrator",       kPull,         kOther, 403,    kHidden},
    {"administrator",       kReview,       kOwn,   403,    kHidden},
    {"administrator",       kReview,       kOther, 403,    kHidden},
    {"administrator",       kPushContact,  kOwn,   403,    kHidden},
    {"administrator",       kPushContact,  kOther, 403,    kHidden},
    {"administrator",       kReassign,     kOwn,   403,    kHidden},
    {"administrator",       kReassign,     kOther, 403,    kHidden},
};

// The user who plays each role; the fixture seeds the first two, this test adds the others.
const char* UserFor(std::string_view role) {
  if (role == "key_worker") return "amira.khan";
  if (role == "supervisor") return "carys.jones";
  if (role == "compliance_officer") return "eli.compliance";
  return "dana.admin";
}

struct Participant {
  const char* id;
  const char* key_worker;        // holds them at the start
  const char* reassigned_to;     // whom the reassignment rows move them to
};
constexpr Participant kOwnParticipant{kGraceId, "amira.khan", "ben.clarke"};
constexpr Participant kOtherParticipant{kLeahId, "ben.clarke", "amira.khan"};

std::string NowUtc() {
  return FormatUtc(std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count());
}

// One role's user, signed in on their own device, working through the rows in order.
class Actor {
 public:
  Actor(ServerFixture& f, std::string user)
      : f_(f), user_(std::move(user)), tablet_("device-" + user_) {}

  struct Observed {
    int status = 0;
    bool visible = false;
    std::string detail;  // the error body, for the failure message
  };

  Observed Run(Route route, const Participant* p) {
    switch (route) {
      case kSession: return SignIn();
      case kHealth: return Plain(f_.Client()->Get("/api/v1/health"));
      case kPull: return Pull(*p);
      case kReview: return Review(*p);
      case kPushContact: {
        TestDevice next = tablet_;
        return Push(next, next.Contact(p->id, user_));
      }
      case kReassign: {
        TestDevice next = tablet_;
        sync::Change c = testing::ParticipantChange(tablet_.id(), 0, p->id, p->reassigned_to);
        c.author = user_;
        return Push(next, next.Next(c));
      }
    }
    return {};
  }

 private:
  static Observed Plain(const httplib::Result& res) {
    if (!res) return {};
    return {res->status, false, res->body.substr(0, 300)};
  }

  Observed SignIn() {
    auto res = f_.Client()->Post(
        "/api/v1/session",
        sync::Encode(sync::SignInRequest{2, user_, user_ + "-pw", tablet_.id()}),
        "application/json");
    Observed o = Plain(res);
    if (o.status == 200) {
      auto session = sync::DecodeSignInResponse(res->body);
      if (session.ok()) token_ = session->token;
    }
    return o;
  }

  Observed Pull(const Participant& p) {
    auto res = f_.Client()->Get("/api/v1/pull?since=0", {{"Authorization", "Bearer " + token_}});
    Observed o = Plain(res);
    if (o.status == 200) {
      auto page = sync::DecodePullResponse(res->body);
      if (page.ok())
        for (const sync::Change& c : page->changes)
          o.visible = o.visible || c.participant_id == p.id;
    }
    return o;
  }

  // The review page lists each participant with their key worker's username.
  Observed Review(const Participant& p) {
    auto client = f_.Client();
    auto signed_in = client->Post("/review/signin",
                                  "username=" + user_ + "&password=" + user_ + "-pw",
                                  "application/x-www-form-urlencoded");
    if (!signed_in) return {};
    const std::string cookie = signed_in->get_header_value("Set-Cookie");
    if (cookie.empty()) return {signed_in->status, false, signed_in->body.substr(0, 300)};
    auto res = client->Get("/review", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
    Observed o = Plain(res);
    o.visible = o.status == 200 &&
                res->body.find(std::string(">") + p.key_worker + "<") != std::string::npos;
    return o;
  }

  // Pushes `change`, made on `next` (a copy of the tablet); the tablet keeps it only if the
  // server took it, as a real tablet's chain would.
  Observed Push(TestDevice& next, const sync::Change& change) {
    sync::PushRequest push{2, tablet_.id(), {change}, NowUtc()};
    auto res = f_.Client()->Post("/api/v1/push", {{"Authorization", "Bearer " + token_}},
                                 sync::Encode(push), "application/json");
    Observed o = Plain(res);
    if (o.status == 200) {
      auto reply = sync::DecodePushResponse(res->body);
      if (!reply.ok() || reply->applied.size() != 1) o.status = -1;  // 200 but not stored
      tablet_ = next;
    }
    return o;
  }

  ServerFixture& f_;
  std::string user_;
  TestDevice tablet_;
  std::string token_;
};

std::string KeyWorkerOf(ServerFixture& f, const char* participant_id) {
  std::string key_worker;
  REQUIRE(f.server().WithDatabase([&](store::Database& db) -> Status {
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement s,
        db.Prepare("SELECT key_worker FROM participants WHERE participant_id = ?"));
    s.Bind(1, participant_id);
    OUTPOST_ASSIGN_OR_RETURN(bool row, s.Step());
    if (row) key_worker = s.ColumnText(0);
    return Status::Ok();
  }).ok());
  return key_worker;
}

}  // namespace

TEST_CASE("every role meets every route as the matrix says: key workers their own caseload, "
          "supervisors everything and reassignment, compliance officers reading only, "
          "administrators no records") {
  for (const char* role : {"key_worker", "supervisor", "compliance_officer", "administrator"}) {
    ServerFixture f;  // a fresh central store per role: each role's rows start from the seed
    REQUIRE(f.server().WithDatabase([](store::Database& db) -> Status {
      OUTPOST_RETURN_IF_ERROR(server::CreateUser(db, "dana.admin", "Dana Admin", "administrator",
                                                 "dana.admin-pw", 1000, 1763900000000));
      return server::CreateUser(db, "eli.compliance", "Eli Compliance", "compliance_officer",
                                "eli.compliance-pw", 1000, 1763900000000);
    }).ok());
    Actor actor(f, UserFor(role));
    int rows = 0;
    for (const Expectation& row : kMatrix) {
      if (std::string_view(row.role) != role) continue;
      ++rows;
      const Participant* p = row.whose == kOwn     ? &kOwnParticipant
                             : row.whose == kOther ? &kOtherParticipant
                                                   : nullptr;
      const std::string name = std::string(role) + " | " + std::string(Name(row.route)) + " | " +
                                (row.whose == kOwn ? "own participant"
                                 : row.whose == kOther ? "someone else's participant"
                                                       : "no participant");
      const Actor::Observed seen = actor.Run(row.route, p);
      CHECK_MESSAGE(seen.status == row.status,
                    name << ": expected HTTP " << row.status << ", got " << seen.status << " "
                         << seen.detail);
      if (row.route == kPull || row.route == kReview)
        CHECK_MESSAGE(seen.visible == row.visible,
                      name << ": the participant should " << (row.visible ? "" : "not ")
                           << "come back");
    }
    CHECK_MESSAGE(rows == 10, role << " has a row for every route and participant");
    // Reassignment took effect only where the matrix allowed it.
    const bool reassigns = std::string_view(role) == "supervisor";
    CHECK_MESSAGE(KeyWorkerOf(f, kGraceId) == (reassigns ? "ben.clarke" : "amira.khan"), role);
    CHECK_MESSAGE(KeyWorkerOf(f, kLeahId) == (reassigns ? "amira.khan" : "ben.clarke"), role);
  }
}

TEST_CASE("health answers without a token, and every record route refuses a request without one") {
  ServerFixture f;
  auto client = f.Client();
  auto health = client->Get("/api/v1/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  auto pull = client->Get("/api/v1/pull?since=0");
  REQUIRE(pull);
  CHECK(pull->status == 401);
  TestDevice tablet("tablet-a");
  auto push = client->Post(
      "/api/v1/push",
      sync::Encode(sync::PushRequest{2, "tablet-a", {tablet.Contact(kGraceId, "amira.khan")},
                                     NowUtc()}),
      "application/json");
  REQUIRE(push);
  CHECK(push->status == 401);
  auto review = client->Get("/review");
  REQUIRE(review);
  CHECK(review->status == 200);  // the sign-in form, with no record on it
  CHECK(review->body.find("amira.khan") == std::string::npos);
}
