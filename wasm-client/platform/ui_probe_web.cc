#include "wasm-client/platform/ui_probe_web.h"

#include <emscripten.h>

#include <string>

#include "wasm-client/widgets/ui_probe.h"

namespace {

// The canvas may not sit at the viewport origin (e.g. a banner above it), so items are shifted
// by its bounding rect to become page-tappable coordinates.
EM_JS(void, outpost_publish_ui, (const char* json), {
  var ui = JSON.parse(UTF8ToString(json));
  var canvas = Module['canvas'];
  if (canvas) {
    var r = canvas.getBoundingClientRect();
    if (r.left !== 0 || r.top !== 0) {
      for (var name in ui.items) {
        ui.items[name].x += r.left;
        ui.items[name].y += r.top;
      }
    }
  }
  window.outpostUi = ui;
});

}  // namespace

namespace outpost::client::web {

void PublishUiProbes() {
  std::string json = TakeProbeFrameJson();
  outpost_publish_ui(json.c_str());
}

}  // namespace outpost::client::web
