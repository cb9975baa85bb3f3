// The screens of the tablet client. Each draws one screen from AppState inside the full-screen
// window the App opens, and records what the key worker asked for in Commands; none touches the
// replica. Every control a test or an assistive tool needs is probed (widgets/ui_probe.h) under
// a stable name, listed beside each function.
#ifndef OUTPOST_WASM_CLIENT_SCREENS_SCREENS_H_
#define OUTPOST_WASM_CLIENT_SCREENS_SCREENS_H_

#include "wasm-client/app/app_state.h"

namespace outpost::client {

// The bar above every screen: who is signed in, and the sync status in words.
// Probes: text "sync.status"; item "sync.now".
void DrawStatusBar(const AppState& state, Commands& commands);

// Probes: items "signin.username", "signin.password", "signin.submit"; text "signin.message".
void DrawSignInScreen(AppState& state, Commands& commands);

// The key worker's participants. Probes: item "caseload.open.<Family name>"; text
// "caseload.count".
void DrawCaseloadScreen(const AppState& state, Commands& commands);

// One participant and their contacts. Probes: items "nav.back", "participant.record_contact";
// texts "participant.name", "participant.contacts" (count), "banner".
void DrawParticipantScreen(const AppState& state, Commands& commands);

// Record a contact. Probes: items "contact.date", "contact.time", "contact.mode.<value>",
// "contact.location", "contact.outcome.<value>", "contact.notes", "contact.digital_reason",
// "contact.save", "nav.back"; text "contact.error".
void DrawContactForm(AppState& state, Commands& commands);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_SCREENS_SCREENS_H_
