#include "wasm-client/screens/screens.h"

#include <string>

#include "imgui.h"
#include "wasm-client/widgets/ui_probe.h"

namespace outpost::client {

namespace {

const ImVec4 kRed(0.70f, 0.05f, 0.05f, 1.0f);
const ImVec4 kGreen(0.05f, 0.45f, 0.15f, 1.0f);
const ImVec4 kAmber(0.60f, 0.35f, 0.0f, 1.0f);

std::string SyncStatusText(const SyncView& sync) {
  std::string waiting = sync.waiting == 1 ? "1 change waiting to sync"
                                          : std::to_string(sync.waiting) + " changes waiting to sync";
  if (sync.in_flight)
    return "Syncing: " + std::to_string(sync.sent) + " of " + std::to_string(sync.to_send) +
           " sent, " + std::to_string(sync.received) + " received";
  if (sync.quarantined)
    return std::to_string(sync.quarantined) +
           (sync.quarantined == 1 ? " change was refused by the server: see the participant"
                                  : " changes were refused by the server: see the participants");
  if (!sync.online) return sync.waiting ? "Offline: " + waiting : "Offline: nothing waiting";
  if (!sync.last_error.empty()) return "Sync failed, will retry: " + sync.last_error;
  if (sync.waiting) return waiting;
  if (sync.last_synced_at.empty()) return "Not synced yet";
  return "Up to date, last synced " + sync.last_synced_at.substr(11, 5) + " UTC";
}

const char* Label(const char* const (&pairs)[2], bool human) { return pairs[human ? 1 : 0]; }

std::string HumanMode(const std::string& value) {
  for (const auto& mode : kContactModes)
    if (value == mode[0]) return mode[1];
  return value;
}

std::string HumanOutcome(const std::string& value) {
  for (const auto& outcome : kContactOutcomes)
    if (value == outcome[0]) return outcome[1];
  return value;
}

void ErrorText(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, kRed);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

bool WideButton(const char* label) {
  return ImGui::Button(label, ImVec2(ImGui::GetContentRegionAvail().x, 0));
}

}  // namespace

void DrawStatusBar(const AppState& state, Commands& commands) {
  const std::string status = SyncStatusText(state.sync);
  ImVec4 colour = !state.sync.online ? kAmber : state.sync.waiting ? kAmber : kGreen;
  if (!state.username_signed_in.empty()) {
    ImGui::Text("%s", state.display_name.c_str());
    ImGui::SameLine();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(status.c_str());
  ImGui::PopStyleColor();
  ProbeText("sync.status", status);
  if (state.sync.clock_flagged) {
    ErrorText("This tablet's clock is wrong: set the date and time in the tablet's settings.");
    ProbeText("sync.clock", "wrong");
  }
  if (!state.username_signed_in.empty()) {
    ImGui::SameLine();
    ImGui::BeginDisabled(!state.sync.online || state.sync.in_flight);
    if (ImGui::Button("Sync now")) commands.sync_now = true;
    ImGui::EndDisabled();
    ProbeLastItem("sync.now");
  }
  ImGui::Separator();
}

void DrawSignInScreen(AppState& state, Commands& commands) {
  ImGui::TextUnformatted("Sign in to Outpost");
  ImGui::TextWrapped("Sign in while online once; the tablet then works without a connection.");
  ImGui::TextUnformatted("Username");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##username", state.username, sizeof state.username);
  ProbeLastItem("signin.username");
  ImGui::TextUnformatted("Password");
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputText("##password", state.password, sizeof state.password,
                                ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  ProbeLastItem("signin.password");
  ImGui::BeginDisabled(state.signing_in);
  if (WideButton(state.signing_in ? "Signing in..." : "Sign in") || enter) commands.sign_in = true;
  ImGui::EndDisabled();
  ProbeLastItem("signin.submit");
  if (!state.sign_in_message.empty()) {
    ErrorText(state.sign_in_message);
    ProbeText("signin.message", state.sign_in_message);
  }
}

void DrawCaseloadScreen(const AppState& state, Commands& commands) {
  ImGui::Text("Your caseload");
  const std::string count = std::to_string(state.caseload.size()) + " participants";
  ImGui::TextUnformatted(count.c_str());
  ProbeText("caseload.count", count);
  if (state.caseload.empty())
    ImGui::TextWrapped("No participants yet. They appear here after the tablet syncs.");
  for (const ParticipantRow& p : state.caseload) {
    std::string label = p.family_name + ", " + p.given_name + "\n" + p.journey_stage + "##" +
                        p.participant_id;
    if (ImGui::Button(label.c_str(), ImVec2(ImGui::GetContentRegionAvail().x, 0)))
      commands.open_participant = p.participant_id;
    ProbeLastItem("caseload.open." + p.family_name);
  }
}

void DrawParticipantScreen(const AppState& state, Commands& commands) {
  if (ImGui::Button("< Caseload")) commands.back = true;
  ProbeLastItem("nav.back");
  if (!state.participant) return;
  const ParticipantRow& p = *state.participant;
  const std::string name = p.given_name + " " + p.family_name;
  ImGui::TextUnformatted(name.c_str());
  ProbeText("participant.name", name);
  ImGui::Text("NI number %s", p.ni_masked.c_str());
  ImGui::Text("Referred %s   Start Date %s", p.referral_date.c_str(),
              p.start_date.empty() ? "not started" : p.start_date.c_str());
  ImGui::TextWrapped("%s", p.journey_stage.c_str());
  if (!state.banner.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kGreen);
    ImGui::TextWrapped("%s", state.banner.c_str());
    ImGui::PopStyleColor();
    ProbeText("banner", state.banner);
  }
  if (WideButton("Record a contact")) commands.new_contact = true;
  ProbeLastItem("participant.record_contact");
  ImGui::Separator();
  const std::string count = std::to_string(state.contacts.size()) + " contacts";
  ImGui::TextUnformatted(count.c_str());
  ProbeText("participant.contacts", count);
  for (size_t i = 0; i < state.contacts.size(); ++i) {
    const ContactRow& c = state.contacts[i];
    ImGui::Separator();
    ImGui::Text("%s  %s, %s", c.occurred_at.c_str(), HumanMode(c.mode).c_str(),
                HumanOutcome(c.outcome).c_str());
    if (!c.location.empty()) ImGui::Text("At %s", c.location.c_str());
    if (!c.notes.empty()) ImGui::TextWrapped("%s", c.notes.c_str());
    if (!c.digital_reason.empty())
      ImGui::TextWrapped("Not face to face because: %s", c.digital_reason.c_str());
    const std::string sync_state = c.confirmed               ? "Confirmed by the server"
                                   : !c.refused_reason.empty() ? "Refused by the server: " + c.refused_reason
                                                               : "Waiting to sync";
    ImGui::PushStyleColor(ImGuiCol_Text, c.confirmed ? kGreen : c.refused_reason.empty() ? kAmber : kRed);
    ImGui::TextWrapped("%s", sync_state.c_str());
    ImGui::PopStyleColor();
    ProbeText("contact." + std::to_string(i) + ".sync", sync_state);
    ProbeText("contact." + std::to_string(i) + ".notes", c.notes);
  }
}

void DrawContactForm(AppState& state, Commands& commands) {
  ContactDraft& d = state.draft;
  if (ImGui::Button("< Cancel")) commands.back = true;
  ProbeLastItem("nav.back");
  if (state.participant)
    ImGui::Text("Contact with %s %s", state.participant->given_name.c_str(),
                state.participant->family_name.c_str());

  auto field_error = [&](const char* field) {
    if (d.error_field == field) ErrorText(d.error);
  };
  ImGui::TextUnformatted("Date (YYYY-MM-DD) and time (HH:MM)");
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::InputText("##date", d.date, sizeof d.date);
  ProbeLastItem("contact.date");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##time", d.time, sizeof d.time);
  ProbeLastItem("contact.time");
  field_error("fields.occurred_at");

  ImGui::TextUnformatted("How");
  for (int i = 0; i < static_cast<int>(std::size(kContactModes)); ++i) {
    if (i % 3) ImGui::SameLine();
    if (ImGui::RadioButton(Label(kContactModes[i], true), d.mode == i)) d.mode = i;
    ProbeLastItem(std::string("contact.mode.") + kContactModes[i][0]);
  }
  field_error("fields.mode");

  ImGui::TextUnformatted("Where (outreach location)");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##location", d.location, sizeof d.location);
  ProbeLastItem("contact.location");

  ImGui::TextUnformatted("Outcome");
  for (int i = 0; i < static_cast<int>(std::size(kContactOutcomes)); ++i) {
    if (i) ImGui::SameLine();
    if (ImGui::RadioButton(Label(kContactOutcomes[i], true), d.outcome == i)) d.outcome = i;
    ProbeLastItem(std::string("contact.outcome.") + kContactOutcomes[i][0]);
  }
  field_error("fields.outcome");

  const std::string mode = kContactModes[d.mode][0];
  if (mode == "telephone" || mode == "video") {
    ImGui::TextWrapped("Why was this not face to face? (required for a meeting)");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##digital_reason", d.digital_reason, sizeof d.digital_reason);
    ProbeLastItem("contact.digital_reason");
    field_error("fields.digital_reason");
  }

  ImGui::TextUnformatted("Notes");
  ImGui::InputTextMultiline("##notes", d.notes, sizeof d.notes,
                            ImVec2(-1, ImGui::GetTextLineHeight() * 6));
  ProbeLastItem("contact.notes");

  if (!d.error.empty() && d.error_field.rfind("fields.", 0) != 0) ErrorText(d.error);
  if (!d.error.empty()) ProbeText("contact.error", d.error);
  ImGui::BeginDisabled(state.saving);
  if (WideButton(state.saving ? "Saving..." : "Save contact")) commands.save_contact = true;
  ImGui::EndDisabled();
  ProbeLastItem("contact.save");
}

}  // namespace outpost::client
