#include "shared/rules/bank_holidays.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace outpost::rules {
namespace {

constexpr char kNewYear[] = "New Year\u2019s Day";
constexpr char kChristmas[] = "Christmas Day";
constexpr char kBoxing[] = "Boxing Day";

CivilDate FirstMonday(int year, int month) {
  CivilDate d = CivilDate::Unchecked(year, month, 1);
  int offset = (8 - static_cast<int>(d.weekday())) % 7;  // days to the next Monday (0 if Monday)
  return d.AddDays(offset);
}

CivilDate LastMonday(int year, int month) {
  CivilDate d = CivilDate::Unchecked(year, month, CivilDate::DaysInMonth(year, month));
  return d.AddDays(-(static_cast<int>(d.weekday()) - 1));
}

bool Contains(const std::vector<Holiday>& list, CivilDate date) {
  for (const Holiday& h : list) {
    if (h.date == date) return true;
  }
  return false;
}

// The next weekday on or after `from` that is not already in `taken`.
CivilDate NextFreeWeekday(CivilDate from, const std::vector<Holiday>& taken) {
  CivilDate d = from;
  while (d.IsWeekend() || Contains(taken, d)) d = d.AddDays(1);
  return d;
}

void SortByDate(std::vector<Holiday>* list) {
  std::sort(list->begin(), list->end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
}

}  // namespace

CivilDate EasterSunday(int year) {
  // Gregorian computus: golden number, century corrections, then the Sunday after the
  // paschal full moon.
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return CivilDate::Unchecked(year, month, day);
}

std::vector<Holiday> RegularHolidays(int year) {
  std::vector<Holiday> out;
  out.reserve(10);
  CivilDate new_year = CivilDate::Unchecked(year, 1, 1);
  out.push_back({new_year, kNewYear, false});
  CivilDate easter = EasterSunday(year);
  out.push_back({easter.AddDays(-2), "Good Friday", false});
  out.push_back({easter.AddDays(1), "Easter Monday", false});
  out.push_back({FirstMonday(year, 5), "Early May bank holiday", false});
  out.push_back({LastMonday(year, 5), "Spring bank holiday", false});
  out.push_back({LastMonday(year, 8), "Summer bank holiday", false});
  CivilDate christmas = CivilDate::Unchecked(year, 12, 25);
  CivilDate boxing = CivilDate::Unchecked(year, 12, 26);
  out.push_back({christmas, kChristmas, false});
  out.push_back({boxing, kBoxing, false});
  // Substitutes: New Year first, then Christmas before Boxing Day, each taking the next weekday
  // not already taken (Boxing Day itself counts as taken when Christmas is a Sunday).
  if (new_year.IsWeekend()) out.push_back({NextFreeWeekday(new_year, out), kNewYear, true});
  if (christmas.IsWeekend()) out.push_back({NextFreeWeekday(christmas, out), kChristmas, true});
  if (boxing.IsWeekend()) out.push_back({NextFreeWeekday(boxing, out), kBoxing, true});
  // The weekend day itself is not a working day anyway; like the published list, name only the
  // substitute.
  std::erase_if(out, [](const Holiday& h) { return h.date.IsWeekend(); });
  SortByDate(&out);
  return out;
}

const std::vector<OneOffChange>& KnownOneOffChanges() {
  static const std::vector<OneOffChange>* const kChanges = new std::vector<OneOffChange>{
      // 50th anniversary of VE Day: the early May holiday moved to Monday 8 May.
      {CivilDate::Unchecked(1995, 5, 1), false, ""},
      {CivilDate::Unchecked(1995, 5, 8), true, "Early May bank holiday (VE day)"},
      {CivilDate::Unchecked(1999, 12, 31), true, "Millennium celebrations"},
      // Golden Jubilee: spring holiday moved to 4 June, extra day on 3 June.
      {CivilDate::Unchecked(2002, 5, 27), false, ""},
      {CivilDate::Unchecked(2002, 6, 3), true, "Golden Jubilee bank holiday"},
      {CivilDate::Unchecked(2002, 6, 4), true, "Spring bank holiday"},
      {CivilDate::Unchecked(2011, 4, 29), true, "Royal wedding"},
      // Diamond Jubilee: spring holiday moved to 4 June, extra day on 5 June.
      {CivilDate::Unchecked(2012, 5, 28), false, ""},
      {CivilDate::Unchecked(2012, 6, 4), true, "Spring bank holiday"},
      {CivilDate::Unchecked(2012, 6, 5), true, "Queen\u2019s Diamond Jubilee"},
      // 75th anniversary of VE Day.
      {CivilDate::Unchecked(2020, 5, 4), false, ""},
      {CivilDate::Unchecked(2020, 5, 8), true, "Early May bank holiday (VE day)"},
      // Platinum Jubilee.
      {CivilDate::Unchecked(2022, 5, 30), false, ""},
      {CivilDate::Unchecked(2022, 6, 2), true, "Spring bank holiday"},
      {CivilDate::Unchecked(2022, 6, 3), true, "Platinum Jubilee bank holiday"},
      {CivilDate::Unchecked(2022, 9, 19), true,
       "Bank Holiday for the State Funeral of Queen Elizabeth II"},
      {CivilDate::Unchecked(2023, 5, 8), true, "Bank holiday for the coronation of King Charles III"},
  };
  return *kChanges;
}

StatusOr<std::vector<Holiday>> ParseBankHolidaysJson(std::string_view json_text,
                                                     std::string_view division) {
  constexpr char kWhere[] = "bank-holidays.json";
  nlohmann::json root = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr,
                                              /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    return Status::InvalidArgument(kWhere, "the text is not a JSON object");
  }
  auto div = root.find(std::string(division));
  if (div == root.end() || !div->is_object()) {
    return Status::InvalidArgument(kWhere, "there is no \"" + std::string(division) + "\" division");
  }
  auto events = div->find("events");
  if (events == div->end() || !events->is_array()) {
    return Status::InvalidArgument(kWhere, "the division has no \"events\" array");
  }
  std::vector<Holiday> out;
  out.reserve(events->size());
  for (size_t i = 0; i < events->size(); ++i) {
    const nlohmann::json& e = (*events)[i];
    const std::string where = "events[" + std::to_string(i) + "]";
    if (!e.is_object()) return Status::InvalidArgument(kWhere, where + " is not an object");
    auto date = e.find("date");
    auto title = e.find("title");
    if (date == e.end() || !date->is_string()) {
      return Status::InvalidArgument(kWhere, where + " has no \"date\" string");
    }
    if (title == e.end() || !title->is_string()) {
      return Status::InvalidArgument(kWhere, where + " has no \"title\" string");
    }
    StatusOr<CivilDate> parsed = CivilDate::Parse(date->get_ref<const std::string&>());
    if (!parsed.ok()) {
      return Status::InvalidArgument(kWhere, where + ".date: " + parsed.status().what());
    }
    Holiday h{*parsed, title->get<std::string>(), false};
    auto notes = e.find("notes");
    if (notes != e.end() && notes->is_string() &&
        notes->get_ref<const std::string&>().find("Substitute") != std::string::npos) {
      h.substitute = true;
    }
    out.push_back(std::move(h));
  }
  SortByDate(&out);
  return out;
}

HolidayCalendar::HolidayCalendar() : HolidayCalendar(KnownOneOffChanges()) {}

HolidayCalendar::HolidayCalendar(std::vector<OneOffChange> one_offs)
    : one_offs_(std::move(one_offs)) {
  std::sort(one_offs_.begin(), one_offs_.end(),
            [](const OneOffChange& a, const OneOffChange& b) { return a.date < b.date; });
  BuildCache();
}

HolidayCalendar HolidayCalendar::FromPublished(const std::vector<Holiday>& published) {
  if (published.empty()) return HolidayCalendar();
  CivilDate first = published.front().date;
  CivilDate last = published.front().date;
  for (const Holiday& h : published) {
    first = std::min(first, h.date);
    last = std::max(last, h.date);
  }
  std::vector<OneOffChange> changes;
  for (const OneOffChange& c : KnownOneOffChanges()) {
    if (c.date < first || c.date > last) changes.push_back(c);
  }
  for (int year = first.year(); year <= last.year(); ++year) {
    std::vector<Holiday> regular = RegularHolidays(year);
    for (const Holiday& r : regular) {
      if (r.date < first || r.date > last) continue;
      if (!Contains(published, r.date)) changes.push_back({r.date, false, ""});
    }
    for (const Holiday& p : published) {
      if (p.date.year() == year && !Contains(regular, p.date)) {
        changes.push_back({p.date, true, p.name});
      }
    }
  }
  return HolidayCalendar(std::move(changes));
}

StatusOr<HolidayCalendar> HolidayCalendar::FromBankHolidaysJson(std::string_view json_text) {
  OUTPOST_ASSIGN_OR_RETURN(std::vector<Holiday> published, ParseBankHolidaysJson(json_text));
  return FromPublished(published);
}

std::vector<Holiday> HolidayCalendar::HolidaysInYear(int year) const {
  std::vector<Holiday> out = RegularHolidays(year);
  for (const OneOffChange& c : one_offs_) {
    if (c.date.year() != year) continue;
    if (c.added) {
      if (!Contains(out, c.date)) out.push_back({c.date, c.name, false});
    } else {
      out.erase(std::remove_if(out.begin(), out.end(),
                               [&](const Holiday& h) { return h.date == c.date; }),
                out.end());
    }
  }
  SortByDate(&out);
  return out;
}

bool HolidayCalendar::ComputeIsHoliday(CivilDate date) const {
  for (const Holiday& h : HolidaysInYear(date.year())) {
    if (h.date == date) return true;
  }
  return false;
}

void HolidayCalendar::BuildCache() {
  const CivilDate first = CivilDate::Unchecked(kFirstCachedYear, 1, 1);
  const CivilDate end = CivilDate::Unchecked(kLastCachedYear + 1, 1, 1);
  first_day_ = first.days_since_epoch();
  const int32_t days = first.DaysUntil(end);
  std::vector<uint8_t> holiday(static_cast<size_t>(days), 0);
  for (int year = kFirstCachedYear; year <= kLastCachedYear; ++year) {
    for (const Holiday& h : HolidaysInYear(year)) holiday[h.date.days_since_epoch() - first_day_] = 1;
  }
  ordinal_.assign(static_cast<size_t>(days) + 1, 0);
  for (int32_t i = 0; i < days; ++i) {
    const bool working = !holiday[i] && !CivilDate::FromDays(first_day_ + i).IsWeekend();
    ordinal_[i + 1] = ordinal_[i] + (working ? 1 : 0);
  }
}

bool HolidayCalendar::IsHoliday(CivilDate date) const {
  if (!InCachedRange(date)) return ComputeIsHoliday(date);
  if (date.IsWeekend()) {
    // Weekend days carry no ordinal step either way; only the rules can tell (substitutes are
    // always weekdays, so a weekend day is a holiday only by its own date).
    return ComputeIsHoliday(date);
  }
  const int32_t i = date.days_since_epoch() - first_day_;
  return ordinal_[i + 1] == ordinal_[i];
}

bool HolidayCalendar::IsWorkingDay(CivilDate date) const {
  if (date.IsWeekend()) return false;
  if (!InCachedRange(date)) return !ComputeIsHoliday(date);
  const int32_t i = date.days_since_epoch() - first_day_;
  return ordinal_[i + 1] != ordinal_[i];
}

CivilDate HolidayCalendar::FirstDayWithOrdinal(int32_t ordinal, CivilDate search_from) const {
  const size_t from = static_cast<size_t>(search_from.days_since_epoch() - first_day_ + 1);
  auto it = std::lower_bound(ordinal_.begin() + static_cast<std::ptrdiff_t>(from), ordinal_.end(),
                             ordinal);
  const int32_t index = static_cast<int32_t>(it - ordinal_.begin()) - 1;
  return CivilDate::FromDays(first_day_ + index);
}

std::vector<Holiday> HolidaysInYear(const HolidayCalendar& calendar, int year) {
  return calendar.HolidaysInYear(year);
}

}  // namespace outpost::rules
