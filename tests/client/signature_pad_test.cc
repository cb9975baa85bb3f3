// The signature pad: strokes in pad units whatever the screen does, their text form, and the
// widget driven by a finger on a headless ImGui screen.
#include "wasm-client/widgets/signature_pad.h"

#include <doctest/doctest.h>

#include "tests/support/sample_signature.h"
#include "tests/support/ui_harness.h"
#include "wasm-client/widgets/ui_probe.h"

namespace outpost::client {
namespace {

// A full-screen window holding only the pad, sized to the display as the App's window is.
struct PadScreen {
  SignaturePad pad;
  testing::UiHarness ui{testing::UiHarness::FullScreen([this] {
    ImGui::TextUnformatted("Sign below");
    SignaturePadWidget("##pad", pad, 360);
    ProbeLastItem("sign.pad");
  })};
  PadScreen() { ui.Frames(2); }
};

TEST_CASE("a screen position maps to the same pad point whatever size the pad is drawn") {
  PadLayout portrait = PadLayout::Fit(16, 100, 768, 1000);  // 768 x 256
  CHECK(portrait.width == doctest::Approx(768));
  CHECK(portrait.height == doctest::Approx(256));
  PadLayout landscape = PadLayout::Fit(16, 80, 1248, 300);  // too tall at full width: 900 x 300
  CHECK(landscape.width == doctest::Approx(900));
  CHECK(landscape.height == doctest::Approx(300));
  for (const PadLayout& layout : {portrait, landscape}) {
    CHECK(layout.ToPad(layout.left + layout.width / 2, layout.top + layout.height / 2) ==
          PadPoint{600, 200, 0});
    CHECK(layout.ToPad(layout.left, layout.top) == PadPoint{0, 0, 0});
    CHECK(layout.ToPad(layout.left + layout.width, layout.top + layout.height) ==
          PadPoint{1200, 400, 0});
    // Off the pad (a finger sliding past the edge) is held at the edge.
    CHECK(layout.ToPad(layout.left - 50, layout.top + layout.height + 50) == PadPoint{0, 400, 0});
    ImVec2 back = layout.ToScreen({300, 100, 0});
    CHECK(layout.ToPad(back.x, back.y) == PadPoint{300, 100, 0});
  }
}

TEST_CASE("turning the tablet keeps the ink in the same place on the pad") {
  PadLayout portrait = PadLayout::Fit(0, 0, 800, 400);
  PadLayout landscape = PadLayout::Fit(0, 0, 1280, 400);
  PadPoint point = portrait.ToPad(200, 150);
  ImVec2 before = portrait.ToScreen(point), after = landscape.ToScreen(point);
  // Same fraction of the pad's width and height on both screens.
  CHECK(before.x / portrait.width == doctest::Approx(after.x / landscape.width).epsilon(0.001));
  CHECK(before.y / portrait.height == doctest::Approx(after.y / landscape.height).epsilon(0.001));
}

TEST_CASE("strokes keep their timing in milliseconds since the pen first touched the pad") {
  SignaturePad pad;
  pad.PenDown(10, 10, 70000);
  pad.PenMove(50, 10, 70016);
  pad.PenUp();
  pad.PenDown(60, 60, 70500);
  pad.PenMove(60, 60, 70510);  // too close to the last point: adds nothing
  pad.PenMove(90, 60, 70400);  // a clock that steps back never makes time run backwards
  REQUIRE(pad.strokes().size() == 2);
  CHECK(pad.strokes()[0] == PadStroke{{10, 10, 0}, {50, 10, 16}});
  CHECK(pad.strokes()[1] == PadStroke{{60, 60, 500}, {90, 60, 500}});
}

TEST_CASE("a stray dot or a short scratch is not enough ink; a mark or a signature is") {
  SignaturePad dot;
  dot.PenDown(600, 200, 0);
  dot.PenUp();
  CHECK_FALSE(dot.HasEnoughInk());
  SignaturePad scratch;
  scratch.PenDown(600, 200, 0);
  scratch.PenMove(630, 210, 16);
  CHECK_FALSE(scratch.HasEnoughInk());
  SignaturePad mark;  // an X
  mark.PenDown(500, 100, 0);
  mark.PenMove(600, 200, 100);
  mark.PenUp();
  mark.PenDown(600, 100, 300);
  mark.PenMove(500, 200, 400);
  CHECK(mark.HasEnoughInk());
  CHECK(testing::SampleSignature().HasEnoughInk());
  CHECK_FALSE(SignaturePad().HasEnoughInk());
}

TEST_CASE("undo removes the last stroke and clear removes them all") {
  SignaturePad pad = testing::SampleSignature();
  REQUIRE(pad.strokes().size() == 3);
  const PadStroke first = pad.strokes()[0];
  CHECK(pad.Undo());
  CHECK(pad.strokes().size() == 2);
  CHECK(pad.strokes()[0] == first);
  CHECK(pad.PointCount() == 22);
  pad.Clear();
  CHECK(pad.empty());
  CHECK(pad.PointCount() == 0);
  CHECK_FALSE(pad.Undo());
}

TEST_CASE("a runaway drag stops at the caps on points and strokes") {
  SignaturePad pad;
  pad.PenDown(0, 0, 0);
  for (int i = 1; i < 5000; ++i) pad.PenMove((i * 7) % 1200, (i * 13) % 400, i);
  CHECK(pad.strokes()[0].size() == SignaturePad::kMaxPointsPerStroke);
  for (int s = 0; s < 200; ++s) {
    pad.PenDown(0, 0, 10000 + s);
    for (int i = 1; i < 600; ++i) pad.PenMove((i * 7) % 1200, (i * 13) % 400, 10000 + s);
  }
  CHECK(pad.full());
  CHECK(pad.PointCount() <= SignaturePad::kMaxPoints);
  CHECK(pad.strokes().size() <= SignaturePad::kMaxStrokes);
  CHECK(pad.Serialize().size() < 100000);  // well inside the server's 200 000-byte field limit
  auto parsed = SignaturePad::Parse(pad.Serialize());
  REQUIRE(parsed.ok());
  CHECK(parsed->PointCount() == pad.PointCount());
}

TEST_CASE("the text form gives back the same strokes, point for point") {
  SignaturePad pad = testing::SampleSignature();
  const std::string text = pad.Serialize();
  CHECK(text.rfind("s1;100,200,0 120,230,16 ", 0) == 0);
  auto parsed = SignaturePad::Parse(text);
  REQUIRE(parsed.ok());
  CHECK(parsed->strokes() == pad.strokes());
  CHECK(parsed->Serialize() == text);
  CHECK(SignaturePad().Serialize().empty());
  CHECK(SignaturePad::Parse("")->empty());
  auto dot = SignaturePad::Parse("s1;1200,400,3600000");
  REQUIRE(dot.ok());
  CHECK(dot->strokes()[0][0] == PadPoint{1200, 400, 3600000});
}

TEST_CASE("the text form is read strictly and an error says where it failed") {
  auto where = [](const char* text) {
    auto parsed = SignaturePad::Parse(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().where() == "strokes");
    return parsed.status().what();
  };
  CHECK(where("[[0,10,12]]").find("\"s1\"") != std::string::npos);
  CHECK(where("s1") .find("expected ';'") != std::string::npos);
  CHECK(where("s1;") .find("x must be") != std::string::npos);
  CHECK(where("s1;1,2,3 4,5") == "at character 12 (stroke 1, point 2): expected ',' after y");
  CHECK(where("s1;1201,0,0").find("x must be") != std::string::npos);
  CHECK(where("s1;0,401,0").find("y must be") != std::string::npos);
  CHECK(where("s1;0,-1,0").find("y must be") != std::string::npos);
  CHECK(where("s1;01,0,0").find("x must be") != std::string::npos);  // no leading zeros
  CHECK(where("s1;0,0,3600001").find("t must be") != std::string::npos);
  CHECK(where("s1;0,0,10;5,5,9") == "at character 15 (stroke 2, point 1): time goes backwards");
  CHECK(where("s1;0,0,0 ").find("x must be") != std::string::npos);
  CHECK(where("s1;0,0,0;").find("stroke 2") != std::string::npos);
  CHECK(where("s1;0,0,0\n").find("expected ';', ' ' or the end") != std::string::npos);
  CHECK(where("s1;0,0,0  1,1,1").find("x must be") != std::string::npos);
  std::string long_stroke = "s1;0,0,0";
  for (size_t i = 1; i <= SignaturePad::kMaxPointsPerStroke; ++i) long_stroke += " 1,1,1";
  CHECK(where(long_stroke.c_str()).find("more than 512 points in a stroke") != std::string::npos);
  std::string many_strokes = "s1";
  for (size_t i = 0; i <= SignaturePad::kMaxStrokes; ++i) many_strokes += ";1,1,1";
  CHECK(where(many_strokes.c_str()).find("more than 64 strokes") != std::string::npos);
}

TEST_CASE("the SVG path draws every stroke in pad units, a dot as a tiny segment") {
  auto pad = SignaturePad::Parse("s1;10,20,0 30,40,16;500,300,400");
  REQUIRE(pad.ok());
  CHECK(pad->SvgPathData() == "M10 20 L30 40 M500 300 l0.1 0");
}

TEST_CASE("dragging a finger across the pad draws a stroke where the finger went") {
  PadScreen screen;
  screen.ui.Drag("sign.pad", {ImVec2(0.1f, 0.5f), ImVec2(0.5f, 0.25f), ImVec2(0.9f, 0.75f)});
  REQUIRE(screen.pad.strokes().size() == 1);
  const PadStroke& stroke = screen.pad.strokes()[0];
  CHECK(stroke.front().x == doctest::Approx(120).epsilon(0.01));
  CHECK(stroke.front().y == doctest::Approx(200).epsilon(0.01));
  CHECK(stroke.back().x == doctest::Approx(1080).epsilon(0.01));
  CHECK(stroke.back().y == doctest::Approx(300).epsilon(0.01));
  CHECK(stroke.size() >= 10);
  CHECK(stroke.back().t_ms > stroke.front().t_ms);
  CHECK(screen.pad.HasEnoughInk());
  CHECK_FALSE(screen.pad.pen_is_down());
}

TEST_CASE("turning the tablet in the middle of a stroke keeps every earlier point exactly") {
  PadScreen screen;
  screen.ui.PointerDown(screen.ui.At("sign.pad", 0.1f, 0.5f));
  for (int i = 3; i < 10; ++i) screen.ui.PointerMove(screen.ui.At("sign.pad", i * 0.05f, 0.5f));
  const PadStroke before = screen.pad.strokes().at(0);
  screen.ui.Resize(1280, 800);  // portrait to landscape, finger still down
  screen.ui.Frame();
  for (int i = 10; i <= 18; ++i) screen.ui.PointerMove(screen.ui.At("sign.pad", i * 0.05f, 0.5f));
  screen.ui.PointerUp();
  REQUIRE(screen.pad.strokes().size() == 1);  // still one stroke: the pen was never lifted
  const PadStroke& after = screen.pad.strokes()[0];
  REQUIRE(after.size() > before.size());
  CHECK(PadStroke(after.begin(), after.begin() + static_cast<long>(before.size())) == before);
  CHECK(after.back().x == doctest::Approx(1080).epsilon(0.02));  // 90% across the new, wider pad
  CHECK(after.back().y == doctest::Approx(200).epsilon(0.02));
}

TEST_CASE("while a finger is on the pad the pad holds the active item, so the window neither moves nor scrolls") {
  PadScreen screen;
  screen.ui.Resize(800, 200);  // shorter than the content: the window could scroll
  screen.ui.Frames(2);
  const ImVec2 before = screen.ui.At("sign.pad", 0, 0);
  screen.ui.PointerDown(screen.ui.At("sign.pad", 0.5f, 0.2f));
  screen.ui.PointerMove(screen.ui.At("sign.pad", 0.5f, 0.9f));
  // Window dragging and any drag-to-scroll only act when no item is active.
  CHECK(ImGui::IsAnyItemActive());
  CHECK(ImGui::GetIO().WantCaptureMouse);
  screen.ui.PointerMove(screen.ui.At("sign.pad", 0.2f, 0.1f));
  screen.ui.PointerUp();
  const ImVec2 after = screen.ui.At("sign.pad", 0, 0);
  CHECK(after.x == before.x);
  CHECK(after.y == before.y);
  CHECK_FALSE(ImGui::IsAnyItemActive());
  CHECK(screen.pad.strokes().size() == 1);
}

}  // namespace
}  // namespace outpost::client
