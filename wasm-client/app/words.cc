#include "wasm-client/app/words.h"

namespace outpost::client {

namespace {
Language g_language = Language::kEnglish;
}  // namespace

const char* LanguageCode(Language language) { return language == Language::kWelsh ? "cy" : "en"; }

Language LanguageFromCode(std::string_view code) {
  return code == "cy" ? Language::kWelsh : Language::kEnglish;
}

void SetLanguage(Language language) { g_language = language; }

Language CurrentLanguage() { return g_language; }

}  // namespace outpost::client
