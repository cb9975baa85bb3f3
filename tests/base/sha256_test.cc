#include "shared/base/sha256.h"

#include <doctest/doctest.h>
#include <openssl/sha.h>

#include <random>
#include <string>

using outpost::Sha256Hex;

TEST_CASE("SHA-256 gives the FIPS 180-4 test vectors") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("SHA-256 agrees with OpenSSL at every length across the padding boundaries") {
  std::mt19937 random(20261123);
  for (size_t length = 0; length < 300; ++length) {
    std::string data(length, '\0');
    for (char& c : data) c = static_cast<char>(random());
    unsigned char expected[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), expected);
    auto actual = outpost::Sha256(data);
    CHECK_MESSAGE(std::equal(actual.begin(), actual.end(), expected), "length ", length);
  }
}
