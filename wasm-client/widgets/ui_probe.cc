#include "wasm-client/widgets/ui_probe.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "imgui.h"

namespace outpost::client {
namespace {

struct Rect {
  float x, y, w, h;
};

// std::map keeps the published JSON in a stable order, which makes diffs of test logs readable.
struct ProbeFrame {
  std::map<std::string, Rect, std::less<>> items;
  std::map<std::string, std::string, std::less<>> texts;
  uint64_t count = 0;
};

ProbeFrame& Frame() {
  static ProbeFrame frame;
  return frame;
}

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void AppendNumber(std::string& out, float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::round(value * 10.0f) / 10.0f);
  out += text;
}

}  // namespace

void ProbeLastItem(std::string_view name) {
  ImVec2 min = ImGui::GetItemRectMin();
  ImVec2 max = ImGui::GetItemRectMax();
  // A tap must land on the visible part: an item half scrolled out of a window would otherwise
  // have its centre outside it.
  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  ImVec2 clip_min = draw_list->GetClipRectMin();
  ImVec2 clip_max = draw_list->GetClipRectMax();
  min = ImVec2(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y));
  max = ImVec2(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
  if (max.x <= min.x || max.y <= min.y) return;
  Frame().items.insert_or_assign(std::string(name),
                                 Rect{min.x, min.y, max.x - min.x, max.y - min.y});
}

void ProbeText(std::string_view name, std::string_view text) {
  Frame().texts.insert_or_assign(std::string(name), std::string(text));
}

std::string TakeProbeFrameJson() {
  ProbeFrame& frame = Frame();
  ++frame.count;
  std::string out = "{\"frame\":" + std::to_string(frame.count) + ",\"items\":{";
  bool first = true;
  for (const auto& [name, rect] : frame.items) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, name);
    out += ":{\"x\":";
    AppendNumber(out, rect.x);
    out += ",\"y\":";
    AppendNumber(out, rect.y);
    out += ",\"w\":";
    AppendNumber(out, rect.w);
    out += ",\"h\":";
    AppendNumber(out, rect.h);
    out += '}';
  }
  out += "},\"texts\":{";
  first = true;
  for (const auto& [name, text] : frame.texts) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, name);
    out += ':';
    AppendJsonString(out, text);
  }
  out += "}}";
  frame.items.clear();
  frame.texts.clear();
  return out;
}

}  // namespace outpost::client
