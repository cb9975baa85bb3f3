// The signing screen: draws one step of the signing flow (app/signing.h) and records what the key
// worker asked for in SigningCommands. Like every screen it never touches the replica: moving
// between steps edits the SigningState it is given (the flow's own rules, AdvanceSigning and
// StepBackSigning), and saving is an intent the App carries out with SignatureRecords.
//
// Draw it inside the App's full-screen window, between ImGui::NewFrame and ImGui::Render.
//
// Probes (widgets/ui_probe.h), the same names for both signers since one is shown at a time:
//   items  "sign.cancel", "sign.next" (document and participant steps), "sign.back",
//          "sign.save" (key worker step, and again to retry after a failed save),
//          "sign.name", "sign.method.<value>" (value as stored: handwritten, mark, assisted,
//          verbal_witnessed, wet, none), "sign.pad", "sign.clear", "sign.undo",
//          "sign.witness_name", "sign.witness_role", "sign.reason", "sign.paper_reference",
//          "sign.document" (the scrolling document)
//   texts  "sign.version" ("Action Plan version 2"), "sign.document" (the full text shown),
//          "sign.hash" (ShortHash of the document's hash), "sign.signer" ("participant" or
//          "key_worker" while one signs), "sign.error" (the problem, when there is one)
#ifndef OUTPOST_WASM_CLIENT_SCREENS_SIGNING_SCREEN_H_
#define OUTPOST_WASM_CLIENT_SCREENS_SIGNING_SCREEN_H_

#include <cstdint>

#include "wasm-client/app/signing.h"

namespace outpost::client {

// What the signing screen asks for in one frame; the App carries it out after drawing.
struct SigningCommands {
  // Both have signed (state.step is kComplete): write SignatureRecords(state), set
  // state.saving while writing, and on failure put the problem in state.error (the screen then
  // offers "sign.save" again).
  bool save = false;
  // Leave the flow; nothing has been written.
  bool cancel = false;
};

// Draws the current step. `now_ms` (UTC) stamps a signer's signed_at when they finish.
void DrawSigningScreen(SigningState& state, int64_t now_ms, SigningCommands& commands);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_SCREENS_SIGNING_SCREEN_H_
