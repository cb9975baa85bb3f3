// The device-lock rules (wasm-client/app/device_lock.h): PIN policy, attempt limits, inactivity
// and days without sync. The cryptography is the browser's (platform/web_vault.h) and is checked
// by tests/browser/device_lock.test.mjs.
#include "wasm-client/app/device_lock.h"

#include <doctest/doctest.h>

#include "tests/support/ui_harness.h"
#include "wasm-client/screens/lock_screens.h"

namespace outpost::client {
namespace {

constexpr int64_t kDay = int64_t{24} * 60 * 60 * 1000;
constexpr int64_t kNow = 1795428000000;  // 2026-11-23 09:00 UTC

TEST_CASE("a PIN has 6 to 12 digits and nothing else") {
  CHECK(CheckPin("58291") == PinProblem::kTooShort);
  CHECK(CheckPin("") == PinProblem::kTooShort);
  CHECK(CheckPin("582913") == PinProblem::kNone);
  CHECK(CheckPin("582913740265") == PinProblem::kNone);
  CHECK(CheckPin("5829137402651") == PinProblem::kTooLong);
  CHECK(CheckPin("58291a") == PinProblem::kNotDigits);
  CHECK(CheckPin("582 913") == PinProblem::kNotDigits);
}

TEST_CASE("trivially weak PINs are refused with a reason") {
  for (const char* pin : {"000000", "111111", "121212", "123123", "99999999"})
    CHECK_MESSAGE(CheckPin(pin) == PinProblem::kRepeated, pin);
  for (const char* pin : {"123456", "654321", "890123", "3210987", "012345678"})
    CHECK_MESSAGE(CheckPin(pin) == PinProblem::kRun, pin);
  for (const char* pin : {"112233", "159753", "147258"})
    CHECK_MESSAGE(CheckPin(pin) == PinProblem::kCommon, pin);
  for (PinProblem p : {PinProblem::kRepeated, PinProblem::kRun, PinProblem::kTooShort})
    CHECK(std::string(PinProblemText(p)).size() > 10);
  CHECK(std::string(PinProblemText(PinProblem::kNone)).empty());
}

TEST_CASE("a new PIN must be entered the same twice") {
  CHECK(CheckNewPin("582913", "582913") == PinProblem::kNone);
  CHECK(CheckNewPin("582913", "582914") == PinProblem::kMismatch);
  CHECK(CheckNewPin("123456", "123456") == PinProblem::kRun);  // the policy comes first
}

TEST_CASE("after 5 wrong PINs only the password unlocks; after 10 wrong attempts the server must "
          "check it") {
  LockRecord record;
  record.has_pin = true;
  record.last_sync_ms = kNow;
  CHECK(AllowedUnlock(record, kNow).pin);
  for (int i = 0; i < kPinFailuresBeforePasswordOnly - 1; ++i)
    RecordUnlockFailure(record, UnlockMethod::kPin);
  CHECK(AllowedUnlock(record, kNow).pin);
  RecordUnlockFailure(record, UnlockMethod::kPin);
  UnlockOptions options = AllowedUnlock(record, kNow);
  CHECK_FALSE(options.pin);
  CHECK(options.password);
  CHECK_FALSE(options.needs_server);
  for (int i = 0; i < 4; ++i) RecordUnlockFailure(record, UnlockMethod::kPassword);
  CHECK_FALSE(AllowedUnlock(record, kNow).needs_server);
  RecordUnlockFailure(record, UnlockMethod::kPassword);
  options = AllowedUnlock(record, kNow);
  CHECK(options.needs_server);
  CHECK(options.password);
  CHECK_FALSE(options.pin);

  RecordUnlockSuccess(record);
  CHECK(AllowedUnlock(record, kNow).pin);
  CHECK_FALSE(AllowedUnlock(record, kNow).needs_server);
}

TEST_CASE("a tablet whose PIN was never set unlocks with the password only") {
  LockRecord record;
  record.last_sync_ms = kNow;
  UnlockOptions options = AllowedUnlock(record, kNow);
  CHECK_FALSE(options.pin);
  CHECK(options.password);
}

TEST_CASE("without a sync the tablet locks after lock_after_days and erases after erase_after_days") {
  LockRecord record;
  record.has_pin = true;
  record.last_sync_ms = kNow;
  record.lock_after_days = 14;
  record.erase_after_days = 30;
  CHECK(CheckSyncAge(record, kNow) == SyncAge::kFresh);
  CHECK(CheckSyncAge(record, kNow + 14 * kDay - 1) == SyncAge::kFresh);
  CHECK(CheckSyncAge(record, kNow + 14 * kDay) == SyncAge::kLock);
  CHECK(AllowedUnlock(record, kNow + 14 * kDay).needs_server);
  CHECK_FALSE(AllowedUnlock(record, kNow + 14 * kDay).pin);
  CHECK(CheckSyncAge(record, kNow + 30 * kDay - 1) == SyncAge::kLock);
  CHECK(CheckSyncAge(record, kNow + 30 * kDay) == SyncAge::kErase);
  CHECK(DaysSinceSync(record, kNow + 30 * kDay + 5) == 30);

  // A clock set back counts as no time passed; unset limits mean the defaults.
  CHECK(CheckSyncAge(record, kNow - 100 * kDay) == SyncAge::kFresh);
  CHECK(DaysSinceSync(record, kNow - kDay) == 0);
  record.lock_after_days = record.erase_after_days = 0;
  CHECK(CheckSyncAge(record, kNow + kDefaultLockAfterDays * kDay) == SyncAge::kLock);
  CHECK(CheckSyncAge(record, kNow + kDefaultEraseAfterDays * kDay) == SyncAge::kErase);
}

TEST_CASE("the tablet locks after the idle period without input, and a clock jump back restarts it") {
  IdleTimer timer(5 * 60 * 1000);
  timer.Touch(kNow);
  CHECK_FALSE(timer.Expired(kNow + 5 * 60 * 1000 - 1));
  timer.Touch(kNow + 60 * 1000);
  CHECK_FALSE(timer.Expired(kNow + 5 * 60 * 1000 + 1));
  CHECK(timer.Expired(kNow + 6 * 60 * 1000));
  CHECK_FALSE(timer.Expired(kNow - kDay));
  CHECK(timer.Expired(kNow - kDay + 5 * 60 * 1000));
}

TEST_CASE("the idle period setting may shorten the lock for tests, never lengthen it") {
  CHECK(IdleLockMsFromSetting("") == kIdleLockMs);
  CHECK(IdleLockMsFromSetting("soon") == kIdleLockMs);
  CHECK(IdleLockMsFromSetting("4000") == 4000);
  CHECK(IdleLockMsFromSetting("10") == kShortestIdleLockMs);
  CHECK(IdleLockMsFromSetting("86400000") == kIdleLockMs);
}

TEST_CASE("the lock record survives encoding and holds no secret") {
  LockRecord record{"amira.khan", "Amira Khan", "tab-0011", true, 2, 3, kNow, 14, 30};
  std::string json = EncodeLockRecord(record);
  auto decoded = DecodeLockRecord(json);
  REQUIRE(decoded.ok());
  CHECK(*decoded == record);
  CHECK(json.find("\"pin\"") == std::string::npos);
  CHECK(json.find("password") == std::string::npos);
  CHECK_FALSE(DecodeLockRecord("[]").ok());
  CHECK_FALSE(DecodeLockRecord(R"({"failures":"many"})").ok());
  CHECK(DecodeLockRecord(R"({"pin":"582913"})").status().where() == "lock_record");
}

TEST_CASE("the set-PIN and unlock screens take a PIN by touch and keys") {
  LockScreenState state;
  LockIntents intents;
  bool set_pin_screen = true;
  testing::UiHarness ui([&] {
    if (set_pin_screen) DrawSetPinScreen(state, intents);
    else DrawUnlockScreen(state, intents);
  });
  ui.Frames(2);
  CHECK(ui.Text("lock.screen") == "set_pin");
  ui.Type("setpin.pin", "58x2913");  // letters never reach a PIN field
  ui.Type("setpin.again", "582913");
  intents = {};
  ui.Tap("setpin.submit");
  CHECK(intents.set_pin);
  CHECK(std::string(state.pin) == "582913");
  CHECK(CheckNewPin(state.pin, state.pin_again) == PinProblem::kNone);
  WipeSecrets(state);
  CHECK(std::string(state.pin).empty());

  set_pin_screen = false;
  state.options = {true, true, false};
  ui.Frames(2);
  CHECK(ui.Text("lock.screen") == "unlock");
  CHECK(ui.Has("unlock.pin"));
  ui.Tap("unlock.use_password");
  CHECK(ui.Has("unlock.password"));
  CHECK(UnlockWithPassword(state));
  state.options = {false, true, true};  // offline unlock refused: the server must check
  ui.Frames(2);
  CHECK_FALSE(ui.Has("unlock.use_pin"));
  CHECK(ui.Has("unlock.password"));
}

}  // namespace
}  // namespace outpost::client
