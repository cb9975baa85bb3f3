// Signature pad: pen strokes with their timing, kept in coordinates of the pad itself, and the
// Dear ImGui widget that captures them from touch (which reaches ImGui as mouse press, drag and
// release).
//
// Why pad coordinates: the tablet may be turned or the browser resized while someone signs, even
// in the middle of a stroke. The pad has a fixed logical size (kWidth x kHeight, aspect 3:1) and
// is drawn as large as fits the width available, so a point keeps its place relative to the pad
// whatever the screen does; only the mapping of new touches changes. Time is milliseconds since
// the pen first touched the pad, which box after 4.15 asks for ("the pen strokes with their
// timing").
//
// The strokes are evidence (shared/sync/change.h, signature.strokes), so they live in the signing
// flow's state, never in ImGui storage; this widget only edits the SignaturePad it is given.
//
//   [X] strokes in pad units, unchanged by resize or rotation, also mid-stroke
//   [X] clear, undo the last stroke
//   [X] "enough ink": a stray dot or a tiny scratch is not a signature
//   [X] caps on strokes and points, so a runaway drag cannot make a huge record
//   [X] compact text form for the record (grammar at the top of signature_pad.cc), strict parser
//   [X] drawing into an ImDrawList; SVG path data for the participant's receipt
//   [ ] pen pressure (touch_input.h does not pass PointerEvent.pressure yet)
#ifndef OUTPOST_WASM_CLIENT_WIDGETS_SIGNATURE_PAD_H_
#define OUTPOST_WASM_CLIENT_WIDGETS_SIGNATURE_PAD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "shared/base/status_or.h"

namespace outpost::client {

// One pen sample: a position on the pad (0..kWidth, 0..kHeight, y down) and milliseconds since
// the pen first touched the pad.
struct PadPoint {
  int x = 0;
  int y = 0;
  uint32_t t_ms = 0;
  bool operator==(const PadPoint&) const = default;
};
using PadStroke = std::vector<PadPoint>;

class SignaturePad {
 public:
  // The logical pad: 3:1, fine enough that a point is smaller than a screen pixel on a tablet.
  static constexpr int kWidth = 1200;
  static constexpr int kHeight = 400;
  // Caps. A signature of a few seconds at 60 samples a second is a few hundred points; the caps
  // keep the text form under about 64 KB (the server refuses fields over 200 000 bytes).
  static constexpr size_t kMaxStrokes = 64;
  static constexpr size_t kMaxPointsPerStroke = 512;
  static constexpr size_t kMaxPoints = 4096;
  static constexpr uint32_t kMaxTimeMs = 60 * 60 * 1000;  // timing stops at one hour
  // Enough ink: the strokes together are at least kMinInkLength long and the ink spans at least
  // kMinInkExtent across or down (pad units; the pad is 1200 wide). A dot or a scratch fails,
  // an initial or a mark ("X") passes.
  static constexpr int kMinInkLength = 100;
  static constexpr int kMinInkExtent = 40;

  // Pen down at (x, y) in pad units (clamped onto the pad), `now_ms` read from any monotonic
  // clock; it starts a new stroke. Ignored when the pad is full (see full()).
  void PenDown(int x, int y, double now_ms);
  // The pen moved while down: adds a point to the current stroke unless it is within 2 units of
  // the last one or the stroke is at its cap. Returns true if a point was added. Ignored when
  // the pen is not down.
  bool PenMove(int x, int y, double now_ms);
  // Ends the current stroke (safe to call when the pen is up).
  void PenUp();
  bool pen_is_down() const { return pen_down_; }

  // Removes every stroke; timing starts again at the next touch.
  void Clear();
  // Removes the last stroke (ending it first if the pen is down). False if there was none.
  bool Undo();

  bool empty() const { return strokes_.empty(); }
  // No more strokes can start (kMaxStrokes or kMaxPoints reached).
  bool full() const;
  bool HasEnoughInk() const;
  size_t PointCount() const;
  const std::vector<PadStroke>& strokes() const { return strokes_; }

  // The text form stored in a signature record's `strokes` field; "" for an empty pad.
  // Parse(Serialize()) gives back the same strokes, point for point.
  std::string Serialize() const;
  // Reads the text form. Strict: anything but exactly what Serialize writes, or a value out of
  // range, over a cap, or time going backwards, is InvalidArgument("strokes", ...) saying at
  // which character, stroke and point it failed. A parsed pad continues its timing after the
  // last point if drawn on again.
  static StatusOr<SignaturePad> Parse(std::string_view text);

  // SVG path data in pad units, for <svg viewBox="0 0 1200 400"> with round caps and joins:
  // "M x y L x y ..." per stroke; a single-point stroke is a tiny segment so it shows as a dot.
  std::string SvgPathData() const;

 private:
  uint32_t Elapsed(double now_ms);

  std::vector<PadStroke> strokes_;
  size_t points_ = 0;
  bool pen_down_ = false;
  double origin_ms_ = -1;  // clock reading at t = 0; -1 until the first touch
};

// Where the pad is on screen in one frame: a rectangle of aspect kWidth:kHeight.
struct PadLayout {
  float left = 0, top = 0, width = SignaturePad::kWidth, height = SignaturePad::kHeight;

  // As wide as `available_width`, unless that would be taller than `max_height`, in which case
  // exactly `max_height` tall (and narrower). Both at least one unit.
  static PadLayout Fit(float left, float top, float available_width, float max_height);

  // A screen position to pad units, rounded, clamped onto the pad (t_ms is 0).
  PadPoint ToPad(float x, float y) const;
  // A pad point to its screen position.
  ImVec2 ToScreen(const PadPoint& point) const;
};

// The widget: draws `pad` at the cursor as large as fits the available width (no taller than
// `max_height`), as one item, and feeds it the mouse: press starts a stroke, drag adds points,
// release ends it. The item is an InvisibleButton, so while someone signs the pad holds ImGui's
// active id and the window neither moves nor drag-scrolls. Probe it with ProbeLastItem after
// the call. Returns true if the ink changed this frame. Timing is ImGui::GetTime().
bool SignaturePadWidget(const char* id, SignaturePad& pad, float max_height);

// Draws the strokes of `pad` at `layout` into `draw` (no background), lines `thickness` wide.
void DrawPadInk(ImDrawList* draw, const SignaturePad& pad, const PadLayout& layout, ImU32 colour,
                float thickness);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_WIDGETS_SIGNATURE_PAD_H_
