// Server-side cryptography over OpenSSL: randomness, SHA-256, password hashing.
//
// Passwords are stored as "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" (PBKDF2-HMAC-SHA256,
// 16-byte random salt, 32-byte hash) and compared in constant time. The iteration count travels
// in the stored string, so raising kPasswordIterations later still verifies older hashes.
#ifndef OUTPOST_SYNC_SERVER_CRYPTO_H_
#define OUTPOST_SYNC_SERVER_CRYPTO_H_

#include <string>
#include <string_view>

#include "shared/base/status_or.h"

namespace outpost::server {

// OWASP's 2023 floor for PBKDF2-HMAC-SHA256.
inline constexpr int kPasswordIterations = 600000;

// `bytes` random bytes from OpenSSL's CSPRNG, as lower-case hex.
StatusOr<std::string> RandomHex(int bytes);

StatusOr<std::string> HashPassword(std::string_view password, int iterations = kPasswordIterations);

// True only if `password` matches `stored` (a HashPassword result). A malformed `stored` is
// simply no match.
bool VerifyPassword(std::string_view password, const std::string& stored);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_CRYPTO_H_
