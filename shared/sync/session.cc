#include "shared/sync/session.h"

#include <algorithm>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/sync/codec.h"

namespace outpost::sync {

namespace {

// A resend request that keeps coming back means the two sides disagree about the chain; stop
// and say so rather than loop.
constexpr int kMaxResendsPerRound = 3;

// The error a non-200 answer carries, in words.
Status FromHttp(const HttpResponse& response) {
  auto body = DecodeErrorBody(response.body);
  std::string what =
      body.ok() ? body->message : "the server answered " + std::to_string(response.status);
  if (response.status == 401) return Status::Unauthenticated("server", what);
  if (response.status == 403)
    return Status::PermissionDenied(body.ok() && body->where == "device_revoked" ? "device_revoked"
                                                                                  : "server",
                                    what);
  if (response.status >= 500) return Status::Unavailable("server", what);
  return Status::InvalidArgument("server", what);
}

}  // namespace

void SyncSession::Tick(bool online, const std::string& token, bool requested) {
  const int64_t now = hooks_.now_ms();
  if (online && !was_online_) next_attempt_ms_ = 0;  // back online: try at once
  was_online_ = online;
  if (!online || token.empty() || progress_.in_flight) return;
  auto waiting = store::WaitingChanges(db_, 1);
  bool due = requested || (waiting.ok() && !waiting->empty()) || now - last_pull_ms_ >= kPullEveryMs;
  if (!due || (!requested && now < next_attempt_ms_)) return;
  token_ = token;
  progress_.in_flight = true;
  progress_.sent = progress_.received = 0;
  auto count = store::CountWaiting(db_);
  progress_.to_send = count.ok() ? *count : 0;
  resends_ = 0;
  Push();
}

void SyncSession::Push() {
  auto waiting = store::WaitingChanges(db_, kPushBatch);
  if (!waiting.ok()) return Finish(waiting.status());
  if (waiting->empty()) return Pull();
  auto device_id = store::GetDeviceState(db_, "device_id");
  if (!device_id.ok()) return Finish(device_id.status());
  const int64_t sent_ms = hooks_.now_ms();
  PushRequest request{kProtocolVersion, *device_id, *waiting, FormatUtc(sent_ms)};
  std::vector<Change> batch = std::move(*waiting);
  transport_.Send(
      {"POST", "/api/v1/push", token_, Encode(request)},
      [this, batch, sent_ms](StatusOr<HttpResponse> response) {
        if (!response.ok()) {
          (void)store::NoteAttemptFailed(db_, batch, response.status().what());
          return Finish(response.status());
        }
        if (response->status != 200) return Finish(FromHttp(*response));
        auto receipt = DecodePushResponse(response->body);
        if (!receipt.ok()) return Finish(receipt.status());
        if (auto server_ms = ParseUtc(receipt->received_at); server_ms.ok()) {
          // The server read its clock about half-way through the round trip.
          int64_t offset = *server_ms - (sent_ms + (hooks_.now_ms() - sent_ms) / 2);
          (void)store::SetDeviceState(db_, "clock_offset_ms", std::to_string(offset));
        }
        progress_.clock_flagged = receipt->clock_flagged;
        std::vector<Receipt> confirmed = receipt->applied;
        confirmed.insert(confirmed.end(), receipt->already_known.begin(),
                         receipt->already_known.end());
        Status stored = store::ConfirmChanges(db_, confirmed, receipt->received_at);
        if (!stored.ok()) return Finish(stored);
        progress_.sent += static_cast<int64_t>(confirmed.size());
        if (!receipt->rejected.empty()) {
          Status quarantined = store::QuarantineChanges(db_, receipt->rejected);
          if (!quarantined.ok()) return Finish(quarantined);
        }
        if (receipt->resend_from > 0) {
          if (++resends_ > kMaxResendsPerRound)
            return Finish(Status::FailedPrecondition("push", receipt->problem));
          Status requeued = store::RequeueFrom(db_, receipt->resend_from);
          if (!requeued.ok()) return Finish(requeued);
        }
        hooks_.records_changed();
        Push();  // the next batch, or on to the pull
      });
}

void SyncSession::Pull() {
  auto cursor = store::GetDeviceState(db_, "pull_cursor");
  if (!cursor.ok()) return Finish(cursor.status());
  const std::string since = cursor->empty() ? "0" : *cursor;
  std::string path = "/api/v1/pull?since=" + since + "&limit=" + std::to_string(kPullPage);
  if (backfill_after_ > 0) path += "&backfill_after=" + std::to_string(backfill_after_);
  for (const char* key : {"holding", "backfilling"}) {
    auto ids = store::GetDeviceState(db_, std::string("pull_") + key);
    if (!ids.ok()) return Finish(ids.status());
    if (!ids->empty()) path += std::string("&") + key + "=" + *ids;
  }
  transport_.Send(
      {"GET", path, token_, ""},
      [this](StatusOr<HttpResponse> response) {
        if (!response.ok()) return Finish(response.status());
        if (response->status != 200) return Finish(FromHttp(*response));
        auto page = DecodePullResponse(response->body);
        if (!page.ok()) return Finish(page.status());
        Status applied = store::ApplyPulledPage(db_, *page);
        if (!applied.ok()) return Finish(applied);
        progress_.received += static_cast<int64_t>(page->changes.size());
        backfill_after_ = page->backfill_after;
        if (!page->changes.empty() || !page->removed_participants.empty()) hooks_.records_changed();
        if (page->more) return Pull();
        last_pull_ms_ = hooks_.now_ms();
        Finish(Status::Ok());
      });
}

void SyncSession::Finish(Status outcome) {
  backfill_after_ = 0;  // a new round starts any backfill again: repeats are harmless
  // Whatever happened, what the round stored (confirmations, pulled records) is made durable.
  hooks_.flush_storage([this, outcome](Status flushed) {
    progress_.in_flight = false;
    Status result = outcome.ok() ? flushed : outcome;
    if (result.ok()) {
      progress_.last_error.clear();
      backoff_ms_ = 0;
      next_attempt_ms_ = 0;
      progress_.last_synced_at = FormatUtc(hooks_.now_ms());
      ++progress_.rounds_completed;
      return;
    }
    progress_.last_error = result.what();
    backoff_ms_ = backoff_ms_ == 0 ? 2000 : std::min<int64_t>(backoff_ms_ * 2, 60000);
    next_attempt_ms_ = hooks_.now_ms() + backoff_ms_;
    if (result.code() == Status::Code::kUnauthenticated) hooks_.signed_out();
    if (result.where() == "device_revoked" && hooks_.revoked) hooks_.revoked();
  });
}

SyncSession::Progress SyncSession::progress() const {
  Progress p = progress_;
  auto waiting = store::CountWaiting(db_);
  p.waiting = waiting.ok() ? *waiting : 0;
  auto quarantined = store::CountQuarantined(db_);
  p.quarantined = quarantined.ok() ? *quarantined : 0;
  return p;
}

}  // namespace outpost::sync
