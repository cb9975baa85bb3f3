// UI probes: named handles on ImGui widgets and texts, so browser tests can find what the
// immediate-mode UI drew without a DOM to query.
//
// A screen calls ProbeLastItem("contact.save") right after drawing a widget, and
// ProbeText("sync.status", "2 waiting to sync") for a value a test should read. Probes live for
// one frame: what was not drawn this frame is not there. At the end of each frame the shell takes
// the frame's probes with TakeProbeFrameJson() and publishes them (in the browser as
// window.outpostUi, see platform/ui_probe_web.cc); tests then tap an item's centre.
//
// Coordinates are ImGui units. The web shell makes one ImGui unit one CSS pixel of the canvas
// (main_web.cc), so published rects are CSS pixels, whatever the devicePixelRatio.
//
// Pure C++ and Dear ImGui, no Emscripten: it builds natively for headless tests.
// Call only from the UI thread, between ImGui::NewFrame() and ImGui::Render().
//
//   [X] item rects, clipped to what is visible in the current window
//   [X] text values
//   [X] JSON publishing (names and texts escaped; UTF-8 passed through)
//   [ ] probes inside child windows that scroll a widget fully out of view still record nothing,
//       so a test must scroll first (no automatic scrolling on tap)
#ifndef OUTPOST_WASM_CLIENT_WIDGETS_UI_PROBE_H_
#define OUTPOST_WASM_CLIENT_WIDGETS_UI_PROBE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace outpost::client {

// Records the last submitted ImGui item (ImGui::GetItemRectMin/Max) under `name`, clipped to the
// current window's visible area. Records nothing if no part of the item is visible. A name
// probed twice in one frame keeps the last rect. Names are free text; use dotted lower-case by
// convention ("caseload.row.3", "signin.submit").
void ProbeLastItem(std::string_view name);

// Records `text` as the visible value named `name` for this frame (last call wins). Call it where
// the text is drawn, with the same string the user sees.
void ProbeText(std::string_view name, std::string_view text);

// Ends the probe frame: returns this frame's probes as one JSON object and clears them.
//   {"frame": N, "items": {"name": {"x":..,"y":..,"w":..,"h":..}}, "texts": {"name": "text"}}
// N counts calls, starting at 1. Numbers are rounded to 0.1. Call once per frame, after the UI
// has been drawn and before ImGui::Render() (or after; only recorded data is read).
std::string TakeProbeFrameJson();

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_WIDGETS_UI_PROBE_H_
