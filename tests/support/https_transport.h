// A sync::Transport over real HTTPS (httplib) for native tests, with faults a tablet meets: the
// network down for the next N requests, or the server's response lost after the server acted.
//
// Send() performs the request at once but, as the Transport contract requires, never calls back
// from inside Send(): completions wait in a queue until Pump() runs them, as the browser's event
// loop would.
#ifndef OUTPOST_TESTS_SUPPORT_HTTPS_TRANSPORT_H_
#define OUTPOST_TESTS_SUPPORT_HTTPS_TRANSPORT_H_

#include <httplib.h>

#include <deque>
#include <functional>
#include <string>
#include <utility>

#include "shared/sync/transport.h"

namespace outpost::testing {

class HttpsTransport : public sync::Transport {
 public:
  explicit HttpsTransport(int port) : port_(port) {}

  // The next `n` requests fail as if the network were down; the server never sees them.
  void FailNext(int n) { fail_next_ = n; }
  // The next `n` requests reach the server, but their responses are lost on the way back.
  void LoseNextResponses(int n) { lose_next_ = n; }
  void set_port(int port) { port_ = port; }
  int requests_sent() const { return requests_sent_; }

  void Send(sync::HttpRequest request,
            std::function<void(StatusOr<sync::HttpResponse>)> done) override {
    StatusOr<sync::HttpResponse> result = Perform(request);
    queue_.emplace_back(std::move(done), std::move(result));
  }

  // Runs the queued completions (which may queue more). Returns how many ran.
  int Pump() {
    int ran = 0;
    while (!queue_.empty()) {
      auto [done, result] = std::move(queue_.front());
      queue_.pop_front();
      done(std::move(result));
      ++ran;
    }
    return ran;
  }

 private:
  StatusOr<sync::HttpResponse> Perform(const sync::HttpRequest& request) {
    if (fail_next_ > 0) {
      --fail_next_;
      return Status::Unavailable("network", "the tablet is offline");
    }
    httplib::SSLClient client("127.0.0.1", port_);
    client.enable_server_certificate_verification(false);  // the test's own self-signed cert
    client.set_connection_timeout(2);
    httplib::Headers headers;
    if (!request.bearer_token.empty())
      headers.emplace("Authorization", "Bearer " + request.bearer_token);
    auto res = request.method == "GET"
                   ? client.Get(request.path.c_str(), headers)
                   : client.Post(request.path.c_str(), headers, request.body, "application/json");
    ++requests_sent_;
    if (!res) return Status::Unavailable("network", "no answer: " + httplib::to_string(res.error()));
    if (lose_next_ > 0) {
      --lose_next_;
      return Status::Unavailable("network", "the connection dropped before the answer arrived");
    }
    return sync::HttpResponse{res->status, res->body};
  }

  int port_;
  int fail_next_ = 0;
  int lose_next_ = 0;
  int requests_sent_ = 0;
  std::deque<std::pair<std::function<void(StatusOr<sync::HttpResponse>)>,
                       StatusOr<sync::HttpResponse>>>
      queue_;
};

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_HTTPS_TRANSPORT_H_
