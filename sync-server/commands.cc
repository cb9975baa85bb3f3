#include "sync-server/commands.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "shared/rules/bank_holidays.h"
#include "shared/rules/compliance.h"
#include "shared/rules/compliance_csv.h"
#include "shared/store/migrations.h"
#include "shared/store/record_store.h"
#include "sync-server/server.h"

namespace outpost::server {

namespace {

constexpr const char* kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

// Flags of the form --name value; a flag not in `allowed` is an error.
StatusOr<std::map<std::string, std::string>> ParseFlags(const std::vector<std::string>& args,
                                                        std::initializer_list<const char*> allowed) {
  std::map<std::string, std::string> flags;
  for (size_t i = 1; i < args.size(); i += 2) {
    bool known = false;
    for (const char* a : allowed) known = known || args[i] == a;
    if (!known) return Status::InvalidArgument(args[i], "is not a flag of " + args[0]);
    if (i + 1 >= args.size()) return Status::InvalidArgument(args[i], "needs a value");
    flags[args[i]] = args[i + 1];
  }
  return flags;
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
  const std::string path = CentralStorePath(flags["--data-dir"]);
  std::ifstream exists(path);
  if (!exists) return Status::NotFound("--data-dir", "no central store at " + path);
  OUTPOST_ASSIGN_OR_RETURN(auto db, store::Database::Open(path, store::JournalMode::kWal));
  OUTPOST_RETURN_IF_ERROR(store::MigrateToLatest(*db, store::Side::kServer).status());
  OUTPOST_ASSIGN_OR_RETURN(auto everyone, store::LoadParticipantRecords(*db, std::nullopt));
  std::fputs(rules::ComplianceCsvHeader().c_str(), out);
  for (const domain::ParticipantRecords& records : everyone) {
    rules::Evaluation evaluation = rules::EvaluateCompliance(records, *as_of, calendar);
    std::fputs(rules::ComplianceCsvRows(records.participant.id, evaluation).c_str(), out);
  }
  return Status::Ok();
}

}  // namespace

bool IsCommand(const std::string& name) { return name == "holidays" || name == "compliance"; }

int RunCommand(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  Status status = args.at(0) == "holidays" ? Holidays(args, out) : Compliance(args, out);
  if (status.ok()) return 0;
  std::fprintf(err, "outpost-sync-server %s: %s\n", args[0].c_str(), status.ToString().c_str());
  return status.code() == Status::Code::kInvalidArgument ? 2 : 1;
}

}  // namespace outpost::server
