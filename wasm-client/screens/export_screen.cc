#include "wasm-client/screens/export_screen.h"

#include "imgui.h"
#include "imgui_internal.h"
#include "shared/sync/export_file.h"
#include "wasm-client/app/words.h"
#include "wasm-client/widgets/ui_probe.h"

namespace outpost::client {

namespace {

void Message(const ExportState& state) {
  if (state.message.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, state.failed ? ImVec4(0.70f, 0.05f, 0.05f, 1.0f)
                                                    : ImVec4(0.05f, 0.45f, 0.15f, 1.0f));
  ImGui::TextWrapped("%s", state.message.c_str());
  ImGui::PopStyleColor();
  ProbeText("export.message", state.message);
}

void PassphraseField(const char* label, const char* id, char* buffer, size_t size, bool disabled,
                     const char* probe) {
  ImGui::TextUnformatted(label);
  ImGui::SetNextItemWidth(-1);
  ImGui::BeginDisabled(disabled);
  ImGui::InputText(id, buffer, size, ImGuiInputTextFlags_Password);
  ImGui::EndDisabled();
  ProbeLastItem(probe);
}

}  // namespace

void DrawExportScreen(ExportState& state, ExportCommands& commands) {
  if (ImGui::Button((std::string("< ") + T({"Back", "Yn ôl"})).c_str())) commands.back = true;
  ProbeLastItem("nav.back");
  const float scale = ImGui::GetCurrentWindow()->FontWindowScale;
  ImGui::SetWindowFontScale(scale * 1.25f);
  ImGui::TextWrapped("%s", T({"Export waiting changes", "Allforio newidiadau sy'n aros"}));
  ImGui::SetWindowFontScale(scale);
  ImGui::TextWrapped("%s", T({"Only when the changes cannot reach the server by syncing. This saves "
                              "them to a file, locked with a passphrase, for your supervisor to "
                              "add on the server. They also stay on this tablet and still sync.",
                              "Dim ond pan na all y newidiadau gyrraedd y gweinydd drwy gysoni. "
                              "Mae hyn yn eu cadw mewn ffeil, wedi'i chloi â chyfrinymadrodd, i'ch "
                              "goruchwylydd eu hychwanegu ar y gweinydd. Maen nhw hefyd yn aros "
                              "ar y dabled hon ac yn dal i gysoni."}));
  const std::string waiting =
      state.waiting == 0
          ? std::string(T({"Nothing is waiting: every change is on the server.",
                           "Does dim yn aros: mae pob newid ar y gweinydd."}))
          : Tf({"Changes waiting to sync: %lld", "Newidiadau sy'n aros i gysoni: %lld"},
               static_cast<long long>(state.waiting));
  ImGui::TextWrapped("%s", waiting.c_str());
  ProbeText("export.waiting", waiting);
  ImGui::Separator();
  PassphraseField(Tf({"Passphrase (at least %d characters)", "Cyfrinymadrodd (o leiaf %d nod)"},
                     sync::kMinPassphraseChars).c_str(),
                  "##export-passphrase", state.passphrase, sizeof state.passphrase, state.working,
                  "export.passphrase");
  PassphraseField(T({"Type it again", "Teipiwch ef eto"}), "##export-again", state.again,
                  sizeof state.again, state.working, "export.again");
  ImGui::TextWrapped("%s", T({"Tell your supervisor the passphrase by phone. Never write it on or "
                              "with the file, or send it in the same email or message.",
                              "Dywedwch y cyfrinymadrodd wrth eich goruchwylydd dros y ffôn. "
                              "Peidiwch byth â'i ysgrifennu ar y ffeil neu gyda hi, na'i anfon yn "
                              "yr un e-bost neu neges."}));
  ImGui::BeginDisabled(state.working || state.waiting == 0);
  if (ImGui::Button(state.working ? T({"Encrypting...", "Yn amgryptio..."})
                                  : T({"Save encrypted file", "Cadw ffeil wedi'i hamgryptio"}),
                    ImVec2(ImGui::GetContentRegionAvail().x, 0)))
    commands.submit = true;
  ImGui::EndDisabled();
  ProbeLastItem("export.submit");
  Message(state);
  if (!state.file_name.empty()) ProbeText("export.file", state.file_name);
}

}  // namespace outpost::client
