// Dates and times shown on the tablet are UK civil time, in the key worker's language.
#include "wasm-client/app/uk_time.h"

#include <doctest/doctest.h>

#include "shared/base/utc_time.h"
#include "wasm-client/app/words.h"

namespace outpost::client {
namespace {

int64_t Utc(const char* text) {
  auto ms = ParseUtc(text);
  REQUIRE(ms.ok());
  return *ms;
}

TEST_CASE("British Summer Time runs from 01:00 UTC on the last Sunday of March to that of October") {
  CHECK(UkOffsetMinutes(Utc("2026-03-29T00:59:59Z")) == 0);
  CHECK(UkOffsetMinutes(Utc("2026-03-29T01:00:00Z")) == 60);
  CHECK(UkOffsetMinutes(Utc("2026-10-25T00:59:59Z")) == 60);
  CHECK(UkOffsetMinutes(Utc("2026-10-25T01:00:00Z")) == 0);
  CHECK(UkOffsetMinutes(Utc("2027-03-28T01:00:00Z")) == 60);  // 2027's last Sunday of March
}

TEST_CASE("a time is shown in UK civil time: 23:30 UTC in July is after midnight in the UK") {
  CHECK(UkDateTime(Utc("2026-07-14T23:30:00Z")) == "15/07/2026 00:30");
  CHECK(UkDateTime(Utc("2026-11-23T16:05:00Z")) == "23/11/2026 16:05");
}

TEST_CASE("a UK date and time typed on the form is read back to the same instant") {
  for (const char* utc : {"2026-07-14T23:30:00Z", "2026-11-23T16:05:00Z", "2026-03-29T01:00:00Z"}) {
    const int64_t ms = Utc(utc);
    CHECK(UkLocalToUtc(UkDateOf(ms), UkClockOf(ms)) == ms);
  }
  CHECK(UkLocalToUtc(CivilDate::Unchecked(2026, 11, 23), "25:00") == -1);
  CHECK(UkLocalToUtc(CivilDate::Unchecked(2026, 11, 23), "9:00") == -1);
}

TEST_CASE("long dates are written in the key worker's language") {
  const CivilDate date = CivilDate::Unchecked(2026, 11, 23);
  SetLanguage(Language::kEnglish);
  CHECK(UkLongDate(date) == "Monday 23 November 2026");
  SetLanguage(Language::kWelsh);
  CHECK(UkLongDate(date) == "Dydd Llun 23 Tachwedd 2026");
  SetLanguage(Language::kEnglish);
  CHECK(ShowIsoDate("2026-11-23") == "23/11/2026");
  CHECK(ShowIsoDate("not a date") == "not a date");
}

TEST_CASE("a string with printf conversions formats the same way in both languages") {
  SetLanguage(Language::kWelsh);
  CHECK(Tf({"%d changes waiting", "%d newid yn aros"}, 3) == "3 newid yn aros");
  SetLanguage(Language::kEnglish);
  CHECK(Tf({"%d changes waiting", "%d newid yn aros"}, 3) == "3 changes waiting");
  // Words{"%d waiting", "%s yn aros"} does not compile: see words.h.
}

}  // namespace
}  // namespace outpost::client
