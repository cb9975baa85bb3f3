#include "wasm-client/platform/document_view_web.h"

#include <emscripten.h>

namespace outpost::client::web {

namespace {

EM_JS(void, outpost_show_document, (const char* html, const char* print_label, const char* close_label), {
  const text = UTF8ToString(html);
  window.outpostDocument = text;
  let overlay = document.getElementById('outpost-document');
  if (overlay) overlay.remove();
  overlay = document.createElement('div');
  overlay.id = 'outpost-document';
  overlay.style.cssText = 'position:fixed;inset:0;z-index:10;background:#fff;display:flex;flex-direction:column';
  const bar = document.createElement('div');
  bar.style.cssText = 'display:flex;gap:12px;padding:8px;background:#eee';
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-modals allow-same-origin');
  frame.style.cssText = 'flex:1;border:0;width:100%';
  frame.srcdoc = text;
  const button = (label, id, action) => {
    const b = document.createElement('button');
    b.textContent = label;
    b.id = id;
    b.style.cssText = 'min-height:48px;min-width:120px;font-size:20px';
    b.addEventListener('click', action);
    bar.appendChild(b);
  };
  button(UTF8ToString(print_label), 'outpost-document-print', () => frame.contentWindow.print());
  button(UTF8ToString(close_label), 'outpost-document-close', () => overlay.remove());
  overlay.appendChild(bar);
  overlay.appendChild(frame);
  document.body.appendChild(overlay);
});

}  // namespace

void ShowDocument(const std::string& html, const std::string& print_label,
                  const std::string& close_label) {
  outpost_show_document(html.c_str(), print_label.c_str(), close_label.c_str());
}

}  // namespace outpost::client::web
