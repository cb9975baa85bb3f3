// Touch as a mouse, done right for Dear ImGui on a tablet.
//
// Emscripten 3.1.6's GLFW turns touchstart/touchend into button presses but does not move the
// cursor for them (Browser.calculateMouseEvent ignores touches that lack SDL's event.touch), so a
// press lands where the previous tap was. The browser then also sends compatibility mouse events
// for the tap, which press a second time at the right place. Together that clicks the widget
// tapped before, and then the one tapped now.
//
// InstallTouchAsMouse() registers one capturing listener on the window that runs before GLFW's
// canvas listeners: for the first finger on the canvas it moves GLFW's cursor to the touch point
// (in canvas backing-store pixels, as GLFW expects) and cancels the compatibility mouse events.
// GLFW then sees exactly one press, moves and one release per finger, at the right place. Further
// fingers are hidden from GLFW (no multi-touch gestures yet).
//
//   [X] taps and drags with one finger (buttons, scrolling by drag, the signature pad)
//   [X] no duplicate click from compatibility mouse events
//   [ ] pinch and two-finger gestures
//   [ ] pen pressure (PointerEvent.pressure) for the signature pad
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_TOUCH_INPUT_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_TOUCH_INPUT_H_

namespace outpost::client::web {

// Call once, after the GLFW window exists.
void InstallTouchAsMouse();

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_TOUCH_INPUT_H_
