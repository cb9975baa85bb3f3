// SyncSession: a device's sync with the server, one round at a time, over an injected Transport
// (emscripten fetch on the tablet, a real HTTPS client in native tests).
//
// A round pushes the outbox oldest first in batches and handles the receipt: confirmed changes
// leave the outbox (after checking the server's hash of each), refused ones are quarantined with
// the reason, and when the server reports a gap or a broken chain the device queues its own
// changes again from the sequence the server asks for. Then it pulls pages since its cursor,
// applies them (idempotently, so a cursor that goes back is harmless), removes participants that
// left its caseload, and finally flushes storage.
//
// A round starts when the device is online, signed in, and has changes waiting, was asked to
// (Sync now), or has not pulled for kPullEveryMs. A failed round is retried with backoff (2 s
// doubling to 60 s); coming back online retries at once. A change leaves the outbox only when a
// receipt names it with the right hash: nothing waiting is ever dropped.
//
// The server's clock, read from each receipt, gives the device's clock offset (device_state
// "clock_offset_ms"), which the device adds to its own clock when it stamps new changes, so a
// tablet whose clock is wrong does not reorder other devices' edits.
//
// Single-threaded: call Tick() from the loop that also runs the Transport's callbacks.
#ifndef OUTPOST_SHARED_SYNC_SESSION_H_
#define OUTPOST_SHARED_SYNC_SESSION_H_

#include <cstdint>
#include <functional>
#include <string>

#include "shared/base/status.h"
#include "shared/store/database.h"
#include "shared/sync/transport.h"

namespace outpost::sync {

class SyncSession {
 public:
  static constexpr int64_t kPullEveryMs = 30000;
  static constexpr int kPushBatch = 500;
  static constexpr int kPullPage = 2000;

  struct Hooks {
    // Makes the replica durable, then calls back (the tablet: IndexedDB).
    std::function<void(std::function<void(Status)>)> flush_storage;
    std::function<int64_t()> now_ms;
    std::function<void()> records_changed;  // what the screens show may have changed
    std::function<void()> signed_out;       // the server refused the token
    // The server revoked this device: the caller erases its local data (store::EraseLocalData).
    std::function<void()> revoked;
  };

  struct Progress {
    bool in_flight = false;
    int64_t to_send = 0;      // waiting when the round started
    int64_t sent = 0;         // confirmed by the server this round
    int64_t received = 0;     // pulled this round
    int64_t waiting = 0;      // in the outbox now (quarantined included)
    int64_t quarantined = 0;  // refused by the server, waiting for a correction
    std::string last_synced_at;  // device clock, UTC, of the last successful round
    std::string last_error;      // of the last failed round, in words
    bool clock_flagged = false;  // the server says this device's clock is off
    int rounds_completed = 0;
  };

  SyncSession(store::Database& db, Transport& transport, Hooks hooks)
      : db_(db), transport_(transport), hooks_(std::move(hooks)) {}

  // Called often (every frame on the tablet). Starts a round if one is due; never blocks.
  void Tick(bool online, const std::string& token, bool requested);

  Progress progress() const;

 private:
  void Push();
  void Pull();
  void Finish(Status outcome);

  store::Database& db_;
  Transport& transport_;
  Hooks hooks_;
  std::string token_;
  bool was_online_ = false;
  int64_t next_attempt_ms_ = 0;
  int64_t backoff_ms_ = 0;
  int64_t last_pull_ms_ = -kPullEveryMs;
  int resends_ = 0;
  int64_t backfill_after_ = 0;  // while the server sends a reassigned participant's history
  Progress progress_;
};

}  // namespace outpost::sync

#endif  // OUTPOST_SHARED_SYNC_SESSION_H_
