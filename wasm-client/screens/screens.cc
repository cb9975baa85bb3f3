#include "wasm-client/screens/screens.h"

#include <cctype>
#include <cmath>
#include <string>

#include "imgui.h"
#include "imgui_internal.h"  // the window font scale, to draw headings a step larger
#include "shared/base/civil_date.h"
#include "shared/rules/rule_sources.h"
#include "wasm-client/app/rule_words.h"
#include "wasm-client/app/uk_time.h"
#include "wasm-client/widgets/ui_probe.h"

namespace outpost::client {

namespace {

// Colours chosen for at least 4.5:1 contrast on the light theme's background (WCAG AA).
const ImVec4 kRed(0.70f, 0.05f, 0.05f, 1.0f);
const ImVec4 kGreen(0.05f, 0.45f, 0.15f, 1.0f);
const ImVec4 kAmber(0.60f, 0.35f, 0.0f, 1.0f);

std::string SyncStatusText(const SyncView& sync) {
  const std::string waiting = sync.waiting == 1
                                  ? std::string(T({"1 change waiting to sync", "1 newid yn aros i gysoni"}))
                                  : Tf({"%lld changes waiting to sync", "%lld newid yn aros i gysoni"},
                                       static_cast<long long>(sync.waiting));
  if (sync.in_flight)
    return Tf({"Syncing: %lld of %lld sent, %lld received", "Yn cysoni: %lld o %lld wedi'u hanfon, %lld wedi'u derbyn"},
              static_cast<long long>(sync.sent), static_cast<long long>(sync.to_send),
              static_cast<long long>(sync.received));
  if (sync.quarantined)
    return Tf({"%lld refused by the server: see the participant", "%lld wedi'u gwrthod gan y gweinydd: gweler y cyfranogwr"},
              static_cast<long long>(sync.quarantined));
  if (!sync.online)
    return sync.waiting ? Tf({"Offline: %s", "All-lein: %s"}, waiting.c_str())
                        : std::string(T({"Offline: nothing waiting", "All-lein: dim byd yn aros"}));
  if (!sync.last_error.empty())
    return Tf({"Sync failed, will retry: %s", "Methodd y cysoni, bydd yn ceisio eto: %s"}, sync.last_error.c_str());
  if (sync.waiting) return waiting;
  if (sync.last_synced_ms == 0) return T({"Not synced yet", "Heb gysoni eto"});
  return Tf({"Up to date, last synced %s", "Yn gyfredol, cysonwyd ddiwethaf %s"},
            UkDateTime(sync.last_synced_ms).c_str());
}

void ColouredText(const ImVec4& colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void ErrorText(const std::string& text) { ColouredText(kRed, text); }

bool WideButton(const char* label) {
  return ImGui::Button(label, ImVec2(ImGui::GetContentRegionAvail().x, 0));
}

// A heading: the current font, a little larger.
void Heading(const char* text) {
  const float scale = ImGui::GetCurrentWindow()->FontWindowScale;
  ImGui::SetWindowFontScale(scale * 1.25f);
  ImGui::TextWrapped("%s", text);
  ImGui::SetWindowFontScale(scale);
}

void BackButton(const char* label, Commands& commands) {
  std::string text = std::string("< ") + label;
  if (ImGui::Button(text.c_str())) commands.back = true;
  ProbeLastItem("nav.back");
}

ImVec4 UrgencyColour(Urgency urgency) {
  switch (urgency) {
    case Urgency::kOverdue: return kRed;
    case Urgency::kDueSoon: return kAmber;
    default: return kGreen;
  }
}

ImVec4 StatusColour(rules::RuleStatus status) {
  switch (status) {
    case rules::RuleStatus::kOverdue: return kRed;
    case rules::RuleStatus::kDueSoon: return kAmber;
    case rules::RuleStatus::kMet: return kGreen;
    default: return ImGui::GetStyleColorVec4(ImGuiCol_Text);
  }
}

// "Overdue since 12/11/2026" / "Due soon: 25/11/2026" for the most urgent rule of a row.
std::string UrgentLine(const ParticipantRow& p) {
  if (!p.urgent_rule) return T({"Nothing due", "Dim byd yn ddyledus"});
  const char* rule = T(WordsForRule(*p.urgent_rule).title);
  const std::string due = ShowIsoDate(p.urgent_due);
  switch (p.urgency) {
    case Urgency::kOverdue: return Tf({"Overdue since %s: %s", "Yn hwyr ers %s: %s"}, due.c_str(), rule);
    case Urgency::kDueSoon: return Tf({"Due soon, %s: %s", "Yn ddyledus cyn bo hir, %s: %s"}, due.c_str(), rule);
    default: return Tf({"Next due %s: %s", "Nesaf yn ddyledus %s: %s"}, due.c_str(), rule);
  }
}

bool Contains(const std::string& haystack, const char* needle) {
  std::string h = haystack, n = needle;
  for (char& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return h.find(n) != std::string::npos;
}

std::string SyncStateText(const TimelineRow& t) {
  if (!t.resolved_by.empty())
    return t.resolved_by == "supervisor"
               ? Tf({"Refused by the server (%s): left with the supervisor", "Gwrthodwyd gan y gweinydd (%s): wedi'i adael gyda'r goruchwyliwr"},
                    t.refused_reason.c_str())
               : Tf({"Refused by the server (%s): corrected", "Gwrthodwyd gan y gweinydd (%s): wedi'i gywiro"},
                    t.refused_reason.c_str());
  return t.confirmed ? std::string(T({"Confirmed by the server", "Wedi'i gadarnhau gan y gweinydd"}))
         : !t.refused_reason.empty()
             ? Tf({"Refused by the server: %s", "Gwrthodwyd gan y gweinydd: %s"}, t.refused_reason.c_str())
             : std::string(T({"Waiting to sync", "Yn aros i gysoni"}));
}

void SyncState(const TimelineRow& t, size_t index) {
  const std::string text = SyncStateText(t);
  ColouredText(t.confirmed ? kGreen : t.refused_reason.empty() ? kAmber : kRed, text);
  ProbeText("timeline." + std::to_string(index) + ".sync", text);
}

void DrawTimeline(const AppState& state, Commands& commands) {
  const std::string count = Tf({"%d contacts", "%d cyswllt"}, state.contact_count);
  ProbeText("participant.contacts", count);
  if (state.timeline.empty())
    ImGui::TextWrapped("%s", T({"Nothing recorded yet.", "Dim byd wedi'i gofnodi eto."}));
  int contact = 0;  // contacts also carry probes of their own, numbered among contacts
  for (size_t i = 0; i < state.timeline.size(); ++i) {
    const TimelineRow& t = state.timeline[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::Separator();
    const std::string when = t.when.size() >= 16 ? ShowIsoDate(t.when.substr(0, 10)) + " " + t.when.substr(11, 5)
                                                 : ShowIsoDate(t.when);
    ImGui::TextWrapped("%s  %s", when.c_str(), t.title.c_str());
    ProbeText("timeline." + std::to_string(i) + ".title", t.title);
    if (!t.detail.empty()) ImGui::TextWrapped("%s", t.detail.c_str());
    SyncState(t, i);
    if (t.record_type == "contact") {
      ProbeText("contact." + std::to_string(contact) + ".sync", SyncStateText(t));
      ProbeText("contact." + std::to_string(contact) + ".notes", t.notes);
      ++contact;
    }
    if (t.refused_seq > 0 && (t.record_type == "contact" || FindFormSpec(t.record_type) != nullptr)) {
      if (ImGui::Button(T({"Correct and send again", "Cywiro ac anfon eto"}))) commands.correct_refused = i;
      ProbeLastItem("timeline." + std::to_string(i) + ".correct");
      ImGui::SameLine();
    }
    if (t.refused_seq > 0) {
      if (ImGui::Button(T({"Leave with supervisor", "Gadael gyda'r goruchwyliwr"}))) commands.leave_refused = i;
      ProbeLastItem("timeline." + std::to_string(i) + ".leave");
    } else if (t.editable) {
      if (ImGui::Button(T({"Edit", "Golygu"}))) commands.edit_record = std::pair{t.record_type, t.record_id};
      ProbeLastItem("participant.edit." + std::to_string(i));
    }
    ImGui::PopID();
  }
}

void DrawCompliance(const AppState& state) {
  const ParticipantRow& p = *state.participant;
  ImGui::TextWrapped("%s", Tf({"Checked against the IPES rules on %s.", "Wedi'i wirio yn erbyn rheolau IPES ar %s."},
                              ShowIsoDate(state.today).c_str()).c_str());
  const std::string phase = p.day_of_provision > 0
                                ? Tf({"%s, day %d of provision", "%s, diwrnod %d o'r ddarpariaeth"},
                                     T(WordsForPhase(p.phase)), p.day_of_provision)
                                : std::string(T(WordsForPhase(p.phase)));
  ImGui::TextWrapped("%s", phase.c_str());
  for (const RuleRow& r : state.rules) {
    const rules::RuleInfo& info = rules::GetRuleInfo(r.id);
    ImGui::Separator();
    ImGui::TextWrapped("%s", T(WordsForRule(r.id).title));
    std::string status = T(WordsForStatus(r.status));
    const std::string due = ShowIsoDate(r.due_date);
    if (!r.due_date.empty() && r.status == rules::RuleStatus::kOverdue)
      status = Tf({"Overdue since %s", "Yn hwyr ers %s"}, due.c_str());
    if (!r.due_date.empty() && r.status == rules::RuleStatus::kDueSoon)
      status = Tf({"Due soon, by %s", "Yn ddyledus cyn bo hir, erbyn %s"}, due.c_str());
    if (!r.due_date.empty() && r.status == rules::RuleStatus::kDue)
      status = Tf({"Due by %s", "Yn ddyledus erbyn %s"}, due.c_str());
    if (!r.met_on.empty())
      status = r.status == rules::RuleStatus::kMet
                   ? Tf({"Met on %s", "Bodlonwyd ar %s"}, ShowIsoDate(r.met_on).c_str())
                   : status + Tf({", last met %s", ", bodlonwyd ddiwethaf %s"}, ShowIsoDate(r.met_on).c_str());
    if (r.late) status += T({" (late)", " (yn hwyr)"});
    if (r.flagged) status += T({" (digital meeting counted)", " (cyfrifwyd cyfarfod digidol)"});
    if (r.missed > 0) status += Tf({", missed %d times before", ", methwyd %d gwaith o'r blaen"}, r.missed);
    ColouredText(StatusColour(r.status), status);
    ProbeText("rule." + std::string(info.name), status);
    const std::string source(info.source);
    ImGui::TextWrapped("%s", Tf({"To meet it: %s. Guidance %s.", "I'w fodloni: %s. Canllawiau %s."},
                                T(WordsForRule(r.id).satisfied_by), source.c_str()).c_str());
  }
}

void DrawPlan(const AppState& state, Commands& commands) {
  const std::string version =
      state.plan_signed ? Tf({"Action Plan version %d, signed. Code %s.", "Fersiwn %d o'r Cynllun Gweithredu, wedi'i llofnodi. Cod %s."},
                             state.plan_version, state.plan_hash.substr(0, 8).c_str())
                        : Tf({"Action Plan version %d, not yet signed.", "Fersiwn %d o'r Cynllun Gweithredu, heb ei llofnodi eto."},
                             state.plan_version);
  ImGui::TextWrapped("%s", version.c_str());
  ProbeText("plan.version", version);
  if (!state.plan_items.empty()) {
    if (state.plan_signed) {
      bool large = state.large_print;
      if (ImGui::Checkbox(T({"Large print", "Print mawr"}), &large)) commands.large_print = large;
      ProbeLastItem("plan.large_print");
      if (WideButton(T({"Receipt for the participant", "Derbynneb i'r cyfranogwr"}))) commands.show_receipt = true;
      ProbeLastItem("plan.receipt");
      if (!state.receipt_code.empty()) {
        const std::string code = Tf({"Receipt code %s", "Cod y dderbynneb %s"}, state.receipt_code.c_str());
        ImGui::TextUnformatted(code.c_str());
        ProbeText("plan.receipt_code", state.receipt_code);
      }
    } else {
      if (WideButton(T({"Show this version and sign", "Dangos y fersiwn hon a llofnodi"}))) commands.start_signing = true;
      ProbeLastItem("plan.sign");
    }
  }
  for (size_t i = 0; i < state.plan_items.size(); ++i) {
    const TimelineRow& item = state.plan_items[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::Separator();
    ImGui::TextWrapped("%s", item.detail.c_str());
    if (ImGui::Button(T({"Edit item", "Golygu'r eitem"}))) commands.edit_record = std::pair{item.record_type, item.record_id};
    ProbeLastItem("participant.plan.item." + std::to_string(i));
    ImGui::PopID();
  }
  ImGui::Separator();
  if (WideButton(T({"Add a plan item", "Ychwanegu eitem at y cynllun"}))) commands.new_record = FormKind::kPlanItem;
  ProbeLastItem("participant.new.plan_item");
  if (state.plan_agreement) ImGui::TextWrapped("%s", state.plan_agreement->detail.c_str());
  if (WideButton(T({"Next meeting, adjustments and weekly offer", "Cyfarfod nesaf, addasiadau a chynnig wythnosol"})))
    commands.new_record = FormKind::kPlanAgreement;
  ProbeLastItem("participant.new.plan_agreement");
}

void DrawRecordMenu(const AppState& state, Commands& commands) {
  if (WideButton(T({"Record a contact", "Cofnodi cyswllt"}))) commands.new_contact = true;
  ProbeLastItem("participant.record_contact");
  if (!state.reengagement.missed_on.empty() || state.reengagement.notice_due) {
    if (WideButton(T({"Re-engagement after a missed meeting", "Ailymgysylltu ar ôl cyfarfod a gollwyd"})))
      commands.open_reengagement = true;
    ProbeLastItem("participant.reengagement");
  }
  for (FormKind kind : kAllForms) {
    if (kind == FormKind::kPlanItem || kind == FormKind::kPlanAgreement) continue;  // on the Plan tab
    const FormSpec& spec = GetFormSpec(kind);
    if (WideButton(T(spec.title))) commands.new_record = kind;
    ProbeLastItem(std::string("participant.new.") + spec.record_type);
  }
}

// A date field's "Today" button writes today's date in the UK form.
void TodayButton(char* buffer, size_t size, const std::string& today_iso, const std::string& probe) {
  ImGui::SameLine();
  if (ImGui::Button(T({"Today", "Heddiw"}))) std::snprintf(buffer, size, "%s", ShowIsoDate(today_iso).c_str());
  ProbeLastItem(probe);
}

}  // namespace

void ApplyStyle(const Settings& settings) {
  static int applied = -1;
  const int wanted = settings.high_contrast ? 1 : 0;
  if (applied == wanted) return;
  applied = wanted;
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsLight(&style);
  style.FrameBorderSize = 1.0f;
  if (!settings.high_contrast) return;
  // Black on white, borders on every control, and the focus and selection in solid colours.
  ImVec4* c = style.Colors;
  const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), blue(0.0f, 0.2f, 0.8f, 1);
  c[ImGuiCol_Text] = black;
  c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = c[ImGuiCol_PopupBg] = white;
  c[ImGuiCol_Border] = black;
  c[ImGuiCol_FrameBg] = white;
  c[ImGuiCol_FrameBgHovered] = c[ImGuiCol_FrameBgActive] = ImVec4(0.85f, 0.9f, 1, 1);
  c[ImGuiCol_Button] = ImVec4(1, 1, 0.6f, 1);
  c[ImGuiCol_ButtonHovered] = c[ImGuiCol_ButtonActive] = ImVec4(1, 0.85f, 0.2f, 1);
  c[ImGuiCol_CheckMark] = c[ImGuiCol_SliderGrab] = blue;
  c[ImGuiCol_Tab] = white;
  c[ImGuiCol_TabActive] = c[ImGuiCol_TabHovered] = ImVec4(1, 0.85f, 0.2f, 1);
  c[ImGuiCol_Separator] = black;
  style.FrameBorderSize = 2.0f;
}


void DrawStatusBar(const AppState& state, Commands& commands) {
  const std::string status = SyncStatusText(state.sync);
  const ImVec4 colour = !state.sync.online || state.sync.waiting ? kAmber : kGreen;
  if (!state.username_signed_in.empty()) {
    ImGui::TextUnformatted(state.display_name.c_str());
    ImGui::SameLine();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", status.c_str());
  ImGui::PopStyleColor();
  ProbeText("sync.status", status);
  if (state.sync.clock_flagged) {
    ErrorText(T({"This tablet's clock is wrong: set the date and time in the tablet's settings.",
                 "Mae cloc y dabled hon yn anghywir: gosodwch y dyddiad a'r amser yng ngosodiadau'r dabled."}));
    ProbeText("sync.clock", "wrong");
  }
  if (!state.sync.conflicts.empty()) {
    const std::string heading = Tf({"%d values changed on two tablets (kept in the history):",
                                    "%d gwerth wedi'u newid ar ddwy dabled (wedi'u cadw yn yr hanes):"},
                                   static_cast<int>(state.sync.conflicts.size()));
    const bool open = ImGui::CollapsingHeader(heading.c_str());
    ProbeLastItem("sync.conflicts");
    for (size_t i = 0; i < state.sync.conflicts.size(); ++i) {
      if (open) ImGui::BulletText("%s", state.sync.conflicts[i].c_str());
      ProbeText("sync.conflict." + std::to_string(i), state.sync.conflicts[i]);
    }
    ProbeText("sync.conflicts", heading);
  }
  if (!state.username_signed_in.empty()) {
    ImGui::BeginDisabled(!state.sync.online || state.sync.in_flight);
    if (ImGui::Button(T({"Sync now", "Cysoni nawr"}))) commands.sync_now = true;
    ImGui::EndDisabled();
    ProbeLastItem("sync.now");
    ImGui::SameLine();
  }
  if (ImGui::Button(T({"Settings", "Gosodiadau"}))) commands.open_settings = true;
  ProbeLastItem("nav.settings");
  ImGui::Separator();
}

void DrawSignInScreen(AppState& state, Commands& commands) {
  Heading(T({"Sign in to Outpost", "Mewngofnodi i Outpost"}));
  ImGui::TextWrapped("%s", T({"Sign in while online once; the tablet then works without a connection.",
                              "Mewngofnodwch ar-lein unwaith; wedyn mae'r dabled yn gweithio heb gysylltiad."}));
  ImGui::TextUnformatted(T({"Username", "Enw defnyddiwr"}));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##username", state.username, sizeof state.username);
  ProbeLastItem("signin.username");
  ImGui::TextUnformatted(T({"Password", "Cyfrinair"}));
  ImGui::SetNextItemWidth(-1);
  bool enter = ImGui::InputText("##password", state.password, sizeof state.password,
                                ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  ProbeLastItem("signin.password");
  ImGui::BeginDisabled(state.signing_in);
  if (WideButton(state.signing_in ? T({"Signing in...", "Yn mewngofnodi..."}) : T({"Sign in", "Mewngofnodi"})) || enter)
    commands.sign_in = true;
  ImGui::EndDisabled();
  ProbeLastItem("signin.submit");
  if (!state.sign_in_message.empty()) {
    ErrorText(state.sign_in_message);
    ProbeText("signin.message", state.sign_in_message);
  }
}

void DrawCaseloadScreen(AppState& state, Commands& commands) {
  Heading(T({"Your caseload", "Eich llwyth achosion"}));
  ImGui::TextWrapped("%s", UkLongDate(CivilDate::Parse(state.today).value_or(CivilDate())).c_str());
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##search", T({"Search by name", "Chwilio yn ôl enw"}), state.search, sizeof state.search);
  ProbeLastItem("caseload.search");
  int shown = 0;
  for (const ParticipantRow& p : state.caseload) {
    if (state.search[0] && !Contains(p.given_name + " " + p.family_name, state.search)) continue;
    ++shown;
    ImGui::PushID(p.participant_id.c_str());
    const std::string phase = p.day_of_provision > 0
                                  ? Tf({"%s, day %d", "%s, diwrnod %d"}, T(WordsForPhase(p.phase)), p.day_of_provision)
                                  : std::string(T(WordsForPhase(p.phase)));
    const std::string label = p.family_name + ", " + p.given_name + "  (" + phase + ")";
    if (WideButton(label.c_str())) commands.open_participant = p.participant_id;
    ProbeLastItem("caseload.open." + p.family_name);
    const std::string urgent = UrgentLine(p);
    ColouredText(UrgencyColour(p.urgency), urgent);
    ProbeText("caseload.urgent." + p.family_name, urgent);
    ImGui::PopID();
  }
  const std::string count = Tf({"%d participants", "%d cyfranogwr"}, shown);
  ImGui::TextUnformatted(count.c_str());
  ProbeText("caseload.count", count);
  if (state.caseload.empty())
    ImGui::TextWrapped("%s", T({"No participants yet. They appear here after the tablet syncs.",
                                "Dim cyfranogwyr eto. Byddan nhw'n ymddangos yma ar ôl i'r dabled gysoni."}));
}

void DrawParticipantScreen(const AppState& state, Commands& commands) {
  BackButton(T({"Caseload", "Llwyth achosion"}), commands);
  if (!state.participant) return;
  const ParticipantRow& p = *state.participant;
  const std::string name = p.given_name + " " + p.family_name;
  Heading(name.c_str());
  ProbeText("participant.name", name);
  ImGui::TextWrapped("%s", Tf({"NI number %s. Referred %s. Start Date %s.", "Rhif YG %s. Atgyfeiriwyd %s. Dyddiad Dechrau %s."},
                              p.ni_masked.c_str(), ShowIsoDate(p.referral_date).c_str(),
                              p.start_date.empty() ? T({"not started", "heb ddechrau"}) : ShowIsoDate(p.start_date).c_str())
                               .c_str());
  const std::string phase = T(WordsForPhase(p.phase));
  ProbeText("participant.phase", phase);
  if (!state.banner.empty()) {
    ColouredText(kGreen, state.banner);
    ProbeText("banner", state.banner);
  }
  struct TabInfo {
    ParticipantTab tab;
    const char* probe;
    Words label;
  };
  static constexpr TabInfo kTabs[] = {
      {ParticipantTab::kTimeline, "timeline", {"Timeline", "Llinell amser"}},
      {ParticipantTab::kCompliance, "compliance", {"Rules", "Rheolau"}},
      {ParticipantTab::kPlan, "plan", {"Plan", "Cynllun"}},
      {ParticipantTab::kRecord, "record", {"Record", "Cofnodi"}}};
  const float width = (ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
  for (const TabInfo& tab : kTabs) {
    if (&tab != kTabs) ImGui::SameLine();
    const bool current = state.tab == tab.tab;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(T(tab.label), ImVec2(width, 0))) commands.show_tab = tab.tab;
    if (current) ImGui::PopStyleColor();
    ProbeLastItem(std::string("participant.tab.") + tab.probe);
  }
  ImGui::Separator();
  switch (state.tab) {
    case ParticipantTab::kTimeline: DrawTimeline(state, commands); break;
    case ParticipantTab::kCompliance: DrawCompliance(state); break;
    case ParticipantTab::kPlan: DrawPlan(state, commands); break;
    case ParticipantTab::kRecord: DrawRecordMenu(state, commands); break;
  }
}

void DrawContactForm(AppState& state, Commands& commands) {
  ContactDraft& d = state.draft;
  BackButton(T({"Cancel", "Canslo"}), commands);
  if (state.participant)
    Heading(Tf({"Contact with %s %s", "Cyswllt gyda %s %s"}, state.participant->given_name.c_str(),
               state.participant->family_name.c_str()).c_str());
  auto field_error = [&](const char* field) {
    if (d.error_field == field) ErrorText(d.error);
  };
  ImGui::TextUnformatted(T({"Date (DD/MM/YYYY) and time (HH:MM)", "Dyddiad (DD/MM/BBBB) ac amser (AA:MM)"}));
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::InputText("##date", d.date, sizeof d.date);
  ProbeLastItem("contact.date");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##time", d.time, sizeof d.time);
  ProbeLastItem("contact.time");
  field_error("fields.occurred_at");

  auto radios = [](std::span<const Option> options, int& chosen, const char* probe, int per_row) {
    for (int i = 0; i < static_cast<int>(options.size()); ++i) {
      if (i % per_row) ImGui::SameLine();
      if (ImGui::RadioButton(T(options[i].label), chosen == i)) chosen = i;
      ProbeLastItem(std::string(probe) + options[i].value);
    }
  };
  ImGui::TextUnformatted(T({"What kind of contact", "Pa fath o gyswllt"}));
  radios(kContactPurposes, d.purpose, "contact.purpose.", 2);
  field_error("fields.purpose");
  ImGui::TextUnformatted(T({"How", "Sut"}));
  radios(kContactModes, d.mode, "contact.mode.", 3);
  field_error("fields.mode");
  ImGui::TextUnformatted(T({"Where (outreach location)", "Ble (lleoliad allgymorth)"}));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##location", d.location, sizeof d.location);
  ProbeLastItem("contact.location");
  ImGui::TextUnformatted(T({"Outcome", "Canlyniad"}));
  radios(kContactOutcomes, d.outcome, "contact.outcome.", 2);
  field_error("fields.outcome");

  const std::string mode = kContactModes[d.mode].value;
  if (mode == "telephone" || mode == "video") {
    ImGui::TextWrapped("%s", T({"Why was this not face to face? (required for a meeting)",
                                "Pam nad oedd hwn wyneb yn wyneb? (gofynnol ar gyfer cyfarfod)"}));
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##digital_reason", d.digital_reason, sizeof d.digital_reason);
    ProbeLastItem("contact.digital_reason");
    field_error("fields.digital_reason");
  }
  ImGui::TextUnformatted(T({"Notes", "Nodiadau"}));
  ImGui::InputTextMultiline("##notes", d.notes, sizeof d.notes, ImVec2(-1, ImGui::GetTextLineHeight() * 6));
  ProbeLastItem("contact.notes");
  ImGui::Checkbox(T({"The participant said they no longer wish to take part (4.51)",
                     "Dywedodd y cyfranogwr nad yw am gymryd rhan mwyach (4.51)"}),
                  &d.withdrew);
  ProbeLastItem("contact.withdrew");

  if (!d.error.empty() && d.error_field.rfind("fields.", 0) != 0) ErrorText(d.error);
  if (!d.error.empty()) ProbeText("contact.error", d.error);
  ImGui::BeginDisabled(state.saving);
  if (WideButton(state.saving ? T({"Saving...", "Yn cadw..."}) : T({"Save contact", "Cadw'r cyswllt"})))
    commands.save_contact = true;
  ImGui::EndDisabled();
  ProbeLastItem("contact.save");
}

void DrawRecordForm(AppState& state, Commands& commands) {
  RecordDraft& d = state.record;
  const FormSpec& spec = GetFormSpec(d.kind);
  BackButton(T({"Cancel", "Canslo"}), commands);
  Heading(T(spec.title));
  ProbeText("form.title", T(spec.title));
  if (state.participant)
    ImGui::TextWrapped("%s %s", state.participant->given_name.c_str(), state.participant->family_name.c_str());
  ImGui::TextWrapped("%s", T(spec.guidance));
  for (size_t i = 0; i < spec.fields.size(); ++i) {
    const FieldSpec& field = spec.fields[i];
    std::vector<char>& value = d.values[i];
    const std::string probe = std::string("form.") + field.name;
    ImGui::PushID(static_cast<int>(i));
    ImGui::TextWrapped("%s", T(field.label));
    switch (field.kind) {
      case FieldKind::kLongText:
        ImGui::InputTextMultiline("##v", value.data(), value.size(), ImVec2(-1, ImGui::GetTextLineHeight() * 4));
        ProbeLastItem(probe);
        break;
      case FieldKind::kDate:
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
        ImGui::InputTextWithHint("##v", "DD/MM/YYYY", value.data(), value.size());
        ProbeLastItem(probe);
        TodayButton(value.data(), value.size(), state.today, probe + ".today");
        break;
      case FieldKind::kNumber:
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.3f);
        ImGui::InputText("##v", value.data(), value.size(), ImGuiInputTextFlags_CharsDecimal);
        ProbeLastItem(probe);
        break;
      case FieldKind::kChoice: {
        const std::string current = value.data();
        auto choose = [&](const std::string& stored, const std::string& label, int n) {
          if (n > 0) ImGui::SameLine();
          if (n > 0 && ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(label.c_str()).x + 60) ImGui::NewLine();
          if (ImGui::RadioButton(label.c_str(), current == stored))
            std::snprintf(value.data(), value.size(), "%s", stored.c_str());
          ProbeLastItem(probe + "." + stored);
        };
        if (std::string(field.name) == "employment_id") {
          if (d.job_choices.empty())
            ErrorText(T({"Record the job first (Job offer or job start).", "Cofnodwch y swydd yn gyntaf (Cynnig swydd neu ddechrau swydd)."}));
          for (size_t n = 0; n < d.job_choices.size(); ++n)
            choose(d.job_choices[n].first, d.job_choices[n].second, static_cast<int>(n));
        } else {
          for (size_t n = 0; n < field.choices.size(); ++n)
            choose(field.choices[n].value, T(field.choices[n].label), static_cast<int>(n));
        }
        break;
      }
      case FieldKind::kText:
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##v", value.data(), value.size());
        ProbeLastItem(probe);
        break;
    }
    if (d.error_field == "fields." + std::string(field.name)) ErrorText(d.error);
    ImGui::PopID();
  }
  const bool error_shown_at_field = d.error_field.rfind("fields.", 0) == 0;
  if (!d.error.empty() && !error_shown_at_field) ErrorText(d.error);
  if (!d.error.empty()) ProbeText("form.error", d.error);
  ImGui::BeginDisabled(state.saving);
  if (WideButton(state.saving ? T({"Saving...", "Yn cadw..."}) : T({"Save", "Cadw"}))) commands.save_record = true;
  ImGui::EndDisabled();
  ProbeLastItem("form.save");
}

void DrawReengagementScreen(const AppState& state, Commands& commands) {
  const ReengagementView& r = state.reengagement;
  BackButton(T({"Participant", "Cyfranogwr"}), commands);
  Heading(T({"Re-engagement (4.49 to 4.53)", "Ailymgysylltu (4.49 i 4.53)"}));
  if (!state.banner.empty()) {
    ColouredText(kGreen, state.banner);
    ProbeText("banner", state.banner);
  }
  std::string where;
  if (r.reengaged) {
    where = T({"The participant has re-engaged since the missed meeting.", "Mae'r cyfranogwr wedi ailymgysylltu ers y cyfarfod a gollwyd."});
  } else if (r.notice_sent) {
    where = T({"IPES07 has been recorded as sent.", "Mae IPES07 wedi'i gofnodi fel un a anfonwyd."});
  } else if (r.notice_due) {
    where = T({"Not engaged after 5 working days, or withdrew: send IPES07 to DWP now.",
               "Heb ymgysylltu ar ôl 5 diwrnod gwaith, neu wedi tynnu'n ôl: anfonwch IPES07 i'r Adran nawr."});
  } else {
    where = T({"Keep trying to make contact every working day.", "Daliwch ati i geisio cysylltu bob diwrnod gwaith."});
  }
  ColouredText(r.notice_due && !r.notice_sent ? kRed : kGreen, where);
  ProbeText("reengagement.state", where);
  if (!r.missed_on.empty()) {
    ImGui::TextWrapped("%s", Tf({"Missed meeting on %s.", "Cyfarfod wedi'i golli ar %s."}, ShowIsoDate(r.missed_on).c_str()).c_str());
    const std::string first = Tf({"First attempt by %s %s (within 24 hours).", "Ymgais gyntaf erbyn %s %s (o fewn 24 awr)."},
                                 ShowIsoDate(r.first_attempt_due.substr(0, 10)).c_str(), r.first_attempt_due.substr(11).c_str());
    ImGui::TextWrapped("%s", first.c_str());
    ProbeText("reengagement.first_due", first);
    for (size_t i = 0; i < r.attempt_days.size(); ++i) {
      const std::string day = Tf({"Working day %d, %s: %s", "Diwrnod gwaith %d, %s: %s"}, static_cast<int>(i + 1),
                                 ShowIsoDate(r.attempt_days[i]).c_str(),
                                 r.attempt_made[i] ? T({"attempt recorded", "ymgais wedi'i chofnodi"})
                                                   : T({"no attempt yet", "dim ymgais eto"}));
      ColouredText(r.attempt_made[i] ? kGreen : kAmber, day);
      ProbeText("reengagement.day." + std::to_string(i + 1), day);
    }
  }
  if (WideButton(T({"Record an attempt or contact", "Cofnodi ymgais neu gyswllt"}))) commands.new_contact = true;
  ProbeLastItem("reengagement.record_attempt");
  if (r.notice_due) {
    ImGui::Separator();
    ImGui::TextWrapped("%s", T({"IPES07 email to the address Jobcentre Plus gave (unencrypted: it holds only this):",
                                "E-bost IPES07 i'r cyfeiriad a roddodd y Ganolfan Byd Gwaith (heb ei amgryptio: dim ond hyn sydd ynddo):"}));
    if (!r.notice_error.empty()) {
      ErrorText(Tf({"The notice cannot be written yet: %s", "Ni ellir ysgrifennu'r hysbysiad eto: %s"}, r.notice_error.c_str()));
    } else {
      ImGui::TextWrapped("%s", Tf({"Subject: %s", "Pwnc: %s"}, r.notice_subject.c_str()).c_str());
      ImGui::TextWrapped("%s", r.notice_body.c_str());
      ProbeText("reengagement.notice_subject", r.notice_subject);
      ProbeText("reengagement.notice_body", r.notice_body);
      if (ImGui::Button(T({"Copy the email text", "Copïo testun yr e-bost"})))
        ImGui::SetClipboardText(("Subject: " + r.notice_subject + "\n\n" + r.notice_body).c_str());
      ProbeLastItem("reengagement.copy");
      if (!r.notice_sent) {
        if (WideButton(T({"I have sent it: record IPES07 as sent", "Rwyf wedi'i anfon: cofnodi IPES07 fel un a anfonwyd"})))
          commands.record_notice_sent = true;
        ProbeLastItem("reengagement.notice_sent");
      }
    }
  }
}

void DrawSettingsScreen(const AppState& state, Commands& commands) {
  BackButton(T({"Back", "Yn ôl"}), commands);
  Heading(T({"Settings", "Gosodiadau"}));
  Settings wanted = state.settings;
  ImGui::TextUnformatted(T({"Language / Iaith", "Iaith / Language"}));
  if (ImGui::RadioButton("English", wanted.language == Language::kEnglish)) wanted.language = Language::kEnglish;
  ProbeLastItem("settings.language.en");
  ImGui::SameLine();
  if (ImGui::RadioButton("Cymraeg", wanted.language == Language::kWelsh)) wanted.language = Language::kWelsh;
  ProbeLastItem("settings.language.cy");
  ImGui::TextUnformatted(T({"Text size", "Maint y testun"}));
  for (int percent : {100, 125, 150}) {
    if (percent != 100) ImGui::SameLine();
    const std::string label = std::to_string(percent) + "%";
    if (ImGui::RadioButton(label.c_str(), wanted.text_percent == percent)) wanted.text_percent = percent;
    ProbeLastItem("settings.text." + std::to_string(percent));
  }
  ImGui::Checkbox(T({"High contrast", "Cyferbyniad uchel"}), &wanted.high_contrast);
  ProbeLastItem("settings.contrast");
  if (!state.sync.refused.empty()) {
    ImGui::Separator();
    ImGui::TextWrapped("%s", T({"Refused by the server. Correct them from the participant's timeline, or leave them with your "
                                "supervisor, who can see every refused change:",
                                "Wedi'u gwrthod gan y gweinydd. Cywirwch nhw o linell amser y cyfranogwr, neu gadewch nhw gyda'ch "
                                "goruchwyliwr, sy'n gallu gweld pob newid a wrthodwyd:"}));
    for (size_t i = 0; i < state.sync.refused.size(); ++i) {
      const RefusedChange& r = state.sync.refused[i];
      ImGui::PushID(static_cast<int>(i));
      const std::string line = r.what + ": " + r.reason;
      ErrorText(line);
      ProbeText("settings.refused." + std::to_string(i), line);
      if (ImGui::Button(T({"Leave with supervisor", "Gadael gyda'r goruchwyliwr"}))) commands.leave_refused_seq = r.device_seq;
      ProbeLastItem("settings.refused." + std::to_string(i) + ".leave");
      ImGui::PopID();
    }
  }
  if (!state.username_signed_in.empty()) {
    ImGui::Separator();
    ImGui::TextWrapped("%s", T({"Signing out removes the caseload from this tablet. It is refused while changes wait to sync.",
                                "Mae allgofnodi yn tynnu'r llwyth achosion o'r dabled hon. Caiff ei wrthod tra bod newidiadau'n aros i gysoni."}));
    if (ImGui::Button(T({"Sign out", "Allgofnodi"}))) commands.sign_out = true;
    ProbeLastItem("settings.sign_out");
    if (!state.banner.empty()) {
      ErrorText(state.banner);
      ProbeText("banner", state.banner);
    }
  }
  if (!state.username_signed_in.empty()) {
    ImGui::Separator();
    ImGui::TextWrapped("%s", T({"If the changes waiting cannot reach the server by syncing, save them to an encrypted file for your supervisor.",
                                "Os na all y newidiadau sy'n aros gyrraedd y gweinydd drwy gysoni, cadwch nhw mewn ffeil wedi'i hamgryptio i'ch goruchwylydd."}));
    if (ImGui::Button(T({"Export waiting changes", "Allforio newidiadau sy'n aros"}))) commands.open_export = true;
    ProbeLastItem("settings.export");
  }
  if (wanted.language != state.settings.language || wanted.text_percent != state.settings.text_percent ||
      wanted.high_contrast != state.settings.high_contrast)
    commands.apply_settings = wanted;
}

}  // namespace outpost::client
