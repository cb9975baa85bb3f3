// The key worker's language, remembered in the browser outside the encrypted records.
//
// The language lives in the replica's settings, but the replica is encrypted until the tablet is
// unlocked, and the unlock screen must already speak the key worker's language. So the shell
// keeps a copy in localStorage ("outpost.language": "en" or "cy"; not personal data) and sets
// it before drawing anything.
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_LANGUAGE_WEB_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_LANGUAGE_WEB_H_

#include "wasm-client/app/words.h"

namespace outpost::client::web {

// The language last remembered, or English.
Language RememberedLanguage();

// Remembers `language` for the next start. Failures (storage disabled) are ignored: the only
// loss is an unlock screen in English.
void RememberLanguage(Language language);

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_LANGUAGE_WEB_H_
