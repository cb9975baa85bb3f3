#include "shared/base/sha256.h"

#include <doctest/doctest.h>
#include <openssl/sha.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/base/sha256_internal.h"

using outpost::Sha256Hex;

namespace {

std::string PortableHex(std::string_view data) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t byte : outpost::internal::Sha256Portable(data)) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 15]);
  }
  return out;
}

std::string RandomBytes(std::mt19937& random, size_t length) {
  std::string data(length, '\0');
  for (char& c : data) c = static_cast<char>(random());
  return data;
}

}  // namespace

TEST_CASE("SHA-256 gives the FIPS 180-4 test vectors") {
  MESSAGE("SHA extensions in hardware: ", outpost::internal::Sha256HasHardware() ? "yes" : "no");
  const std::pair<const char*, const char*> vectors[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"}};
  for (const auto& [message, digest] : vectors) {
    CHECK(Sha256Hex(message) == digest);
    CHECK(PortableHex(message) == digest);
  }
}

TEST_CASE("SHA-256 agrees with OpenSSL at every length across the padding boundaries") {
  std::mt19937 random(20261123);
  for (size_t length = 0; length < 300; ++length) {
    std::string data = RandomBytes(random, length);
    unsigned char expected[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), expected);
    auto actual = outpost::Sha256(data);
    CHECK_MESSAGE(std::equal(actual.begin(), actual.end(), expected), "length ", length);
  }
}

// On a processor without the SHA extensions both are the portable code, and this still runs.
TEST_CASE("SHA-256 in hardware and in portable code give the same digests") {
  std::mt19937 random(20261124);
  std::vector<size_t> lengths;
  for (size_t length = 0; length <= 300; ++length) lengths.push_back(length);
  for (size_t length : {1023, 1024, 1025, 4096, 5000, 65536 + 55}) lengths.push_back(length);
  for (size_t length : lengths) {
    const std::string data = RandomBytes(random, length);
    CHECK_MESSAGE(outpost::Sha256(data) == outpost::internal::Sha256Portable(data), "length ",
                  length);
  }
}
