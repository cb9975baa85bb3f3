// The supervisors' review pages: plain server-rendered HTML, readable without the tablet app.
// Every value from the store is HTML-escaped.
#ifndef OUTPOST_SYNC_SERVER_REVIEW_PAGE_H_
#define OUTPOST_SYNC_SERVER_REVIEW_PAGE_H_

#include <string>
#include <string_view>

#include "shared/base/html.h"
#include "shared/base/status_or.h"
#include "shared/store/database.h"
#include "sync-server/accounts.h"

namespace outpost::server {

// The sign-in form, with `message` (escaped) above it when not empty.
std::string ReviewSignInPage(std::string_view message);

// The central record as `who` may see it: every participant with their key worker and every
// contact, newest first, each contact with when the server received it.
StatusOr<std::string> ReviewRecordPage(store::Database& db, const Principal& who);

// `text` with &, <, >, " and ' escaped for HTML (shared with the tablet's receipt).
using ::outpost::EscapeHtml;

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_REVIEW_PAGE_H_
