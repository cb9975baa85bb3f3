// Export file: a tablet's waiting changes, encrypted under a passphrase, for when they cannot
// reach the server (the tablet is broken, lost its connection for good, or must be handed back).
// A supervisor imports the file on the server (`outpost-sync-server import-export`), which applies
// it through the same push path a tablet's sync takes. docs/export.md tells the whole story.
//
// The file is one JSON object (keys sorted, no spaces, like every protocol message):
//
//   {"changes":N,"cipher":"AES-256-GCM","ciphertext":B64,"created_at":"2026-11-23T10:40:00Z",
//    "device_id":"tab-...","format":"outpost-export","iterations":600000,"iv":B64,
//    "kdf":"PBKDF2-SHA256","salt":B64,"username":"amira.khan","version":1}
//
//   salt        16 random bytes; iv: 12 random bytes (standard base64 with padding)
//   key         PBKDF2-HMAC-SHA256(passphrase as UTF-8, salt, iterations) -> 32 bytes
//   ciphertext  AES-256-GCM(key, iv, additional data "outpost-export-v1", plaintext), the
//               16-byte tag appended (as WebCrypto returns it)
//   plaintext   the push request body (sync::Encode(PushRequest)) of every change waiting on
//               the tablet, quarantined ones included, in device_seq order. Beyond
//               kMaxChangesPerPush changes, several push request bodies joined by "\n", each
//               continuing the chain of the one before.
//   device_id, username, created_at, changes: in clear, so the supervisor knows whose file it is
//               and whom to phone for the passphrase; the server trusts only what decrypts (and
//               refuses a file whose clear fields disagree with it).
//
// A lost file gives nothing away without the passphrase (at least kMinPassphraseChars
// characters); a changed byte anywhere in salt, iv or ciphertext fails the GCM tag check.
// This header only encodes and decodes; the encryption is the browser's (WebCrypto) and the
// decryption the server's (OpenSSL), since shared/ holds no cryptography beyond SHA-256.
#ifndef OUTPOST_SHARED_SYNC_EXPORT_FILE_H_
#define OUTPOST_SHARED_SYNC_EXPORT_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/sync/change.h"
#include "shared/sync/protocol.h"

namespace outpost::sync {

inline constexpr const char* kExportFormat = "outpost-export";
inline constexpr int kExportVersion = 1;
inline constexpr const char* kExportKdf = "PBKDF2-SHA256";
inline constexpr const char* kExportCipher = "AES-256-GCM";
inline constexpr const char* kExportAdditionalData = "outpost-export-v1";
inline constexpr int kExportIterations = 600000;  // OWASP 2023 for PBKDF2-HMAC-SHA256
inline constexpr int kExportSaltBytes = 16;
inline constexpr int kExportIvBytes = 12;
inline constexpr int kExportTagBytes = 16;
// Characters (Unicode code points), not bytes.
inline constexpr int kMinPassphraseChars = 10;

struct ExportEnvelope {
  std::string device_id;
  std::string username;
  std::string created_at;  // ISO 8601 UTC, the tablet's clock
  int64_t changes = 0;     // how many changes the plaintext holds
  int iterations = kExportIterations;
  std::string salt;        // base64, as in the file
  std::string iv;          // base64
  std::string ciphertext;  // base64, tag included
  bool operator==(const ExportEnvelope&) const = default;
};

// The file's text.
std::string EncodeExportEnvelope(const ExportEnvelope& envelope);

// Strict, like the protocol codec: malformed JSON, a missing, mistyped or unknown key, another
// format or version, another kdf or cipher, fewer than 100,000 or more than 10,000,000
// iterations, invalid base64, or a salt, iv or ciphertext of the wrong length is InvalidArgument
// naming the key.
StatusOr<ExportEnvelope> DecodeExportEnvelope(std::string_view json);

// The plaintext for `changes` (in device_seq order) of device `device_id`, sent at `sent_at`:
// one push request body per kMaxChangesPerPush changes, joined by "\n". Empty `changes`: one
// push request with none.
std::string EncodeExportPlaintext(const std::string& device_id, const std::vector<Change>& changes,
                                  const std::string& sent_at);

// The push requests of a plaintext, in order. InvalidArgument ("plaintext[i]...") if any line is
// not a push request.
StatusOr<std::vector<PushRequest>> DecodeExportPlaintext(std::string_view plaintext);

// Standard base64 (RFC 4648, "+/", padded). Decoding refuses anything else: InvalidArgument.
std::string Base64Encode(std::string_view bytes);
StatusOr<std::string> Base64Decode(std::string_view text);

// Unicode code points in UTF-8 `text` (continuation bytes are not counted).
int CountCharacters(std::string_view text);

// "outpost-waiting-<device_id>-<YYYY-MM-DD>.json", the date taken from `created_at`.
std::string ExportFileName(const std::string& device_id, const std::string& created_at);

}  // namespace outpost::sync

#endif  // OUTPOST_SHARED_SYNC_EXPORT_FILE_H_
