#include "shared/base/civil_date.h"

#include <cstdio>

namespace outpost {

// Dates come from forms, JSON and the database; each failure names the part that is wrong so
// the message can be shown as it is.
StatusOr<CivilDate> CivilDate::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999) {
    return Status::InvalidArgument("date", "year " + std::to_string(year) +
                                               " is not between 1 and 9999");
  }
  if (month < 1 || month > 12) {
    return Status::InvalidArgument("date", "month " + std::to_string(month) +
                                               " is not between 1 and 12");
  }
  if (day < 1 || day > DaysInMonth(year, month)) {
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d does not exist", year, month, day);
    return Status::InvalidArgument("date", text);
  }
  return CivilDate(DaysFromYmd(year, month, day));
}

// Strict on purpose: "2024-1-5" or a timestamp would parse in lenient readers and then differ
// between tablet and server; only the one canonical form is accepted.
StatusOr<CivilDate> CivilDate::Parse(std::string_view iso) {
  auto bad = [&] {
    return Status::InvalidArgument(
        "date", "\"" + std::string(iso.substr(0, 40)) + "\" is not a date written as YYYY-MM-DD");
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return bad();
  auto digits = [&](size_t from, size_t count, int* out) {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      value = value * 10 + (iso[i] - '0');
    }
    *out = value;
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (!digits(0, 4, &y) || !digits(5, 2, &m) || !digits(8, 2, &d)) return bad();
  return FromYmd(y, m, d);
}

void CivilDate::ToYmd(int* year, int* month, int* day) const {
  // Inverse of DaysFromYmd: find the 400-year era, then the year and day within it.
  const int32_t z = days_ + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int day_of_era = z - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int shifted_month = (5 * day_of_year + 2) / 153;
  *day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  *month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  *year = year_of_era + era * 400 + (*month <= 2 ? 1 : 0);
}

int CivilDate::year() const {
  int y, m, d;
  ToYmd(&y, &m, &d);
  return y;
}

int CivilDate::month() const {
  int y, m, d;
  ToYmd(&y, &m, &d);
  return m;
}

int CivilDate::day() const {
  int y, m, d;
  ToYmd(&y, &m, &d);
  return d;
}

// Month arithmetic works on a month count so negative n and year boundaries need no cases.
CivilDate CivilDate::AddMonths(int n) const {
  int y, m, d;
  ToYmd(&y, &m, &d);
  int months = y * 12 + (m - 1) + n;
  int ny = months / 12;
  int nm = months % 12 + 1;
  int last = DaysInMonth(ny, nm);
  return Unchecked(ny, nm, d > last ? last : d);
}

std::string CivilDate::ToString() const {
  int y, m, d;
  ToYmd(&y, &m, &d);
  char text[40];  // sized for any int, though only 4-2-2 digits occur in range
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
  return text;
}

}  // namespace outpost
