// Test helper: dates written as "YYYY-MM-DD" literals.
#ifndef OUTPOST_TESTS_RULES_TEST_DATES_H_
#define OUTPOST_TESTS_RULES_TEST_DATES_H_

#include <cstdlib>
#include <string_view>

#include <doctest/doctest.h>

#include "shared/base/civil_date.h"

namespace doctest {
// Failed checks print dates as YYYY-MM-DD.
template <>
struct StringMaker<outpost::CivilDate> {
  static String convert(const outpost::CivilDate& d) { return d.ToString().c_str(); }
};
}  // namespace doctest

namespace outpost::testing {

// The date written as "YYYY-MM-DD"; aborts the test run on a typo, which is a bug in the test.
inline CivilDate D(std::string_view iso) {
  StatusOr<CivilDate> d = CivilDate::Parse(iso);
  if (!d.ok()) std::abort();
  return *d;
}

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_RULES_TEST_DATES_H_
