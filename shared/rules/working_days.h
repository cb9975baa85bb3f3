// Working-day arithmetic for IPES deadlines (Annex 3 'Working Day').
//
// A Working Day is any day other than a Saturday, Sunday or public holiday in England and Wales
// (Annex 3); the holidays come from a HolidayCalendar (bank_holidays.h). The guidance counts
// deadlines as "within N working days of D" (4.08: 15 working days of the referral; 4.17: 20 of
// the Start Date; 4.35: 10 of the job start; Annex 3: 10 of becoming a Completer). Outpost reads
// that as: the deadline is the Nth working day after D, D itself not counted, whether or not D is
// a working day. A referral made on Friday 22 December 2023 therefore has its 1st working day on
// Wednesday 27 December (Christmas and Boxing Day are holidays).
//
// All functions are pure and cheap (constant time or a short binary search within the
// calendar's cached years); none fail.
#ifndef OUTPOST_SHARED_RULES_WORKING_DAYS_H_
#define OUTPOST_SHARED_RULES_WORKING_DAYS_H_

#include "shared/base/civil_date.h"
#include "shared/rules/bank_holidays.h"

namespace outpost::rules {

// True if `date` is a Working Day in England and Wales (Annex 3).
bool IsWorkingDay(const HolidayCalendar& calendar, CivilDate date);

// The nth working day after `date`, `date` not counted (Annex 3; "within n working days of
// date"). n == 0 returns `date` unchanged. n < 0 returns the |n|th working day before `date`.
CivilDate AddWorkingDays(const HolidayCalendar& calendar, CivilDate date, int n);

// The number of working days d with from < d <= to: how many working days after `from` the
// date `to` is (so WorkingDaysBetween(c, d, AddWorkingDays(c, d, n)) == n for n >= 0).
// Negative, counted the same way, when to < from; 0 when equal.
int WorkingDaysBetween(const HolidayCalendar& calendar, CivilDate from, CivilDate to);

// `date` if it is a working day, otherwise the next working day after it.
CivilDate NextWorkingDayOnOrAfter(const HolidayCalendar& calendar, CivilDate date);

}  // namespace outpost::rules

#endif  // OUTPOST_SHARED_RULES_WORKING_DAYS_H_
