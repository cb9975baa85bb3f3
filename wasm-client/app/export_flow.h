// Export flow: saves the tablet's waiting changes to an encrypted file, the last resort when they
// cannot reach the server by sync (shared/sync/export_file.h has the format, docs/export.md the
// procedure). The tablet still holds and still syncs every exported change, and still refuses to
// sign out while they wait: an export is a copy, never a hand-over. Importing a file, and the
// tablet's own sync afterwards, are both idempotent on the server.
//
// Who does what: PrepareExport reads the replica and builds the plaintext and the envelope's
// clear fields; Platform::seal_export encrypts (WebCrypto in the browser,
// wasm-client/platform/export_web.h); Platform::save_file hands the file to the key worker (a
// download in the browser). ExportFlow runs the screen (screens/export_screen.h) over them.
//
//   [X] all waiting changes, quarantined included, in chain order; split into push requests of
//       kMaxChangesPerPush
//   [X] passphrase of at least kMinPassphraseChars characters, typed twice; wiped from the
//       screen's buffers once the export starts
//   [X] a lock while encrypting: the file is still saved (it is encrypted, and was asked for);
//       the flow, destroyed with the App, is not told
//   [ ] a record of exports made (date, count) kept on the tablet for the sync screen
#ifndef OUTPOST_WASM_CLIENT_APP_EXPORT_FLOW_H_
#define OUTPOST_WASM_CLIENT_APP_EXPORT_FLOW_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "shared/base/status_or.h"
#include "shared/store/database.h"
#include "shared/sync/export_file.h"
#include "wasm-client/app/app.h"
#include "wasm-client/screens/export_screen.h"

namespace outpost::client {

struct PreparedExport {
  std::string plaintext;        // push request bodies (export_file.h), never shown or stored
  sync::ExportEnvelope envelope;  // clear fields set; salt, iv, ciphertext empty
  std::string file_name;        // sync::ExportFileName
};

// Every change of this tablet not yet confirmed by the server (store::UnconfirmedChanges), with
// the device id and signed-in username from device_state, created at `now_ms` (device clock).
// Errors are the store's.
StatusOr<PreparedExport> PrepareExport(store::Database& db, int64_t now_ms);

// Why this passphrase cannot be used, in the current language; "" when it can (at least
// sync::kMinPassphraseChars characters, and `again` the same).
std::string PassphraseProblem(std::string_view passphrase, std::string_view again);

class ExportFlow {
 public:
  ExportFlow();

  // Resets the screen (fields, message) and counts what is waiting. Call when it opens.
  void Open(store::Database& db);

  // Draws the export screen and carries out what the key worker asked. Returns true when they
  // asked to go back (the caller shows the screen it came from). The platform's hooks may be
  // called; their answers arrive in a later frame.
  bool Frame(store::Database& db, const Platform& platform);

  const ExportState& state() const { return *state_; }

 private:
  void Submit(store::Database& db, const Platform& platform);

  // Shared with the hooks' callbacks, which hold it weakly: a flow destroyed while the browser
  // encrypts (the tablet locked) is simply not told how it went.
  std::shared_ptr<ExportState> state_;
};

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_EXPORT_FLOW_H_
