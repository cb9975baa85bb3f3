// England and Wales public holidays: the regular rules, substitute days and one-off changes.
//
// A Working Day is any day other than a Saturday, Sunday or public holiday in England and Wales
// (Annex 3), so every IPES deadline counted in working days depends on this calendar.
//
// The regular rules, computed for any year:
//   New Year's Day (1 January), Good Friday and Easter Monday (Gregorian Easter), the early May
//   bank holiday (first Monday of May), the spring bank holiday (last Monday of May), the summer
//   bank holiday (last Monday of August), Christmas Day and Boxing Day. When 1 January,
//   25 December or 26 December falls at a weekend, the next weekday that is not already a
//   holiday is a substitute day (so Christmas on a Saturday gives Monday 27th, and Boxing Day on
//   the Sunday gives Tuesday 28th). As in the published list, the weekend date itself is then not
//   listed: only its substitute is.
// One-off changes are data, not code: a royal event adds a day or moves one (2020-05-08 instead
// of 2020-05-04; 2022-06-02 and 2022-06-03 instead of 2022-05-30; 2022-09-19; 2023-05-08). The
// calendar carries a built-in list of the changes known when this was written, and an
// administrator can replace it from the UK government's published `bank-holidays.json` (division
// `england-and-wales`), which is authoritative between its first and last date.
//
// This module does no I/O: callers read the JSON file and pass its text.
//
// Performance: a HolidayCalendar precomputes, for every day of the years kFirstCachedYear to
// kLastCachedYear, how many working days precede it, so IsWorkingDay and the working-day
// arithmetic in working_days.h are constant time or a short binary search. Dates outside that
// range are still answered correctly, by computing their years on demand.
// A calendar is immutable after construction and safe to share between threads.
#ifndef OUTPOST_SHARED_RULES_BANK_HOLIDAYS_H_
#define OUTPOST_SHARED_RULES_BANK_HOLIDAYS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/civil_date.h"
#include "shared/base/status_or.h"

namespace outpost::rules {

struct Holiday {
  CivilDate date;
  std::string name;          // as gov.uk titles it, e.g. "Early May bank holiday"
  bool substitute = false;   // a substitute day for a holiday that fell at a weekend

  bool operator==(const Holiday&) const = default;
};

// One change to the regular rules. `added` true: `date` is an extra holiday named `name`.
// `added` false: the regular holiday on `date` does not happen that year (it was moved; the
// new date is a separate added change).
struct OneOffChange {
  CivilDate date;
  bool added = true;
  std::string name;
};

// Easter Sunday of `year` in the Gregorian calendar.
CivilDate EasterSunday(int year);

// The regular holidays of `year` (no one-off changes), in date order.
std::vector<Holiday> RegularHolidays(int year);

// The one-off changes known when this code was written (1995 to 2023), in date order.
const std::vector<OneOffChange>& KnownOneOffChanges();

// Parses the gov.uk bank-holidays.json text and returns the events of `division`, in date
// order. Errors (InvalidArgument, where = "bank-holidays.json"): text that is not JSON, a
// missing division or events array, an event without a valid "date" (YYYY-MM-DD) or "title".
// An event whose "notes" say "Substitute day" is marked substitute.
StatusOr<std::vector<Holiday>> ParseBankHolidaysJson(std::string_view json_text,
                                                     std::string_view division =
                                                         "england-and-wales");

class HolidayCalendar {
 public:
  static constexpr int kFirstCachedYear = 1990;
  static constexpr int kLastCachedYear = 2100;

  // The regular rules plus KnownOneOffChanges().
  HolidayCalendar();
  // The regular rules plus exactly `one_offs` (use an empty list for the rules alone).
  explicit HolidayCalendar(std::vector<OneOffChange> one_offs);

  // The regular rules, with `published` (as ParseBankHolidaysJson returns it) authoritative
  // between its first and last date: regular holidays in that span that are not published are
  // removed, published days that are not regular are added. Outside the span, the built-in
  // one-off changes apply. An empty list gives the default calendar.
  static HolidayCalendar FromPublished(const std::vector<Holiday>& published);

  // ParseBankHolidaysJson (england-and-wales) then FromPublished; parse errors are returned.
  static StatusOr<HolidayCalendar> FromBankHolidaysJson(std::string_view json_text);

  // True if `date` is a public holiday in England and Wales (weekends are not holidays here).
  bool IsHoliday(CivilDate date) const;
  // True if `date` is neither a weekend day nor a holiday (Annex 3 'Working Day').
  bool IsWorkingDay(CivilDate date) const;

  // The holidays of `year` in date order, with names.
  std::vector<Holiday> HolidaysInYear(int year) const;

  const std::vector<OneOffChange>& one_off_changes() const { return one_offs_; }

  // The number of working days from a fixed origin up to and including `date`. Only
  // differences between two ordinals mean anything; working_days.h builds on them.
  // Precondition: `date` lies within the cached years (see InCachedRange).
  int32_t WorkingDayOrdinal(CivilDate date) const {
    return ordinal_[date.days_since_epoch() - first_day_ + 1];
  }
  bool InCachedRange(CivilDate date) const {
    const int32_t i = date.days_since_epoch() - first_day_;
    return i >= 0 && i < static_cast<int32_t>(ordinal_.size()) - 1;
  }
  // The first cached day whose ordinal is at least `ordinal` (a working day), for the binary
  // search of AddWorkingDays. Precondition: the answer lies in the cached range.
  CivilDate FirstDayWithOrdinal(int32_t ordinal, CivilDate search_from) const;

 private:
  void BuildCache();
  bool ComputeIsHoliday(CivilDate date) const;  // uncached: rules plus one-offs

  std::vector<OneOffChange> one_offs_;
  int32_t first_day_ = 0;            // days_since_epoch of 1 January kFirstCachedYear
  // ordinal_[i + 1] = working days in [first day, first day + i]; ordinal_[0] = 0.
  std::vector<int32_t> ordinal_;
};

// The holidays of `year` under `calendar`, in date order (for the server's calendar command).
std::vector<Holiday> HolidaysInYear(const HolidayCalendar& calendar, int year);

}  // namespace outpost::rules

#endif  // OUTPOST_SHARED_RULES_BANK_HOLIDAYS_H_
