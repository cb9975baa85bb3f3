// SHA-256 (FIPS 180-4), our own code, so the tablet (no OpenSSL in WebAssembly) and the server
// hash documents and changes identically. On an x86-64 processor with the SHA extensions it uses
// them (about five times faster: the server hashes every pushed change); elsewhere, and in
// WebAssembly, portable C++. Not for passwords: those use PBKDF2 on the server.
#ifndef OUTPOST_SHARED_BASE_SHA256_H_
#define OUTPOST_SHARED_BASE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace outpost {

// The digest of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

// The raw 32-byte digest.
std::array<uint8_t, 32> Sha256(std::string_view data);

}  // namespace outpost

#endif  // OUTPOST_SHARED_BASE_SHA256_H_
