// FetchTransport: sync::Transport over the browser's fetch(), to the server that served the page.
//
// Each Send() becomes one fetch() of request.path on the page's own origin, with
//   Content-Type: application/json and Accept: application/json
//   Authorization: Bearer <token>   only when request.bearer_token is non-empty
//   cache: "no-store"               a sync answer must never come from an HTTP cache
// and an abort after request.timeout_ms (covering the whole response body, not just headers).
// The service worker (web-root/sw.js) lets /api/ through to the network untouched.
//
// Outcomes, as shared/sync/transport.h requires:
//   any HTTP answer, 4xx and 5xx included -> OK, {status, body}
//   offline, DNS, TLS, connection reset   -> Unavailable("network", "<method> <path>: <JS error>")
//   no complete answer within timeout_ms  -> Unavailable("network", "... timed out after N ms")
//   path not rooted at this origin        -> InvalidArgument("request.path", ...)
// `done` is called exactly once, from the browser event loop, never inside Send(). Requests
// still in flight when the FetchTransport is destroyed complete all the same (their callbacks
// must therefore not reach into a destroyed owner).
//
//   [X] same-origin JSON requests with optional bearer token
//   [X] timeouts via AbortController
//   [X] response bodies of any size (copied once into wasm memory)
//   [ ] cancelling a request in flight (not needed by Session today)
//   [ ] request/response size limits (the server enforces its own)
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_FETCH_TRANSPORT_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_FETCH_TRANSPORT_H_

#include <functional>

#include "shared/sync/transport.h"

namespace outpost::client::web {

class FetchTransport : public sync::Transport {
 public:
  FetchTransport() = default;
  FetchTransport(const FetchTransport&) = delete;
  FetchTransport& operator=(const FetchTransport&) = delete;

  void Send(sync::HttpRequest request,
            std::function<void(StatusOr<sync::HttpResponse>)> done) override;
};

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_FETCH_TRANSPORT_H_
