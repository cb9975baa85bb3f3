// FramePicture: a frame is drawn only when it would paint something other than the canvas shows.
#include "wasm-client/widgets/frame_picture.h"

#include <doctest/doctest.h>

#include <string>

#include "tests/support/ui_harness.h"

namespace outpost::client {
namespace {

using testing::UiHarness;

bool DrawnAfter(UiHarness& ui, FramePicture& picture, int width = 800, int height = 1280,
                ImVec4 clear = ImVec4(1, 1, 1, 1)) {
  ui.Frame();
  return picture.Changed(*ImGui::GetDrawData(), width, height, clear);
}

TEST_CASE("the first frame is drawn, and the same picture again is not") {
  std::string words = "Contact saved on this tablet";
  UiHarness ui(UiHarness::FullScreen([&] { ImGui::TextUnformatted(words.c_str()); }));
  FramePicture picture;
  ui.Frames(2);  // ImGui sizes a new window on its first frame
  CHECK(DrawnAfter(ui, picture));
  CHECK_FALSE(DrawnAfter(ui, picture));
  CHECK_FALSE(DrawnAfter(ui, picture));
  CHECK(picture.drawn() == 1);
  CHECK(picture.skipped() == 2);
}

TEST_CASE("a frame showing other words is drawn, and becomes the picture compared with") {
  std::string words = "Saving...";
  UiHarness ui(UiHarness::FullScreen([&] { ImGui::TextUnformatted(words.c_str()); }));
  FramePicture picture;
  ui.Frames(2);
  REQUIRE(DrawnAfter(ui, picture));
  words = "Contact saved on this tablet";
  CHECK(DrawnAfter(ui, picture));
  CHECK_FALSE(DrawnAfter(ui, picture));
}

TEST_CASE("one changed colour is enough for a frame to be drawn") {
  ImVec4 colour(0.1f, 0.1f, 0.1f, 1.0f);
  UiHarness ui(UiHarness::FullScreen([&] { ImGui::TextColored(colour, "Overdue"); }));
  FramePicture picture;
  ui.Frames(2);
  REQUIRE(DrawnAfter(ui, picture));
  colour = ImVec4(0.8f, 0.1f, 0.1f, 1.0f);
  CHECK(DrawnAfter(ui, picture));
}

TEST_CASE("a canvas of another size is drawn even when the draw data is the same") {
  UiHarness ui(UiHarness::FullScreen([] { ImGui::TextUnformatted("Caseload"); }));
  FramePicture picture;
  ui.Frames(2);
  REQUIRE(DrawnAfter(ui, picture, 800, 1280));
  CHECK(DrawnAfter(ui, picture, 1600, 2560));  // the same CSS size at a new pixel ratio
  CHECK_FALSE(DrawnAfter(ui, picture, 1600, 2560));
}

TEST_CASE("a frame cleared to another colour is drawn even when the draw data is the same") {
  UiHarness ui(UiHarness::FullScreen([] { ImGui::TextUnformatted("Caseload"); }));
  FramePicture picture;
  ui.Frames(2);
  REQUIRE(DrawnAfter(ui, picture, 800, 1280, ImVec4(1, 1, 1, 1)));
  CHECK(DrawnAfter(ui, picture, 800, 1280, ImVec4(0, 0, 0, 1)));  // the high-contrast theme
  CHECK_FALSE(DrawnAfter(ui, picture, 800, 1280, ImVec4(0, 0, 0, 1)));
}

TEST_CASE("after Forget the next frame is drawn whatever it holds") {
  UiHarness ui(UiHarness::FullScreen([] { ImGui::TextUnformatted("Caseload"); }));
  FramePicture picture;
  ui.Frames(2);
  REQUIRE(DrawnAfter(ui, picture));
  REQUIRE_FALSE(DrawnAfter(ui, picture));
  picture.Forget();  // e.g. the font atlas was rebuilt under the same texture name
  CHECK(DrawnAfter(ui, picture));
  CHECK_FALSE(DrawnAfter(ui, picture));
}

TEST_CASE("a tap redraws the button it presses, and the screen is still once it is released") {
  int taps = 0;
  UiHarness ui(UiHarness::FullScreen([&] {
    if (ImGui::Button("Save")) ++taps;
    outpost::client::ProbeLastItem("save");
  }));
  FramePicture picture;
  ui.Frames(2);
  REQUIRE(DrawnAfter(ui, picture));
  REQUIRE_FALSE(DrawnAfter(ui, picture));
  ui.Tap("save");
  CHECK(taps == 1);
  CHECK(DrawnAfter(ui, picture));  // hovered now: another shade
  ui.Frames(2);
  CHECK_FALSE(DrawnAfter(ui, picture));
}

}  // namespace
}  // namespace outpost::client

namespace outpost::client {
namespace {

TEST_CASE("no frame is drawn while a write is in flight, for at most DrawHold::kMaxHoldMs") {
  DrawHold hold;
  CHECK_FALSE(hold.Holds(/*storing=*/false, /*had_input=*/false, 1000));
  CHECK(hold.Holds(true, false, 1000));
  CHECK(hold.Holds(true, false, 1000 + DrawHold::kMaxHoldMs - 1));
  CHECK_FALSE(hold.Holds(true, false, 1000 + DrawHold::kMaxHoldMs));  // a slow write: drawn
  CHECK_FALSE(hold.Holds(false, false, 1000 + DrawHold::kMaxHoldMs + 5));
}

TEST_CASE("a touch during a write is drawn at once") {
  DrawHold hold;
  REQUIRE(hold.Holds(true, false, 1000));
  CHECK_FALSE(hold.Holds(true, /*had_input=*/true, 1010));
  CHECK(hold.Holds(true, false, 1020));  // the write is still in flight and nothing was touched
}

TEST_CASE("each write is held from its own start") {
  DrawHold hold;
  REQUIRE(hold.Holds(true, false, 1000));
  REQUIRE_FALSE(hold.Holds(false, false, 1040));  // written
  CHECK(hold.Holds(true, false, 5000));
  CHECK(hold.Holds(true, false, 5000 + DrawHold::kMaxHoldMs - 1));
}

}  // namespace
}  // namespace outpost::client
