// The signing screen on a headless ImGui tablet: read, sign with a finger, save.
#include "wasm-client/screens/signing_screen.h"

#include <doctest/doctest.h>

#include "shared/base/sha256.h"
#include "tests/support/ui_harness.h"
#include "wasm-client/app/words.h"

namespace outpost::client {
namespace {

store::PlanVersion Version() {
  store::PlanPart item{"019a-item-1", {{"description", "Update CV"}, {"status", "in_progress"}}};
  std::string document = store::RenderPlanDocument({item}, {"019a-agreement", {}});
  return {3, document, Sha256Hex(document), {}};
}

struct SigningTablet {
  SigningState state = *StartSigning("p-1", Version(), "Grace Okafor", "Amira Khan");
  int saves = 0;
  int cancels = 0;
  testing::UiHarness ui{testing::UiHarness::FullScreen([this] {
    SigningCommands commands;
    DrawSigningScreen(state, 1795430700000, commands);
    saves += commands.save;
    cancels += commands.cancel;
  })};
  SigningTablet() { ui.Frames(2); }
};

TEST_CASE("the signing screen shows the exact version to be signed: number, text and hash") {
  SigningTablet tablet;
  const store::PlanVersion version = Version();
  CHECK(tablet.ui.Text("sign.version") == "Action Plan version 3");
  CHECK(tablet.ui.Text("sign.document") == version.document);
  CHECK(tablet.ui.Text("sign.hash") == ShortHash(version.document_hash));
  CHECK(tablet.ui.Has("sign.document"));
  CHECK_FALSE(tablet.ui.Has("sign.pad"));  // nobody signs before the plan has been read
}

TEST_CASE("a participant signs by dragging a finger across the pad, then the key worker is witnessed") {
  SigningTablet tablet;
  tablet.ui.Tap("sign.next");
  CHECK(tablet.ui.Text("sign.signer") == "participant");

  tablet.ui.Tap("sign.next");  // nothing drawn yet
  CHECK(tablet.state.error_field == "participant.fields.strokes");
  CHECK(tablet.ui.Text("sign.error") == tablet.state.error);
  CHECK(tablet.ui.Text("sign.signer") == "participant");

  tablet.ui.Drag("sign.pad", {ImVec2(0.1f, 0.6f), ImVec2(0.3f, 0.2f), ImVec2(0.45f, 0.7f),
                              ImVec2(0.7f, 0.3f), ImVec2(0.9f, 0.6f)});
  CHECK(tablet.state.participant.pad.HasEnoughInk());
  tablet.ui.Tap("sign.next");
  CHECK(tablet.ui.Text("sign.signer") == "key_worker");
  CHECK(tablet.ui.Text("sign.error").empty());

  tablet.ui.Tap("sign.save");  // the key worker has not signed yet
  CHECK(tablet.ui.Text("sign.error") == "Sign inside the box: a dot or a short line is not a signature.");
  tablet.ui.Tap("sign.method.verbal_witnessed");
  CHECK_FALSE(tablet.ui.Has("sign.pad"));
  CHECK(tablet.ui.Text("sign.error").empty());  // that problem went with the method
  tablet.ui.Type("sign.witness_name", "Sam Jones");
  tablet.ui.Tap("sign.save");
  CHECK(tablet.saves == 0);
  CHECK(tablet.state.error_field == "key_worker.fields.witness_role");
  CHECK(tablet.ui.Text("sign.error") == "Write the witness's role.");
  tablet.ui.Type("sign.witness_role", "Team leader");
  tablet.ui.Type("sign.reason", "Broken wrist");
  tablet.ui.Tap("sign.save");
  CHECK(tablet.saves == 1);
  CHECK(tablet.state.step == SigningStep::kComplete);

  auto records = SignatureRecords(tablet.state);
  REQUIRE(records.ok());
  CHECK((*records)[0].fields.find("\"method\":\"handwritten\"") != std::string::npos);
  CHECK((*records)[1].fields.find("\"witness_role\":\"Team leader\"") != std::string::npos);
}

TEST_CASE("undo takes back the last stroke on the screen and clear wipes the pad") {
  SigningTablet tablet;
  tablet.ui.Tap("sign.next");
  tablet.ui.Drag("sign.pad", {ImVec2(0.1f, 0.5f), ImVec2(0.9f, 0.5f)});
  tablet.ui.Drag("sign.pad", {ImVec2(0.5f, 0.1f), ImVec2(0.5f, 0.9f)});
  CHECK(tablet.state.participant.pad.strokes().size() == 2);
  tablet.ui.Tap("sign.undo");
  CHECK(tablet.state.participant.pad.strokes().size() == 1);
  tablet.ui.Tap("sign.clear");
  CHECK(tablet.state.participant.pad.empty());
}

TEST_CASE("cancel on the signing screen asks to leave and saves nothing") {
  SigningTablet tablet;
  tablet.ui.Tap("sign.cancel");
  CHECK(tablet.cancels == 1);
  CHECK(tablet.saves == 0);
}

TEST_CASE("the signing screen speaks Welsh when the key worker works in Welsh") {
  SetLanguage(Language::kWelsh);
  SigningTablet tablet;
  const std::string version = tablet.ui.Text("sign.version");
  SetLanguage(Language::kEnglish);
  CHECK(version == "Cynllun Gweithredu fersiwn 3");
}

}  // namespace
}  // namespace outpost::client
