#include "shared/rules/working_days.h"

#include <doctest/doctest.h>

#include "tests/rules/test_dates.h"

namespace outpost::rules {
namespace {

using testing::D;

const HolidayCalendar& Calendar() {
  static const HolidayCalendar* const kCalendar = new HolidayCalendar();
  return *kCalendar;
}

TEST_CASE("weekends and bank holidays are not working days (Annex 3)") {
  CHECK(IsWorkingDay(Calendar(), D("2024-05-03")));        // Friday
  CHECK_FALSE(IsWorkingDay(Calendar(), D("2024-05-04")));  // Saturday
  CHECK_FALSE(IsWorkingDay(Calendar(), D("2024-05-05")));  // Sunday
  CHECK_FALSE(IsWorkingDay(Calendar(), D("2024-05-06")));  // early May bank holiday
  CHECK(IsWorkingDay(Calendar(), D("2024-05-07")));
}

TEST_CASE("within N working days of D is the Nth working day after D, D not counted") {
  CHECK(AddWorkingDays(Calendar(), D("2024-05-01"), 1) == D("2024-05-02"));
  // Friday plus one skips the weekend and the bank holiday Monday.
  CHECK(AddWorkingDays(Calendar(), D("2024-05-03"), 1) == D("2024-05-07"));
  // A Saturday start: the first working day is Monday.
  CHECK(AddWorkingDays(Calendar(), D("2024-06-08"), 1) == D("2024-06-10"));
  // 15 working days from a referral just before Christmas 2023 (4.08).
  CHECK(AddWorkingDays(Calendar(), D("2023-12-22"), 1) == D("2023-12-27"));
  CHECK(AddWorkingDays(Calendar(), D("2023-12-22"), 15) == D("2024-01-17"));
  // Across the 2021 Christmas substitutes and New Year 2022 substitute.
  CHECK(AddWorkingDays(Calendar(), D("2021-12-24"), 1) == D("2021-12-29"));
  CHECK(AddWorkingDays(Calendar(), D("2021-12-31"), 1) == D("2022-01-04"));
  CHECK(AddWorkingDays(Calendar(), D("2024-05-01"), 0) == D("2024-05-01"));
}

TEST_CASE("negative counts go back the same way") {
  CHECK(AddWorkingDays(Calendar(), D("2024-05-07"), -1) == D("2024-05-03"));
  CHECK(AddWorkingDays(Calendar(), D("2024-01-17"), -15) == D("2023-12-22"));
  CHECK(AddWorkingDays(Calendar(), D("2024-05-04"), -1) == D("2024-05-03"));
}

TEST_CASE("working days between two dates agrees with AddWorkingDays everywhere") {
  CHECK(WorkingDaysBetween(Calendar(), D("2024-05-03"), D("2024-05-07")) == 1);
  CHECK(WorkingDaysBetween(Calendar(), D("2024-05-07"), D("2024-05-03")) == -1);
  CHECK(WorkingDaysBetween(Calendar(), D("2024-05-04"), D("2024-05-06")) == 0);
  CHECK(WorkingDaysBetween(Calendar(), D("2024-01-01"), D("2024-12-31")) == 254);
  // Property over every day of 2018-2027 and several n: inverse functions, and a brute count.
  for (CivilDate d = D("2018-01-01"); d < D("2027-12-01"); d = d.AddDays(3)) {
    for (int n : {1, 5, 10, 15, 20}) {
      const CivilDate e = AddWorkingDays(Calendar(), d, n);
      REQUIRE(IsWorkingDay(Calendar(), e));
      REQUIRE(WorkingDaysBetween(Calendar(), d, e) == n);
      REQUIRE(WorkingDaysBetween(Calendar(), d, e.AddDays(-1)) == n - 1);
      // Going back n working days from e lands on the last working day on or before d.
      const CivilDate back = AddWorkingDays(Calendar(), e, -n);
      REQUIRE(IsWorkingDay(Calendar(), back));
      REQUIRE(back <= d);
      REQUIRE(WorkingDaysBetween(Calendar(), back, d) == 0);
    }
  }
  int brute = 0;
  for (CivilDate d = D("2022-01-01"); d <= D("2022-12-31"); d = d.AddDays(1)) {
    if (!d.IsWeekend() && !Calendar().IsHoliday(d)) ++brute;
  }
  CHECK(WorkingDaysBetween(Calendar(), D("2021-12-31"), D("2022-12-31")) == brute);
  CHECK(brute == 250);
}

TEST_CASE("working-day arithmetic outside the cached years steps day by day") {
  // 2150: Christmas on Friday, Boxing Day Saturday with its substitute on Monday 28.
  CHECK(AddWorkingDays(Calendar(), D("2150-12-24"), 1) == D("2150-12-29"));
  CHECK(WorkingDaysBetween(Calendar(), D("2150-12-24"), D("2150-12-29")) == 1);
}

}  // namespace
}  // namespace outpost::rules
