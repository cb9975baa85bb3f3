// An in-process network between simulated tablets and the real sync service, for property tests
// that need to decide, request by request, what the network does.
//
// Each tablet gets a LoopbackTransport bound to the Principal its token stands for. Send() only
// queues the request (the Transport contract: callbacks are never re-entrant); nothing reaches
// the server until the test calls Resolve() on a queued request with a Fate:
//   kDeliver       the server handles it and the tablet gets the answer;
//   kDrop          it never reaches the server; the tablet gets Unavailable;
//   kLoseResponse  the server handles it (and commits), the answer is lost: Unavailable;
//   kDuplicate     a copy (a "ghost", with no one waiting for its answer) is queued behind
//                  everything else and the original stays where it is, so the server may see the
//                  request twice, in either order, possibly after other devices' requests.
// Which queued request to resolve is the test's choice too, so requests of different tablets
// are delivered in any order.
//
// Serve() is what the server's routes do with a request, minus HTTP: parse the path, decode the
// JSON body with the shared codec, call server::Push or server::Pull on the central store, and
// encode the reply, or the error body with the status code of sync-server/http_errors.h. The
// bearer token must be present (401 otherwise); who the caller is comes from the transport.
//
// [X] push and pull, error bodies as the server sends them
// [X] drop, lose the answer after commit, duplicate, reorder
// [ ] sign-in (the tests give each tablet a token and Principal up front)
#ifndef OUTPOST_TESTS_SUPPORT_LOOPBACK_TRANSPORT_H_
#define OUTPOST_TESTS_SUPPORT_LOOPBACK_TRANSPORT_H_

#include <charconv>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "shared/store/database.h"
#include "shared/sync/codec.h"
#include "shared/sync/transport.h"
#include "sync-server/accounts.h"
#include "sync-server/http_errors.h"
#include "sync-server/sync_service.h"

namespace outpost::testing {

class LoopbackNetwork {
 public:
  enum class Fate { kDeliver, kDrop, kLoseResponse, kDuplicate };

  using Done = std::function<void(StatusOr<sync::HttpResponse>)>;

  struct Queued {
    server::Principal who;
    sync::HttpRequest request;
    Done done;  // empty for a ghost copy: nobody waits for its answer
    bool ghost() const { return !done; }
  };

  struct Counters {
    int64_t delivered = 0;       // answers that reached a tablet
    int64_t dropped = 0;         // requests (or ghosts) that never reached the server
    int64_t lost_responses = 0;  // handled by the server, answer lost
    int64_t duplicated = 0;      // ghost copies made
    int64_t ghosts_served = 0;   // ghost copies the server handled
  };

  // `central` must outlive the network; `server_now_ms` is the server's clock.
  LoopbackNetwork(store::Database& central, std::function<int64_t()> server_now_ms)
      : central_(central), server_now_ms_(std::move(server_now_ms)) {}

  void Enqueue(server::Principal who, sync::HttpRequest request, Done done) {
    queue_.push_back({std::move(who), std::move(request), std::move(done)});
  }

  size_t pending() const { return queue_.size(); }
  const Queued& at(size_t index) const { return queue_[index]; }

  // Takes the request at `index` (0 is the oldest) out of the queue and does with it what `fate`
  // says. A ghost's answer is thrown away whatever the fate; kDuplicate of a ghost is a no-op.
  // Precondition: index < pending().
  void Resolve(size_t index, Fate fate) {
    if (fate == Fate::kDuplicate) {
      if (queue_[index].ghost()) return;
      Queued copy = queue_[index];
      copy.done = nullptr;
      queue_.push_back(std::move(copy));
      ++counters_.duplicated;
      return;
    }
    Queued item = std::move(queue_[index]);
    queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(index));
    if (fate == Fate::kDrop) {
      ++counters_.dropped;
      if (!item.ghost()) item.done(Status::Unavailable("network", "the request never arrived"));
      return;
    }
    sync::HttpResponse response = Serve(item.who, item.request);
    if (item.ghost()) {
      ++counters_.ghosts_served;
      return;
    }
    if (fate == Fate::kLoseResponse) {
      ++counters_.lost_responses;
      item.done(Status::Unavailable("network", "the connection dropped before the answer"));
      return;
    }
    ++counters_.delivered;
    item.done(std::move(response));
  }

  // What the server answers to `request` from `who`, handled on the central store now.
  sync::HttpResponse Serve(const server::Principal& who, const sync::HttpRequest& request) {
    if (request.bearer_token.empty())
      return Error(Status::Unauthenticated("authorization", "a bearer token is required"));
    std::string_view path = request.path;
    if (request.method == "POST" && path == "/api/v1/push") {
      auto decoded = sync::DecodePushRequest(request.body);
      if (!decoded.ok()) return Error(decoded.status());
      auto reply = server::Push(central_, who, *decoded, server_now_ms_());
      if (!reply.ok()) return Error(reply.status());
      return {200, sync::Encode(*reply)};
    }
    constexpr std::string_view kPull = "/api/v1/pull";
    if (request.method == "GET" && path.substr(0, kPull.size()) == kPull) {
      std::string_view query = path.substr(kPull.size());
      if (!query.empty() && query.front() == '?') query.remove_prefix(1);
      int64_t since = 0;
      int64_t limit = sync::kMaxChangesPerPull;
      if (!QueryNumber(query, "since", since) || since < 0)
        return Error(Status::InvalidArgument("since", "must be a cursor of 0 or more"));
      if (!QueryNumber(query, "limit", limit) || limit < 1 || limit > sync::kMaxChangesPerPull)
        return Error(Status::InvalidArgument("limit", "must be 1 to 5000"));
      int64_t backfill_after = 0;
      if (!QueryNumber(query, "backfill_after", backfill_after) || backfill_after < 0)
        return Error(Status::InvalidArgument("backfill_after", "must be a sequence of 0 or more"));
      auto page = server::Pull(central_, who, since, static_cast<int>(limit), backfill_after,
                               QueryList(query, "holding"), QueryList(query, "backfilling"));
      if (!page.ok()) return Error(page.status());
      return {200, sync::Encode(*page)};
    }
    return Error(Status::NotFound("path", request.method + " " + request.path + " is not an API"));
  }

  const Counters& counters() const { return counters_; }

 private:
  static sync::HttpResponse Error(const Status& status) {
    return {server::HttpStatusFor(status.code()), sync::Encode(sync::ErrorBodyFor(status))};
  }

  // Reads `name`=<integer> from a query string into `value`; leaves `value` alone if absent.
  // False if present but not an integer.
  // The comma-separated list `name=a,b,c` of the query, or empty.
  static std::vector<std::string> QueryList(std::string_view query, std::string_view name) {
    std::vector<std::string> out;
    std::string key = std::string(name) + "=";
    size_t at = query.find(key);
    while (at != std::string_view::npos && at > 0 && query[at - 1] != '?' && query[at - 1] != '&')
      at = query.find(key, at + 1);
    if (at == std::string_view::npos) return out;
    std::string_view list = query.substr(at + key.size());
    list = list.substr(0, list.find('&'));
    while (!list.empty()) {
      size_t comma = list.find(',');
      out.emplace_back(list.substr(0, comma));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
    return out;
  }

  static bool QueryNumber(std::string_view query, std::string_view name, int64_t& value) {
    while (!query.empty()) {
      size_t end = query.find('&');
      std::string_view part = query.substr(0, end);
      if (part.size() > name.size() && part.substr(0, name.size()) == name &&
          part[name.size()] == '=') {
        std::string_view digits = part.substr(name.size() + 1);
        auto [stop, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        return error == std::errc() && stop == digits.data() + digits.size();
      }
      if (end == std::string_view::npos) break;
      query.remove_prefix(end + 1);
    }
    return true;
  }

  store::Database& central_;
  std::function<int64_t()> server_now_ms_;
  std::deque<Queued> queue_;
  Counters counters_;
};

// One tablet's connection: queues its requests on the shared network as `who`.
class LoopbackTransport : public sync::Transport {
 public:
  LoopbackTransport(LoopbackNetwork& network, server::Principal who)
      : network_(network), who_(std::move(who)) {}

  void Send(sync::HttpRequest request, std::function<void(StatusOr<sync::HttpResponse>)> done)
      override {
    network_.Enqueue(who_, std::move(request), std::move(done));
  }

  const server::Principal& who() const { return who_; }

 private:
  LoopbackNetwork& network_;
  server::Principal who_;
};

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_LOOPBACK_TRANSPORT_H_
