// UTC instants as text: the one format Outpost stores and sends ("2026-11-23T13:14:36Z").
// Pure arithmetic on milliseconds since the Unix epoch; reading the clock is the caller's business
// (the platform's now_ms on the tablet, the system clock on the server).
#ifndef OUTPOST_SHARED_BASE_UTC_TIME_H_
#define OUTPOST_SHARED_BASE_UTC_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/base/status_or.h"

namespace outpost {

// "YYYY-MM-DDTHH:MM:SSZ" for `unix_ms` (milliseconds dropped).
std::string FormatUtc(int64_t unix_ms);

// Milliseconds since the epoch for a FormatUtc string; InvalidArgument otherwise.
StatusOr<int64_t> ParseUtc(std::string_view text);

}  // namespace outpost

#endif  // OUTPOST_SHARED_BASE_UTC_TIME_H_
