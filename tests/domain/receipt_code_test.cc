// Receipt codes: computed the same on the tablet and the server, typed back leniently.
#include "shared/domain/receipt_code.h"

#include <doctest/doctest.h>

#include "shared/base/sha256.h"

namespace outpost::domain {
namespace {

TEST_CASE("a receipt code is the first 50 bits of SHA-256(document hash + signature id) in Crockford base32") {
  const std::string hash = Sha256Hex("Action Plan\n");
  REQUIRE(hash == "be1fa0f0918a83e8fd008d52e6cab5dd2401117bf6a94e496bfc0aceb2d36916");
  // Worked independently (Python hashlib) so a change to the rule cannot go unnoticed.
  CHECK(ReceiptCode(hash, "sig-1") == "GXA2QF1JHE");
  CHECK(ReceiptCode(hash, "sig-2") == "PFWAAG8K5K");
  CHECK(FormatReceiptCode("GXA2QF1JHE") == "GXA2Q-F1JHE");
}

TEST_CASE("a receipt code typed with spaces, hyphens, lower case, O for 0 or I and L for 1 is the same code") {
  CHECK(*NormalizeReceiptCode("GXA2Q-F1JHE") == "GXA2QF1JHE");
  CHECK(*NormalizeReceiptCode(" gxa2q f1jhe ") == "GXA2QF1JHE");
  CHECK(*NormalizeReceiptCode("GXA2QFIJHE") == "GXA2QF1JHE");
  CHECK(*NormalizeReceiptCode("GXA2QFlJHE") == "GXA2QF1JHE");
  CHECK(*NormalizeReceiptCode("0O000-00000") == "0000000000");
}

TEST_CASE("something that is not ten characters of the code alphabet is not a receipt code") {
  for (const char* typed : {"", "GXA2Q", "GXA2QF1JHEX", "GXA2Q_F1JHE", "GXA2QF1JHU", "<script>"}) {
    auto code = NormalizeReceiptCode(typed);
    CHECK_FALSE(code.ok());
    CHECK(code.status().where() == "code");
  }
}

}  // namespace
}  // namespace outpost::domain
