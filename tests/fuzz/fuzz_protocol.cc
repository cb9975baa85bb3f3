// fuzz_protocol: libFuzzer target for the sync protocol decoder and the server's request handling.
//
// Every input is offered, as a request body, to every sync::Decode* function. What decodes is
// checked against the codec's contract (Decode(Encode(m)) == m) and, for a push, carried down the
// path a push takes on the server: sync::ValidateChange, sync::ChangeHash and sync::EncodeChange
// of each change, then server::Push on a real central store (SQLite in memory, migrated, with one
// key worker, her participant and its assignment), twice, as a tablet that lost the first reply
// would. A decoded sign-in is run through server::SignIn. Each input ends with a server::Pull
// whose cursor and page size come from the input, so paging and backfill see odd values too.
//
// Oracles beyond the sanitizers (each aborts, so libFuzzer keeps the input):
//   - a decoded message re-encodes to bytes that decode to the same message;
//   - a retried push stores nothing new (idempotence, which sync_service.h promises);
//   - hostile input is refused with a 4xx-class Status, never Internal or DataLoss (a 500).
//
// The store is reset to its seeded state after any input that wrote to it, so an input behaves
// the same whether it runs first or millionth, and a saved crash reproduces alone. Nothing leaves
// the process: no files, no sockets.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/store/database.h"
#include "shared/store/migrations.h"
#include "shared/sync/change.h"
#include "shared/sync/codec.h"
#include "sync-server/accounts.h"
#include "sync-server/sync_service.h"
#include "tests/support/sample_changes.h"

namespace {

using namespace outpost;

// The golden push (tests/golden/sync/push_request.json) is Amira's tablet writing a contact for
// Grace, and the golden sign-in is hers, so the seeded store accepts the seed corpus and
// mutations start from a working push and a working sign-in.
constexpr const char* kKeyWorker = "amira.khan";
constexpr const char* kKeyWorkerPassword = "outpost-demo-amira";  // as in sign_in_request.json
constexpr const char* kDevice = "tab-3f9a1c22d0e4b7a1";
constexpr const char* kGrace = "1c7a4d2f-6e2b-4d88-8b1f-2a3e4d5c6b72";

[[noreturn]] void Broken(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz_protocol: %s %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

void Expect(bool holds, const char* what, std::string_view detail = {}) {
  if (!holds) Broken(what, detail);
}

// A refusal a client may be sent (4xx), not a server fault (5xx).
void ExpectRefusal(const Status& status, const char* call) {
  if (status.code() == Status::Code::kInternal || status.code() == Status::Code::kDataLoss)
    Broken(call, status.ToString());
}

std::unique_ptr<store::Database> OpenMemory() {
  auto db = store::Database::Open(":memory:", store::JournalMode::kRollback);
  if (!db.ok()) Broken("cannot open an in-memory database", db.status().ToString());
  return std::move(db).value();
}

// The central store every input starts from, and the working copy inputs write into.
struct Central {
  std::unique_ptr<store::Database> seeded = OpenMemory();
  std::unique_ptr<store::Database> db = OpenMemory();
  int64_t now_ms = *ParseUtc("2026-11-23T10:45:00Z");

  Central() {
    Status seeded_ok = Seed(*seeded);
    if (!seeded_ok.ok()) Broken("cannot seed the central store", seeded_ok.ToString());
    Reset();
  }

  Status Seed(store::Database& into) {
    OUTPOST_RETURN_IF_ERROR(store::MigrateToLatest(into, store::Side::kServer).status());
    // Few PBKDF2 iterations: a sign-in of the seeded user must not dominate an execution.
    OUTPOST_RETURN_IF_ERROR(server::CreateUser(into, kKeyWorker, "Amira Khan", "key_worker",
                                               kKeyWorkerPassword, 1000, now_ms));
    // Grace on Amira's caseload, and some history to pull: another of her tablets' contacts.
    testing::TestDevice other("tab-older");
    OUTPOST_RETURN_IF_ERROR(
        store::ApplyChanges(into,
                            {testing::ParticipantChange("seed", 1, kGrace, kKeyWorker),
                             other.Contact(kGrace, kKeyWorker), other.Contact(kGrace, kKeyWorker),
                             other.Contact(kGrace, kKeyWorker)},
                            {"2026-11-23T09:00:00Z"})
            .status());
    return into.Exec(std::string("INSERT INTO assignments(participant_id, key_worker, assigned_at) "
                                 "VALUES ('") +
                     kGrace + "', '" + kKeyWorker + "', '')");
  }

  // Makes the working copy the seeded store again (SQLite's backup API, memory to memory).
  void Reset() {
    sqlite3_backup* backup = sqlite3_backup_init(db->handle(), "main", seeded->handle(), "main");
    if (backup == nullptr) Broken("backup_init failed", sqlite3_errmsg(db->handle()));
    const int stepped = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE) Broken("cannot restore the seeded store");
    written_ = sqlite3_total_changes(db->handle());
  }
  void ResetIfWritten() {
    if (sqlite3_total_changes(db->handle()) != written_) Reset();
  }

 private:
  int written_ = 0;
};

Central& TheCentral() {
  static Central* central = new Central();  // lives for the whole fuzzing run
  return *central;
}

// FNV-1a of the input: a deterministic source for the choices an input does not spell out.
uint64_t Hash(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

template <typename Message, typename Decoder>
void CheckRoundTrip(const Message& message, Decoder decode, const char* name) {
  const std::string bytes = sync::Encode(message);
  auto again = decode(bytes);
  Expect(again.ok(), name, "re-encoded message does not decode");
  Expect(*again == message, name, "re-encoded message decodes to something else");
  Expect(sync::Encode(*again) == bytes, name, "encoding is not deterministic");
}

void FuzzPush(Central& central, const sync::PushRequest& request, const server::Principal& who) {
  for (const sync::Change& change : request.changes) {
    (void)sync::ValidateChange(change);
    (void)sync::IsKnownRecordType(change.record_type);
    (void)sync::IsEvidence(change.record_type);
    Expect(sync::ChangeHash(change).size() == 64, "ChangeHash is not 64 hex digits");
    auto fields = sync::CanonicalFields(change.fields);
    if (fields.ok()) {
      auto twice = sync::CanonicalFields(*fields);
      Expect(twice.ok() && *twice == *fields, "CanonicalFields is not idempotent", *fields);
    }
    (void)sync::EncodeChange(change);
  }
  // Checked first, as the server's route does before taking the store's lock; the retry is
  // checked inside Push.
  server::PushChecks checks = server::CheckPush(request);
  auto first = server::Push(*central.db, who, request, central.now_ms, &checks);
  if (!first.ok()) return ExpectRefusal(first.status(), "Push");
  auto retry = server::Push(*central.db, who, request, central.now_ms);
  if (!retry.ok()) return ExpectRefusal(retry.status(), "Push (retry)");
  Expect(retry->applied.empty(), "a retried push stored changes again");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Central& central = TheCentral();
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const uint64_t choice = Hash(body);

  if (auto m = sync::DecodeSignInResponse(body); m.ok())
    CheckRoundTrip(*m, sync::DecodeSignInResponse, "SignInResponse");
  if (auto m = sync::DecodePushResponse(body); m.ok())
    CheckRoundTrip(*m, sync::DecodePushResponse, "PushResponse");
  if (auto m = sync::DecodePullResponse(body); m.ok())
    CheckRoundTrip(*m, sync::DecodePullResponse, "PullResponse");
  if (auto m = sync::DecodeErrorBody(body); m.ok())
    CheckRoundTrip(*m, sync::DecodeErrorBody, "ErrorBody");

  if (auto m = sync::DecodeSignInRequest(body); m.ok()) {
    CheckRoundTrip(*m, sync::DecodeSignInRequest, "SignInRequest");
    // Only the seeded user: any other name is checked against a 600,000-iteration dummy hash
    // (by design, so timing hides which users exist), which would make each such input ~0.5 s.
    if (m->username == kKeyWorker) {
      auto session = server::SignIn(*central.db, *m, central.now_ms);
      if (!session.ok()) ExpectRefusal(session.status(), "SignIn");
    }
  }

  // The key worker, or (for about one input in four) a supervisor on the same device, who may
  // reassign participants and reads the whole log.
  const bool supervisor = choice % 4 == 0;
  const server::Principal who{supervisor ? "carys.jones" : kKeyWorker,
                              supervisor ? "Carys Jones" : "Amira Khan",
                              supervisor ? "supervisor" : "key_worker", kDevice};
  // As a server thread does, into a request kept from the inputs before: the same verdict and
  // request as a fresh decode.
  static sync::PushRequest kept;
  const Status into = sync::DecodePushRequestInto(body, &kept);
  if (auto m = sync::DecodePushRequest(body); m.ok()) {
    Expect(into.ok() && kept == *m, "DecodePushRequestInto differs from DecodePushRequest");
    CheckRoundTrip(*m, sync::DecodePushRequest, "PushRequest");
    FuzzPush(central, *m, who);
  } else {
    Expect(!into.ok() && into.where() == m.status().where(),
           "DecodePushRequestInto accepted or placed differently what DecodePushRequest refused");
  }

  // The pull route accepts since >= 0 and 1 <= limit <= kMaxChangesPerPull; stay inside that,
  // mostly near the seeded log so pages, cursors and backfill all come into play.
  const int64_t since = static_cast<int64_t>((choice >> 8) % 8);
  const int limit = (choice >> 16) % 8 == 0 ? sync::kMaxChangesPerPull
                                            : 1 + static_cast<int>((choice >> 24) % 4);
  auto page = server::Pull(*central.db, who, since, limit);
  if (!page.ok()) {
    ExpectRefusal(page.status(), "Pull");
  } else {
    Expect(static_cast<int>(page->changes.size()) <= limit, "Pull returned more than the limit");
    CheckRoundTrip(*page, sync::DecodePullResponse, "PullResponse (pulled)");
  }

  central.ResetIfWritten();
  return 0;
}
