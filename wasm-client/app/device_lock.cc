#include "wasm-client/app/device_lock.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "wasm-client/app/words.h"

namespace outpost::client {
namespace {

constexpr int64_t kDayMs = int64_t{24} * 60 * 60 * 1000;

// Patterns (keypad shapes, doubled digits) that lists of leaked PINs show near the top and that
// the repeat and run rules do not already catch.
constexpr std::string_view kCommonPins[] = {
    "112233", "111222", "121314", "102030", "100200", "147258", "258369",
    "147852", "159753", "159357", "147369", "789456", "852456", "101010"};

// One block of 1 to 3 digits repeated to the end: 000000, 121212, 123123.
bool IsRepeated(std::string_view pin) {
  for (size_t block = 1; block <= 3; ++block) {
    if (pin.size() % block != 0) continue;
    bool same = true;
    for (size_t i = block; i < pin.size() && same; ++i) same = pin[i] == pin[i - block];
    if (same) return true;
  }
  return false;
}

// Each digit one more (or each one less) than the one before, wrapping 9 to 0.
bool IsRun(std::string_view pin) {
  for (int step : {1, 9}) {
    bool run = true;
    for (size_t i = 1; i < pin.size() && run; ++i) run = (pin[i - 1] - '0' + step) % 10 == pin[i] - '0';
    if (run) return true;
  }
  return false;
}

int OrDefault(int days, int fallback) { return days > 0 ? days : fallback; }

}  // namespace

PinProblem CheckPin(std::string_view pin) {
  if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return PinProblem::kNotDigits;
  if (pin.size() < kMinPinDigits) return PinProblem::kTooShort;
  if (pin.size() > kMaxPinDigits) return PinProblem::kTooLong;
  if (IsRepeated(pin)) return PinProblem::kRepeated;
  if (IsRun(pin)) return PinProblem::kRun;
  for (std::string_view common : kCommonPins)
    if (pin == common) return PinProblem::kCommon;
  return PinProblem::kNone;
}

PinProblem CheckNewPin(std::string_view pin, std::string_view again) {
  PinProblem problem = CheckPin(pin);
  if (problem != PinProblem::kNone) return problem;
  return pin == again ? PinProblem::kNone : PinProblem::kMismatch;
}

const char* PinProblemText(PinProblem problem) {
  switch (problem) {
    case PinProblem::kNone: return "";
    case PinProblem::kTooShort:
      return T({"The PIN needs at least 6 digits.", "Mae angen o leiaf 6 digid yn y PIN."});
    case PinProblem::kTooLong:
      return T({"The PIN can have at most 12 digits.", "Gall y PIN gael 12 digid ar y mwyaf."});
    case PinProblem::kNotDigits:
      return T({"The PIN can only have the digits 0 to 9.",
                "Dim ond y digidau 0 i 9 all fod yn y PIN."});
    case PinProblem::kRepeated:
      return T({"That PIN repeats the same digits, so it is easy to guess. Choose another.",
                "Mae'r PIN hwnnw'n ailadrodd yr un digidau, felly mae'n hawdd ei ddyfalu. "
                "Dewiswch un arall."});
    case PinProblem::kRun:
      return T({"That PIN is a run of digits (like 123456), so it is easy to guess. Choose "
                "another.",
                "Mae'r PIN hwnnw'n rhes o ddigidau (fel 123456), felly mae'n hawdd ei ddyfalu. "
                "Dewiswch un arall."});
    case PinProblem::kCommon:
      return T({"That PIN is one of the most common, so it is easy to guess. Choose another.",
                "Mae'r PIN hwnnw ymysg y rhai mwyaf cyffredin, felly mae'n hawdd ei ddyfalu. "
                "Dewiswch un arall."});
    case PinProblem::kMismatch:
      return T({"The two PINs are not the same. Enter them again.",
                "Nid yw'r ddau PIN yr un fath. Rhowch nhw eto."});
  }
  return "";
}

std::string EncodeLockRecord(const LockRecord& r) {
  return nlohmann::json{{"username", r.username},
                        {"display_name", r.display_name},
                        {"device_id", r.device_id},
                        {"has_pin", r.has_pin},
                        {"pin_failures", r.pin_failures},
                        {"failures", r.failures},
                        {"last_sync_ms", r.last_sync_ms},
                        {"lock_after_days", r.lock_after_days},
                        {"erase_after_days", r.erase_after_days}}
      .dump();
}

StatusOr<LockRecord> DecodeLockRecord(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto bad = [](const std::string& what) {
    return Status::InvalidArgument("lock_record", what);
  };
  if (j.is_discarded() || !j.is_object()) return bad("is not a JSON object");
  LockRecord r;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    const auto& v = it.value();
    auto text_field = [&](std::string& out) {
      if (!v.is_string()) return false;
      out = v.get<std::string>();
      return true;
    };
    auto int_field = [&](auto& out) {
      if (!v.is_number_integer()) return false;
      out = v.get<std::remove_reference_t<decltype(out)>>();
      return true;
    };
    bool ok = key == "username"           ? text_field(r.username)
              : key == "display_name"     ? text_field(r.display_name)
              : key == "device_id"        ? text_field(r.device_id)
              : key == "has_pin"          ? (v.is_boolean() && (r.has_pin = v.get<bool>(), true))
              : key == "pin_failures"     ? int_field(r.pin_failures)
              : key == "failures"         ? int_field(r.failures)
              : key == "last_sync_ms"     ? int_field(r.last_sync_ms)
              : key == "lock_after_days"  ? int_field(r.lock_after_days)
              : key == "erase_after_days" ? int_field(r.erase_after_days)
                                          : false;
    if (!ok) return bad(key + " is unknown or of the wrong type");
  }
  return r;
}

int DaysSinceSync(const LockRecord& record, int64_t now_ms) {
  if (now_ms <= record.last_sync_ms) return 0;
  return static_cast<int>((now_ms - record.last_sync_ms) / kDayMs);
}

SyncAge CheckSyncAge(const LockRecord& record, int64_t now_ms) {
  const int64_t elapsed = std::max<int64_t>(0, now_ms - record.last_sync_ms);
  const int lock_days = OrDefault(record.lock_after_days, kDefaultLockAfterDays);
  const int erase_days = std::max(OrDefault(record.erase_after_days, kDefaultEraseAfterDays),
                                  lock_days);
  if (elapsed >= erase_days * kDayMs) return SyncAge::kErase;
  if (elapsed >= lock_days * kDayMs) return SyncAge::kLock;
  return SyncAge::kFresh;
}

UnlockOptions AllowedUnlock(const LockRecord& record, int64_t now_ms) {
  UnlockOptions options;
  options.password = true;
  options.needs_server = record.failures >= kFailuresBeforeServerCheck ||
                         CheckSyncAge(record, now_ms) != SyncAge::kFresh;
  options.pin = record.has_pin && !options.needs_server &&
                record.pin_failures < kPinFailuresBeforePasswordOnly;
  return options;
}

void RecordUnlockFailure(LockRecord& record, UnlockMethod method) {
  if (method == UnlockMethod::kPin) ++record.pin_failures;
  ++record.failures;
}

void RecordUnlockSuccess(LockRecord& record) {
  record.pin_failures = 0;
  record.failures = 0;
}

int64_t IdleLockMsFromSetting(std::string_view text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return kIdleLockMs;
  return std::clamp(value, kShortestIdleLockMs, kIdleLockMs);
}

}  // namespace outpost::client
