// HybridClock: hybrid logical clock stamps that order writes across devices.
//
// A stamp is "<wall ms, 13 digits>-<counter, 4 digits>-<node>", so stamps compare correctly as
// plain strings: later wall time first, then the counter (several writes in one millisecond, or a
// device whose clock lags what it has seen), then the node id as a deterministic tie-break.
// Next() never returns a stamp at or below one returned or observed before, even if the wall
// clock goes backwards.
#ifndef OUTPOST_SHARED_SYNC_HLC_H_
#define OUTPOST_SHARED_SYNC_HLC_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace outpost::sync {

class HybridClock {
 public:
  explicit HybridClock(std::string node) : node_(std::move(node)) {}

  // A new stamp for a local write at device wall time `wall_ms`.
  std::string Next(int64_t wall_ms);

  // Takes a stamp seen from elsewhere (pulled or persisted) into account, so the next local stamp
  // sorts after it. Malformed stamps are ignored.
  void Observe(std::string_view stamp);

 private:
  std::string node_;
  int64_t last_ms_ = 0;
  int counter_ = 0;
};

}  // namespace outpost::sync

#endif  // OUTPOST_SHARED_SYNC_HLC_H_
