#include "wasm-client/platform/language_web.h"

#include <emscripten.h>

namespace outpost::client::web {

namespace {

EM_JS(int, outpost_remembered_welsh, (), {
  try { return localStorage.getItem('outpost.language') === 'cy' ? 1 : 0; } catch (e) { return 0; }
});

EM_JS(void, outpost_remember_language, (const char* code), {
  try { localStorage.setItem('outpost.language', UTF8ToString(code)); } catch (e) {}
});

}  // namespace

Language RememberedLanguage() {
  return outpost_remembered_welsh() ? Language::kWelsh : Language::kEnglish;
}

void RememberLanguage(Language language) { outpost_remember_language(LanguageCode(language)); }

}  // namespace outpost::client::web
