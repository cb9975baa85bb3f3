// Text form of a signature's strokes (the `strokes` field of a signature record):
//
//   strokes = ""                            an empty pad (methods other than on the glass)
//           | "s1" 1*( ";" stroke )         "s1": version 1 of this form
//   stroke  = point *( " " point )          at least one point
//   point   = x "," y "," t                 pad units and milliseconds
//   x, y, t = "0" | %x31-39 *DIGIT          decimal, no sign, no leading zero, at most 7 digits
//
//   0 <= x <= 1200, 0 <= y <= 400 (SignaturePad::kWidth, kHeight; y grows downwards)
//   t: milliseconds since the pen first touched the pad, never decreasing from one point to the
//      next across the whole signature, at most SignaturePad::kMaxTimeMs
//   at most kMaxStrokes strokes, kMaxPointsPerStroke points in one, kMaxPoints in all
//
// Example, a short stroke then a dot 0.9 s after the first touch: "s1;100,200,0 110,205,16;300,200,900"
// Absolute integers rather than deltas: a little longer, but a record can be read by eye.
#include "wasm-client/widgets/signature_pad.h"

#include <algorithm>
#include <cmath>

#include "wasm-client/widgets/drag_scroll.h"

namespace outpost::client {

namespace {

constexpr int kMinStep = 2;  // pad units: closer samples add nothing but size

int Clamp(int v, int low, int high) { return std::min(std::max(v, low), high); }

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ == text_.size(); }
  bool Take(char c) {
    if (AtEnd() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  // A number as the grammar allows it, or -1.
  int64_t Number() {
    size_t start = pos_;
    while (!AtEnd() && text_[pos_] >= '0' && text_[pos_] <= '9' && pos_ - start < 8) ++pos_;
    size_t length = pos_ - start;
    if (length == 0 || length > 7 || (length > 1 && text_[start] == '0')) return -1;
    int64_t value = 0;
    for (size_t i = start; i < pos_; ++i) value = value * 10 + (text_[i] - '0');
    return value;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

uint32_t SignaturePad::Elapsed(double now_ms) {
  uint32_t last = strokes_.empty() || strokes_.back().empty() ? 0 : strokes_.back().back().t_ms;
  if (origin_ms_ < 0) origin_ms_ = now_ms - last;  // first touch, or drawing on a parsed pad
  double elapsed = std::clamp(now_ms - origin_ms_, 0.0, static_cast<double>(kMaxTimeMs));
  return std::max(last, static_cast<uint32_t>(elapsed));  // never backwards
}

bool SignaturePad::full() const {
  return strokes_.size() >= kMaxStrokes || points_ >= kMaxPoints;
}

void SignaturePad::PenDown(int x, int y, double now_ms) {
  PenUp();
  if (full()) return;
  uint32_t t = Elapsed(now_ms);
  strokes_.push_back({{Clamp(x, 0, kWidth), Clamp(y, 0, kHeight), t}});
  ++points_;
  pen_down_ = true;
}

bool SignaturePad::PenMove(int x, int y, double now_ms) {
  if (!pen_down_) return false;
  PadStroke& stroke = strokes_.back();
  PadPoint point{Clamp(x, 0, kWidth), Clamp(y, 0, kHeight), 0};
  const PadPoint& last = stroke.back();
  if (std::abs(point.x - last.x) < kMinStep && std::abs(point.y - last.y) < kMinStep) return false;
  if (stroke.size() >= kMaxPointsPerStroke || points_ >= kMaxPoints) return false;
  point.t_ms = Elapsed(now_ms);
  stroke.push_back(point);
  ++points_;
  return true;
}

void SignaturePad::PenUp() { pen_down_ = false; }

void SignaturePad::Clear() { *this = SignaturePad(); }

bool SignaturePad::Undo() {
  PenUp();
  if (strokes_.empty()) return false;
  points_ -= strokes_.back().size();
  strokes_.pop_back();
  return true;
}

size_t SignaturePad::PointCount() const { return points_; }

bool SignaturePad::HasEnoughInk() const {
  double length = 0;
  int min_x = kWidth, max_x = 0, min_y = kHeight, max_y = 0;
  for (const PadStroke& stroke : strokes_) {
    for (size_t i = 0; i < stroke.size(); ++i) {
      const PadPoint& p = stroke[i];
      min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
      min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
      if (i > 0) length += std::hypot(p.x - stroke[i - 1].x, p.y - stroke[i - 1].y);
    }
  }
  return length >= kMinInkLength &&
         (max_x - min_x >= kMinInkExtent || max_y - min_y >= kMinInkExtent);
}

std::string SignaturePad::Serialize() const {
  if (strokes_.empty()) return "";
  std::string out = "s1";
  for (const PadStroke& stroke : strokes_) {
    out += ';';
    for (size_t i = 0; i < stroke.size(); ++i) {
      if (i > 0) out += ' ';
      out += std::to_string(stroke[i].x) + ',' + std::to_string(stroke[i].y) + ',' +
             std::to_string(stroke[i].t_ms);
    }
  }
  return out;
}

StatusOr<SignaturePad> SignaturePad::Parse(std::string_view text) {
  SignaturePad pad;
  if (text.empty()) return pad;
  Reader in(text);
  if (!in.Take('s') || !in.Take('1'))
    return Status::InvalidArgument("strokes", "does not start with \"s1\" (version 1 of the form)");
  uint32_t last_t = 0;
  auto fail = [&](const std::string& what) {
    return Status::InvalidArgument(
        "strokes", "at character " + std::to_string(in.pos()) + " (stroke " +
                       std::to_string(pad.strokes_.size()) + ", point " +
                       std::to_string(pad.strokes_.empty() ? 0 : pad.strokes_.back().size() + 1) +
                       "): " + what);
  };
  while (in.Take(';')) {
    if (pad.strokes_.size() >= kMaxStrokes)
      return fail("more than " + std::to_string(kMaxStrokes) + " strokes");
    pad.strokes_.emplace_back();
    do {
      if (pad.strokes_.back().size() >= kMaxPointsPerStroke)
        return fail("more than " + std::to_string(kMaxPointsPerStroke) + " points in a stroke");
      if (pad.points_ >= kMaxPoints)
        return fail("more than " + std::to_string(kMaxPoints) + " points");
      int64_t x = in.Number();
      if (x < 0 || x > kWidth) return fail("x must be a whole number 0 to 1200");
      if (!in.Take(',')) return fail("expected ',' after x");
      int64_t y = in.Number();
      if (y < 0 || y > kHeight) return fail("y must be a whole number 0 to 400");
      if (!in.Take(',')) return fail("expected ',' after y");
      int64_t t = in.Number();
      if (t < 0 || t > kMaxTimeMs) return fail("t must be a whole number of milliseconds, at most one hour");
      if (t < last_t) return fail("time goes backwards");
      last_t = static_cast<uint32_t>(t);
      pad.strokes_.back().push_back({static_cast<int>(x), static_cast<int>(y), last_t});
      ++pad.points_;
    } while (in.Take(' '));
  }
  if (pad.strokes_.empty()) return fail("expected ';' and a stroke");
  if (!in.AtEnd()) return fail("expected ';', ' ' or the end");
  return pad;
}

std::string SignaturePad::SvgPathData() const {
  std::string out;
  for (const PadStroke& stroke : strokes_) {
    for (size_t i = 0; i < stroke.size(); ++i) {
      if (!out.empty()) out += ' ';
      out += (i == 0 ? "M" : "L") + std::to_string(stroke[i].x) + ' ' + std::to_string(stroke[i].y);
    }
    if (stroke.size() == 1) out += " l0.1 0";
  }
  return out;
}

PadLayout PadLayout::Fit(float left, float top, float available_width, float max_height) {
  constexpr float kAspect = static_cast<float>(SignaturePad::kWidth) / SignaturePad::kHeight;
  float width = std::max(available_width, 1.0f);
  float height = width / kAspect;
  if (height > max_height) {
    height = std::max(max_height, 1.0f);
    width = height * kAspect;
  }
  return {left, top, width, height};
}

PadPoint PadLayout::ToPad(float x, float y) const {
  return {Clamp(static_cast<int>(std::lround((x - left) / width * SignaturePad::kWidth)), 0,
                SignaturePad::kWidth),
          Clamp(static_cast<int>(std::lround((y - top) / height * SignaturePad::kHeight)), 0,
                SignaturePad::kHeight),
          0};
}

ImVec2 PadLayout::ToScreen(const PadPoint& p) const {
  return ImVec2(left + p.x * width / SignaturePad::kWidth, top + p.y * height / SignaturePad::kHeight);
}

void DrawPadInk(ImDrawList* draw, const SignaturePad& pad, const PadLayout& layout, ImU32 colour,
                float thickness) {
  std::vector<ImVec2> points;
  for (const PadStroke& stroke : pad.strokes()) {
    points.clear();
    for (const PadPoint& p : stroke) points.push_back(layout.ToScreen(p));
    if (points.size() == 1) {
      draw->AddCircleFilled(points[0], thickness / 2, colour);
    } else {
      draw->AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None,
                        thickness);
    }
  }
}

bool SignaturePadWidget(const char* id, SignaturePad& pad, float max_height) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const PadLayout layout =
      PadLayout::Fit(origin.x, origin.y, ImGui::GetContentRegionAvail().x, max_height);
  ImGui::InvisibleButton(id, ImVec2(layout.width, layout.height));
  const ImGuiIO& io = ImGui::GetIO();
  const double now_ms = ImGui::GetTime() * 1000.0;
  bool changed = false;
  if (ImGui::IsMousePosValid(&io.MousePos)) {
    const PadPoint at = layout.ToPad(io.MousePos.x, io.MousePos.y);
    if (ImGui::IsItemActivated()) {
      pad.PenDown(at.x, at.y, now_ms);
      changed = pad.pen_is_down();
    } else if (ImGui::IsItemActive()) {
      changed = pad.PenMove(at.x, at.y, now_ms);
    }
  }
  if (ImGui::IsItemActive()) HoldDrag();  // the pen's strokes are not a scroll
  // Released: on the pad or off it, or the item lost the active id some other way.
  if (!ImGui::IsItemActive()) pad.PenUp();

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 max(layout.left + layout.width, layout.top + layout.height);
  draw->AddRectFilled(origin, max, IM_COL32(255, 255, 255, 255), 6.0f);
  draw->AddRect(origin, max, IM_COL32(90, 90, 110, 255), 6.0f, ImDrawFlags_None, 2.0f);
  // The line to sign on, and a cross where to start, as on paper.
  const float line_y = layout.top + layout.height * 0.75f;
  const float margin = layout.width * 0.05f;
  draw->AddLine(ImVec2(layout.left + margin, line_y), ImVec2(max.x - margin, line_y),
                IM_COL32(170, 170, 185, 255), 1.5f);
  const float cross = layout.height * 0.05f;
  const ImVec2 c(layout.left + margin, line_y - cross * 2);
  draw->AddLine(ImVec2(c.x - cross, c.y - cross), ImVec2(c.x + cross, c.y + cross),
                IM_COL32(170, 170, 185, 255), 1.5f);
  draw->AddLine(ImVec2(c.x - cross, c.y + cross), ImVec2(c.x + cross, c.y - cross),
                IM_COL32(170, 170, 185, 255), 1.5f);
  DrawPadInk(draw, pad, layout, IM_COL32(20, 30, 90, 255), std::max(2.0f, layout.width / 320));
  return changed;
}

}  // namespace outpost::client
