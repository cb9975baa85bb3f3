#include "wasm-client/screens/signing_screen.h"

#include <algorithm>
#include <string>

#include "imgui.h"
#include "wasm-client/app/words.h"
#include "wasm-client/widgets/signature_pad.h"
#include "wasm-client/widgets/ui_probe.h"

namespace outpost::client {

namespace {

const ImVec4 kErrorRed(0.70f, 0.05f, 0.05f, 1.0f);

bool WideButton(const char* label) {
  return ImGui::Button(label, ImVec2(-1, ImGui::GetFrameHeight() * 1.6f));
}

// Draws the error under the field it is about, when it is about this one. Returns true if drawn.
bool FieldError(const SigningState& state, const std::string& field) {
  if (state.error.empty() || state.error_field != field) return false;
  ImGui::PushStyleColor(ImGuiCol_Text, kErrorRed);
  ImGui::TextWrapped("%s", state.error.c_str());
  ImGui::PopStyleColor();
  return true;
}

// A labelled one-line text field, its probe, and its error.
bool TextField(const SigningState& state, const char* label, const char* id, char* buffer,
               size_t size, const std::string& probe, const std::string& field) {
  ImGui::TextUnformatted(label);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText(id, buffer, size);
  ProbeLastItem(probe);
  return FieldError(state, field);
}

void DrawDocument(SigningState& state) {
  ImGui::TextWrapped("%s", T({"Read the plan together before signing. This is exactly what will "
                              "be signed.",
                              "Darllenwch y cynllun gyda'ch gilydd cyn llofnodi. Dyma'n union "
                              "beth fydd yn cael ei lofnodi."}));
  const float height = std::max(ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeight() * 3,
                                ImGui::GetTextLineHeight() * 8);
  ImGui::BeginChild("##document", ImVec2(-1, height), true);
  ImGui::TextWrapped("%s", state.document.c_str());
  ImGui::EndChild();
  ProbeLastItem("sign.document");
  ProbeText("sign.document", state.document);
  if (WideButton(T({"We have read it: sign", "Rydym wedi'i ddarllen: llofnodi"})))
    AdvanceSigning(state, 0);
  ProbeLastItem("sign.next");
}

void DrawSigner(SigningState& state, int64_t now_ms, SigningCommands& commands, bool* shown) {
  const SignerRole role = CurrentRole(state);
  SignerDraft& d = CurrentSigner(state);
  const std::string at = std::string(SignerRoleValue(role)) + ".fields.";
  ImGui::TextUnformatted(role == SignerRole::kParticipant
                             ? T({"The participant signs", "Y cyfranogwr yn llofnodi"})
                             : T({"The key worker signs", "Y gweithiwr allweddol yn llofnodi"}));
  ProbeText("sign.signer", SignerRoleValue(role));
  *shown |= TextField(state, T({"Name", "Enw"}), "##name", d.name, sizeof d.name, "sign.name",
                      at + "signer_name");

  ImGui::TextUnformatted(T({"How they agree", "Sut maen nhw'n cytuno"}));
  int i = 0;
  for (SignMethod m : kSignMethods) {
    if (i++ % 2) ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
    const std::string label = std::string(SignMethodName(m)) + "##" + SignMethodValue(m);
    if (ImGui::RadioButton(label.c_str(), d.method == m) && d.method != m) {
      d.method = m;  // a problem with the old method's fields no longer applies
      state.error.clear();
      state.error_field.clear();
    }
    ProbeLastItem(std::string("sign.method.") + SignMethodValue(m));
  }

  if (IsOnGlass(d.method)) {
    ImGui::TextWrapped("%s", d.method == SignMethod::kMark
                                 ? T({"Make the mark inside the box.", "Gwnewch y marc yn y blwch."})
                                 : T({"Sign inside the box.", "Llofnodwch yn y blwch."}));
    SignaturePadWidget("##pad", d.pad, ImGui::GetIO().DisplaySize.y * 0.35f);
    ProbeLastItem("sign.pad");
    if (ImGui::Button(T({"Clear", "Clirio"}))) d.pad.Clear();
    ProbeLastItem("sign.clear");
    ImGui::SameLine();
    ImGui::BeginDisabled(d.pad.empty());
    if (ImGui::Button(T({"Undo last stroke", "Dadwneud y strôc olaf"}))) d.pad.Undo();
    ImGui::EndDisabled();
    ProbeLastItem("sign.undo");
    *shown |= FieldError(state, at + "strokes");
  }
  if (d.method == SignMethod::kAssisted || d.method == SignMethod::kVerbalWitnessed) {
    const bool assisted = d.method == SignMethod::kAssisted;
    *shown |= TextField(state,
                        assisted ? T({"Name of the person who helped", "Enw'r person a helpodd"})
                                 : T({"Witness's name", "Enw'r tyst"}),
                        "##witness_name", d.witness_name, sizeof d.witness_name,
                        "sign.witness_name", at + "witness_name");
    *shown |= TextField(state,
                        assisted ? T({"Their role (optional)", "Eu rôl (dewisol)"})
                                 : T({"Witness's role", "Rôl y tyst"}),
                        "##witness_role", d.witness_role, sizeof d.witness_role,
                        "sign.witness_role", at + "witness_role");
  }
  if (d.method == SignMethod::kWet)
    *shown |= TextField(state, T({"Reference of the paper copy", "Cyfeirnod y copi papur"}),
                        "##paper_reference", d.paper_reference, sizeof d.paper_reference,
                        "sign.paper_reference", at + "paper_reference");
  if (d.method != SignMethod::kHandwritten && d.method != SignMethod::kWet)
    *shown |= TextField(state,
                        d.method == SignMethod::kNone
                            ? T({"Why there is no signature", "Pam nad oes llofnod"})
                            : T({"Why they agree this way", "Pam maen nhw'n cytuno fel hyn"}),
                        "##reason", d.reason, sizeof d.reason, "sign.reason", at + "reason");
  ImGui::Spacing();
  if (ImGui::Button(T({"< Back", "< Yn ôl"}))) StepBackSigning(state);
  ProbeLastItem("sign.back");
  ImGui::SameLine();
  if (role == SignerRole::kParticipant) {
    if (WideButton(T({"Next: the key worker signs", "Nesaf: y gweithiwr allweddol yn llofnodi"})))
      AdvanceSigning(state, now_ms);
    ProbeLastItem("sign.next");
  } else {
    ImGui::BeginDisabled(state.saving);
    if (WideButton(T({"Save both signatures", "Cadw'r ddau lofnod"})) &&
        AdvanceSigning(state, now_ms))
      commands.save = true;
    ImGui::EndDisabled();
    ProbeLastItem("sign.save");
  }
}

void DrawComplete(SigningState& state, SigningCommands& commands) {
  if (state.saving || state.error.empty()) {
    ImGui::TextWrapped("%s", T({"Saving the signatures on this tablet...",
                                "Yn cadw'r llofnodion ar y dabled hon..."}));
    return;
  }
  if (ImGui::Button(T({"< Back", "< Yn ôl"}))) StepBackSigning(state);
  ProbeLastItem("sign.back");
  ImGui::SameLine();
  if (WideButton(T({"Try saving again", "Ceisio cadw eto"}))) commands.save = true;
  ProbeLastItem("sign.save");
}

}  // namespace

void DrawSigningScreen(SigningState& state, int64_t now_ms, SigningCommands& commands) {
  if (ImGui::Button(T({"Cancel", "Canslo"}))) commands.cancel = true;
  ProbeLastItem("sign.cancel");
  const std::string version =
      Tf({"Action Plan version %d", "Cynllun Gweithredu fersiwn %d"}, state.plan_version);
  ImGui::TextUnformatted(version.c_str());
  ProbeText("sign.version", version);
  // The short hash on its own, so it can be compared with the receipt character by character.
  const std::string hash = ShortHash(state.document_hash);
  ImGui::TextDisabled("%s", T({"Version check (SHA-256):", "Gwiriad fersiwn (SHA-256):"}));
  ImGui::SameLine();
  ImGui::TextUnformatted(hash.c_str());
  ProbeText("sign.hash", hash);
  ImGui::Separator();

  bool shown = false;
  switch (state.step) {
    case SigningStep::kReadDocument: DrawDocument(state); break;
    case SigningStep::kParticipantSigns:
    case SigningStep::kKeyWorkerSigns: DrawSigner(state, now_ms, commands, &shown); break;
    case SigningStep::kComplete: DrawComplete(state, commands); break;
  }
  if (!state.error.empty()) {
    if (!shown) {
      ImGui::PushStyleColor(ImGuiCol_Text, kErrorRed);
      ImGui::TextWrapped("%s", state.error.c_str());
      ImGui::PopStyleColor();
    }
    ProbeText("sign.error", state.error);
  }
}

}  // namespace outpost::client
