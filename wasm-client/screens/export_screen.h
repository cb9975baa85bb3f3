// The export screen: the last resort for changes that cannot reach the server. The key worker
// types a passphrase twice and the tablet saves its waiting changes, encrypted under it, to a file
// (shared/sync/export_file.h) that their supervisor imports on the server; the passphrase goes to
// the supervisor by phone, never with the file. Like every screen it draws from its state and
// records intents; app/export_flow.h carries them out.
//
// Probes (widgets/ui_probe.h):
//   items  "export.passphrase", "export.again", "export.submit", "nav.back"
//   texts  "export.waiting" (how many changes would go in the file), "export.message" (the
//          outcome, or why the passphrase was refused), "export.file" (the file's name, once
//          saved)
#ifndef OUTPOST_WASM_CLIENT_SCREENS_EXPORT_SCREEN_H_
#define OUTPOST_WASM_CLIENT_SCREENS_EXPORT_SCREEN_H_

#include <cstdint>
#include <string>

namespace outpost::client {

struct ExportState {
  char passphrase[128] = "";  // wiped as soon as the export starts
  char again[128] = "";
  int64_t waiting = 0;     // changes not yet confirmed by the server, quarantined included
  bool working = false;    // encrypting and saving
  bool failed = false;     // message is a problem rather than a result
  std::string message;
  std::string file_name;   // of the last file saved
};

struct ExportCommands {
  bool submit = false;  // check the passphrase, then encrypt and save
  bool back = false;
};

void DrawExportScreen(ExportState& state, ExportCommands& commands);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_SCREENS_EXPORT_SCREEN_H_
