// CSV rendering of compliance evaluations, for the server's compliance report.
//
// One row per rule per participant, RFC 4180 quoting (fields holding a comma, quote or line
// break are quoted, quotes doubled), lines ending "\n". Columns, in order:
//   participant_id, as_of, phase, day_of_provision, rule, status, due_date, met_on, late,
//   flagged, missed, source
// Dates are YYYY-MM-DD or empty; phase and status use PhaseName / RuleStatusName; late and
// flagged are "yes"/"no"; source is the guidance paragraph from rule_sources.h.
// The server writes ComplianceCsvHeader() once, then ComplianceCsvRows() for each participant.
#ifndef OUTPOST_SHARED_RULES_COMPLIANCE_CSV_H_
#define OUTPOST_SHARED_RULES_COMPLIANCE_CSV_H_

#include <string>
#include <string_view>

#include "shared/rules/compliance.h"

namespace outpost::rules {

// The header line, with its "\n".
std::string ComplianceCsvHeader();

// kRuleCount lines, one per rule in RuleId order, each ending "\n".
std::string ComplianceCsvRows(std::string_view participant_id, const Evaluation& evaluation);

// `field` quoted for CSV if it needs quoting.
std::string CsvField(std::string_view field);

}  // namespace outpost::rules

#endif  // OUTPOST_SHARED_RULES_COMPLIANCE_CSV_H_
