// A signature-like scrawl on the signature pad, for tests that need "enough ink" without
// caring what it looks like: three strokes across the middle of the pad, a sample every 16 ms,
// 200 ms between strokes.
#ifndef OUTPOST_TESTS_SUPPORT_SAMPLE_SIGNATURE_H_
#define OUTPOST_TESTS_SUPPORT_SAMPLE_SIGNATURE_H_

#include "wasm-client/widgets/signature_pad.h"

namespace outpost::testing {

inline client::SignaturePad SampleSignature() {
  client::SignaturePad pad;
  double now = 5000;
  for (int s = 0; s < 3; ++s) {
    pad.PenDown(100 + s * 300, 200, now);
    for (int i = 1; i <= 10; ++i) pad.PenMove(100 + s * 300 + i * 20, 200 + (i % 2) * 30, now += 16);
    pad.PenUp();
    now += 200;
  }
  return pad;
}

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_SAMPLE_SIGNATURE_H_
