// Receipt codes: the short code printed on a participant's signed-plan receipt, by which anyone
// holding the receipt can later ask the server (GET /api/v1/receipts/verify) whether that
// signature is on record, for which plan version, and whether its seal still verifies.
//
// The code is computed, never stored, so the tablet can print it offline at the moment of
// signing and the server can find it again from what it already holds:
//
//   code = Crockford base32 of the first 50 bits of SHA-256(document_hash + signature_id)
//
// where document_hash is the signature record's `document_hash` (64 lower-case hex characters,
// so the concatenation is unambiguous) and signature_id its record id. Ten characters from
// "0123456789ABCDEFGHJKMNPQRSTVWXYZ" (no I, L, O or U, so it reads aloud and types without
// confusion), printed as two groups of five: "7KQ2M-XR0AF". Fifty bits make an accidental match
// between two signatures unlikely (about 1 in 2 000 for a million signatures); the server treats
// a code that matches more than one as ambiguous rather than guess. The code is a lookup key,
// not a secret: what it unlocks is still limited to who may see the participant.
#ifndef OUTPOST_SHARED_DOMAIN_RECEIPT_CODE_H_
#define OUTPOST_SHARED_DOMAIN_RECEIPT_CODE_H_

#include <string>
#include <string_view>

#include "shared/base/status_or.h"

namespace outpost::domain {

inline constexpr size_t kReceiptCodeLength = 10;

// The code of one signature, 10 characters, no separator ("7KQ2MXR0AF").
std::string ReceiptCode(std::string_view document_hash, std::string_view signature_id);

// "7KQ2M-XR0AF": the code as printed. Any other length is returned unchanged.
std::string FormatReceiptCode(std::string_view code);

// A code as a person typed it, made canonical: spaces and hyphens dropped, lower case raised,
// O read as 0 and I or L as 1 (Crockford's rule). InvalidArgument("code", ...) if what is left is
// not 10 characters of the alphabet.
StatusOr<std::string> NormalizeReceiptCode(std::string_view typed);

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_RECEIPT_CODE_H_
