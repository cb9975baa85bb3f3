#include "shared/base/civil_date.h"

#include <doctest/doctest.h>

namespace outpost {
namespace {

TEST_CASE("a CivilDate round-trips through YYYY-MM-DD") {
  StatusOr<CivilDate> d = CivilDate::Parse("2024-02-29");
  REQUIRE(d.ok());
  CHECK(d->year() == 2024);
  CHECK(d->month() == 2);
  CHECK(d->day() == 29);
  CHECK(d->ToString() == "2024-02-29");
  CHECK(CivilDate::Unchecked(1970, 1, 1).days_since_epoch() == 0);
  CHECK(CivilDate::Unchecked(1969, 12, 31).days_since_epoch() == -1);
  CHECK(CivilDate::Unchecked(2000, 3, 1).ToString() == "2000-03-01");
}

TEST_CASE("every day from 1900 to 2200 converts back to the same year, month and day") {
  CivilDate d = CivilDate::Unchecked(1900, 1, 1);
  int y = 1900, m = 1, day = 1;
  while (y < 2200) {
    int yy, mm, dd;
    d.ToYmd(&yy, &mm, &dd);
    REQUIRE(yy == y);
    REQUIRE(mm == m);
    REQUIRE(dd == day);
    d = d.AddDays(1);
    if (++day > CivilDate::DaysInMonth(y, m)) {
      day = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
}

TEST_CASE("impossible or malformed dates are refused with the reason") {
  CHECK(!CivilDate::Parse("2023-02-29").ok());
  CHECK(CivilDate::Parse("2023-02-29").status().what().find("does not exist") != std::string::npos);
  CHECK(!CivilDate::Parse("2023-13-01").ok());
  CHECK(!CivilDate::Parse("2023-1-01").ok());
  CHECK(!CivilDate::Parse("2023-01-01T00:00").ok());
  CHECK(!CivilDate::Parse("20x3-01-01").ok());
  CHECK(!CivilDate::Parse("").ok());
  CHECK(CivilDate::Parse("1900-02-29").status().where() == "date");
  CHECK(CivilDate::Parse("2000-02-29").ok());
  CHECK(!CivilDate::FromYmd(2024, 4, 31).ok());
}

TEST_CASE("weekdays follow ISO numbering, Monday 1 to Sunday 7") {
  CHECK(CivilDate::Unchecked(2024, 1, 1).weekday() == Weekday::kMonday);
  CHECK(CivilDate::Unchecked(2023, 12, 31).weekday() == Weekday::kSunday);
  CHECK(CivilDate::Unchecked(1969, 12, 27).weekday() == Weekday::kSaturday);
  CHECK(CivilDate::Unchecked(2021, 12, 25).IsWeekend());
  CHECK_FALSE(CivilDate::Unchecked(2021, 12, 24).IsWeekend());
}

TEST_CASE("adding months clamps to the end of a shorter month") {
  CHECK(CivilDate::Unchecked(2024, 1, 31).AddMonths(1) == CivilDate::Unchecked(2024, 2, 29));
  CHECK(CivilDate::Unchecked(2023, 1, 31).AddMonths(1) == CivilDate::Unchecked(2023, 2, 28));
  CHECK(CivilDate::Unchecked(2023, 11, 15).AddMonths(3) == CivilDate::Unchecked(2024, 2, 15));
  CHECK(CivilDate::Unchecked(2024, 2, 29).AddYears(1) == CivilDate::Unchecked(2025, 2, 28));
  CHECK(CivilDate::Unchecked(2024, 5, 10).AddMonths(-5) == CivilDate::Unchecked(2023, 12, 10));
  CHECK(CivilDate::Unchecked(2024, 1, 1).DaysUntil(CivilDate::Unchecked(2025, 1, 1)) == 366);
}

}  // namespace
}  // namespace outpost
