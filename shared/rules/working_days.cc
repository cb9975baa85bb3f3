#include "shared/rules/working_days.h"

#include <cstdlib>

namespace outpost::rules {
namespace {

// Outside the cached years: step a day at a time (rare; such dates are not IPES dates).
CivilDate StepWorkingDays(const HolidayCalendar& calendar, CivilDate date, int n) {
  const int step = n > 0 ? 1 : -1;
  int remaining = std::abs(n);
  CivilDate d = date;
  while (remaining > 0) {
    d = d.AddDays(step);
    if (calendar.IsWorkingDay(d)) --remaining;
  }
  return d;
}

}  // namespace

bool IsWorkingDay(const HolidayCalendar& calendar, CivilDate date) {
  return calendar.IsWorkingDay(date);
}

CivilDate AddWorkingDays(const HolidayCalendar& calendar, CivilDate date, int n) {
  if (n == 0) return date;
  // Each working day takes at most a few calendar days (weekend plus a run of holidays), so a
  // window of 3n + 14 days always contains the answer.
  const int span = 3 * std::abs(n) + 14;
  if (!calendar.InCachedRange(date.AddDays(-span)) || !calendar.InCachedRange(date.AddDays(span))) {
    return StepWorkingDays(calendar, date, n);
  }
  if (n > 0) {
    const int32_t target = calendar.WorkingDayOrdinal(date) + n;
    return calendar.FirstDayWithOrdinal(target, date.AddDays(1));
  }
  // n < 0: the working day w before `date` with exactly |n| - 1 working days in (w, date - 1].
  const int32_t target = calendar.WorkingDayOrdinal(date.AddDays(-1)) + n + 1;
  return calendar.FirstDayWithOrdinal(target, date.AddDays(-span));
}

// Within the cached years this is a subtraction of two ordinals, which is what keeps the
// compliance evaluation cheap; the loop is only for far past or future dates.
int WorkingDaysBetween(const HolidayCalendar& calendar, CivilDate from, CivilDate to) {
  if (to < from) return -WorkingDaysBetween(calendar, to, from);
  if (calendar.InCachedRange(from) && calendar.InCachedRange(to)) {
    return calendar.WorkingDayOrdinal(to) - calendar.WorkingDayOrdinal(from);
  }
  int count = 0;
  for (CivilDate d = from.AddDays(1); d <= to; d = d.AddDays(1)) {
    if (calendar.IsWorkingDay(d)) ++count;
  }
  return count;
}

CivilDate NextWorkingDayOnOrAfter(const HolidayCalendar& calendar, CivilDate date) {
  return calendar.IsWorkingDay(date) ? date : AddWorkingDays(calendar, date, 1);
}

}  // namespace outpost::rules
