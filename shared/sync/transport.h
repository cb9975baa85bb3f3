// Transport: how the sync client reaches the server, injected so that the same client logic runs
// over emscripten fetch in the browser (wasm-client/platform/fetch_transport) and over a real
// HTTP client on loopback in native tests.
//
// Contract: Send() starts one request and returns at once; `done` is called exactly once, later,
// on the thread or event loop that drives the client (never re-entrantly from inside Send on the
// browser). A request that never reached the server or got no answer (offline, DNS, TLS,
// connection dropped, timeout) completes with Status::Unavailable; any HTTP answer, 4xx and 5xx
// included, completes OK with its status and body, for the caller to interpret.
#ifndef OUTPOST_SHARED_SYNC_TRANSPORT_H_
#define OUTPOST_SHARED_SYNC_TRANSPORT_H_

#include <functional>
#include <string>

#include "shared/base/status_or.h"

namespace outpost::sync {

struct HttpRequest {
  std::string method;        // "GET" or "POST"
  std::string path;          // rooted at the server, e.g. "/api/v1/push"
  std::string bearer_token;  // empty: no Authorization header
  std::string body;          // JSON, or empty
  int timeout_ms = 15000;
};

struct HttpResponse {
  int status = 0;
  std::string body;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual void Send(HttpRequest request, std::function<void(StatusOr<HttpResponse>)> done) = 0;
};

}  // namespace outpost::sync

#endif  // OUTPOST_SHARED_SYNC_TRANSPORT_H_
