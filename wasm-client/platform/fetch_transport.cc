#include "wasm-client/platform/fetch_transport.h"

#include <emscripten.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace {

using Done = std::function<void(outpost::StatusOr<outpost::sync::HttpResponse>)>;

struct Pending {
  std::string label;  // "POST /api/v1/push", for error messages
  Done done;
};

// Requests in flight, by id. Global rather than per transport so that completions still find
// their callback after the transport is gone (see the header).
std::unordered_map<int, Pending>& InFlight() {
  static std::unordered_map<int, Pending> in_flight;
  return in_flight;
}
int g_next_id = 1;

// Completion always arrives through a promise continuation, so never inside Send(). The body and
// error text are malloc'ed here and freed by outpost_fetch_finished.
EM_JS(void, outpost_fetch_start,
      (int id, const char* method, const char* path, const char* token, const char* body,
       int body_len, int timeout_ms), {
  var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
  var bearer = UTF8ToString(token);
  if (bearer.length > 0) headers['Authorization'] = 'Bearer ' + bearer;
  var init = {
    method: UTF8ToString(method),
    headers: headers,
    cache: 'no-store',
    credentials: 'same-origin',
  };
  // Copied now: the caller's buffer is freed when Send() returns.
  if (body_len > 0) init.body = HEAPU8.slice(body, body + body_len);
  var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
  if (controller) init.signal = controller.signal;
  var timedOut = false;
  var timer = setTimeout(function() {
    timedOut = true;
    if (controller) controller.abort();
  }, timeout_ms);
  var toHeap = function(bytes) {
    var p = _malloc(bytes.length > 0 ? bytes.length : 1);
    HEAPU8.set(bytes, p);
    return p;
  };
  var finish = function(status, bytes, errorText) {
    clearTimeout(timer);
    var bodyPtr = bytes ? toHeap(bytes) : 0;
    var errPtr = 0;
    if (errorText !== null) {
      var n = lengthBytesUTF8(errorText) + 1;
      errPtr = _malloc(n);
      stringToUTF8(errorText, errPtr, n);
    }
    _outpost_fetch_finished(id, status, bodyPtr, bytes ? bytes.length : 0, errPtr);
  };
  fetch(UTF8ToString(path), init)
    .then(function(response) {
      return response.arrayBuffer().then(function(buffer) {
        if (timedOut) throw new Error('aborted');
        finish(response.status, new Uint8Array(buffer), null);
      });
    })
    .catch(function(err) {
      var text = timedOut
          ? ('timed out after ' + timeout_ms + ' ms')
          : ((err && err.name ? err.name + ': ' : "") +
             (err && err.message ? err.message : String(err)));
      finish(0, null, text);
    });
});

// A path is same-origin if it is rooted ("/api/...") and not protocol-relative ("//host/...").
bool IsSameOriginPath(const std::string& path) {
  return !path.empty() && path[0] == '/' &&
         (path.size() < 2 || (path[1] != '/' && path[1] != '\\'));
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void outpost_fetch_finished(int id, int status, char* body, int body_len,
                                                 char* error) {
  auto& in_flight = InFlight();
  auto it = in_flight.find(id);
  if (it == in_flight.end()) {
    std::free(body);
    std::free(error);
    return;
  }
  Pending pending = std::move(it->second);
  in_flight.erase(it);
  if (error != nullptr) {
    std::string what = pending.label + ": " + error;
    std::free(body);
    std::free(error);
    pending.done(outpost::Status::Unavailable("network", what));
    return;
  }
  outpost::sync::HttpResponse response;
  response.status = status;
  if (body_len > 0) response.body.assign(body, static_cast<size_t>(body_len));
  std::free(body);
  pending.done(std::move(response));
}

}  // extern "C"

namespace outpost::client::web {

void FetchTransport::Send(sync::HttpRequest request,
                          std::function<void(StatusOr<sync::HttpResponse>)> done) {
  if (!IsSameOriginPath(request.path)) {
    // Deferred so that, as for every other outcome, done never runs inside Send().
    auto* failure = new Pending{request.path, std::move(done)};
    emscripten_async_call(
        [](void* arg) {
          std::unique_ptr<Pending> p(static_cast<Pending*>(arg));
          p->done(Status::InvalidArgument(
              "request.path", "must be rooted at this server, got \"" + p->label + "\""));
        },
        failure, 0);
    return;
  }
  int id = g_next_id++;
  int timeout_ms = request.timeout_ms > 0 ? request.timeout_ms : 15000;
  InFlight().emplace(id, Pending{request.method + " " + request.path, std::move(done)});
  outpost_fetch_start(id, request.method.c_str(), request.path.c_str(),
                      request.bearer_token.c_str(), request.body.data(),
                      static_cast<int>(request.body.size()), timeout_ms);
}

}  // namespace outpost::client::web
