// CivilDate: a calendar date with no time of day and no time zone.
//
// IPES rules count days (Day 1 of provision is the Start Date, Annex 3) and working days, never
// hours across midnight, so the core works in whole dates. A CivilDate is a proleptic Gregorian
// date stored as a count of days since 1970-01-01; that makes comparison and day arithmetic a
// single integer operation, which the compliance benchmark relies on.
//
// Contract:
//   - Every CivilDate holds a valid date. The only ways to make one from outside data are
//     FromYmd() and Parse(), which return an InvalidArgument Status for anything that is not a
//     real date; FromDays() accepts any day number in the supported range.
//   - The supported range is years 1 to 9999; arithmetic that leaves it is a caller bug.
//   - A default-constructed CivilDate is 1970-01-01 (useful only as a placeholder).
//   - Values are small and trivially copyable: pass them by value.
#ifndef OUTPOST_SHARED_BASE_CIVIL_DATE_H_
#define OUTPOST_SHARED_BASE_CIVIL_DATE_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/base/status_or.h"

namespace outpost {

// ISO 8601 numbering: Monday is 1, Sunday is 7.
enum class Weekday : int {
  kMonday = 1,
  kTuesday,
  kWednesday,
  kThursday,
  kFriday,
  kSaturday,
  kSunday,
};

class CivilDate {
 public:
  // 1970-01-01.
  constexpr CivilDate() = default;

  // Returns the date y-m-d, or InvalidArgument("date", ...) naming what is wrong
  // ("month 13 is not between 1 and 12", "2023-02-29 does not exist").
  static StatusOr<CivilDate> FromYmd(int year, int month, int day);

  // The date `days` days after 1970-01-01 (negative counts go backwards).
  static constexpr CivilDate FromDays(int32_t days) { return CivilDate(days); }

  // Parses exactly "YYYY-MM-DD" (ISO 8601 calendar date, four-digit year, no time, no spaces).
  // Anything else, including a well-formed but impossible date, is InvalidArgument("date", ...).
  static StatusOr<CivilDate> Parse(std::string_view iso);

  // Precondition: the arguments name a real date. For constants written in code and tests;
  // data from outside must go through FromYmd() or Parse().
  static constexpr CivilDate Unchecked(int year, int month, int day) {
    return CivilDate(DaysFromYmd(year, month, day));
  }

  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  // All three at once (cheaper than calling the accessors separately).
  void ToYmd(int* year, int* month, int* day) const;

  constexpr int32_t days_since_epoch() const { return days_; }
  constexpr Weekday weekday() const {
    // 1970-01-01 was a Thursday (ISO 4). Keep the remainder non-negative for earlier dates.
    int r = (days_ + 3) % 7;
    if (r < 0) r += 7;
    return static_cast<Weekday>(r + 1);
  }
  constexpr bool IsWeekend() const {
    return weekday() == Weekday::kSaturday || weekday() == Weekday::kSunday;
  }

  // The date n calendar days later (earlier if n < 0).
  constexpr CivilDate AddDays(int n) const { return CivilDate(days_ + n); }

  // Calendar months and years, as the State Pension age tables use them ("66 years and 3
  // months"). When the target month is shorter than this date's day (31 January plus one
  // month), the result is the last day of the target month.
  CivilDate AddMonths(int n) const;
  CivilDate AddYears(int n) const { return AddMonths(12 * n); }

  // `later` minus `*this` in days: positive when `later` is after this date.
  constexpr int DaysUntil(CivilDate later) const { return later.days_ - days_; }

  // "YYYY-MM-DD".
  std::string ToString() const;

  constexpr auto operator<=>(const CivilDate&) const = default;

  // Days in `month` of `year` (Gregorian leap years).
  static constexpr bool IsLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }
  static constexpr int DaysInMonth(int year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
  }

 private:
  constexpr explicit CivilDate(int32_t days) : days_(days) {}

  // Days from 1970-01-01 to y-m-d. Works in 400-year cycles of 146097 days that start on
  // 1 March, so the leap day is the last day of each shifted year.
  static constexpr int32_t DaysFromYmd(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int year_of_era = y - era * 400;
    const int shifted_month = m > 2 ? m - 3 : m + 9;  // March is 0
    const int day_of_year = (153 * shifted_month + 2) / 5 + d - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;  // 719468: 0000-03-01 to 1970-01-01
  }

  int32_t days_ = 0;
};

}  // namespace outpost

#endif  // OUTPOST_SHARED_BASE_CIVIL_DATE_H_
