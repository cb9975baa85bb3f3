// The browser's half of the export of waiting changes (app/export_flow.h): encryption with
// WebCrypto and the download of the file. Fills Platform::seal_export and Platform::save_file.
//
// SealExport follows shared/sync/export_file.h exactly: PBKDF2-HMAC-SHA-256 over the passphrase's
// UTF-8 bytes (TextEncoder, as typed) with a 16-byte salt from crypto.getRandomValues and
// envelope.iterations rounds, giving an AES-GCM 256-bit key that encrypts the plaintext's UTF-8
// bytes under a fresh 12-byte iv with additional data "outpost-export-v1"; WebCrypto appends the
// 16-byte tag. The key is not extractable and nothing is kept once the answer is given.
// SaveFile makes a Blob of the text and clicks a hidden <a download> for it: the browser saves it
// to the Downloads folder (or asks where), which works offline and needs no permission.
//
// Errors: Internal("export.encrypt", "<JS error name>: <message>") when WebCrypto fails (no
// crypto.subtle outside a secure context); Unavailable("export.save", ...) when the download
// cannot start. Callbacks run later from the browser's event loop, never inside the call.
//
//   [X] encryption off the main thread's frame (WebCrypto is asynchronous)
//   [X] the download offered without a popup (works from the frame loop, after the tap)
//   [ ] knowing whether the key worker kept the file: the browser does not say
#ifndef OUTPOST_WASM_CLIENT_PLATFORM_EXPORT_WEB_H_
#define OUTPOST_WASM_CLIENT_PLATFORM_EXPORT_WEB_H_

#include <functional>
#include <string>

#include "shared/base/status_or.h"
#include "shared/sync/export_file.h"

namespace outpost::client::web {

void SealExport(std::string plaintext, std::string passphrase, sync::ExportEnvelope envelope,
                std::function<void(StatusOr<sync::ExportEnvelope>)> done);

void SaveFile(std::string file_name, std::string contents, std::function<void(Status)> done);

}  // namespace outpost::client::web

#endif  // OUTPOST_WASM_CLIENT_PLATFORM_EXPORT_WEB_H_
