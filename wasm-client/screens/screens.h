// The screens of the tablet client. Each draws one screen from AppState inside the full-screen
// window the App opens, and records what the key worker asked for in Commands; none touches the
// replica. Every string goes through words.h (English and Welsh). Every control a test or an
// assistive tool needs is probed (widgets/ui_probe.h) under a stable name, listed beside each
// function; probe names do not change with the language.
#ifndef OUTPOST_WASM_CLIENT_SCREENS_SCREENS_H_
#define OUTPOST_WASM_CLIENT_SCREENS_SCREENS_H_

#include "wasm-client/app/app_state.h"

namespace outpost::client {

// Sets ImGui's colours for `settings` (the light theme, or high contrast: black on white with
// heavy borders) when they differ from what was set last. Sizes are the shell's.
void ApplyStyle(const Settings& settings);

// The bar above every screen: who is signed in, the sync status in words, settings.
// Probes: texts "sync.status", "sync.conflicts" (how many), "sync.conflict.<n>" (each in words);
// items "sync.now", "sync.conflicts" (opens the list), "nav.settings".
void DrawStatusBar(const AppState& state, Commands& commands);

// Probes: items "signin.username", "signin.password", "signin.submit"; text "signin.message".
void DrawSignInScreen(AppState& state, Commands& commands);

// The key worker's participants, most urgent first, searchable.
// Probes: item "caseload.search", "caseload.open.<Family name>"; texts "caseload.count",
// "caseload.urgent.<Family name>".
void DrawCaseloadScreen(AppState& state, Commands& commands);

// One participant: tabs for the timeline, the compliance panel, the plan and new records.
// Probes: items "nav.back", "participant.tab.<timeline|compliance|plan|record>",
// "participant.record_contact", "participant.new.<record_type>", "participant.edit.<n>",
// "participant.plan.item.<n>", "participant.reengagement"; texts "participant.name",
// "participant.contacts" (count), "participant.phase", "rule.<name>", "banner",
// "timeline.<n>.sync", "timeline.<n>.title", "timeline.<n>.correct" and "timeline.<n>.leave"
// (a change the server refused), and for the n-th contact "contact.<n>.sync",
// "contact.<n>.notes".
void DrawParticipantScreen(const AppState& state, Commands& commands);

// Record a contact. Probes: items "contact.date", "contact.time", "contact.purpose.<value>",
// "contact.mode.<value>", "contact.location", "contact.outcome.<value>", "contact.notes",
// "contact.digital_reason", "contact.withdrew", "contact.save", "nav.back"; text "contact.error".
void DrawContactForm(AppState& state, Commands& commands);

// Any record form of record_forms.h. Probes: items "form.<field>", "form.<field>.<value>" for
// choices, "form.<field>.today" for dates, "form.save", "nav.back"; texts "form.title",
// "form.error".
void DrawRecordForm(AppState& state, Commands& commands);

// After a failure to attend: attempts due, and the IPES07 notice to copy when it is due.
// Probes: items "reengagement.record_attempt", "reengagement.notice_sent", "nav.back"; texts
// "reengagement.first_due", "reengagement.day.<n>", "reengagement.notice_subject",
// "reengagement.notice_body", "reengagement.state".
void DrawReengagementScreen(const AppState& state, Commands& commands);

// Language, text size, contrast, changes the server refused (to leave with the supervisor) and
// signing out. Probes: items "settings.language.<en|cy>", "settings.text.<100|125|150>",
// "settings.contrast", "settings.refused.<n>.leave", "settings.sign_out", "nav.back"; texts
// "settings.refused.<n>", "banner" (why signing out was refused).
void DrawSettingsScreen(const AppState& state, Commands& commands);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_SCREENS_SCREENS_H_
