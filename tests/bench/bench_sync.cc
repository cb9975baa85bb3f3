// Benchmark: the server's sync path on real SQLite files in a temporary folder. Not a test: it
// prints figures as `name: value unit` and never fails on a goal (only on a broken setup).
//
//   merge_changes_per_s       100,000 new contacts (about 550 bytes each as JSON, printed as
//                             merge_change_bytes: more than the 350, as each carries
//                             its chain's hash and clock) from four key workers' tablets,
//                             pushed 500 at a time through the real path as the server runs it
//                             when tablets push at once: one thread decodes each push
//                             (sync::DecodePushRequestInto) and checks it (server::CheckPush:
//                             validation, chain hashes), as a request thread does before taking
//                             the store's lock, while another runs server::Push (chain check,
//                             caseload authorisation, merge, receipts) and sync::Encode of the
//                             reply for the push before, on a WAL central store. Bodies are
//                             encoded before timing.
//   raw_sqlite_inserts_per_s  the honest floor: one prepared INSERT per row of the same bytes
//                             into a table keyed by a time-ordered integer, 500 rows per
//                             transaction, same pragmas as the central store (store::Database).
//   merge_vs_raw_ratio        the first over the second (goal: at least 0.5). The two are timed
//                             in turns, 20 pushes then the same 10,000 rows, so that a machine
//                             slowed for a while (a shared VM, fsync of varying cost) slows both
//                             alike rather than whichever ran then. Three rounds on new files:
//                             the figures of the round with the middle ratio.
//   merge_processor_us_per_change, raw_processor_us_per_row
//                             processor time of each, on all threads, waiting for the disk left
//                             out: the work a change costs, whatever overlaps it. Steadier
//                             from run to run than the clock on a shared machine, so it shows
//                             what a change of the code gains.
//   replay_changes_per_s      the same 200 pushes again: every change already known (goal: faster
//                             than new).
//   first_sync_ms             a new tablet's first pull of a 40-participant caseload with two years
//                             of records (8,000 contacts, 2,000 signed plan versions), pages of
//                             2,000: server::Pull, sync::Encode, sync::DecodePullResponse,
//                             store::ApplyPulledPage into the tablet's SQLite (changes, cursor
//                             and holding lists in one transaction).
//                             HTTP and TLS are left out: this is the work either side of the
//                             socket.
//                             Best of three new tablets (goal: under 500 ms).
// Every generator uses a fixed seed, so each run stores the same records.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "shared/base/sha256.h"
#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/store/database.h"
#include "shared/store/migrations.h"
#include "shared/sync/codec.h"
#include "sync-server/sync_service.h"

namespace {

using namespace outpost;
using Clock = std::chrono::steady_clock;

constexpr int kMergeChanges = 100000;
constexpr int kPushSize = 500;
constexpr int kKeyWorkers = 4;
constexpr int kCaseload = 40;
constexpr int kFirstSyncContacts = 200;  // per participant: 8,000 for a caseload of 40
constexpr int kFirstSyncPlans = 50;      // per participant: 2,000
constexpr int kPullPage = 2000;
constexpr int64_t kDayMs = 24LL * 3600 * 1000;

double Seconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// Seconds of processor time this process has used: unlike the clock, it leaves out waiting for
// the disk, so it shows the work a change costs.
double ProcessorSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
}

void Check(const Status& status, const char* what) {
  if (status.ok()) return;
  std::fprintf(stderr, "bench_sync: %s: %s\n", what, status.ToString().c_str());
  std::exit(1);
}

template <typename T>
T Take(StatusOr<T> value, const char* what) {
  Check(value.status(), what);
  return std::move(value).value();
}

class TempFolder {
 public:
  TempFolder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "outpost-bench-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("bench_sync: mkdtemp");
      std::exit(1);
    }
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::unique_ptr<store::Database> OpenCentral(const std::string& path) {
  auto db = Take(store::Database::Open(path, store::JournalMode::kWal), "open central store");
  (void)Take(store::MigrateToLatest(*db, store::Side::kServer), "migrate central store");
  return db;
}

// A UUIDv7-like id: the creation time in milliseconds as its first 48 bits, so ids made later
// sort later, as the tablets' ids do.
std::string TimeOrderedId(int64_t unix_ms, std::mt19937_64& rng) {
  const uint64_t a = rng(), b = rng();
  char text[48];
  std::snprintf(text, sizeof text, "%08" PRIx64 "-%04" PRIx64 "-7%03" PRIx64 "-%04" PRIx64
                "-%012" PRIx64,
                static_cast<uint64_t>(unix_ms) >> 16, static_cast<uint64_t>(unix_ms) & 0xffff,
                a & 0xfff, 0x8000 | ((a >> 12) & 0x3fff), b >> 16);
  return text;
}

// Numbers and chains changes as a tablet does: device_seq, prev_hash, a rising hybrid clock.
class Tablet {
 public:
  Tablet(std::string device_id, std::string author)
      : device_id_(std::move(device_id)), author_(std::move(author)) {}

  sync::Change Next(const char* record_type, std::string record_id, std::string participant_id,
                    const nlohmann::json& fields, int64_t wall_ms) {
    sync::Change c;
    c.device_id = device_id_;
    c.device_seq = ++seq_;
    c.prev_hash = last_hash_;
    char hlc[128];
    std::snprintf(hlc, sizeof hlc, "%013lld-%04d-%s", static_cast<long long>(wall_ms), 0,
                  device_id_.c_str());
    c.hlc = hlc;
    c.author = author_;
    c.record_type = record_type;
    c.record_id = std::move(record_id);
    c.participant_id = std::move(participant_id);
    c.fields = fields.dump();
    c.base = "{}";
    c.captured_at = FormatUtc(wall_ms);
    last_hash_ = sync::ChangeHash(c);
    return c;
  }

  const std::string& device_id() const { return device_id_; }
  const std::string& author() const { return author_; }

 private:
  std::string device_id_;
  std::string author_;
  int64_t seq_ = 0;
  std::string last_hash_;
};

std::string Minute(int64_t unix_ms) { return FormatUtc(unix_ms).substr(0, 16); }

const char* const kPlaces[] = {"Central Library", "Jobcentre, High St", "Home visit",
                               "Community Hub"};
const char* const kNotes[] = {"Reviewed CV; two applications sent",
                              "Mock interview, retail role",
                              "Discussed travel to work and childcare",
                              "Checked in; agreed next steps"};

nlohmann::json ContactFields(int64_t wall_ms, std::mt19937_64& rng) {
  const int roll = static_cast<int>(rng() % 10);
  nlohmann::json f = {{"occurred_at", Minute(wall_ms - 15 * 60 * 1000)},
                      {"location", kPlaces[rng() % 4]},
                      {"notes", kNotes[rng() % 4]},
                      {"outcome", roll == 9 ? "no_answer" : "attended"}};
  if (roll == 8) {
    f["mode"] = "telephone";
    f["digital_reason"] = "unwell";
  } else {
    f["mode"] = roll == 9 ? "telephone" : "face_to_face";
  }
  return f;
}

// A signed plan version: the plan text shown for signing (about 1 KB), its hash, and the
// participant's pen strokes on the glass.
nlohmann::json SignatureFields(int64_t wall_ms, int version, std::mt19937_64& rng) {
  std::string document = "Action Plan version " + std::to_string(version) + "\n";
  const char* const items[] = {
      "Apply for three warehouse or retail roles a week; bring the list to each meeting.",
      "Attend the confidence course at the Community Hub on Tuesdays (self efficacy).",
      "Book a GP review of medication before starting work trials (managing health).",
      "Two-week work experience placement at the garden centre, arranged by the provider.",
      "Practise the bus route to the industrial estate with the travel buddy scheme.",
      "Update the CV with the forklift certificate and the volunteering at the food bank.",
  };
  for (int i = 0; document.size() < 1000; ++i)
    document += std::to_string(i + 1) + ". " + items[(i + version) % 6] + "\n";
  std::string strokes = "[";
  for (int s = 0; s < 4; ++s) {
    strokes += s ? ",[" : "[";
    for (int p = 0; p < 14; ++p) {
      char point[48];
      std::snprintf(point, sizeof point, "%s%d %d %d", p ? "," : "",
                    static_cast<int>(100 + rng() % 400), static_cast<int>(40 + rng() % 120),
                    s * 400 + p * 16);
      strokes += point;
    }
    strokes += "]";
  }
  strokes += "]";
  return {{"signer_role", "participant"},
          {"signer_name", "Participant"},
          {"method", "handwritten"},
          {"strokes", strokes},
          {"document", document},
          {"document_hash", Sha256Hex(document)},
          {"plan_version", std::to_string(version)},
          {"signed_at", Minute(wall_ms)}};
}

std::string KeyWorker(int k) { return "key.worker" + std::to_string(k); }

// Participants assigned to key workers, stored as a supervisor's desk would: participant changes
// from a "seed" device and the matching assignment rows.
std::vector<std::vector<std::string>> SeedCaseloads(store::Database& db, int key_workers,
                                                    int64_t wall_ms, std::mt19937_64& rng) {
  Tablet desk("seed", "supervisor");
  std::vector<sync::Change> changes;
  std::vector<std::vector<std::string>> caseloads(key_workers);
  std::string assignments;
  for (int k = 0; k < key_workers; ++k) {
    for (int p = 0; p < kCaseload; ++p) {
      std::string id = TimeOrderedId(wall_ms + k * kCaseload + p, rng);
      changes.push_back(desk.Next("participant", id, id,
                                  {{"key_worker", KeyWorker(k)},
                                   {"given_name", "Given" + std::to_string(p)},
                                   {"family_name", "Family" + std::to_string(k)},
                                   {"start_date", "2024-01-08"}},
                                  wall_ms + k * kCaseload + p));
      assignments += std::string(assignments.empty() ? "" : ", ") + "('" + id + "', '" +
                     KeyWorker(k) + "', '')";
      caseloads[k].push_back(id);
    }
  }
  (void)Take(store::ApplyChanges(db, changes, {FormatUtc(wall_ms)}), "seed participants");
  Check(db.Exec("INSERT INTO assignments(participant_id, key_worker, assigned_at) VALUES " +
                assignments),
        "seed assignments");
  return caseloads;
}

struct Pushes {
  std::vector<server::Principal> principals;  // one per body
  std::vector<std::string> bodies;
  std::vector<int64_t> now_ms;
  std::vector<std::string> payloads;  // each change as JSON, for the raw baseline
  size_t change_bytes = 0;
};

// 100,000 contacts from four tablets, in pushes of 500, taking turns as tablets do.
Pushes MakePushes(const std::vector<std::vector<std::string>>& caseloads, int64_t start_ms,
                  std::mt19937_64& rng) {
  Pushes out;
  std::vector<Tablet> tablets;
  for (int k = 0; k < kKeyWorkers; ++k)
    tablets.emplace_back("tablet-" + std::to_string(k), KeyWorker(k));
  const int per_tablet = kMergeChanges / kKeyWorkers;
  const int64_t step_ms = 2 * 365 * kDayMs / per_tablet;  // two years of work per tablet
  for (int push = 0; push < per_tablet / kPushSize; ++push) {
    for (int k = 0; k < kKeyWorkers; ++k) {
      sync::PushRequest request;
      request.device_id = tablets[k].device_id();
      int64_t wall_ms = 0;
      for (int i = 0; i < kPushSize; ++i) {
        wall_ms = start_ms + (push * kPushSize + i) * step_ms + k * 1000;
        const std::string& participant = caseloads[k][rng() % caseloads[k].size()];
        request.changes.push_back(tablets[k].Next("contact", TimeOrderedId(wall_ms, rng),
                                                  participant, ContactFields(wall_ms, rng),
                                                  wall_ms));
        out.payloads.push_back(sync::EncodeChange(request.changes.back()));
        out.change_bytes += out.payloads.back().size();
      }
      request.sent_at = FormatUtc(wall_ms + 60000);
      out.principals.push_back({tablets[k].author(), "Key Worker", "key_worker",
                                tablets[k].device_id()});
      out.bodies.push_back(sync::Encode(request));
      out.now_ms.push_back(wall_ms + 60000);
    }
  }
  return out;
}

// Runs bodies [from, to) as the server does when tablets push at once: one thread decodes and
// checks (server::CheckPush) each push, as the server's request threads do before taking the
// store's lock, while another pushes the one before into the store and encodes its reply, as
// the thread holding the lock does. Returns how many changes the replies list as applied (or,
// for a replay, already known); exits if any was not.
size_t RunPushes(store::Database& db, const Pushes& pushes, bool expect_new, size_t from,
                 size_t to) {
  struct Checked {
    sync::PushRequest request;  // reused push after push, as each of the server's threads does
    server::PushChecks checks;
  };
  constexpr size_t kInFlight = 2;  // checked pushes waiting for the store, at most
  std::vector<Checked> slots(kInFlight);
  std::mutex mutex;
  std::condition_variable changed;
  size_t checked = from, written = from;  // pushes [from, checked) checked, [from, written) written
  std::thread checker([&] {
    for (size_t i = from; i < to; ++i) {
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return i - written < kInFlight; });
      }
      Checked& slot = slots[i % kInFlight];
      Check(sync::DecodePushRequestInto(pushes.bodies[i], &slot.request), "decode push");
      slot.checks = server::CheckPush(slot.request);
      {
        std::lock_guard lock(mutex);
        checked = i + 1;
      }
      changed.notify_all();
    }
  });
  size_t counted = 0;
  for (size_t i = from; i < to; ++i) {
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return checked > i; });
    }
    Checked& slot = slots[i % kInFlight];
    const sync::PushRequest& request = slot.request;
    sync::PushResponse response = Take(
        server::Push(db, pushes.principals[i], request, pushes.now_ms[i], &slot.checks), "push");
    const std::string reply = sync::Encode(response);
    if (reply.empty()) std::exit(1);
    const size_t n = expect_new ? response.applied.size() : response.already_known.size();
    if (n != request.changes.size() || !response.rejected.empty() || response.resend_from != 0) {
      std::fprintf(stderr, "bench_sync: push %zu: %zu of %zu %s, %zu rejected%s%s\n", i, n,
                   request.changes.size(), expect_new ? "applied" : "already known",
                   response.rejected.size(), response.rejected.empty() ? "" : ": ",
                   response.rejected.empty() ? "" : response.rejected[0].reason.c_str());
      std::exit(1);
    }
    counted += n;
    {
      std::lock_guard lock(mutex);
      written = i + 1;
    }
    changed.notify_all();
  }
  checker.join();
  return counted;
}

// The baseline's table, filled a slice at a time.
class RawTable {
 public:
  explicit RawTable(const std::string& path)
      : db_(Take(store::Database::Open(path, store::JournalMode::kWal), "open raw")) {
    Check(db_->Exec("CREATE TABLE raw(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)"),
          "raw table");
  }

  // Inserts payloads [from, to), kPushSize rows per transaction; returns the seconds taken.
  double Insert(const std::vector<std::string>& payloads, size_t from, size_t to) {
    auto insert = Take(db_->Prepare("INSERT INTO raw(id, payload) VALUES (?, ?)"), "prepare raw");
    const auto t0 = Clock::now();
    for (size_t start = from; start < to; start += kPushSize) {
      auto txn = Take(store::Transaction::Begin(*db_), "raw begin");
      for (size_t i = start; i < std::min(to, start + kPushSize); ++i)
        Check(insert.Bind(1, static_cast<int64_t>(i + 1)).Bind(2, payloads[i]).Run(),
              "raw insert");
      Check(txn->Commit(), "raw commit");
    }
    return Seconds(t0, Clock::now());
  }

 private:
  std::unique_ptr<store::Database> db_;
};

// A central store holding three key workers' caseloads, each with two years of records: weekly
// and extra contacts, and a signed plan version about every fortnight. Returns how many changes
// the first key worker's caseload holds: what a new tablet of theirs must pull.
int SeedFirstSyncStore(store::Database& db, std::mt19937_64& rng) {
  constexpr int kWorkers = 3;
  const int64_t start_ms = *ParseUtc("2023-01-02T09:00:00Z");
  auto caseloads = SeedCaseloads(db, kWorkers, start_ms - kDayMs, rng);
  struct Event {
    int64_t wall_ms;
    int key_worker;
    int participant;
    int plan_version;  // 0 for a contact
  };
  std::vector<Event> events;
  for (int k = 0; k < kWorkers; ++k)
    for (int p = 0; p < kCaseload; ++p) {
      for (int i = 0; i < kFirstSyncContacts; ++i)
        events.push_back({start_ms + i * 730 * kDayMs / kFirstSyncContacts +
                              static_cast<int64_t>(rng() % (3 * kDayMs)),
                          k, p, 0});
      for (int v = 0; v < kFirstSyncPlans; ++v)
        events.push_back({start_ms + v * 730 * kDayMs / kFirstSyncPlans +
                              static_cast<int64_t>(rng() % kDayMs),
                          k, p, v + 1});
    }
  std::sort(events.begin(), events.end(),
            [](const Event& a, const Event& b) { return a.wall_ms < b.wall_ms; });
  std::vector<Tablet> tablets;
  for (int k = 0; k < kWorkers; ++k)
    tablets.emplace_back("old-tablet-" + std::to_string(k), KeyWorker(k));
  std::vector<sync::Change> batch;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const std::string& participant = caseloads[e.key_worker][e.participant];
    const std::string id = TimeOrderedId(e.wall_ms, rng);
    batch.push_back(e.plan_version == 0
                        ? tablets[e.key_worker].Next("contact", id, participant,
                                                     ContactFields(e.wall_ms, rng), e.wall_ms)
                        : tablets[e.key_worker].Next(
                              "signature", id, participant,
                              SignatureFields(e.wall_ms, e.plan_version, rng), e.wall_ms));
    if (batch.size() == 5000 || i + 1 == events.size()) {
      (void)Take(store::ApplyChanges(db, batch, {FormatUtc(e.wall_ms + 60000)}), "seed records");
      batch.clear();
    }
  }
  return kCaseload * (1 + kFirstSyncContacts + kFirstSyncPlans);
}

struct FirstSync {
  double ms = 0;
  size_t changes = 0;
  int pages = 0;
};

FirstSync TimeFirstSync(store::Database& central, const server::Principal& who,
                        const std::string& client_path) {
  auto client =
      Take(store::Database::Open(client_path, store::JournalMode::kRollback), "open tablet");
  (void)Take(store::MigrateToLatest(*client, store::Side::kClient), "migrate tablet");
  FirstSync out;
  const auto t0 = Clock::now();
  // The tablet's side of the exchange, as sync::SyncSession does it: the cursor, and the lists
  // of what it holds that each reply gives and the next request sends back.
  int64_t since = 0;
  sync::PullResponse previous;
  while (true) {
    sync::PullResponse served =
        Take(server::Pull(central, who, since, kPullPage, previous.backfill_after,
                          previous.holding, previous.backfilling),
             "pull");
    const std::string body = sync::Encode(served);
    sync::PullResponse page = Take(sync::DecodePullResponse(body), "decode pull");
    Check(store::ApplyPulledPage(*client, page), "apply pulled page");
    out.changes += page.changes.size();
    ++out.pages;
    since = page.next_cursor;
    previous = std::move(page);
    if (!previous.more) break;
  }
  out.ms = Seconds(t0, Clock::now()) * 1000;
  return out;
}

// One round of the merge figures, on new files.
struct MergeRound {
  size_t merged = 0, replayed = 0;
  double merge_s = 0, raw_s = 0, merge_cpu_s = 0, raw_cpu_s = 0, replay_s = 0;
  double Ratio(size_t rows) const { return (merged / merge_s) / (rows / raw_s); }
};

MergeRound RunMergeRound(std::unique_ptr<store::Database> central, const Pushes& pushes,
                         const std::string& raw_path) {
  RawTable raw(raw_path);
  constexpr size_t kTurn = 20;  // pushes per turn
  MergeRound round;
  for (size_t from = 0; from < pushes.bodies.size(); from += kTurn) {
    const size_t to = std::min(pushes.bodies.size(), from + kTurn);
    const auto t0 = Clock::now();
    const double cpu_start = ProcessorSeconds();
    round.merged += RunPushes(*central, pushes, /*expect_new=*/true, from, to);
    round.merge_s += Seconds(t0, Clock::now());
    const double cpu0 = ProcessorSeconds();
    round.merge_cpu_s += cpu0 - cpu_start;
    round.raw_s += raw.Insert(pushes.payloads, from * kPushSize, to * kPushSize);
    round.raw_cpu_s += ProcessorSeconds() - cpu0;
  }
  const auto t0 = Clock::now();
  round.replayed = RunPushes(*central, pushes, /*expect_new=*/false, 0, pushes.bodies.size());
  round.replay_s = Seconds(t0, Clock::now());
  return round;
}

// Merge: 100,000 new changes, the same pushes again, and the raw baseline; three rounds on new
// files, the figures of the round with the middle ratio printed (a shared machine has slow
// spells no turn-taking evens out).
void BenchMerge(const TempFolder& folder, std::mt19937_64& rng) {
  const int64_t start_ms = *ParseUtc("2024-01-01T09:00:00Z");
  const std::mt19937_64 seed_rng = rng;  // each round's store gets the same participants
  Pushes pushes;
  std::vector<MergeRound> rounds;
  for (int r = 1; r <= 3; ++r) {
    auto central = OpenCentral(folder.File("central-" + std::to_string(r) + ".sqlite"));
    std::mt19937_64 round_rng = seed_rng;
    auto caseloads = SeedCaseloads(*central, kKeyWorkers, start_ms - kDayMs, round_rng);
    if (r == 1) pushes = MakePushes(caseloads, start_ms, rng);
    rounds.push_back(RunMergeRound(std::move(central), pushes,
                                   folder.File("raw-" + std::to_string(r) + ".sqlite")));
  }
  const size_t rows = pushes.payloads.size();
  std::sort(rounds.begin(), rounds.end(), [rows](const MergeRound& a, const MergeRound& b) {
    return a.Ratio(rows) < b.Ratio(rows);
  });
  const MergeRound& round = rounds[1];
  std::printf("merge_change_bytes: %zu bytes\n", pushes.change_bytes / rows);
  std::printf("merge_changes_per_s: %.0f changes/s\n", round.merged / round.merge_s);
  std::printf("raw_sqlite_inserts_per_s: %.0f rows/s\n", rows / round.raw_s);
  std::printf("merge_vs_raw_ratio: %.2f ratio\n", round.Ratio(rows));
  std::printf("merge_vs_raw_ratio_lowest_round: %.2f ratio\n", rounds[0].Ratio(rows));
  std::printf("merge_vs_raw_ratio_highest_round: %.2f ratio\n", rounds[2].Ratio(rows));
  std::printf("merge_processor_us_per_change: %.2f us\n", round.merge_cpu_s * 1e6 / round.merged);
  std::printf("raw_processor_us_per_row: %.2f us\n", round.raw_cpu_s * 1e6 / rows);
  std::printf("replay_changes_per_s: %.0f changes/s\n", round.replayed / round.replay_s);
  std::fflush(stdout);
}

// First sync: best of three new tablets pulling the same caseload.
void BenchFirstSync(const TempFolder& folder, std::mt19937_64& rng) {
  auto store = OpenCentral(folder.File("first-sync.sqlite"));
  const int caseload_changes = SeedFirstSyncStore(*store, rng);
  FirstSync best;
  for (int run = 1; run <= 3; ++run) {
    const server::Principal who{KeyWorker(0), "Key Worker", "key_worker",
                                "new-tablet-" + std::to_string(run)};
    FirstSync sync =
        TimeFirstSync(*store, who, folder.File("tablet-" + std::to_string(run) + ".sqlite"));
    if (sync.changes != static_cast<size_t>(caseload_changes)) {
      std::fprintf(stderr, "bench_sync: first sync pulled %zu changes, expected %d\n",
                   sync.changes, caseload_changes);
      std::exit(1);
    }
    if (run == 1 || sync.ms < best.ms) best = sync;
  }
  std::printf("first_sync_ms: %.0f ms\n", best.ms);
  std::printf("first_sync_changes: %zu changes\n", best.changes);
}

}  // namespace

// `bench_sync merge` or `bench_sync first-sync` runs one part only (for profiling).
int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  TempFolder folder;
  std::mt19937_64 rng(20240115);
  if (only.empty() || only == "merge") BenchMerge(folder, rng);
  if (only.empty() || only == "first-sync") BenchFirstSync(folder, rng);
  return 0;
}
