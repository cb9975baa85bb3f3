// The server's one-shot commands, run instead of serving when the first argument names one:
//
//   outpost-sync-server holidays --year YYYY [--bank-holidays-json FILE]
//       The England and Wales bank holidays in force for that year, one per line:
//       "YYYY-MM-DD<TAB>Weekday<TAB>Name" ("(substitute day)" appended where it is one).
//   outpost-sync-server compliance --data-dir DIR --as-of YYYY-MM-DD [--bank-holidays-json FILE]
//       The compliance table of every participant in the central store as of that date, as CSV
//       (shared/rules/compliance_csv.h), for management information.
//
// --bank-holidays-json loads the UK government's bank-holidays.json (division england-and-wales)
// over the built-in rules. Each returns the process exit code and writes errors to `err`
// naming the flag or record at fault.
#ifndef OUTPOST_SYNC_SERVER_COMMANDS_H_
#define OUTPOST_SYNC_SERVER_COMMANDS_H_

#include <cstdio>
#include <string>
#include <vector>

namespace outpost::server {

// True if `name` is one of the commands above.
bool IsCommand(const std::string& name);

// Runs command `args[0]` with its flags `args[1..]`, printing to `out` and `err`.
int RunCommand(const std::vector<std::string>& args, std::FILE* out, std::FILE* err);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_COMMANDS_H_
