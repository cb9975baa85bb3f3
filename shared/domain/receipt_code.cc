#include "shared/domain/receipt_code.h"

#include <cstdint>
#include <string>

#include "shared/base/sha256.h"

namespace outpost::domain {

namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string ReceiptCode(std::string_view document_hash, std::string_view signature_id) {
  std::string input(document_hash);
  input += signature_id;
  const auto digest = Sha256(input);
  uint64_t bits = 0;  // the first 7 bytes; the top 50 bits of them are used
  for (int i = 0; i < 7; ++i) bits = (bits << 8) | digest[i];
  std::string code;
  for (size_t i = 0; i < kReceiptCodeLength; ++i) code += kAlphabet[(bits >> (51 - 5 * i)) & 31];
  return code;
}

std::string FormatReceiptCode(std::string_view code) {
  if (code.size() != kReceiptCodeLength) return std::string(code);
  return std::string(code.substr(0, 5)) + "-" + std::string(code.substr(5));
}

StatusOr<std::string> NormalizeReceiptCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (std::string_view(kAlphabet).find(c) == std::string_view::npos || code.size() >= 64)
      return Status::InvalidArgument("code", "is not a receipt code like 7KQ2M-XR0AF");
    code += c;
  }
  if (code.size() != kReceiptCodeLength)
    return Status::InvalidArgument("code", "must be 10 letters and digits, like 7KQ2M-XR0AF");
  return code;
}

}  // namespace outpost::domain
