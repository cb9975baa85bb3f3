// A headless Dear ImGui context for native client tests: frames are drawn with no window and no
// GPU (the font atlas is built, nothing is rendered), and a test reaches widgets the way the
// browser tests do, through the UI probes (wasm-client/widgets/ui_probe.h): Tap("contact.save")
// presses and releases the mouse on the centre of the item probed under that name.
//
// The display is a portrait 10-inch tablet in CSS pixels (800 x 1280) unless a test resizes it.
// Only one UiHarness may exist at a time (ImGui's current context is global).
#ifndef OUTPOST_TESTS_SUPPORT_UI_HARNESS_H_
#define OUTPOST_TESTS_SUPPORT_UI_HARNESS_H_

#include <doctest/doctest.h>

#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "imgui.h"
#include "wasm-client/widgets/ui_probe.h"

namespace outpost::testing {

class UiHarness {
 public:
  // `draw` is called once per frame between NewFrame and Render (e.g. [&] { app.Frame(); }).
  explicit UiHarness(std::function<void()> draw) : draw_(std::move(draw)) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 1280);
    io.DeltaTime = 1.0f / 60.0f;
    io.KeyMap[ImGuiKey_A] = 'A';  // Ctrl+A selects a field's text (Type)
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  }
  ~UiHarness() { ImGui::DestroyContext(context_); }
  UiHarness(const UiHarness&) = delete;
  UiHarness& operator=(const UiHarness&) = delete;

  // `draw` inside one full-screen window with no decoration, as the App draws its screens:
  // for testing a screen or widget on its own.
  static std::function<void()> FullScreen(std::function<void()> draw) {
    return [draw = std::move(draw)] {
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
      ImGui::Begin("screen", nullptr, ImGuiWindowFlags_NoDecoration);
      draw();
      ImGui::End();
    };
  }

  void Resize(float width, float height) { ImGui::GetIO().DisplaySize = ImVec2(width, height); }

  // Draws one frame; the probes it recorded become the harness's view of the screen.
  void Frame() {
    ImGui::NewFrame();
    draw_();
    probes_ = nlohmann::json::parse(outpost::client::TakeProbeFrameJson());
    ImGui::Render();
  }

  // Draws `n` frames (ImGui settles layout and focus over a frame or two).
  void Frames(int n) {
    for (int i = 0; i < n; ++i) Frame();
  }

  bool Has(const std::string& item) const { return probes_["items"].contains(item); }

  // The text probed under `name` in the last frame, or "" if none was.
  std::string Text(const std::string& name) const {
    auto found = probes_["texts"].find(name);
    return found == probes_["texts"].end() ? "" : found->get<std::string>();
  }

  // Presses and releases at the centre of the item probed as `item` in the last frame.
  void Tap(const std::string& item) {
    INFO("tapping ", item);
    REQUIRE(Has(item));
    const auto& rect = probes_["items"][item];
    ImVec2 centre(rect["x"].get<float>() + rect["w"].get<float>() / 2,
                  rect["y"].get<float>() + rect["h"].get<float>() / 2);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = centre;
    Frame();
    io.MouseDown[0] = true;
    Frame();
    io.MouseDown[0] = false;
    // The App acts on the release; a new screen settles (scroll, layout) over the next frames.
    Frames(3);
  }

  // A finger on the glass, one frame per call, at screen position `at` (ImGui units): down,
  // moved while down, lifted. For drawing on the signature pad, and rotating the tablet between.
  void PointerDown(ImVec2 at) {
    ImGui::GetIO().MousePos = at;
    Frame();
    ImGui::GetIO().MouseDown[0] = true;
    Frame();
  }
  void PointerMove(ImVec2 to) {
    ImGui::GetIO().MousePos = to;
    Frame();
  }
  void PointerUp() {
    ImGui::GetIO().MouseDown[0] = false;
    Frame();
  }

  // Where `item` was in the last frame, at (fx, fy) as fractions of its width and height.
  ImVec2 At(const std::string& item, float fx, float fy) const {
    INFO("finding ", item);
    REQUIRE(Has(item));
    const auto& rect = probes_["items"][item];
    return ImVec2(rect["x"].get<float>() + rect["w"].get<float>() * fx,
                  rect["y"].get<float>() + rect["h"].get<float>() * fy);
  }

  // Drags a finger across `item` through `path` (fractions of the item's rect, as At), with
  // `steps` frames from each point to the next, then lifts it.
  void Drag(const std::string& item, std::initializer_list<ImVec2> path, int steps = 6) {
    std::vector<ImVec2> points;
    for (ImVec2 f : path) points.push_back(At(item, f.x, f.y));
    REQUIRE(!points.empty());
    PointerDown(points[0]);
    for (size_t i = 1; i < points.size(); ++i)
      for (int s = 1; s <= steps; ++s) {
        const float k = static_cast<float>(s) / static_cast<float>(steps);
        PointerMove(ImVec2(points[i - 1].x + (points[i].x - points[i - 1].x) * k,
                           points[i - 1].y + (points[i].y - points[i - 1].y) * k));
      }
    PointerUp();
    Frame();
  }

  // Taps the text field `item`, selects what it holds and types `text` over it.
  void Type(const std::string& item, const std::string& text) {
    Tap(item);
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeysDown['A'] = true;
    Frame();
    io.KeyCtrl = false;
    io.KeysDown['A'] = false;
    io.AddInputCharactersUTF8(text.c_str());
    Frames(2);
  }

 private:
  std::function<void()> draw_;
  ImGuiContext* context_ = nullptr;
  nlohmann::json probes_ = {{"items", nlohmann::json::object()},
                            {"texts", nlohmann::json::object()}};
};

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_UI_HARNESS_H_
