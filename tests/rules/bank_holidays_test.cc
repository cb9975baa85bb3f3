#include "shared/rules/bank_holidays.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/rules/test_dates.h"

namespace outpost::rules {
namespace {

using testing::D;

std::string ReadTestFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<Holiday> Published() {
  std::string text = ReadTestFile(OUTPOST_TEST_DATA_DIR "/bank-holidays.json");
  StatusOr<std::vector<Holiday>> list = ParseBankHolidaysJson(text);
  REQUIRE(list.ok());
  return *list;
}

std::vector<CivilDate> Dates(const std::vector<Holiday>& list) {
  std::vector<CivilDate> out;
  for (const Holiday& h : list) out.push_back(h.date);
  return out;
}

TEST_CASE("Easter Sunday follows the Gregorian computus") {
  CHECK(EasterSunday(2018) == D("2018-04-01"));
  CHECK(EasterSunday(2019) == D("2019-04-21"));
  CHECK(EasterSunday(2024) == D("2024-03-31"));
  CHECK(EasterSunday(2025) == D("2025-04-20"));
  CHECK(EasterSunday(2038) == D("2038-04-25"));  // the latest possible
  CHECK(EasterSunday(2285) == D("2285-03-22"));  // the earliest possible
}

TEST_CASE("the built-in calendar gives every published England and Wales bank holiday 2018-2027") {
  const std::vector<Holiday> published = Published();
  REQUIRE(published.size() == 83);
  HolidayCalendar calendar;
  for (int year = 2018; year <= 2027; ++year) {
    CAPTURE(year);
    std::vector<Holiday> expected;
    for (const Holiday& h : published) {
      if (h.date.year() == year) expected.push_back(h);
    }
    const std::vector<Holiday> computed = HolidaysInYear(calendar, year);
    CHECK(Dates(computed) == Dates(expected));
    for (const Holiday& h : expected) {
      CHECK(calendar.IsHoliday(h.date));
      CHECK_FALSE(calendar.IsWorkingDay(h.date));
    }
  }
}

TEST_CASE("the regular rules alone give the published list except the one-off changes") {
  HolidayCalendar rules_only(std::vector<OneOffChange>{});
  CHECK(rules_only.IsHoliday(D("2020-05-04")));        // moved to VE day in 2020
  CHECK_FALSE(rules_only.IsHoliday(D("2020-05-08")));
  CHECK(rules_only.IsHoliday(D("2022-05-30")));        // moved for the Platinum Jubilee
  CHECK_FALSE(rules_only.IsHoliday(D("2022-09-19")));  // the State Funeral was a one-off
  // Ordinary years need no one-off change at all.
  for (int year : {2018, 2019, 2021, 2024, 2025, 2026, 2027}) {
    CAPTURE(year);
    CHECK(Dates(HolidaysInYear(rules_only, year)) == Dates(HolidaysInYear(HolidayCalendar(), year)));
  }
}

TEST_CASE("Christmas and Boxing Day at a weekend get the next free weekdays as substitutes") {
  HolidayCalendar calendar;
  // 2021: Christmas on Saturday, Boxing Day on Sunday -> Monday 27 and Tuesday 28.
  CHECK(calendar.IsHoliday(D("2021-12-27")));
  CHECK(calendar.IsHoliday(D("2021-12-28")));
  // 2022: Christmas on Sunday, Boxing Day Monday -> Christmas substitute on Tuesday 27.
  CHECK(calendar.IsHoliday(D("2022-12-26")));
  CHECK(calendar.IsHoliday(D("2022-12-27")));
  CHECK(calendar.IsWorkingDay(D("2022-12-28")));
  // 2026: Christmas Friday, Boxing Day Saturday -> Monday 28.
  CHECK(calendar.IsWorkingDay(D("2026-12-24")));
  CHECK(calendar.IsHoliday(D("2026-12-28")));
  // 2022 and 2023: New Year's Day at a weekend -> the Monday.
  CHECK(calendar.IsHoliday(D("2022-01-03")));
  CHECK(calendar.IsHoliday(D("2023-01-02")));
  const std::vector<Holiday> y2021 = HolidaysInYear(calendar, 2021);
  REQUIRE(y2021.size() == 8);
  CHECK(y2021[6].name == "Christmas Day");
  CHECK(y2021[6].substitute);
  CHECK(y2021[7].name == "Boxing Day");
}

TEST_CASE("a published list overrides the rules between its first and last date") {
  // An administrator adds an imaginary 2027 one-off and the 2026 list lacks summer bank holiday.
  std::vector<Holiday> list = Published();
  std::erase_if(list, [](const Holiday& h) { return h.date == D("2026-08-31"); });
  list.push_back({D("2027-06-07"), "Imaginary extra bank holiday", false});
  HolidayCalendar calendar = HolidayCalendar::FromPublished(list);
  CHECK_FALSE(calendar.IsHoliday(D("2026-08-31")));
  CHECK(calendar.IsHoliday(D("2027-06-07")));
  // Outside the published span the rules and built-in changes still apply.
  CHECK(calendar.IsHoliday(D("2012-06-05")));  // Diamond Jubilee (built in)
  CHECK(calendar.IsHoliday(D("2030-12-25")));
  const std::vector<Holiday> y2027 = HolidaysInYear(calendar, 2027);
  CHECK(y2027.size() == 9);
}

TEST_CASE("the gov.uk JSON loads into a calendar and bad JSON is refused with a reason") {
  std::string text = ReadTestFile(OUTPOST_TEST_DATA_DIR "/bank-holidays.json");
  StatusOr<HolidayCalendar> calendar = HolidayCalendar::FromBankHolidaysJson(text);
  REQUIRE(calendar.ok());
  CHECK(calendar->IsHoliday(D("2023-05-08")));

  CHECK_FALSE(ParseBankHolidaysJson("not json").ok());
  CHECK(ParseBankHolidaysJson("not json").status().where() == "bank-holidays.json");
  CHECK_FALSE(ParseBankHolidaysJson(text, "scotland").ok());
  CHECK_FALSE(ParseBankHolidaysJson(R"({"england-and-wales":{"events":[{"title":"x"}]}})").ok());
  StatusOr<std::vector<Holiday>> bad_date = ParseBankHolidaysJson(
      R"({"england-and-wales":{"events":[{"title":"x","date":"2023-02-30"}]}})");
  REQUIRE_FALSE(bad_date.ok());
  CHECK(bad_date.status().what().find("events[0].date") != std::string::npos);
  StatusOr<std::vector<Holiday>> sub = ParseBankHolidaysJson(
      R"({"england-and-wales":{"events":[{"title":"Boxing Day","date":"2026-12-28","notes":"Substitute day"}]}})");
  REQUIRE(sub.ok());
  CHECK((*sub)[0].substitute);
}

TEST_CASE("dates outside the cached years are still answered by the rules") {
  HolidayCalendar calendar;
  CHECK(calendar.IsHoliday(D("1985-12-25")));
  CHECK(calendar.IsHoliday(D("2150-01-01")));
  CHECK_FALSE(calendar.IsWorkingDay(D("2150-01-01")));
  CHECK(calendar.IsWorkingDay(D("2150-01-02")));
}

}  // namespace
}  // namespace outpost::rules
