// UK dates and clock times as the key worker reads them, in the current language (words.h).
//
// Records keep UTC ("2026-11-23T16:05Z") and ISO dates; only what is shown is local. UK civil
// time is GMT in winter and BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC
// on the last Sunday of October (the Summer Time Order 2002), which is all the tablet needs: the
// programme runs in England and Wales only.
#ifndef OUTPOST_WASM_CLIENT_APP_UK_TIME_H_
#define OUTPOST_WASM_CLIENT_APP_UK_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/base/civil_date.h"

namespace outpost::client {

// Minutes UK civil time is ahead of UTC at `unix_ms`: 60 during British Summer Time, else 0.
int UkOffsetMinutes(int64_t unix_ms);

// "23/11/2026": the short UK form, the same in both languages.
std::string UkShortDate(CivilDate date);

// "Monday 23 November 2026" / "Dydd Llun 23 Tachwedd 2026".
std::string UkLongDate(CivilDate date);

// "23/11/2026 16:05": a UTC instant in UK civil time (BST applied when in force).
std::string UkDateTime(int64_t unix_ms);

// The UK civil date and "HH:MM" of a UTC instant, as a contact form pre-fills them.
CivilDate UkDateOf(int64_t unix_ms);
std::string UkClockOf(int64_t unix_ms);

// A UK civil date and "HH:MM" back to UTC milliseconds, or -1 when `clock` is not HH:MM.
// In the hour the clocks go back the earlier (BST) reading is taken; in the hour that does not
// exist when they go forward, the time is read as GMT.
int64_t UkLocalToUtc(CivilDate date, std::string_view clock);

// A stored ISO date ("2026-11-23") shown as UkShortDate, or the text unchanged if it is not one.
std::string ShowIsoDate(std::string_view iso);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_UK_TIME_H_
