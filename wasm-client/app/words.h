// Words: every string the key worker or participant reads, in English and Welsh.
//
// The two languages sit side by side where the string is used, so a screen cannot gain an
// English string without its Welsh:
//
//   ImGui::TextUnformatted(T({"Your caseload", "Eich llwyth achosion"}));
//   std::string line = Tf({"%d changes waiting", "%d newid yn aros"}, n);
//
// Words is built at compile time (consteval): a pair whose printf conversions differ (a "%d" in
// English and "%s" in Welsh, or a missing one) does not compile, so formatting can never read the
// wrong argument in one language only.
//
// The current language is process-wide (the App sets it from the key worker's choice, kept on the
// tablet); reading it is cheap. Call from the UI thread only.
#ifndef OUTPOST_WASM_CLIENT_APP_WORDS_H_
#define OUTPOST_WASM_CLIENT_APP_WORDS_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace outpost::client {

enum class Language { kEnglish, kWelsh };

// "en" / "cy": how a language is stored (device_state) and named in tests.
const char* LanguageCode(Language language);
// The inverse; anything else is English.
Language LanguageFromCode(std::string_view code);

void SetLanguage(Language language);
Language CurrentLanguage();

struct Words {
  const char* en;
  const char* cy;

  consteval Words(const char* english, const char* welsh) : en(english), cy(welsh) {
    if (!SameConversions(english, welsh)) throw "English and Welsh need the same printf conversions";
  }

 private:
  // True when both strings have the same sequence of printf conversions ("%%" is not one).
  static consteval bool SameConversions(const char* a, const char* b) {
    for (;;) {
      while (*a && !(a[0] == '%' && a[1] != '%')) a += (a[0] == '%') ? 2 : 1;
      while (*b && !(b[0] == '%' && b[1] != '%')) b += (b[0] == '%') ? 2 : 1;
      if (!*a || !*b) return !*a && !*b;
      do {  // compare the whole conversion, flags to letter: "%-8s", "%lld"
        if (*a != *b) return false;
        ++a, ++b;
      } while (*a && !((*a >= 'a' && *a <= 'z' && *a != 'l' && *a != 'h') || *a == 'X'));
      if (*a != *b) return false;
      if (*a) ++a, ++b;
    }
  }
};

// The string in the current language.
inline const char* T(const Words& words) {
  return CurrentLanguage() == Language::kWelsh ? words.cy : words.en;
}

// printf into a std::string, in the current language.
template <typename... Args>
std::string Tf(const Words& words, Args... args) {
  const char* format = T(words);
  int size = std::snprintf(nullptr, 0, format, args...);
  if (size <= 0) return {};
  std::string out(static_cast<size_t>(size) + 1, '\0');
  std::snprintf(out.data(), out.size(), format, args...);
  out.resize(static_cast<size_t>(size));
  return out;
}

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_WORDS_H_
