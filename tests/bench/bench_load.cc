// bench_load: a real sync server under load from 200 simulated tablets, for a bounded time.
//
// Starts SyncServer in this process on 127.0.0.1 (any free port, TLS with the certificate it makes
// on first run, a temporary data dir), creates the key workers and their participants, then drives
// the tablets from a small pool of client threads over HTTPS. Each tablet signs in once, then
// loops: push a batch of 1 to 10 new contacts (chained and encoded exactly as a tablet does, with
// the real codec), then pull since its cursor. A push whose reply is lost or refused is sent again
// unchanged, as a tablet would, so the chain never breaks. The run stops after --seconds (60) or
// --max-requests (1,000,000), whichever comes first; --devices (200) and --threads (16 client
// threads) change the shape of the load.
//
// At the end every change a tablet holds a receipt for is looked up in the central store's change
// log by (device_id, device_seq) and its stored hash compared with the receipt: anything missing or
// different is "lost". Prints, one per line as `name: value unit`:
//   load_requests_per_s    requests answered (any status) per second of the run
//   load_push_p50_ms       median push round trip, as the tablet sees it
//   load_push_p99_ms       99th percentile push round trip (goal: under 100 ms)
//   load_errors            non-200 answers and transport failures (goal: 0)
//   load_changes_lost      receipted changes not in the central store as receipted (goal: 0)
// and, for context, load_pull_p99_ms and load_changes_pushed.
//
// Connections: each client thread keeps one keep-alive HTTPS connection and speaks for its tablets
// in turn; every request carries the tablet's own bearer token, so the server sees 200 devices.
// (A connection per tablet would leave ~200 idle keep-alive connections holding httplib's small
// worker pool, and the figures would measure that pool's waiting, not the server's work.)
// Nothing leaves 127.0.0.1; the data dir is removed at exit.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/sync/change.h"
#include "shared/sync/codec.h"
#include "shared/sync/hlc.h"
#include "sync-server/accounts.h"
#include "sync-server/server.h"
#include "tests/support/sample_changes.h"
#include "tests/support/temp_dir.h"

namespace {

using namespace outpost;
using Clock = std::chrono::steady_clock;

struct Options {
  int seconds = 60;
  int devices = 200;
  int threads = 16;
  int64_t max_requests = 1000000;
  int devices_per_key_worker = 2;  // a key worker with a tablet and a spare, both syncing
  int participants_per_key_worker = 2;
};

bool ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    const auto value = [&] { return std::atoll(argv[++i]); };
    if (std::strcmp(argv[i], "--seconds") == 0 && has_value) {
      options.seconds = static_cast<int>(value());
    } else if (std::strcmp(argv[i], "--devices") == 0 && has_value) {
      options.devices = static_cast<int>(value());
    } else if (std::strcmp(argv[i], "--threads") == 0 && has_value) {
      options.threads = static_cast<int>(value());
    } else if (std::strcmp(argv[i], "--max-requests") == 0 && has_value) {
      options.max_requests = value();
    } else {
      std::fprintf(stderr,
                   "usage: bench_load [--seconds N] [--devices N] [--threads N] "
                   "[--max-requests N]\n");
      return false;
    }
  }
  return options.seconds > 0 && options.devices > 0 && options.threads > 0 &&
         options.max_requests > 0;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "YYYY-MM-DDTHH:MM" (a contact's occurred_at) from a UTC instant.
std::string Minute(int64_t ms) { return FormatUtc(ms).substr(0, 16); }

// One simulated tablet: its identity, session, chain and what the server has receipted.
struct Device {
  std::string id;
  std::string key_worker;
  std::vector<std::string> participants;
  std::string token;
  sync::HybridClock clock{""};
  int64_t seq = 0;
  std::string last_hash;
  std::vector<sync::Change> unconfirmed;  // the batch in flight, resent until receipted
  std::map<int64_t, std::string> receipts;  // device_seq -> hash the server acknowledged
  int64_t cursor = 0;
};

struct ThreadFigures {
  std::vector<double> push_ms;
  std::vector<double> pull_ms;
  int64_t requests = 0;
  int64_t errors = 0;
  int64_t changes_pushed = 0;
  std::string first_error;
};

double Percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  const size_t at = std::min(values.size() - 1, static_cast<size_t>(p * values.size()));
  std::nth_element(values.begin(), values.begin() + at, values.end());
  return values[at];
}

std::string ParticipantId(int key_worker, int n) {
  char id[64];
  std::snprintf(id, sizeof id, "load-participant-%03d-%d", key_worker, n);
  return id;
}

// Accounts and caseloads, straight into the central store before the server listens.
Status Seed(store::Database& db, const Options& options, std::vector<Device>& devices) {
  const int key_workers =
      (options.devices + options.devices_per_key_worker - 1) / options.devices_per_key_worker;
  std::vector<sync::Change> participants;
  std::string assignments;
  for (int k = 0; k < key_workers; ++k) {
    const std::string user = "load.worker" + std::to_string(k);
    // 1,000 PBKDF2 iterations instead of the production 600,000: the run measures sync, and 200
    // sign-ins at full cost would take minutes of CPU. The verification code is the same.
    OUTPOST_RETURN_IF_ERROR(server::CreateUser(db, user, "Load Worker " + std::to_string(k),
                                               "key_worker", user + "-password", 1000, NowMs()));
    for (int n = 0; n < options.participants_per_key_worker; ++n) {
      const std::string id = ParticipantId(k, n);
      participants.push_back(testing::ParticipantChange(
          "load-seed", static_cast<int64_t>(participants.size()) + 1, id, user));
      assignments += std::string(assignments.empty() ? "" : ", ") + "('" + id + "', '" + user +
                     "', '')";
    }
  }
  OUTPOST_RETURN_IF_ERROR(
      store::ApplyChanges(db, participants, {FormatUtc(NowMs())}).status());
  OUTPOST_RETURN_IF_ERROR(db.Exec(
      "INSERT INTO assignments(participant_id, key_worker, assigned_at) VALUES " + assignments));
  for (int d = 0; d < options.devices; ++d) {
    Device device;
    const int k = d / options.devices_per_key_worker;
    device.id = "load-tablet-" + std::to_string(d);
    device.key_worker = "load.worker" + std::to_string(k);
    for (int n = 0; n < options.participants_per_key_worker; ++n)
      device.participants.push_back(ParticipantId(k, n));
    device.clock = sync::HybridClock(device.id);
    devices.push_back(std::move(device));
  }
  return Status::Ok();
}

class Driver {
 public:
  Driver(int port, Clock::time_point deadline, std::atomic<int64_t>& requests_left)
      : port_(port), deadline_(deadline), requests_left_(requests_left) {}

  // Runs one client thread's tablets until the deadline or the request bound.
  void Run(std::vector<Device*> mine, ThreadFigures& figures, uint32_t seed) {
    std::mt19937 random(seed);
    httplib::SSLClient client("127.0.0.1", port_);
    client.enable_server_certificate_verification(false);  // the server's own self-signed cert
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);  // one request is two writes (headers, body): no Nagle wait
    client.set_connection_timeout(10);
    client.set_read_timeout(60);
    client.set_write_timeout(60);
    for (Device* device : mine)
      if (!SignIn(client, *device, figures)) return;
    while (true) {
      for (Device* device : mine) {
        if (!MayContinue()) return;
        Push(client, *device, random, figures);
        if (!MayContinue()) return;
        Pull(client, *device, figures);
      }
    }
  }

 private:
  bool MayContinue() {
    return Clock::now() < deadline_ && requests_left_.fetch_sub(1) > 0;
  }

  static void Fail(ThreadFigures& figures, const std::string& what) {
    ++figures.errors;
    if (figures.first_error.empty()) figures.first_error = what;
  }

  static std::string Describe(const httplib::Result& result) {
    if (!result) return "transport: " + httplib::to_string(result.error());
    return "HTTP " + std::to_string(result->status) + ": " + result->body.substr(0, 200);
  }

  bool SignIn(httplib::SSLClient& client, Device& device, ThreadFigures& figures) {
    sync::SignInRequest request;
    request.username = device.key_worker;
    request.password = device.key_worker + "-password";
    request.device_id = device.id;
    auto result = client.Post("/api/v1/session", sync::Encode(request), "application/json");
    ++figures.requests;
    if (!result || result->status != 200) {
      Fail(figures, "sign-in " + Describe(result));
      return false;
    }
    auto reply = sync::DecodeSignInResponse(result->body);
    if (!reply.ok()) {
      Fail(figures, "sign-in reply: " + reply.status().ToString());
      return false;
    }
    device.token = reply->token;
    return true;
  }

  static sync::Change NextContact(Device& device, std::mt19937& random, int64_t now) {
    sync::Change c;
    c.device_id = device.id;
    c.device_seq = ++device.seq;
    c.prev_hash = device.last_hash;
    c.hlc = device.clock.Next(now);
    c.author = device.key_worker;
    c.record_type = "contact";
    c.record_id = "contact-" + device.id + "-" + std::to_string(c.device_seq);
    c.participant_id = device.participants[random() % device.participants.size()];
    c.fields = nlohmann::json{{"location", "Central Library"},
                              {"mode", "face_to_face"},
                              {"notes", "Load run: CV and two applications"},
                              {"occurred_at", Minute(now)},
                              {"outcome", "attended"}}
                   .dump();
    c.base = "{}";
    c.captured_at = FormatUtc(now);
    device.last_hash = sync::ChangeHash(c);
    return c;
  }

  httplib::Headers Auth(const Device& device) {
    return {{"Authorization", "Bearer " + device.token}};
  }

  void Push(httplib::SSLClient& client, Device& device, std::mt19937& random,
            ThreadFigures& figures) {
    const int64_t now = NowMs();
    if (device.unconfirmed.empty()) {
      const int batch = 1 + static_cast<int>(random() % 10);
      for (int i = 0; i < batch; ++i)
        device.unconfirmed.push_back(NextContact(device, random, now));
    }
    sync::PushRequest request;
    request.device_id = device.id;
    request.changes = device.unconfirmed;
    request.sent_at = FormatUtc(now);
    const std::string body = sync::Encode(request);
    const auto start = Clock::now();
    auto result = client.Post("/api/v1/push", Auth(device), body, "application/json");
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    ++figures.requests;
    if (!result || result->status != 200) return Fail(figures, "push " + Describe(result));
    figures.push_ms.push_back(ms);
    auto reply = sync::DecodePushResponse(result->body);
    if (!reply.ok()) return Fail(figures, "push reply: " + reply.status().ToString());
    std::map<std::string, std::string> sent;  // change id -> the hash this tablet computed
    for (const sync::Change& c : device.unconfirmed) sent[c.ChangeId()] = sync::ChangeHash(c);
    size_t receipted = 0;
    for (const auto* receipts : {&reply->applied, &reply->already_known}) {
      for (const sync::Receipt& receipt : *receipts) {
        auto mine = sent.find(receipt.change_id);
        if (mine == sent.end() || mine->second != receipt.hash)
          return Fail(figures, "push receipt does not match what was sent: " + receipt.change_id);
        device.receipts[std::atoll(receipt.change_id.c_str() + device.id.size() + 1)] =
            receipt.hash;
        ++receipted;
      }
    }
    if (receipted != device.unconfirmed.size() || !reply->rejected.empty() ||
        reply->resend_from != 0)
      return Fail(figures, "push receipted " + std::to_string(receipted) + " of " +
                               std::to_string(device.unconfirmed.size()) + ": " +
                               result->body.substr(0, 200));
    figures.changes_pushed += static_cast<int64_t>(device.unconfirmed.size());
    device.unconfirmed.clear();
  }

  void Pull(httplib::SSLClient& client, Device& device, ThreadFigures& figures) {
    const std::string path = "/api/v1/pull?since=" + std::to_string(device.cursor);
    const auto start = Clock::now();
    auto result = client.Get(path, Auth(device));
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    ++figures.requests;
    if (!result || result->status != 200) return Fail(figures, "pull " + Describe(result));
    figures.pull_ms.push_back(ms);
    auto reply = sync::DecodePullResponse(result->body);
    if (!reply.ok()) return Fail(figures, "pull reply: " + reply.status().ToString());
    for (const sync::Change& change : reply->changes) device.clock.Observe(change.hlc);
    device.cursor = reply->next_cursor;
  }

  int port_;
  Clock::time_point deadline_;
  std::atomic<int64_t>& requests_left_;
};

// Receipted changes that the central store does not hold, or holds with another hash.
StatusOr<int64_t> CountLost(store::Database& db, const std::vector<Device>& devices) {
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement stored,
      db.Prepare("SELECT device_seq, hash FROM changes WHERE device_id = ?"));
  int64_t lost = 0;
  for (const Device& device : devices) {
    std::map<int64_t, std::string> held;
    stored.Bind(1, device.id);
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, stored.Step());
      if (!row) break;
      held[stored.ColumnInt(0)] = stored.ColumnText(1);
    }
    stored.Reset();
    for (const auto& [seq, hash] : device.receipts) {
      auto it = held.find(seq);
      if (it == held.end() || it->second != hash) ++lost;
    }
  }
  return lost;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, options)) return 2;
  options.threads = std::min(options.threads, options.devices);

  testing::TempDir dir;
  server::ServerConfig config;
  config.port = 0;
  config.data_dir = dir.File("data");
  auto created = server::SyncServer::Create(config);
  if (!created.ok()) {
    std::fprintf(stderr, "bench_load: cannot start the server: %s\n",
                 created.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<server::SyncServer> server = std::move(created).value();
  std::vector<Device> devices;
  Status seeded = server->WithDatabase(
      [&](store::Database& db) { return Seed(db, options, devices); });
  if (!seeded.ok() || !server->Bind().ok()) {
    std::fprintf(stderr, "bench_load: cannot seed or bind: %s\n", seeded.ToString().c_str());
    return 1;
  }
  std::thread serving([&] { server->Run(); });

  std::atomic<int64_t> requests_left{options.max_requests};
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(options.seconds);
  Driver driver(server->port(), deadline, requests_left);
  std::vector<ThreadFigures> figures(options.threads);
  std::vector<std::thread> clients;
  for (int t = 0; t < options.threads; ++t) {
    std::vector<Device*> mine;
    for (int d = t; d < options.devices; d += options.threads) mine.push_back(&devices[d]);
    clients.emplace_back([&driver, &figures, mine, t] {
      driver.Run(mine, figures[t], 0x5eed0000u + static_cast<uint32_t>(t));
    });
  }
  for (std::thread& client : clients) client.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  int64_t lost = -1;
  Status checked = server->WithDatabase([&](store::Database& db) -> Status {
    OUTPOST_ASSIGN_OR_RETURN(lost, CountLost(db, devices));
    return Status::Ok();
  });
  server->Stop();
  serving.join();
  if (!checked.ok()) {
    std::fprintf(stderr, "bench_load: cannot read the central store: %s\n",
                 checked.ToString().c_str());
    return 1;
  }

  ThreadFigures all;
  for (ThreadFigures& f : figures) {
    all.push_ms.insert(all.push_ms.end(), f.push_ms.begin(), f.push_ms.end());
    all.pull_ms.insert(all.pull_ms.end(), f.pull_ms.begin(), f.pull_ms.end());
    all.requests += f.requests;
    all.errors += f.errors;
    all.changes_pushed += f.changes_pushed;
    if (all.first_error.empty()) all.first_error = f.first_error;
  }
  if (!all.first_error.empty())
    std::fprintf(stderr, "bench_load: first error: %s\n", all.first_error.c_str());
  std::printf("load_requests_per_s: %.1f req/s\n", all.requests / elapsed);
  std::printf("load_push_p50_ms: %.1f ms\n", Percentile(all.push_ms, 0.50));
  std::printf("load_push_p99_ms: %.1f ms\n", Percentile(all.push_ms, 0.99));
  std::printf("load_errors: %lld count\n", static_cast<long long>(all.errors));
  std::printf("load_changes_lost: %lld count\n", static_cast<long long>(lost));
  std::printf("load_pull_p99_ms: %.1f ms\n", Percentile(all.pull_ms, 0.99));
  std::printf("load_changes_pushed: %lld count\n", static_cast<long long>(all.changes_pushed));
  return 0;
}
