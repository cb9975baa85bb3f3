// The two ways Sha256 computes a digest, for the tests that hold them to the same answers.
// Not part of the sha256.h contract.
#ifndef OUTPOST_SHARED_BASE_SHA256_INTERNAL_H_
#define OUTPOST_SHARED_BASE_SHA256_INTERNAL_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace outpost::internal {

// True when this processor has the x86 SHA extensions and Sha256 uses them; false on every
// other processor and in WebAssembly, where Sha256 is the portable code.
bool Sha256HasHardware();

// The digest by the portable code alone, whatever the processor.
std::array<uint8_t, 32> Sha256Portable(std::string_view data);

}  // namespace outpost::internal

#endif  // OUTPOST_SHARED_BASE_SHA256_INTERNAL_H_
