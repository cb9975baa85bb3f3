#include "shared/base/sha256.h"

#include "shared/base/sha256_internal.h"

// x86-64 processors with the SHA extensions (Intel since Ice Lake and Goldmont, AMD since Zen)
// hash about five times faster in hardware; every change pushed is hashed for the chain check.
// WebAssembly and other processors use the portable code, which gives the same digests.
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#define OUTPOST_SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace outpost {

namespace {

constexpr uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

// One block. The message schedule is kept as a rolling window of 16 words, and the rounds run
// eight at a time with the working variables renamed rather than moved: the compiler then keeps
// everything in registers (about 15% faster than the textbook loop; hashing each change is on
// the server's push path).
inline uint32_t Sigma0(uint32_t x) { return Rotr(x, 2) ^ Rotr(x, 13) ^ Rotr(x, 22); }
inline uint32_t Sigma1(uint32_t x) { return Rotr(x, 6) ^ Rotr(x, 11) ^ Rotr(x, 25); }
inline uint32_t Gamma0(uint32_t x) { return Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3); }
inline uint32_t Gamma1(uint32_t x) { return Rotr(x, 17) ^ Rotr(x, 19) ^ (x >> 10); }

inline void Round(uint32_t a, uint32_t b, uint32_t c, uint32_t& d, uint32_t e, uint32_t f,
                  uint32_t g, uint32_t& h, uint32_t k_plus_w) {
  const uint32_t t1 = h + Sigma1(e) + ((e & f) ^ (~e & g)) + k_plus_w;
  const uint32_t t2 = Sigma0(a) + ((a & b) ^ (a & c) ^ (b & c));
  d += t1;
  h = t1 + t2;
}

void CompressOne(uint32_t (&state)[8], const uint8_t* block) {
  uint32_t w[16];
  for (int i = 0; i < 16; ++i)
    w[i] = uint32_t{block[4 * i]} << 24 | uint32_t{block[4 * i + 1]} << 16 |
           uint32_t{block[4 * i + 2]} << 8 | uint32_t{block[4 * i + 3]};
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5],
           g = state[6], h = state[7];
  for (int i = 0; i < 64; i += 8) {
    if (i >= 16)
      for (int j = 0; j < 8; ++j) {
        const int t = (i + j) & 15;
        w[t] += Gamma1(w[(t + 14) & 15]) + w[(t + 9) & 15] + Gamma0(w[(t + 1) & 15]);
      }
    const uint32_t* k = kRoundConstants + i;
    const uint32_t* x = w + (i & 15);
    Round(a, b, c, d, e, f, g, h, k[0] + x[0]);
    Round(h, a, b, c, d, e, f, g, k[1] + x[1]);
    Round(g, h, a, b, c, d, e, f, k[2] + x[2]);
    Round(f, g, h, a, b, c, d, e, k[3] + x[3]);
    Round(e, f, g, h, a, b, c, d, k[4] + x[4]);
    Round(d, e, f, g, h, a, b, c, k[5] + x[5]);
    Round(c, d, e, f, g, h, a, b, k[6] + x[6]);
    Round(b, c, d, e, f, g, h, a, k[7] + x[7]);
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d;
  state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

void CompressPortable(uint32_t (&state)[8], const uint8_t* blocks, size_t count) {
  for (size_t i = 0; i < count; ++i) CompressOne(state, blocks + 64 * i);
}

#ifdef OUTPOST_SHA256_X86

// The same compression with SHA256RNDS2 (two rounds), SHA256MSG1 and SHA256MSG2 (the message
// schedule, four words at a time). SHA256RNDS2 keeps the working variables in two registers,
// ABEF and CDGH (A in the highest lane), and writes the new ABEF; the new CDGH is the old ABEF.
__attribute__((target("sha,sse4.1"))) void CompressShaNi(uint32_t (&state)[8],
                                                         const uint8_t* blocks, size_t count) {
  // Message bytes are big-endian words: reverse the bytes of each 32-bit lane.
  const __m128i byte_swap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  // state[0..3] = a b c d and state[4..7] = e f g h, lowest lane first.
  const __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
  const __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
  const __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);
  const __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
  __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);      // lanes f e b a
  __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0);   // lanes h g d c
  for (size_t block = 0; block < count; ++block) {
    const auto* in = reinterpret_cast<const __m128i*>(blocks + 64 * block);
    const __m128i abef_before = abef, cdgh_before = cdgh;
    // w0..w3 hold the next 16 words of the schedule, four to a register, lowest word first.
    __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128(in), byte_swap);
    __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128(in + 1), byte_swap);
    __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128(in + 2), byte_swap);
    __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128(in + 3), byte_swap);
    for (int i = 0; i < 16; ++i) {
      const __m128i wk = _mm_add_epi32(
          w0, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kRoundConstants + 4 * i)));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
      // W[t+16] = s1(W[t+14]) + W[t+9] + s0(W[t+1]) + W[t], for four t at once: MSG1 adds the
      // s0 terms, the W[t+9] come from joining w2 and w3, and MSG2 adds the s1 terms (of words it
      // computes itself for the upper two lanes).
      __m128i next = w0;
      if (i < 12)
        next = _mm_sha256msg2_epu32(
            _mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8(w3, w2, 4)), w3);
      w0 = w1;
      w1 = w2;
      w2 = w3;
      w3 = next;
    }
    abef = _mm_add_epi32(abef, abef_before);
    cdgh = _mm_add_epi32(cdgh, cdgh_before);
  }
  const __m128i abef_low_first = _mm_shuffle_epi32(abef, 0x1B);  // a b e f
  const __m128i cdgh_low_first = _mm_shuffle_epi32(cdgh, 0x1B);  // c d g h
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state),
                   _mm_unpacklo_epi64(abef_low_first, cdgh_low_first));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4),
                   _mm_unpackhi_epi64(abef_low_first, cdgh_low_first));
}

#endif  // OUTPOST_SHA256_X86

using CompressFunction = void (*)(uint32_t (&state)[8], const uint8_t* blocks, size_t count);

CompressFunction Chosen() {
#ifdef OUTPOST_SHA256_X86
  static const CompressFunction chosen =
      internal::Sha256HasHardware() ? CompressShaNi : CompressPortable;
  return chosen;
#else
  return CompressPortable;
#endif
}

std::array<uint8_t, 32> Digest(std::string_view data, CompressFunction compress) {
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  size_t full = data.size() / 64;
  compress(h, bytes, full);
  // The tail: remaining bytes, 0x80, zeros, then the bit length big-endian in the last 8 bytes.
  uint8_t tail[128] = {};
  size_t rest = data.size() - full * 64;
  for (size_t i = 0; i < rest; ++i) tail[i] = bytes[full * 64 + i];
  tail[rest] = 0x80;
  size_t tail_size = rest < 56 ? 64 : 128;
  uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
  for (int i = 0; i < 8; ++i) tail[tail_size - 1 - i] = static_cast<uint8_t>(bits >> (8 * i));
  compress(h, tail, tail_size / 64);
  std::array<uint8_t, 32> digest;
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4; ++j) digest[4 * i + j] = static_cast<uint8_t>(h[i] >> (24 - 8 * j));
  return digest;
}

}  // namespace

bool internal::Sha256HasHardware() {
#ifdef OUTPOST_SHA256_X86
  // CPUID rather than __builtin_cpu_supports("sha"), which Clang (the fuzzers' compiler) lacks.
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return false;
  const bool ssse3 = ecx & (1u << 9), sse41 = ecx & (1u << 19);
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  const bool sha = ebx & (1u << 29);
  return sha && ssse3 && sse41;
#else
  return false;
#endif
}

std::array<uint8_t, 32> internal::Sha256Portable(std::string_view data) {
  return Digest(data, CompressPortable);
}

std::array<uint8_t, 32> Sha256(std::string_view data) { return Digest(data, Chosen()); }

std::string Sha256Hex(std::string_view data) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint8_t byte : Sha256(data)) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 15]);
  }
  return out;
}

}  // namespace outpost
