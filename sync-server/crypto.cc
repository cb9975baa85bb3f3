#include "sync-server/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <vector>

namespace outpost::server {

namespace {

std::string ToHex(const unsigned char* data, size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 15]);
  }
  return out;
}

bool FromHex(std::string_view hex, std::vector<unsigned char>& out) {
  if (hex.size() % 2) return false;
  out.clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (error != std::errc() || end != hex.data() + i + 2) return false;
    out.push_back(static_cast<unsigned char>(value));
  }
  return true;
}

bool Pbkdf2(std::string_view password, const std::vector<unsigned char>& salt, int iterations,
            unsigned char (&hash)[32]) {
  return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                           static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof hash,
                           hash) == 1;
}

}  // namespace

StatusOr<std::string> RandomHex(int bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), bytes) != 1)
    return Status::Internal("RAND_bytes", "OpenSSL could not produce random bytes");
  return ToHex(buffer.data(), buffer.size());
}

StatusOr<std::string> HashPassword(std::string_view password, int iterations) {
  OUTPOST_ASSIGN_OR_RETURN(std::string salt_hex, RandomHex(16));
  std::vector<unsigned char> salt;
  FromHex(salt_hex, salt);
  unsigned char hash[32];
  if (!Pbkdf2(password, salt, iterations, hash))
    return Status::Internal("PKCS5_PBKDF2_HMAC", "password hashing failed");
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + salt_hex + "$" +
         ToHex(hash, sizeof hash);
}

bool VerifyPassword(std::string_view password, const std::string& stored) {
  const std::string prefix = "pbkdf2-sha256$";
  if (stored.compare(0, prefix.size(), prefix) != 0) return false;
  size_t a = prefix.size();
  size_t b = stored.find('$', a);
  if (b == std::string::npos) return false;
  size_t c = stored.find('$', b + 1);
  if (c == std::string::npos) return false;
  int iterations = 0;
  auto [end, error] = std::from_chars(stored.data() + a, stored.data() + b, iterations);
  if (error != std::errc() || end != stored.data() + b || iterations < 1) return false;
  std::vector<unsigned char> salt, expected;
  if (!FromHex(std::string_view(stored).substr(b + 1, c - b - 1), salt) ||
      !FromHex(std::string_view(stored).substr(c + 1), expected) || expected.size() != 32)
    return false;
  unsigned char hash[32];
  if (!Pbkdf2(password, salt, iterations, hash)) return false;
  return CRYPTO_memcmp(hash, expected.data(), sizeof hash) == 0;
}

}  // namespace outpost::server
