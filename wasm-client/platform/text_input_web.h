// The tablet keyboard for ImGui text fields.
//
// A canvas cannot bring up a soft keyboard, and soft keyboards, IMEs, dictation and autocorrect
// deliver text as DOM `input` events on a focused editable element, not as the keypress events
// Emscripten's GLFW listens to. So while ImGui wants text (io.WantTextInput), a hidden <input>
// is focused, which opens the keyboard; text it receives that GLFW did not already deliver as a
// keypress is handed to ImGui (AddInputCharactersUTF8). Physical-keyboard typing still goes
// through GLFW, so nothing is entered twice; editing keys (Backspace, Enter, arrows) always do.
//
//   [X] soft keyboard opens when a text field is active and closes when none is
//   [X] non-ASCII text, dictation and autocorrect replacements (input events with data)
//   [X] IME composition: the composed text is entered when the composition ends
//   [X] Backspace from soft keyboards that send no key code (Android's keyCode 229)
//   [ ] showing the composition while it is in progress
//   [ ] paste from the system clipboard (ImGui's own copy/paste works inside the app)
//   [ ] iOS Safari: focus outside a touch handler may not open the keyboard
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_TEXT_INPUT_WEB_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_TEXT_INPUT_WEB_H_

namespace outpost::client::web {

// Creates the hidden input. Call once, after ImGui and its GLFW backend are initialised.
void InstallTextInput();

// Call once per frame with ImGui::GetIO().WantTextInput; focuses or blurs the hidden input when
// the value changes.
void UpdateTextInput(bool want_text_input);

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_TEXT_INPUT_WEB_H_
