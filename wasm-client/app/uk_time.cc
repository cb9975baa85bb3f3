#include "wasm-client/app/uk_time.h"

#include <cstdio>

#include "wasm-client/app/words.h"

namespace outpost::client {

namespace {

constexpr int64_t kDayMs = 86400000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

CivilDate LastSunday(int year, int month) {
  CivilDate last = CivilDate::Unchecked(year, month, CivilDate::DaysInMonth(year, month));
  return last.AddDays(-(static_cast<int>(last.weekday()) % 7));
}

int64_t MidnightUtcMs(CivilDate date) {
  return static_cast<int64_t>(CivilDate::Unchecked(1970, 1, 1).DaysUntil(date)) * kDayMs;
}

}  // namespace

int UkOffsetMinutes(int64_t unix_ms) {
  const int year = CivilDate::FromDays(static_cast<int32_t>(FloorDiv(unix_ms, kDayMs))).year();
  const int64_t starts = MidnightUtcMs(LastSunday(year, 3)) + 3600000;
  const int64_t ends = MidnightUtcMs(LastSunday(year, 10)) + 3600000;
  return unix_ms >= starts && unix_ms < ends ? 60 : 0;
}

std::string UkShortDate(CivilDate date) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d/%02d/%04d", date.day(), date.month(), date.year());
  return text;
}

std::string UkLongDate(CivilDate date) {
  static constexpr Words kDays[] = {
      {"Monday", "Dydd Llun"},     {"Tuesday", "Dydd Mawrth"}, {"Wednesday", "Dydd Mercher"},
      {"Thursday", "Dydd Iau"},    {"Friday", "Dydd Gwener"},  {"Saturday", "Dydd Sadwrn"},
      {"Sunday", "Dydd Sul"}};
  static constexpr Words kMonths[] = {
      {"January", "Ionawr"},   {"February", "Chwefror"}, {"March", "Mawrth"},
      {"April", "Ebrill"},     {"May", "Mai"},           {"June", "Mehefin"},
      {"July", "Gorffennaf"},  {"August", "Awst"},       {"September", "Medi"},
      {"October", "Hydref"},   {"November", "Tachwedd"}, {"December", "Rhagfyr"}};
  return std::string(T(kDays[static_cast<int>(date.weekday()) - 1])) + " " +
         std::to_string(date.day()) + " " + T(kMonths[date.month() - 1]) + " " +
         std::to_string(date.year());
}

CivilDate UkDateOf(int64_t unix_ms) {
  const int64_t local = unix_ms + UkOffsetMinutes(unix_ms) * 60000LL;
  return CivilDate::FromDays(static_cast<int32_t>(FloorDiv(local, kDayMs)));
}

std::string UkClockOf(int64_t unix_ms) {
  const int64_t local = unix_ms + UkOffsetMinutes(unix_ms) * 60000LL;
  const int64_t minutes = FloorDiv(local - FloorDiv(local, kDayMs) * kDayMs, 60000);
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return text;
}

std::string UkDateTime(int64_t unix_ms) {
  return UkShortDate(UkDateOf(unix_ms)) + " " + UkClockOf(unix_ms);
}

int64_t UkLocalToUtc(CivilDate date, std::string_view clock) {
  if (clock.size() != 5 || clock[2] != ':') return -1;
  for (size_t i : {0u, 1u, 3u, 4u})
    if (clock[i] < '0' || clock[i] > '9') return -1;
  const int hours = (clock[0] - '0') * 10 + (clock[1] - '0');
  const int minutes = (clock[3] - '0') * 10 + (clock[4] - '0');
  if (hours > 23 || minutes > 59) return -1;
  const int64_t as_gmt = MidnightUtcMs(date) + (hours * 60 + minutes) * 60000LL;
  const int64_t as_bst = as_gmt - 3600000;
  // Read as BST when that reading lands in summer time; otherwise it is GMT.
  return UkOffsetMinutes(as_bst) == 60 ? as_bst : as_gmt;
}

std::string ShowIsoDate(std::string_view iso) {
  auto date = CivilDate::Parse(iso);
  return date.ok() ? UkShortDate(*date) : std::string(iso);
}

}  // namespace outpost::client
