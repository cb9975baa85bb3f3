// The one table from Status codes to HTTP statuses, and the JSON error body every failed API
// request gets ({"error": {"code", "where", "message"}}, see shared/sync/codec.cc).
#ifndef OUTPOST_SYNC_SERVER_HTTP_ERRORS_H_
#define OUTPOST_SYNC_SERVER_HTTP_ERRORS_H_

#include "shared/base/status.h"

namespace outpost::server {

int HttpStatusFor(Status::Code code);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_HTTP_ERRORS_H_
