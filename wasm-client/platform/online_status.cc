#include "wasm-client/platform/online_status.h"

#include <emscripten.h>

namespace {

EM_JS(int, outpost_navigator_online, (), {
  return (typeof navigator === 'undefined' || navigator.onLine !== false) ? 1 : 0;
});

}  // namespace

namespace outpost::client::web {

bool IsOnline() { return outpost_navigator_online() != 0; }

}  // namespace outpost::client::web
