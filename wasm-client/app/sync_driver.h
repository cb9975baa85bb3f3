// SyncDriver: the tablet's background sync, one round at a time.
//
// A round pushes the outbox (oldest first, in batches), marks what the server's receipt lists as
// confirmed, then pulls pages since the stored cursor and applies them, then flushes storage.
// A round starts when the tablet is online, signed in and either has changes waiting, was asked
// to (Sync now), or has not pulled for kPullEveryMs. A failed round is retried with backoff
// (2 s doubling to 60 s); going offline and back online retries at once. Nothing waiting is ever
// dropped: a change leaves the outbox only when a receipt names it.
//
// [X] push, confirm from the receipt, pull paged, apply idempotently, flush
// [X] retries with backoff; progress (sent / received) for the status bar
// [X] a refused token (401) stops syncing and asks the key worker to sign in again, keeping the
//     outbox
// [ ] quarantine of changes the server rejected (issue 4): today they stay waiting with the reason
#ifndef OUTPOST_WASM_CLIENT_APP_SYNC_DRIVER_H_
#define OUTPOST_WASM_CLIENT_APP_SYNC_DRIVER_H_

#include <cstdint>
#include <functional>
#include <string>

#include "shared/base/status.h"
#include "shared/store/database.h"
#include "shared/sync/transport.h"
#include "wasm-client/app/app_state.h"

namespace outpost::client {

class SyncDriver {
 public:
  static constexpr int64_t kPullEveryMs = 30000;

  struct Hooks {
    std::function<void(std::function<void(Status)>)> flush_storage;
    std::function<int64_t()> now_ms;
    std::function<void()> records_changed;  // the App reloads what it shows
    std::function<void()> signed_out;       // the server refused the token
  };

  SyncDriver(store::Database& db, sync::Transport& transport, Hooks hooks)
      : db_(db), transport_(transport), hooks_(std::move(hooks)) {}

  // Called every frame. Starts a round if one is due; never blocks.
  void Tick(bool online, const std::string& token, bool requested);

  // For the status bar.
  void Fill(SyncView& view) const;

 private:
  void Push();
  void Pull();
  void Finish(Status outcome);

  store::Database& db_;
  sync::Transport& transport_;
  Hooks hooks_;
  std::string token_;
  bool in_flight_ = false;
  bool was_online_ = false;
  int64_t next_attempt_ms_ = 0;
  int64_t backoff_ms_ = 0;
  int64_t last_pull_ms_ = 0;
  int64_t sent_ = 0;
  int64_t received_ = 0;
  std::string last_synced_at_;
  std::string last_error_;
};

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_SYNC_DRIVER_H_
