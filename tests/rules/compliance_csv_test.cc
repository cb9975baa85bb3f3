#include "shared/rules/compliance_csv.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/rules/records_builder.h"

namespace outpost::rules {
namespace {

using testing::D;

TEST_CASE("the compliance CSV has a header and one row per rule, quoted where needed") {
  testing::RecordsBuilder b(D("2024-01-08"), D("2024-01-15"));
  b.Plan(D("2024-01-15"), /*agreed=*/false);
  Evaluation e = EvaluateCompliance(b.records(), D("2024-02-01"), HolidayCalendar());
  const std::string header = ComplianceCsvHeader();
  CHECK(header ==
        "participant_id,as_of,phase,day_of_provision,rule,status,due_date,met_on,late,flagged,"
        "missed,source\n");
  const std::string rows = ComplianceCsvRows("p1", e);
  CHECK(std::count(rows.begin(), rows.end(), '\n') == kRuleCount);
  CHECK(rows.find("p1,2024-02-01,pre-work,18,initial-meeting,met,2024-01-29,2024-01-15,no,no,0,4.08\n") == 0);
  CHECK(rows.find("p1,2024-02-01,pre-work,18,plan-agreed,due,2024-02-12,,no,no,0,4.17\n") !=
        std::string::npos);
  CHECK(rows.find(",plan-signed-day-one,met,2024-01-15,2024-01-15,no,no,0,\"4.15, CSS 2\"\n") !=
        std::string::npos);
  CHECK(CsvField("plain") == "plain");
  CHECK(CsvField("a \"b\"") == "\"a \"\"b\"\"\"");
  CHECK(CsvField("a,\"b\"") == "\"a,\"\"b\"\"\"");
}

}  // namespace
}  // namespace outpost::rules
