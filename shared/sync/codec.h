// Codec: protocol messages (protocol.h) to and from JSON text.
//
// Encoding is deterministic (keys in sorted order, no spaces), so equal messages give equal bytes
// and golden files can be compared byte for byte. Decoding is strict and never guesses: malformed
// JSON, a missing or mistyped field, an unknown field, or a protocol version other than
// kProtocolVersion is InvalidArgument naming the field ("changes[2].device_seq"). Client and
// server use this one codec, so the two sides cannot drift apart.
#ifndef OUTPOST_SHARED_SYNC_CODEC_H_
#define OUTPOST_SHARED_SYNC_CODEC_H_

#include <string>
#include <string_view>

#include "shared/base/status_or.h"
#include "shared/sync/protocol.h"

namespace outpost::sync {

std::string Encode(const SignInRequest& message);
std::string Encode(const SignInResponse& message);
std::string Encode(const PushRequest& message);
std::string Encode(const PushResponse& message);
std::string Encode(const PullResponse& message);
std::string Encode(const ErrorBody& message);
std::string EncodeChange(const Change& change);

StatusOr<SignInRequest> DecodeSignInRequest(std::string_view json);
StatusOr<SignInResponse> DecodeSignInResponse(std::string_view json);
StatusOr<PushRequest> DecodePushRequest(std::string_view json);
// The same, into a request kept from an earlier push: its changes' strings are overwritten in
// place, so a server decoding push after push into one request reuses their memory rather than
// allocating some six strings per change. On an error `into` is left part-decoded: not a
// request to use.
Status DecodePushRequestInto(std::string_view json, PushRequest* into);
StatusOr<PushResponse> DecodePushResponse(std::string_view json);
StatusOr<PullResponse> DecodePullResponse(std::string_view json);
StatusOr<ErrorBody> DecodeErrorBody(std::string_view json);

// The error body for a non-OK status.
ErrorBody ErrorBodyFor(const Status& status);

}  // namespace outpost::sync

#endif  // OUTPOST_SHARED_SYNC_CODEC_H_
