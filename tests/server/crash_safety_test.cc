// Crash safety (issue 5): the real server process is killed with SIGKILL while a push of
// kMaxChangesPerPush chained contacts is in flight. The central store, read straight from its
// file afterwards, holds either the whole batch or none of it, with the device's chain in step;
// after a restart the tablet's retry of the same push leaves every change stored exactly once.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "shared/sync/codec.h"
#include "sync-server/accounts.h"
#include "sync-server/server.h"
#include "tests/support/server_fixture.h"

extern char** environ;

using namespace outpost;
using outpost::testing::kGraceId;
using outpost::testing::TempDir;
using outpost::testing::TestDevice;

namespace {

using Clock = std::chrono::steady_clock;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Writing to a socket the killed server no longer reads must fail, not end the test binary.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() { previous_ = std::signal(SIGPIPE, SIG_IGN); }
  ~IgnoreSigpipe() { std::signal(SIGPIPE, previous_); }

 private:
  void (*previous_)(int);
};

// outpost-sync-server running as a child process on 127.0.0.1. The destructor kills it with
// SIGKILL and reaps it, so no server outlives a test, whatever fails.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& data_dir) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, out[1]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> args = {OUTPOST_SERVER_BINARY, "--data-dir", data_dir, "--port", "0",
                                      "--bind", "127.0.0.1"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    stdout_ = out[0];
    REQUIRE_MESSAGE(spawned == 0, "cannot start " << OUTPOST_SERVER_BINARY);
    // "listening on https://localhost:PORT/ ...", within ten seconds.
    const std::string marker = "listening on https://localhost:";
    std::string seen;
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline && seen.find('\n', seen.find(marker)) == std::string::npos) {
      pollfd p{stdout_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char buffer[512];
      const ssize_t n = read(stdout_, buffer, sizeof buffer);
      if (n <= 0) break;  // the server exited
      seen.append(buffer, static_cast<size_t>(n));
    }
    const size_t at = seen.find(marker);
    if (at != std::string::npos) port_ = std::atoi(seen.c_str() + at + marker.size());
    if (port_ <= 0) {  // a constructor that fails runs no destructor
      Kill();
      close(stdout_);
    }
    REQUIRE_MESSAGE(port_ > 0, "the server did not start: " << seen);
  }
  ~ServerProcess() {
    Kill();
    close(stdout_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }

  // Kills the server with SIGKILL (no chance to finish anything) and reaps it. Returns the wait
  // status, or -1 if it was reaped already.
  int Kill() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

  std::unique_ptr<httplib::SSLClient> Client() const {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", port_);
    client->enable_server_certificate_verification(false);  // its own self-signed certificate
    client->set_connection_timeout(5);
    client->set_read_timeout(20);
    client->set_write_timeout(20);
    return client;
  }

 private:
  pid_t pid_ = -1;
  int stdout_ = -1;
  int port_ = 0;
};

std::unique_ptr<store::Database> OpenCentral(const std::string& data_dir) {
  auto db = store::Database::Open(server::CentralStorePath(data_dir), store::JournalMode::kWal);
  REQUIRE(db.ok());
  return std::move(db).value();
}

int64_t Count(store::Database& db, const std::string& sql, const std::string& device) {
  auto s = db.Prepare(sql);
  REQUIRE(s.ok());
  s->Bind(1, device);
  auto row = s->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return s->ColumnInt(0);
}

// A central store with Amira, a key worker, and Grace on her caseload; made before any server
// runs on it, with few password iterations so sign-in is quick.
void SeedCentral(const std::string& data_dir) {
  std::filesystem::create_directories(data_dir);
  auto db = OpenCentral(data_dir);
  REQUIRE(store::MigrateToLatest(*db, store::Side::kServer).ok());
  REQUIRE(server::CreateUser(*db, "amira.khan", "Amira Khan", "key_worker", "amira.khan-pw", 1000,
                             NowMs())
              .ok());
  REQUIRE(store::ApplyChanges(*db, {testing::ParticipantChange("seed", 1, kGraceId, "amira.khan")},
                              {FormatUtc(NowMs())})
              .ok());
  REQUIRE(db->Exec(std::string("INSERT INTO assignments(participant_id, key_worker, assigned_at) "
                               "VALUES ('") + kGraceId + "', 'amira.khan', '')")
              .ok());
}

std::string SignIn(const ServerProcess& server, const std::string& device) {
  auto res = server.Client()->Post(
      "/api/v1/session",
      sync::Encode(sync::SignInRequest{2, "amira.khan", "amira.khan-pw", device}),
      "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  auto session = sync::DecodeSignInResponse(res->body);
  REQUIRE(session.ok());
  return session->token;
}

// A full push of one device's first kMaxChangesPerPush contacts, chained.
struct Batch {
  std::string device;
  std::string body;
  std::string last_hash;
};

Batch MakeBatch(const std::string& device) {
  TestDevice tablet(device);
  sync::PushRequest push{2, device, {}, FormatUtc(NowMs())};
  for (int i = 0; i < sync::kMaxChangesPerPush; ++i)
    push.changes.push_back(tablet.Contact(kGraceId, "amira.khan", "Visit " + std::to_string(i)));
  return {device, sync::Encode(push), sync::ChangeHash(push.changes.back())};
}

httplib::Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// What the store holds of one device's batch: the whole of it or nothing, never a part.
struct Held {
  int64_t changes = 0;
  int64_t distinct = 0;
  int64_t contacts = 0;
  int64_t chain_seq = -1;  // -1: no chain row
  std::string chain_hash;
};

Held Inspect(const std::string& data_dir, const std::string& device) {
  auto db = OpenCentral(data_dir);
  Held h;
  h.changes = Count(*db, "SELECT count(*) FROM changes WHERE device_id = ?", device);
  h.distinct = Count(*db, "SELECT count(DISTINCT device_seq) FROM changes WHERE device_id = ?",
                     device);
  h.contacts = Count(*db, "SELECT count(*) FROM contacts WHERE device_id = ?", device);
  auto chain = db->Prepare("SELECT last_seq, last_hash FROM device_chains WHERE device_id = ?");
  REQUIRE(chain.ok());
  chain->Bind(1, device);
  auto row = chain->Step();
  REQUIRE(row.ok());
  if (*row) {
    h.chain_seq = chain->ColumnInt(0);
    h.chain_hash = chain->ColumnText(1);
  }
  return h;
}

}  // namespace

TEST_CASE("kill -9 during a push leaves all of the batch or none of it, and the retry after a "
          "restart stores each change exactly once") {
  IgnoreSigpipe no_sigpipe;
  TempDir dir;
  const std::string data_dir = dir.File("data");
  SeedCentral(data_dir);
  const int64_t full = sync::kMaxChangesPerPush;

  // How long a whole push takes here, so the kills can be spread across it.
  int64_t push_ms = 0;
  {
    ServerProcess server(data_dir);
    const std::string token = SignIn(server, "tablet-calibrate");
    const Batch batch = MakeBatch("tablet-calibrate");
    const auto start = Clock::now();
    auto res = server.Client()->Post("/api/v1/push", Bearer(token), batch.body, "application/json");
    push_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  MESSAGE("a push of " << full << " contacts takes " << push_ms << " ms");

  // Kill points spread over the push, from while the body is still arriving to near the commit.
  const std::vector<double> fractions = {0.05, 0.25, 0.5, 0.75, 0.95};
  int rounds_with_none = 0, rounds_with_all = 0;
  for (size_t round = 0; round < fractions.size(); ++round) {
    const std::string device = "tablet-r" + std::to_string(round);
    const auto delay = std::chrono::milliseconds(
        std::max<int64_t>(1, static_cast<int64_t>(fractions[round] * push_ms)));
    CAPTURE(device);
    CAPTURE(delay.count());
    const Batch batch = MakeBatch(device);
    std::string token;
    bool answered = false;
    {
      ServerProcess server(data_dir);
      token = SignIn(server, device);
      auto client = server.Client();
      std::thread sender([&] {
        auto res = client->Post("/api/v1/push", Bearer(token), batch.body, "application/json");
        answered = static_cast<bool>(res);
      });
      std::this_thread::sleep_for(delay);
      const int status = server.Kill();
      sender.join();
      CHECK(WIFSIGNALED(status));
      CHECK(WTERMSIG(status) == SIGKILL);
    }

    // Straight from the file, with no server: all or nothing, and the chain agrees.
    const Held after_kill = Inspect(data_dir, device);
    CHECK((after_kill.changes == 0 || after_kill.changes == full));
    CHECK(after_kill.distinct == after_kill.changes);
    CHECK(after_kill.contacts == after_kill.changes);
    if (after_kill.changes == full) {
      ++rounds_with_all;
      CHECK(after_kill.chain_seq == full);
      CHECK(after_kill.chain_hash == batch.last_hash);
    } else {
      ++rounds_with_none;
      CHECK(after_kill.chain_seq == -1);
    }
    MESSAGE("round " << round << ": killed after " << delay.count() << " ms; the client "
                     << std::string(answered ? "had its reply" : "had no reply")
                     << "; the store held "
                     << after_kill.changes << " of " << full);

    // The tablet retries the same push, with the same session, once the server is back.
    {
      ServerProcess server(data_dir);
      auto res =
          server.Client()->Post("/api/v1/push", Bearer(token), batch.body, "application/json");
      REQUIRE(res);
      REQUIRE(res->status == 200);
      auto reply = sync::DecodePushResponse(res->body);
      REQUIRE(reply.ok());
      CHECK(static_cast<int64_t>(reply->applied.size()) == full - after_kill.changes);
      CHECK(static_cast<int64_t>(reply->already_known.size()) == after_kill.changes);
      CHECK(reply->rejected.empty());
      CHECK(reply->resend_from == 0);
    }
    const Held after_retry = Inspect(data_dir, device);
    CHECK(after_retry.changes == full);
    CHECK(after_retry.distinct == full);
    CHECK(after_retry.contacts == full);
    CHECK(after_retry.chain_seq == full);
    CHECK(after_retry.chain_hash == batch.last_hash);
  }
  MESSAGE(rounds_with_none << " rounds held none of the batch after the kill, " << rounds_with_all
                           << " held all of it");
}
