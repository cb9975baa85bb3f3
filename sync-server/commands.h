// The server's one-shot commands, run instead of serving when the first argument names one:
//
//   outpost-sync-server holidays --year YYYY [--bank-holidays-json FILE]
//       The England and Wales bank holidays in force for that year, one per line:
//       "YYYY-MM-DD<TAB>Weekday<TAB>Name" ("(substitute day)" appended where it is one).
//   outpost-sync-server compliance --data-dir DIR --as-of YYYY-MM-DD [--bank-holidays-json FILE]
//       The compliance table of every participant in the central store as of that date, as CSV
//       (shared/rules/compliance_csv.h), for management information.
//
//
// Administration, on the central store in --data-dir (safe while the server runs: SQLite locks):
//   create-user --data-dir DIR --username U --name "Display Name" --role ROLE [--password-stdin]
//       ROLE: key_worker, supervisor, administrator or compliance_officer. Without
//       --password-stdin a random password is generated and printed once.
//   reset-password --data-dir DIR --username U [--password-stdin]
//       Sets a new password (printed if generated) and ends all of the user's sessions.
//   devices --data-dir DIR [--username U]
//       Lists enrolled devices: id, user, enrolled, last seen, revoked.
//   revoke-device --data-dir DIR --device ID
//       The device's next request is refused and told to erase its local data.
//   reassign --data-dir DIR --participant ID --to KEY_WORKER --by SUPERVISOR
//       Moves a participant to another key worker, as the named supervisor's change: their whole
//       history reaches the new key worker's tablets and leaves the old one's at the next sync.
//   backup --data-dir DIR --to FILE
//       A consistent copy of the central store, taken online (SQLite backup API).
//   restore --data-dir DIR --from FILE
//       Replaces the central store with a backup, after checking it is one. Stop the server
//       first: a running server keeps serving what it had cached in memory.
//   audit-verify --data-dir DIR
//       Walks the audit log's hash chain; names the first broken entry (exit 1) or says intact.
//   verify-signatures --data-dir DIR [--id SIGNATURE]
//       Checks each signature (or one) against the server's seal: strokes, document, version.
//   import-export --data-dir DIR --file FILE
//       Applies a tablet's encrypted export of its waiting changes (sync-server/export_import.h)
//       as that tablet's push; the passphrase is one line on standard input. Prints how many
//       changes were applied, already known and refused (with reasons). Exit 1 when the
//       passphrase is wrong or the file was changed (nothing written).
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

// Runs command `args[0]` with its flags `args[1..]`, reading a password from `in` when asked,
// printing to `out` and `err`.
int RunCommand(const std::vector<std::string>& args, std::FILE* in, std::FILE* out,
               std::FILE* err);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_COMMANDS_H_
