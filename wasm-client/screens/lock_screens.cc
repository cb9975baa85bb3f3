#include "wasm-client/screens/lock_screens.h"

#include <cstring>

#include "imgui.h"
#include "wasm-client/app/words.h"
#include "wasm-client/widgets/ui_probe.h"

namespace outpost::client {
namespace {

const ImVec4 kRed(0.70f, 0.05f, 0.05f, 1.0f);

void BeginLockWindow(const char* name) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PushTextWrapPos(0.0f);
}

void EndLockWindow(const LockScreenState& state) {
  if (!state.storage_info.empty()) {
    ImGui::Separator();
    ImGui::TextUnformatted(state.storage_info.c_str());
    ProbeText("storage.info", state.storage_info);
  }
  ImGui::PopTextWrapPos();
  ImGui::End();
}

// A masked digits-only field the width of the window; true when Enter was pressed.
bool PinField(const char* id, char* buffer, size_t size) {
  ImGui::SetNextItemWidth(-1);
  return ImGui::InputText(id, buffer, size,
                          ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                              ImGuiInputTextFlags_EnterReturnsTrue);
}

void Message(const std::string& text, const char* probe) {
  if (text.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, kRed);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ProbeText(probe, text);
}

bool WideButton(const char* label) {
  return ImGui::Button(label, ImVec2(ImGui::GetContentRegionAvail().x, 0));
}

}  // namespace

void WipeSecrets(LockScreenState& state) {
  // volatile: the compiler may not drop a wipe of memory that is never read again.
  for (auto* buffer : {state.pin, state.pin_again, state.password}) {
    volatile char* p = buffer;
    for (size_t i = 0; p[i] != '\0'; ++i) p[i] = '\0';
  }
}

bool UnlockWithPassword(const LockScreenState& state) {
  return state.use_password || !state.options.pin;
}

void DrawUnlockScreen(LockScreenState& state, LockIntents& intents) {
  BeginLockWindow("##unlock");
  ProbeText("lock.screen", "unlock");
  ProbeText("lock.working", state.working ? "yes" : "no");
  ImGui::TextUnformatted(T({"Outpost is locked", "Mae Outpost wedi'i gloi"}));
  if (!state.display_name.empty()) {
    std::string who = Tf({"Records of %s are on this tablet.", "Mae cofnodion %s ar y dabled hon."},
                         state.display_name.c_str());
    ImGui::TextUnformatted(who.c_str());
    ProbeText("unlock.who", who);
  }
  const bool password = UnlockWithPassword(state);
  bool enter = false;
  if (password) {
    if (state.options.needs_server) {
      ImGui::TextUnformatted(T({"Enter your password. The server must check it, so the tablet "
                                "needs a connection.",
                                "Rhowch eich cyfrinair. Rhaid i'r gweinydd ei wirio, felly mae "
                                "angen cysylltiad ar y dabled."}));
    } else {
      ImGui::TextUnformatted(T({"Password", "Cyfrinair"}));
    }
    ImGui::SetNextItemWidth(-1);
    enter = ImGui::InputText("##unlock-password", state.password, sizeof state.password,
                             ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    ProbeLastItem("unlock.password");
  } else {
    ImGui::TextUnformatted(T({"PIN", "PIN"}));
    enter = PinField("##unlock-pin", state.pin, sizeof state.pin);
    ProbeLastItem("unlock.pin");
  }
  ImGui::BeginDisabled(state.working);
  if (WideButton(state.working ? T({"Unlocking...", "Yn datgloi..."}) : T({"Unlock", "Datgloi"})) ||
      enter)
    intents.unlock = !state.working;
  ProbeLastItem("unlock.submit");
  if (state.options.pin) {
    if (ImGui::Button(password ? T({"Use my PIN instead", "Defnyddio fy PIN yn lle"})
                               : T({"Use my password instead", "Defnyddio fy nghyfrinair yn lle"})))
      state.use_password = !state.use_password;
    ProbeLastItem(password ? "unlock.use_pin" : "unlock.use_password");
  }
  ImGui::EndDisabled();
  Message(state.message, "unlock.message");
  EndLockWindow(state);
}

void DrawSetPinScreen(LockScreenState& state, LockIntents& intents) {
  BeginLockWindow("##set-pin");
  ProbeText("lock.screen", "set_pin");
  ProbeText("lock.working", state.working ? "yes" : "no");
  ImGui::TextUnformatted(T({"Choose a PIN for this tablet", "Dewiswch PIN ar gyfer y dabled hon"}));
  ImGui::TextUnformatted(
      T({"The records on this tablet are encrypted. You unlock them with this PIN, or with your "
         "password, also when offline. Use at least 6 digits that are not easy to guess.",
         "Mae'r cofnodion ar y dabled hon wedi'u hamgryptio. Rydych yn eu datgloi gyda'r PIN "
         "hwn, neu gyda'ch cyfrinair, hefyd pan fyddwch all-lein. Defnyddiwch o leiaf 6 digid "
         "nad ydynt yn hawdd eu dyfalu."}));
  ImGui::TextUnformatted(T({"New PIN", "PIN newydd"}));
  PinField("##setpin-pin", state.pin, sizeof state.pin);
  ProbeLastItem("setpin.pin");
  ImGui::TextUnformatted(T({"The same PIN again", "Yr un PIN eto"}));
  bool enter = PinField("##setpin-again", state.pin_again, sizeof state.pin_again);
  ProbeLastItem("setpin.again");
  ImGui::BeginDisabled(state.working);
  if (WideButton(state.working ? T({"Saving...", "Yn cadw..."}) : T({"Set PIN", "Gosod PIN"})) ||
      enter)
    intents.set_pin = !state.working;
  ProbeLastItem("setpin.submit");
  ImGui::EndDisabled();
  Message(state.message, "setpin.message");
  EndLockWindow(state);
}

}  // namespace outpost::client
