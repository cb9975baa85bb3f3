// Shows a self-contained HTML page (the participant's receipt) over the app, in the browser.
//
// A new tab opened from the frame loop would be stopped by the popup blocker (the tap that asked
// for it is no longer being handled by then), so the page is shown in a full-window overlay on
// top of the canvas: an iframe with the document (srcdoc, sandboxed: no scripts, no network), and
// two buttons, Print (the browser's print dialog, which can also save a PDF or share) and Close.
// It is made from memory, so it works offline. The last document shown is also kept in
// window.outpostDocument for browser tests.
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_DOCUMENT_VIEW_WEB_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_DOCUMENT_VIEW_WEB_H_

#include <string>

namespace outpost::client::web {

// Shows `html` over the app until the key worker closes it. `print_label` and `close_label` are
// the buttons' words in the current language.
void ShowDocument(const std::string& html, const std::string& print_label,
                  const std::string& close_label);

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_DOCUMENT_VIEW_WEB_H_
