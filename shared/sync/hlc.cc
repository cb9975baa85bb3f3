#include "shared/sync/hlc.h"

#include <cstdio>

namespace outpost::sync {

std::string HybridClock::Next(int64_t wall_ms) {
  if (wall_ms > last_ms_) {
    last_ms_ = wall_ms;
    counter_ = 0;
  } else {
    ++counter_;
    if (counter_ > 9999) {  // keep the fixed width: borrow the next millisecond
      ++last_ms_;
      counter_ = 0;
    }
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%013lld-%04d-", static_cast<long long>(last_ms_), counter_);
  return buffer + node_;
}

void HybridClock::Observe(std::string_view stamp) {
  if (stamp.size() < 19 || stamp[13] != '-' || stamp[18] != '-') return;
  int64_t ms = 0;
  int counter = 0;
  for (int i = 0; i < 13; ++i) {
    if (stamp[i] < '0' || stamp[i] > '9') return;
    ms = ms * 10 + (stamp[i] - '0');
  }
  for (int i = 14; i < 18; ++i) {
    if (stamp[i] < '0' || stamp[i] > '9') return;
    counter = counter * 10 + (stamp[i] - '0');
  }
  if (ms > last_ms_ || (ms == last_ms_ && counter > counter_)) {
    last_ms_ = ms;
    counter_ = counter;
  }
}

}  // namespace outpost::sync
