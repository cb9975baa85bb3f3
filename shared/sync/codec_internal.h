// The codec's fast paths, exposed for tests: they read and write only messages in the exact form
// Encode writes them (see json_text_internal.h for that form), so that a push or pull page is
// decoded without building an nlohmann DOM.
//
// The public decoders in codec.h try these first and, for any other text, fall back to the
// general strict path, which alone decides what is refused and with which message. A fast
// decoder therefore never refuses: it returns nullopt ("not mine") and never a different value
// from the one the general path would return for the same text.
#ifndef OUTPOST_SHARED_SYNC_CODEC_INTERNAL_H_
#define OUTPOST_SHARED_SYNC_CODEC_INTERNAL_H_

#include <optional>
#include <string_view>

#include "shared/sync/protocol.h"

namespace outpost::sync::internal {

// The request or page in `text` if it is in the form Encode writes (every key, in order, no
// spaces, canonical strings, protocol 2, integers of at most 18 digits, `fields` and `base` canonical
// objects of strings) and within the limits the general path checks; nullopt otherwise.
std::optional<PushRequest> DecodeCanonicalPushRequest(std::string_view text);
std::optional<PullResponse> DecodeCanonicalPullResponse(std::string_view text);
// The same into `into`, reusing its strings' buffers; false (with `into` in any state) where
// DecodeCanonicalPushRequest returns nullopt.
bool DecodeCanonicalPushRequestInto(std::string_view text, PushRequest* into);

// The general path alone, as the public decoders fall back to it.
StatusOr<PushRequest> DecodePushRequestGeneral(std::string_view text);
StatusOr<PullResponse> DecodePullResponseGeneral(std::string_view text);

}  // namespace outpost::sync::internal

#endif  // OUTPOST_SHARED_SYNC_CODEC_INTERNAL_H_
