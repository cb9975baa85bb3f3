// HTML text escaping, shared by the pages the server renders (sync-server/review_page.h) and the
// receipt the tablet makes offline (wasm-client/app/receipt.h), so both escape the same way.
#ifndef OUTPOST_SHARED_BASE_HTML_H_
#define OUTPOST_SHARED_BASE_HTML_H_

#include <string>
#include <string_view>

namespace outpost {

// `text` with & < > " ' replaced by entities: safe inside HTML text and inside attribute values
// quoted with either quote. Other bytes (UTF-8 included) pass through unchanged.
inline std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace outpost

#endif  // OUTPOST_SHARED_BASE_HTML_H_
