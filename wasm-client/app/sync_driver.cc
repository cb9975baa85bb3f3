#include "wasm-client/app/sync_driver.h"

#include <charconv>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/sync/codec.h"

namespace outpost::client {

namespace {

constexpr int kPushBatch = 500;
constexpr int kPullPage = 2000;

// The error a non-200 answer carries, in words.
Status FromHttp(const sync::HttpResponse& response) {
  auto body = sync::DecodeErrorBody(response.body);
  std::string what = body.ok() ? body->message : "the server answered " + std::to_string(response.status);
  if (response.status == 401) return Status::Unauthenticated("server", what);
  if (response.status == 403) return Status::PermissionDenied("server", what);
  if (response.status >= 500) return Status::Unavailable("server", what);
  return Status::InvalidArgument("server", what);
}

}  // namespace

void SyncDriver::Tick(bool online, const std::string& token, bool requested) {
  const int64_t now = hooks_.now_ms();
  if (online && !was_online_) next_attempt_ms_ = 0;  // back online: try at once
  was_online_ = online;
  if (!online || token.empty() || in_flight_) return;
  auto waiting = store::CountWaiting(db_);
  bool due = requested || (waiting.ok() && *waiting > 0) || now - last_pull_ms_ >= kPullEveryMs;
  if (!due || (!requested && now < next_attempt_ms_)) return;
  token_ = token;
  in_flight_ = true;
  sent_ = received_ = 0;
  Push();
}

void SyncDriver::Push() {
  auto waiting = store::WaitingChanges(db_, kPushBatch);
  if (!waiting.ok()) return Finish(waiting.status());
  if (waiting->empty()) return Pull();
  auto device_id = store::GetDeviceState(db_, "device_id");
  if (!device_id.ok()) return Finish(device_id.status());
  sync::PushRequest request{sync::kProtocolVersion, *device_id, *waiting};
  std::vector<sync::Change> batch = std::move(*waiting);
  transport_.Send(
      {"POST", "/api/v1/push", token_, sync::Encode(request)},
      [this, batch](StatusOr<sync::HttpResponse> response) {
        if (!response.ok()) {
          (void)store::NoteAttemptFailed(db_, batch, response.status().what());
          return Finish(response.status());
        }
        if (response->status != 200) return Finish(FromHttp(*response));
        auto receipt = sync::DecodePushResponse(response->body);
        if (!receipt.ok()) return Finish(receipt.status());
        std::vector<std::string> confirmed = receipt->applied;
        confirmed.insert(confirmed.end(), receipt->already_known.begin(),
                         receipt->already_known.end());
        Status stored = store::ConfirmChanges(db_, confirmed, receipt->received_at);
        if (!stored.ok()) return Finish(stored);
        sent_ += static_cast<int64_t>(confirmed.size());
        if (!receipt->rejected.empty()) {
          // Kept in the outbox with the server's reason; pushing on would loop on them.
          std::vector<sync::Change> rejected;
          for (const auto& r : receipt->rejected)
            for (const auto& c : batch)
              if (c.ChangeId() == r.change_id) rejected.push_back(c);
          (void)store::NoteAttemptFailed(db_, rejected, receipt->rejected.front().reason);
          hooks_.records_changed();
          return Finish(Status::InvalidArgument(receipt->rejected.front().where,
                                                receipt->rejected.front().reason));
        }
        hooks_.records_changed();
        Push();  // the next batch, or on to the pull
      });
}

void SyncDriver::Pull() {
  auto cursor = store::GetDeviceState(db_, "pull_cursor");
  if (!cursor.ok()) return Finish(cursor.status());
  const std::string since = cursor->empty() ? "0" : *cursor;
  transport_.Send(
      {"GET", "/api/v1/pull?since=" + since + "&limit=" + std::to_string(kPullPage), token_, ""},
      [this](StatusOr<sync::HttpResponse> response) {
        if (!response.ok()) return Finish(response.status());
        if (response->status != 200) return Finish(FromHttp(*response));
        auto page = sync::DecodePullResponse(response->body);
        if (!page.ok()) return Finish(page.status());
        auto applied = store::ApplyChanges(db_, page->changes, {});
        if (!applied.ok()) return Finish(applied.status());
        Status moved = store::SetDeviceState(db_, "pull_cursor", std::to_string(page->next_cursor));
        if (!moved.ok()) return Finish(moved);
        received_ += static_cast<int64_t>(page->changes.size());
        if (!page->changes.empty()) hooks_.records_changed();
        if (page->more) return Pull();
        last_pull_ms_ = hooks_.now_ms();
        Finish(Status::Ok());
      });
}

void SyncDriver::Finish(Status outcome) {
  // Whatever happened, what the round stored (confirmations, pulled records) is made durable.
  hooks_.flush_storage([this, outcome](Status flushed) {
    in_flight_ = false;
    Status result = outcome.ok() ? flushed : outcome;
    if (result.ok()) {
      last_error_.clear();
      backoff_ms_ = 0;
      next_attempt_ms_ = 0;
      last_synced_at_ = FormatUtc(hooks_.now_ms());
      return;
    }
    last_error_ = result.what();
    backoff_ms_ = backoff_ms_ == 0 ? 2000 : std::min<int64_t>(backoff_ms_ * 2, 60000);
    next_attempt_ms_ = hooks_.now_ms() + backoff_ms_;
    if (result.code() == Status::Code::kUnauthenticated) hooks_.signed_out();
  });
}

void SyncDriver::Fill(SyncView& view) const {
  view.in_flight = in_flight_;
  view.sent = sent_;
  view.received = received_;
  view.last_synced_at = last_synced_at_;
  view.last_error = last_error_;
  auto waiting = store::CountWaiting(db_);
  view.waiting = waiting.ok() ? *waiting : 0;
}

}  // namespace outpost::client
