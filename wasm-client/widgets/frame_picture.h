// Draw only frames that show something new. A frame whose draw data (vertices, indices, clip
// rectangles, textures) and canvas size equal the last frame drawn would paint the same pixels,
// so it is not drawn: the canvas keeps showing the last picture.
//
// Why: an idle tablet then costs the GPU nothing between touches, and the browser's storage work
// no longer queues behind the compositor. Measured in headless Chromium on 2 cores (2026-11-23):
// an IndexedDB write of 13 blocks of 16 KB took 15 to 50 ms while the app drew every frame,
// and 1 to 2 ms while the same frames ran without drawing. Saving a contact waits on such a
// write before it says "saved".
//
// The frame's logic (input, timers, sync, the UI probes) still runs every frame; only the GL
// draw is skipped.
#ifndef OUTPOST_WASM_CLIENT_WIDGETS_FRAME_PICTURE_H_
#define OUTPOST_WASM_CLIENT_WIDGETS_FRAME_PICTURE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

struct ImDrawData;
struct ImVec4;

namespace outpost::client {

class FramePicture {
 public:
  // True if `draw_data`, on a framebuffer of `width` x `height` pixels cleared to `clear`,
  // paints anything other than the last picture this returned true for, or if none was drawn
  // yet or since Forget(). The caller must then draw it: it becomes the picture later frames are
  // compared with.
  bool Changed(const ImDrawData& draw_data, int width, int height, const ImVec4& clear);

  // The next frame is drawn whatever it holds: what is on the canvas is no longer the last
  // picture (a texture the draw data names was replaced, such as the font atlas rebuilt for a
  // new pixel ratio).
  void Forget() { shown_valid_ = false; }

  // Frames drawn and frames skipped since this was made, for the support log and tests.
  size_t drawn() const { return drawn_; }
  size_t skipped() const { return skipped_; }

 private:
  std::vector<unsigned char> shown_;  // the last drawn picture, flattened
  std::vector<unsigned char> next_;   // this frame's, flattened (kept to reuse its memory)
  bool shown_valid_ = false;
  size_t drawn_ = 0;
  size_t skipped_ = 0;
};

// While the replica is being written to storage, frames are not drawn, for at most
// kMaxHoldMs: a save says "saved" only once its write is durable, and a drawn frame makes that
// write wait on the compositor (measured above). What such frames would show (the form closed,
// "Saving...") is shown with the write's outcome a few milliseconds later, or at kMaxHoldMs at
// the latest. Input is never held: a touch during the write is drawn at once.
class DrawHold {
 public:
  static constexpr int64_t kMaxHoldMs = 150;

  // Whether this frame's drawing waits. `storing`: a write is in flight now.
  bool Holds(bool storing, bool had_input, int64_t now_ms) {
    if (!storing) {
      since_ms_ = -1;
      return false;
    }
    if (since_ms_ < 0) since_ms_ = now_ms;
    return !had_input && now_ms - since_ms_ < kMaxHoldMs;
  }

 private:
  int64_t since_ms_ = -1;  // when the write in flight was first seen; -1 when none is
};

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_WIDGETS_FRAME_PICTURE_H_
