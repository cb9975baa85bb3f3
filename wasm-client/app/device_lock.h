// Device lock: the rules that decide when the tablet locks and who may unlock it. Pure C++ with no
// clock or storage of its own, so the rules run (and are tested) natively; the browser shell
// (main_web.cc) applies them, and platform/web_vault.h does the cryptography.
//
// Why a lock at all: a tablet holding a caseload is lost or left open on a desk. The replica is
// kept in IndexedDB encrypted under a random data key, and that key is stored only wrapped,
// once under a key derived from the key worker's PIN and once under one derived from their
// password (PBKDF2-SHA-256, per-device random salts). Unwrapping is the check: a wrong PIN fails
// AES-GCM's authentication, so the tablet stores no hash of the PIN, and the PIN itself never.
//
// Attempt limits (why these numbers):
//   - 5 wrong PINs in a row disable the PIN; only the password unlocks then. A 6-digit PIN has a
//     million values: 5 guesses give 1 in 200,000, while the key worker who mistyped twice still
//     has room.
//   - 10 wrong attempts in a row, PIN and password together, stop offline unlock: the shell then
//     needs the server to accept the password (its own throttle slows guessing further) before it
//     unwraps the key. Nothing is erased, because changes waiting to sync would go with it; the
//     days-without-sync rule below bounds how long a stolen tablet keeps its data anyway.
//   - A correct unlock resets both counts.
//   Threat note: the counts live beside the encrypted data, not in secure hardware, so someone
//   who copies the browser's storage can guess offline at PBKDF2 speed; a 6-digit PIN does not
//   withstand that (the password slot does if the password is strong). The limits protect
//   against guessing at the screen, the PBKDF2 cost and the erase-after rule against the rest.
//
// Days without sync (server-set at sign-in, sync::SignInResponse): after lock_after_days with
// no successful sync the tablet refuses offline unlock (the server must accept the password);
// after erase_after_days it erases its records on start, before anyone unlocks. A device clock
// set backwards can postpone both; the server's own revocation covers a tablet known stolen.
//
//   [X] PIN policy: 6 to 12 digits, not one digit repeated, not a run, not a common PIN
//   [X] attempt limits, with the method each state allows
//   [X] inactivity timer
//   [X] days-without-sync decision
//   [ ] counts tamper-evident (e.g. sealed under the data key): an attacker gains nothing
//       offline by resetting them that offline guessing does not already give
#ifndef OUTPOST_WASM_CLIENT_APP_DEVICE_LOCK_H_
#define OUTPOST_WASM_CLIENT_APP_DEVICE_LOCK_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/base/status_or.h"

namespace outpost::client {

inline constexpr int kMinPinDigits = 6;
inline constexpr int kMaxPinDigits = 12;
inline constexpr int kPinFailuresBeforePasswordOnly = 5;
inline constexpr int kFailuresBeforeServerCheck = 10;

// Locks after this long without a touch or key press. The shell may shorten it for tests
// (IdleLockMsFromSetting), never lengthen it.
inline constexpr int64_t kIdleLockMs = 5 * 60 * 1000;
inline constexpr int64_t kShortestIdleLockMs = 2000;

// Used when the server's sign-in answer does not set them (sync::SignInResponse).
inline constexpr int kDefaultLockAfterDays = 14;
inline constexpr int kDefaultEraseAfterDays = 30;

enum class PinProblem {
  kNone,
  kTooShort,   // fewer than kMinPinDigits
  kTooLong,    // more than kMaxPinDigits
  kNotDigits,  // anything but 0-9
  kRepeated,   // one digit throughout (000000), or one pair repeated (121212)
  kRun,        // digits going up or down by one (123456, 987654, 890123)
  kCommon,     // on the short list of PINs people choose most (e.g. 112233, 159753)
  kMismatch,   // the two entries differ (CheckNewPin only)
};

// Whether `pin` may be set as a PIN. Pure; does not look at any stored state.
PinProblem CheckPin(std::string_view pin);

// CheckPin, and then that the confirmation entry is the same.
PinProblem CheckNewPin(std::string_view pin, std::string_view again);

// The reason, in the current language (words.h), for the key worker; "" for kNone.
const char* PinProblemText(PinProblem problem);

enum class UnlockMethod { kPin, kPassword };

// What the tablet keeps about the lock, in plaintext beside the encrypted replica. It holds no
// secret: knowing it helps no one unwrap the data key.
struct LockRecord {
  std::string username;        // the key worker whose data this is
  std::string display_name;    // shown on the unlock screen
  std::string device_id;       // for the server check when offline unlock is not allowed
  bool has_pin = false;        // a PIN-wrapped key exists
  int pin_failures = 0;        // wrong PINs since the last unlock
  int failures = 0;            // wrong PINs and passwords since the last unlock
  int64_t last_sync_ms = 0;    // device clock of the last successful sync or sign-in
  int lock_after_days = kDefaultLockAfterDays;
  int erase_after_days = kDefaultEraseAfterDays;
  bool operator==(const LockRecord&) const = default;
};

// JSON, for the platform to store as it is. Decode fails with InvalidArgument("lock_record", ...)
// on anything it did not write; unknown fields are refused rather than guessed at.
std::string EncodeLockRecord(const LockRecord& record);
StatusOr<LockRecord> DecodeLockRecord(std::string_view json);

enum class SyncAge {
  kFresh,  // unlock as usual
  kLock,   // lock_after_days passed: offline unlock refused, the server must check the password
  kErase,  // erase_after_days passed: erase the records before anything else
};

// How long since the last sync, against the record's limits. A limit of 0 or less means the
// default. A clock earlier than last_sync_ms counts as no time passed.
SyncAge CheckSyncAge(const LockRecord& record, int64_t now_ms);

// Whole days since the last sync (0 if the clock went back), for messages.
int DaysSinceSync(const LockRecord& record, int64_t now_ms);

struct UnlockOptions {
  bool pin = false;           // the PIN may be tried
  bool password = false;      // the password may be tried (always, for offline or server check)
  bool needs_server = false;  // the password is checked by the server first (online only)
};

// Which ways of unlocking the record allows now.
UnlockOptions AllowedUnlock(const LockRecord& record, int64_t now_ms);

// Counts a wrong PIN or password. Call only when the secret was wrong, not when storage failed.
void RecordUnlockFailure(LockRecord& record, UnlockMethod method);

// Resets the counts after a correct unlock.
void RecordUnlockSuccess(LockRecord& record);

// Inactivity: Touch() on every input, Expired() when the period has passed since the last one.
class IdleTimer {
 public:
  explicit IdleTimer(int64_t period_ms = kIdleLockMs) : period_ms_(period_ms) {}
  void Touch(int64_t now_ms) { last_input_ms_ = now_ms; }
  // A clock that jumps back restarts the period rather than locking early or never.
  bool Expired(int64_t now_ms) {
    if (now_ms < last_input_ms_) last_input_ms_ = now_ms;
    return now_ms - last_input_ms_ >= period_ms_;
  }
  int64_t period_ms() const { return period_ms_; }

 private:
  int64_t period_ms_;
  int64_t last_input_ms_ = 0;
};

// The idle period for a setting's text (the shell reads localStorage "outpost.idle_lock_ms"):
// a number of milliseconds, clamped to [kShortestIdleLockMs, kIdleLockMs]; kIdleLockMs when the
// text is empty or not a number.
int64_t IdleLockMsFromSetting(std::string_view text);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_DEVICE_LOCK_H_
