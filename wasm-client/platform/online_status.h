// Whether the browser believes it is online, for SyncDriver to decide when to try a sync.
//
// navigator.onLine is a hint, not a promise: true means "a network interface is up", not "the
// server is reachable" (captive portals, dead Wi-Fi). A sync attempt can still fail with
// Unavailable and must be retried; false, though, is reliable enough to skip an attempt.
//
//   [X] IsOnline() from navigator.onLine, read fresh on every call (cheap)
//   [ ] online/offline event notifications (polling each frame is enough for now)
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_ONLINE_STATUS_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_ONLINE_STATUS_H_

namespace outpost::client::web {

// navigator.onLine; true if the browser does not say (treat "unknown" as "try").
bool IsOnline();

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_ONLINE_STATUS_H_
