// Leaving provision (Annex 3; 4.41; 4.66): the exit and the documents that must follow it.
//
// A participant leaves as a Completer or an Early Completer. Within 10 working days of becoming
// a Completer the IPES Progress Report and the IPES Exit Activity Plan must be produced
// (Annex 3). An Early Completer still needs the Progress Report (4.66).
#ifndef OUTPOST_SHARED_DOMAIN_EXIT_H_
#define OUTPOST_SHARED_DOMAIN_EXIT_H_

#include <string>

#include "shared/base/civil_date.h"

namespace outpost::domain {

enum class ExitKind { kCompleter, kEarlyCompleter };

// The exit itself. `exit_date` is the participant's last day on provision; the 10-working-day
// clock of the exit documents starts there, and provision-length is met if it is no later than
// the last allowed day (provision_clock.h).
struct Exit {
  CivilDate exit_date;               // last day on provision
  ExitKind kind = ExitKind::kCompleter;
  std::string reason;
};

enum class ExitDocumentKind { kProgressReport, kExitActivityPlan };

// One issued exit document. The hash lets a Performance Compliance Officer check that the
// document produced on request (4.07) is the one issued.
struct ExitDocument {
  std::string id;
  ExitDocumentKind kind = ExitDocumentKind::kProgressReport;
  CivilDate issued_on;
  std::string document_hash;
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_EXIT_H_
