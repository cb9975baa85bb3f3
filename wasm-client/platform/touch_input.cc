#include "wasm-client/platform/touch_input.h"

#include <emscripten.h>

namespace {

// Relies on Emscripten 3.1.6 internals (Browser.mouseX/Y, read by GLFW's handlers); pinned with
// the toolchain, see cmake/outpost_emscripten.cmake.
EM_JS(void, outpost_install_touch_as_mouse, (), {
  var primary = null;  // identifier of the finger GLFW is following
  var moveCursor = function(touch) {
    var canvas = Module['canvas'];
    var rect = canvas.getBoundingClientRect();
    var x = (touch.clientX - rect.left) * (canvas.width / rect.width);
    var y = (touch.clientY - rect.top) * (canvas.height / rect.height);
    Browser.mouseMovementX = x - Browser.mouseX;
    Browser.mouseMovementY = y - Browser.mouseY;
    Browser.mouseX = x;
    Browser.mouseY = y;
  };
  var find = function(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].identifier === id) return list[i];
    return null;
  };
  var onTouch = function(event) {
    if (event.target !== Module['canvas']) return;
    // No compatibility mouse events (they would press a second time) and no browser gestures.
    if (event.cancelable) event.preventDefault();
    var touch = null;
    if (event.type === 'touchstart') {
      if (primary === null) {
        touch = event.changedTouches[0];
        primary = touch.identifier;
      }
    } else {
      touch = primary === null ? null : find(event.changedTouches, primary);
      if (touch && (event.type === 'touchend' || event.type === 'touchcancel')) primary = null;
    }
    if (!touch) {
      // Not the followed finger: GLFW must not press or release for it.
      event.stopImmediatePropagation();
      return;
    }
    // ImGui's GLFW backend polls the cursor each frame, so moving it here, before GLFW's own
    // handler records the press, is enough for the press to hit the widget under the finger.
    moveCursor(touch);
  };
  ['touchstart', 'touchmove', 'touchend', 'touchcancel'].forEach(function(type) {
    window.addEventListener(type, onTouch, {capture: true, passive: false});
  });
});

}  // namespace

namespace outpost::client::web {

void InstallTouchAsMouse() { outpost_install_touch_as_mouse(); }

}  // namespace outpost::client::web
