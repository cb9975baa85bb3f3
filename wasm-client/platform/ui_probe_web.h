// Publishes the frame's UI probes (widgets/ui_probe.h) to the page as window.outpostUi, where
// browser tests read them (tests/browser/lib.mjs):
//   window.outpostUi = {frame: N, items: {name: {x, y, w, h}}, texts: {name: text}}
// Rects are CSS pixels relative to the page's viewport (the canvas offset is added), ready for
// page.touchscreen.tap at the centre.
//
//   [X] published once per frame, replacing the previous object (never merged)
//   [ ] a way to switch publishing off in production builds; it costs one small JSON.parse a frame
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_UI_PROBE_WEB_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_UI_PROBE_WEB_H_

namespace outpost::client::web {

// Takes this frame's probes and publishes them. Call once per frame after the UI is drawn.
void PublishUiProbes();

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_UI_PROBE_WEB_H_
