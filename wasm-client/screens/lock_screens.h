// The lock screens: unlocking the tablet, and choosing a PIN after the first sign-in. The browser
// shell (main_web.cc) draws them instead of the App while the replica is encrypted or the PIN is
// being chosen; like the App's screens they are functions of a state struct and record intents,
// and never touch storage or keys (app/device_lock.h has the rules, platform/web_vault.h the keys).
//
// Each function opens and closes its own full-screen window. Probes (widgets/ui_probe.h):
//   unlock: items "unlock.pin", "unlock.password", "unlock.submit", "unlock.use_password",
//           "unlock.use_pin"; texts "lock.screen" ("unlock"), "unlock.message", "unlock.who",
//           "storage.info", "lock.working" ("yes" while a key is being derived or checked)
//   set PIN: items "setpin.pin", "setpin.again", "setpin.submit"; texts "lock.screen"
//           ("set_pin"), "setpin.message", "storage.info", "lock.working"
#ifndef OUTPOST_WASM_CLIENT_SCREENS_LOCK_SCREENS_H_
#define OUTPOST_WASM_CLIENT_SCREENS_LOCK_SCREENS_H_

#include <string>

#include "wasm-client/app/device_lock.h"

namespace outpost::client {

struct LockScreenState {
  // Entry buffers. The shell wipes them (WipeSecrets) as soon as it has handed them on.
  char pin[kMaxPinDigits + 4] = "";
  char pin_again[kMaxPinDigits + 4] = "";
  char password[128] = "";

  std::string display_name;      // whose tablet this is
  UnlockOptions options;         // which ways of unlocking are allowed now
  bool use_password = false;     // the key worker chose the password over the PIN
  bool working = false;          // a key derivation or the server check is running
  std::string message;           // why the last attempt failed, or what happens next
  std::string storage_info;      // storage use and warnings, in words
};

struct LockIntents {
  bool unlock = false;   // with the PIN, or the password when use_password or no PIN allowed
  bool set_pin = false;  // the entries in pin / pin_again
};

// Zeroes the PIN and password buffers.
void WipeSecrets(LockScreenState& state);

// True when the unlock screen is asking for the password rather than the PIN.
bool UnlockWithPassword(const LockScreenState& state);

void DrawUnlockScreen(LockScreenState& state, LockIntents& intents);
void DrawSetPinScreen(LockScreenState& state, LockIntents& intents);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_SCREENS_LOCK_SCREENS_H_
