#include "shared/rules/compliance_csv.h"

namespace outpost::rules {

std::string CsvField(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string ComplianceCsvHeader() {
  return "participant_id,as_of,phase,day_of_provision,rule,status,due_date,met_on,late,flagged,"
         "missed,source\n";
}

// The per-participant columns are formatted once and repeated on each rule's row, so a
// spreadsheet can filter on any column without joins.
std::string ComplianceCsvRows(std::string_view participant_id, const Evaluation& evaluation) {
  const std::string prefix = CsvField(participant_id) + "," + evaluation.as_of.ToString() + "," +
                             std::string(PhaseName(evaluation.phase)) + "," +
                             std::to_string(evaluation.day_of_provision) + ",";
  std::string out;
  for (const RuleResult& r : evaluation.rules) {
    const RuleInfo& info = GetRuleInfo(r.id);
    out += prefix;
    out += info.name;
    out += ",";
    out += RuleStatusName(r.status);
    out += ",";
    if (r.due_date) out += r.due_date->ToString();
    out += ",";
    if (r.met_on) out += r.met_on->ToString();
    out += r.late ? ",yes," : ",no,";
    out += r.flagged ? "yes," : "no,";
    out += std::to_string(r.missed);
    out += ",";
    out += CsvField(info.source);
    out += "\n";
  }
  return out;
}

}  // namespace outpost::rules
