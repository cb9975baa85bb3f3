#include "sync-server/commands.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "shared/rules/bank_holidays.h"
#include "shared/rules/compliance.h"
#include "shared/rules/compliance_csv.h"
#include "shared/store/migrations.h"
#include "shared/store/record_store.h"
#include "shared/sync/hlc.h"
#include "shared/base/utc_time.h"

#include <nlohmann/json.hpp>
#include "sync-server/accounts.h"
#include "sync-server/audit.h"
#include "sync-server/seal.h"
#include "sync-server/sync_service.h"
#include "sync-server/crypto.h"
#include "sync-server/export_import.h"
#include "sync-server/server.h"

namespace outpost::server {

namespace {

constexpr const char* kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

// Flags of the form --name value, or bare switches listed in `switches`; a flag in neither
// `allowed` nor `switches` is an error. Switches are present with the value "yes".
StatusOr<std::map<std::string, std::string>> ParseFlags(const std::vector<std::string>& args,
                                                        std::initializer_list<const char*> allowed,
                                                        std::initializer_list<const char*> switches = {}) {
  std::map<std::string, std::string> flags;
  for (size_t i = 1; i < args.size(); ++i) {
    bool is_switch = false, known = false;
    for (const char* a : switches) is_switch = is_switch || args[i] == a;
    for (const char* a : allowed) known = known || args[i] == a;
    if (is_switch) {
      flags[args[i]] = "yes";
      continue;
    }
    if (!known) return Status::InvalidArgument(args[i], "is not a flag of " + args[0]);
    if (i + 1 >= args.size()) return Status::InvalidArgument(args[i], "needs a value");
    flags[args[i]] = args[i + 1];
    ++i;
  }
  return flags;
}

Status Require(const std::map<std::string, std::string>& flags,
               std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (!flags.count(name) || flags.at(name).empty())
      return Status::InvalidArgument(name, "is required");
  return Status::Ok();
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Opens an existing central store (never creates one by mistake) and brings its schema up to date.
StatusOr<std::unique_ptr<store::Database>> OpenCentral(const std::string& data_dir) {
  const std::string path = CentralStorePath(data_dir);
  if (!std::filesystem::exists(path))
    return Status::NotFound("--data-dir", "no central store at " + path);
  OUTPOST_ASSIGN_OR_RETURN(auto db, store::Database::Open(path, store::JournalMode::kWal));
  OUTPOST_RETURN_IF_ERROR(store::MigrateToLatest(*db, store::Side::kServer).status());
  return db;
}

// The password to set: one line from `in` with --password-stdin, else a generated one that is
// printed once (it is never stored or shown again).
// One line of `in` without its line ending; InvalidArgument(where, what) if there is none.
StatusOr<std::string> ReadSecretLine(std::FILE* in, const char* where, const char* what) {
  char line[1024];
  if (std::fgets(line, sizeof line, in) == nullptr) return Status::InvalidArgument(where, what);
  std::string secret(line);
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

StatusOr<std::string> NewPassword(const std::map<std::string, std::string>& flags, std::FILE* in,
                                  std::FILE* out, const std::string& username) {
  if (flags.count("--password-stdin"))
    return ReadSecretLine(in, "--password-stdin", "no password on standard input");
  OUTPOST_ASSIGN_OR_RETURN(std::string password, RandomHex(12));
  std::fprintf(out, "password for %s: %s\n", username.c_str(), password.c_str());
  return password;
}

Status CreateUserCommand(const std::vector<std::string>& args, std::FILE* in, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--data-dir", "--username", "--name", "--role"},
                                                  {"--password-stdin"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir", "--username", "--name", "--role"}));
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  OUTPOST_ASSIGN_OR_RETURN(std::string password, NewPassword(flags, in, out, flags["--username"]));
  OUTPOST_RETURN_IF_ERROR(CreateUser(*db, flags["--username"], flags["--name"], flags["--role"],
                                     password, kPasswordIterations, NowMs()));
  std::fprintf(out, "created %s (%s)\n", flags["--username"].c_str(), flags["--role"].c_str());
  return Status::Ok();
}

Status ResetPasswordCommand(const std::vector<std::string>& args, std::FILE* in, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags,
                           ParseFlags(args, {"--data-dir", "--username"}, {"--password-stdin"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir", "--username"}));
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  OUTPOST_ASSIGN_OR_RETURN(std::string password, NewPassword(flags, in, out, flags["--username"]));
  OUTPOST_RETURN_IF_ERROR(ResetPassword(*db, flags["--username"], password, kPasswordIterations));
  std::fprintf(out, "password reset for %s; their sessions are ended\n", flags["--username"].c_str());
  return Status::Ok();
}

Status DevicesCommand(const std::vector<std::string>& args, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--data-dir", "--username"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir"}));
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  OUTPOST_ASSIGN_OR_RETURN(std::vector<Device> devices, ListDevices(*db, flags["--username"]));
  std::fprintf(out, "device\tuser\tenrolled\tlast seen\trevoked\n");
  for (const Device& d : devices)
    std::fprintf(out, "%s\t%s\t%s\t%s\t%s\n", d.device_id.c_str(), d.username.c_str(),
                 d.enrolled_at.c_str(), d.last_seen_at.c_str(),
                 d.revoked_at.empty() ? "-" : d.revoked_at.c_str());
  return Status::Ok();
}

Status RevokeDeviceCommand(const std::vector<std::string>& args, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--data-dir", "--device"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir", "--device"}));
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  OUTPOST_RETURN_IF_ERROR(RevokeDevice(*db, flags["--device"], NowMs()));
  std::fprintf(out, "revoked %s: its next request tells it to erase its data\n",
               flags["--device"].c_str());
  return Status::Ok();
}

Status BackupCommand(const std::vector<std::string>& args, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--data-dir", "--to"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir", "--to"}));
  if (std::filesystem::exists(flags["--to"]))
    return Status::AlreadyExists("--to", flags["--to"] + " exists; choose a new file");
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  OUTPOST_RETURN_IF_ERROR(store::BackupTo(*db, flags["--to"]));
  std::fprintf(out, "backed up to %s\n", flags["--to"].c_str());
  return Status::Ok();
}

Status RestoreCommand(const std::vector<std::string>& args, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--data-dir", "--from"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir", "--from"}));
  if (!std::filesystem::exists(flags["--from"]))
    return Status::NotFound("--from", "no backup at " + flags["--from"]);
  {
    // Only a central store is accepted: a tablet replica or another file would lose everything.
    OUTPOST_ASSIGN_OR_RETURN(auto backup,
                             store::Database::Open(flags["--from"], store::JournalMode::kRollback));
    auto check = backup->Prepare("SELECT count(*) FROM users");
    if (!check.ok())
      return Status::InvalidArgument("--from", flags["--from"] + " is not an Outpost central store");
  }
  std::error_code ec;
  std::filesystem::create_directories(flags["--data-dir"], ec);
  OUTPOST_ASSIGN_OR_RETURN(auto db, store::Database::Open(CentralStorePath(flags["--data-dir"]),
                                                          store::JournalMode::kWal));
  OUTPOST_RETURN_IF_ERROR(store::RestoreFrom(*db, flags["--from"]));
  OUTPOST_RETURN_IF_ERROR(store::MigrateToLatest(*db, store::Side::kServer).status());
  std::fprintf(out, "restored %s from %s\n", CentralStorePath(flags["--data-dir"]).c_str(),
               flags["--from"].c_str());
  return Status::Ok();
}

StatusOr<rules::HolidayCalendar> LoadCalendar(const std::map<std::string, std::string>& flags) {
  auto file = flags.find("--bank-holidays-json");
  if (file == flags.end()) return rules::HolidayCalendar();
  std::ifstream in(file->second, std::ios::binary);
  if (!in) return Status::NotFound("--bank-holidays-json", "cannot read " + file->second);
  std::stringstream text;
  text << in.rdbuf();
  auto calendar = rules::HolidayCalendar::FromBankHolidaysJson(text.str());
  if (!calendar.ok()) return calendar.status().WithContext(file->second);
  return calendar;
}

Status Holidays(const std::vector<std::string>& args, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--year", "--bank-holidays-json"}));
  if (!flags.count("--year")) return Status::InvalidArgument("--year", "is required");
  int year = 0;
  {
    const std::string& text = flags["--year"];
    char* end = nullptr;
    long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || value < rules::HolidayCalendar::kFirstCachedYear ||
        value > rules::HolidayCalendar::kLastCachedYear)
      return Status::InvalidArgument(
          "--year", "must be a year from " + std::to_string(rules::HolidayCalendar::kFirstCachedYear) +
                        " to " + std::to_string(rules::HolidayCalendar::kLastCachedYear));
    year = static_cast<int>(value);
  }
  OUTPOST_ASSIGN_OR_RETURN(rules::HolidayCalendar calendar, LoadCalendar(flags));
  for (const rules::Holiday& h : rules::HolidaysInYear(calendar, year)) {
    std::fprintf(out, "%s\t%s\t%s%s\n", h.date.ToString().c_str(),
                 kWeekdays[static_cast<int>(h.date.weekday()) - 1], h.name.c_str(),
                 h.substitute ? " (substitute day)" : "");
  }
  return Status::Ok();
}

Status Compliance(const std::vector<std::string>& args, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags,
                           ParseFlags(args, {"--data-dir", "--as-of", "--bank-holidays-json"}));
  if (!flags.count("--data-dir")) return Status::InvalidArgument("--data-dir", "is required");
  if (!flags.count("--as-of")) return Status::InvalidArgument("--as-of", "is required");
  auto as_of = CivilDate::Parse(flags["--as-of"]);
  if (!as_of.ok()) return Status::InvalidArgument("--as-of", "must be a date YYYY-MM-DD");
  OUTPOST_ASSIGN_OR_RETURN(rules::HolidayCalendar calendar, LoadCalendar(flags));
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  OUTPOST_ASSIGN_OR_RETURN(auto everyone, store::LoadParticipantRecords(*db, std::nullopt));
  std::fputs(rules::ComplianceCsvHeader().c_str(), out);
  for (const domain::ParticipantRecords& records : everyone) {
    rules::Evaluation evaluation = rules::EvaluateCompliance(records, *as_of, calendar);
    std::fputs(rules::ComplianceCsvRows(records.participant.id, evaluation).c_str(), out);
  }
  return Status::Ok();
}

}  // namespace

// A reassignment is a supervisor's change like any other, made through the same push path
// (chain, checks, audit) from the server's own administration device, so tablets receive it.
Status ReassignCommand(const std::vector<std::string>& args, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--data-dir", "--participant", "--to", "--by"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir", "--participant", "--to", "--by"}));
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  OUTPOST_ASSIGN_OR_RETURN(store::Statement role,
                           db->Prepare("SELECT role, display_name FROM users WHERE username = ?"));
  role.Bind(1, flags["--by"]);
  OUTPOST_ASSIGN_OR_RETURN(bool by_found, role.Step());
  if (!by_found || role.ColumnText(0) != "supervisor")
    return Status::PermissionDenied("--by", "must be a supervisor's username");
  const Principal supervisor{flags["--by"], role.ColumnText(1), "supervisor", "server-admin"};
  OUTPOST_ASSIGN_OR_RETURN(store::Statement target,
                           db->Prepare("SELECT role FROM users WHERE username = ?"));
  target.Bind(1, flags["--to"]);
  OUTPOST_ASSIGN_OR_RETURN(bool to_found, target.Step());
  if (!to_found || target.ColumnText(0) != "key_worker")
    return Status::InvalidArgument("--to", "must be a key worker's username");
  OUTPOST_ASSIGN_OR_RETURN(store::Statement participant,
                           db->Prepare("SELECT key_worker FROM participants WHERE participant_id = ?"));
  participant.Bind(1, flags["--participant"]);
  OUTPOST_ASSIGN_OR_RETURN(bool exists, participant.Step());
  if (!exists) return Status::NotFound("--participant", "no participant " + flags["--participant"]);

  // Continue the administration device's chain where the server holds it.
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement chain,
      db->Prepare("SELECT last_seq, last_hash FROM device_chains WHERE device_id = 'server-admin'"));
  OUTPOST_ASSIGN_OR_RETURN(bool has_chain, chain.Step());
  OUTPOST_ASSIGN_OR_RETURN(store::Statement last_hlc,
                           // Its last change: a device's clock only moves forward.
                           db->Prepare("SELECT hlc FROM changes WHERE seq = (SELECT first_seq + "
                                       "last_device_seq - first_device_seq FROM change_runs "
                                       "WHERE device_id = 'server-admin' "
                                       "ORDER BY first_device_seq DESC LIMIT 1)"));
  OUTPOST_ASSIGN_OR_RETURN(bool any, last_hlc.Step());
  const int64_t now = NowMs();
  sync::HybridClock clock("server-admin");
  if (any) clock.Observe(last_hlc.ColumnText(0));
  sync::Change change;
  change.device_id = "server-admin";
  change.device_seq = (has_chain ? chain.ColumnInt(0) : 0) + 1;
  change.prev_hash = has_chain ? chain.ColumnText(1) : "";
  change.hlc = clock.Next(now);
  change.author = supervisor.username;
  change.record_type = "participant";
  change.record_id = change.participant_id = flags["--participant"];
  change.fields = nlohmann::json{{"key_worker", flags["--to"]}}.dump();
  change.base = "{}";
  change.captured_at = FormatUtc(now);
  OUTPOST_ASSIGN_OR_RETURN(
      sync::PushResponse pushed,
      Push(*db, supervisor, {sync::kProtocolVersion, "server-admin", {change}, FormatUtc(now)}, now));
  if (pushed.applied.size() != 1)
    return Status::Internal("reassign", pushed.problem.empty() ? "the change was not stored" : pushed.problem);
  OUTPOST_RETURN_IF_ERROR(AuditAppliedChanges(*db).status());
  std::fprintf(out, "%s now with %s (was %s); their tablets follow at their next sync\n",
               flags["--participant"].c_str(), flags["--to"].c_str(), participant.ColumnText(0).c_str());
  return Status::Ok();
}

Status AuditVerifyCommand(const std::vector<std::string>& args, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--data-dir"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir"}));
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  OUTPOST_ASSIGN_OR_RETURN(AuditVerification result, VerifyAuditChain(*db));
  if (result.first_broken_seq != 0)
    return Status::DataLoss("audit entry " + std::to_string(result.first_broken_seq),
                            result.problem);
  std::fprintf(out, "audit log intact: %lld entries\n", static_cast<long long>(result.entries));
  return Status::Ok();
}

Status VerifySignaturesCommand(const std::vector<std::string>& args, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--data-dir", "--id"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir"}));
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  std::vector<std::string> ids;
  if (flags.count("--id")) {
    ids.push_back(flags["--id"]);
  } else {
    OUTPOST_ASSIGN_OR_RETURN(
        store::Statement all,
        db->Prepare("SELECT record_id FROM records WHERE record_type = 'signature' ORDER BY record_id"));
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, all.Step());
      if (!row) break;
      ids.push_back(all.ColumnText(0));
    }
  }
  int broken = 0;
  for (const std::string& id : ids) {
    OUTPOST_ASSIGN_OR_RETURN(SealCheck check, VerifySignatureSeal(*db, id));
    std::fprintf(out, "%s\t%s\n", id.c_str(), check.ok() ? "OK" : ("BROKEN: " + check.Problem()).c_str());
    broken += check.ok() ? 0 : 1;
  }
  if (broken > 0)
    return Status::DataLoss("signatures", std::to_string(broken) + " of " +
                                              std::to_string(ids.size()) + " do not match their seal");
  std::fprintf(out, "%zu signatures match their seals\n", ids.size());
  return Status::Ok();
}

// The passphrase comes only from standard input, never from the command line (where `ps` and the
// shell history would show it). Decryption comes before the store is opened, so a wrong
// passphrase or a changed file leaves the store untouched.
Status ImportExportCommand(const std::vector<std::string>& args, std::FILE* in, std::FILE* out) {
  OUTPOST_ASSIGN_OR_RETURN(auto flags, ParseFlags(args, {"--data-dir", "--file"}));
  OUTPOST_RETURN_IF_ERROR(Require(flags, {"--data-dir", "--file"}));
  std::ifstream file(flags["--file"], std::ios::binary);
  if (!file) return Status::NotFound("--file", "cannot read " + flags["--file"]);
  std::stringstream text;
  text << file.rdbuf();
  OUTPOST_ASSIGN_OR_RETURN(
      std::string passphrase,
      ReadSecretLine(in, "passphrase", "type the passphrase on standard input"));
  OUTPOST_RETURN_IF_ERROR(DecryptExport(text.str(), passphrase).status());
  OUTPOST_ASSIGN_OR_RETURN(auto db, OpenCentral(flags["--data-dir"]));
  OUTPOST_ASSIGN_OR_RETURN(ImportReport report, ImportExport(*db, text.str(), passphrase, NowMs()));
  std::fprintf(out, "export of %s by %s, written %s: %lld changes\n", report.device_id.c_str(),
               report.username.c_str(), report.created_at.c_str(),
               static_cast<long long>(report.changes));
  if (report.device_revoked)
    std::fprintf(out, "note: the device is revoked; its changes were imported all the same\n");
  std::fprintf(out, "applied: %zu\nalready known: %zu\nrefused: %zu\n", report.applied.size(),
               report.already_known.size(), report.rejected.size());
  for (const sync::RejectedChange& r : report.rejected)
    std::fprintf(out, "  refused %s at %s: %s\n", r.change_id.c_str(), r.where.c_str(),
                 r.reason.c_str());
  if (report.resend_from != 0)
    return Status::FailedPrecondition(
        "chain", report.problem + " (the server expects change " +
                     std::to_string(report.resend_from) + " next; changes from there on were not imported)");
  return Status::Ok();
}

bool IsCommand(const std::string& name) {
  for (const char* command : {"holidays", "compliance", "create-user", "reset-password", "devices",
                              "revoke-device", "backup", "restore", "audit-verify",
                              "verify-signatures", "reassign", "import-export"})
    if (name == command) return true;
  return false;
}

int RunCommand(const std::vector<std::string>& args, std::FILE* in, std::FILE* out,
               std::FILE* err) {
  const std::string& name = args.at(0);
  Status status = name == "holidays"         ? Holidays(args, out)
                  : name == "compliance"     ? Compliance(args, out)
                  : name == "create-user"    ? CreateUserCommand(args, in, out)
                  : name == "reset-password" ? ResetPasswordCommand(args, in, out)
                  : name == "devices"        ? DevicesCommand(args, out)
                  : name == "revoke-device"  ? RevokeDeviceCommand(args, out)
                  : name == "backup"         ? BackupCommand(args, out)
                  : name == "restore"        ? RestoreCommand(args, out)
                  : name == "audit-verify"   ? AuditVerifyCommand(args, out)
                  : name == "reassign"       ? ReassignCommand(args, out)
                  : name == "verify-signatures" ? VerifySignaturesCommand(args, out)
                  : name == "import-export"  ? ImportExportCommand(args, in, out)
                  : Status::InvalidArgument(name, "is not a command");
  if (status.ok()) return 0;
  std::fprintf(err, "outpost-sync-server %s: %s\n", args[0].c_str(), status.ToString().c_str());
  return status.code() == Status::Code::kInvalidArgument ? 2 : 1;
}

}  // namespace outpost::server
