#include "wasm-client/platform/text_input_web.h"

#include <emscripten.h>

#include <cstdlib>

#include "imgui.h"

extern "C" {

// Receives malloc'ed UTF-8 text from the hidden input and frees it.
EMSCRIPTEN_KEEPALIVE void outpost_text_input(char* utf8) {
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
  std::free(utf8);
}

}  // extern "C"

namespace {

// The input always holds one space, caret after it: with an empty field some Android keyboards
// send nothing at all for Backspace. Keypress characters seen since the last input event are
// remembered so the matching input event is not entered a second time.
EM_JS(void, outpost_install_text_input, (), {
  var kSentinel = ' ';
  var input = document.createElement('input');
  input.type = 'text';
  input.id = 'outpost-text-input';
  input.setAttribute('autocomplete', 'off');
  input.setAttribute('autocapitalize', 'sentences');
  input.setAttribute('spellcheck', 'false');
  input.setAttribute('aria-hidden', 'true');
  // On screen (some browsers ignore focus on hidden elements) but invisible and untouchable;
  // 16px stops iOS from zooming the page when it is focused.
  input.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;' +
      'border:0;padding:0;margin:0;font-size:16px;pointer-events:none;z-index:-1;';
  document.body.appendChild(input);
  var reset = function() {
    input.value = kSentinel;
    input.setSelectionRange(1, 1);
  };
  reset();
  var fromKeypress = "";
  var send = function(text) {
    if (!text) return;
    var n = lengthBytesUTF8(text) + 1;
    var p = _malloc(n);
    stringToUTF8(text, p, n);
    _outpost_text_input(p);
  };
  var tapBackspace = function() {
    GLFW.onKeyChanged(8, 1);
    // Held for a few frames so ImGui, which polls key state once a frame, sees the press.
    setTimeout(function() { GLFW.onKeyChanged(8, 0); }, 50);
  };
  window.addEventListener('keypress', function(e) {
    if (e.target === input && e.charCode >= 32 && !e.ctrlKey && !e.metaKey) {
      fromKeypress += String.fromCharCode(e.charCode);
    }
  }, true);
  input.addEventListener('compositionend', function(e) {
    send(e.data);
    fromKeypress = "";
    reset();
  });
  input.addEventListener('input', function(e) {
    if (e.isComposing) return;  // entered whole at compositionend
    var type = e.inputType || "";
    if (type === 'deleteContentBackward') {
      tapBackspace();
    } else if (e.data &&
               (type === 'insertText' || type === 'insertReplacementText' || type === "")) {
      if (e.data !== fromKeypress) send(e.data);
    }
    fromKeypress = "";
    reset();
  });
  input.addEventListener('blur', reset);
  Module['outpostTextInput'] = input;
});

EM_JS(void, outpost_focus_text_input, (int focus), {
  var input = Module['outpostTextInput'];
  if (!input) return;
  if (focus) {
    input.focus({preventScroll: true});
  } else if (document.activeElement === input) {
    input.blur();
  }
});

bool g_focused = false;

}  // namespace

namespace outpost::client::web {

void InstallTextInput() { outpost_install_text_input(); }

void UpdateTextInput(bool want_text_input) {
  if (want_text_input == g_focused) return;
  g_focused = want_text_input;
  outpost_focus_text_input(want_text_input ? 1 : 0);
}

}  // namespace outpost::client::web
