// Fast paths over JSON text in the one form Outpost writes it: nlohmann-json's dump() without
// indent. In that form object keys are in ascending byte order, there is no whitespace, and a
// string escapes exactly `"`, `\`, the five short escapes (\b \f \n \r \t) and other bytes below
// 0x20 as \u00xx (lower-case hex); every other byte, UTF-8 included, is written as it is.
//
// Why: a change's `fields` and `base` are stored and sent in that canonical form, so a reader that
// recognises it can skip building an nlohmann DOM (and its allocations) several times per change.
//
// The contract that keeps this safe: every scanner here accepts only text already in canonical
// form and reports anything else as "not canonical", never as an error. Callers then take the
// general nlohmann path, so malformed or merely unusual input behaves exactly as it did before.
// The writer produces the same bytes as dump() would.
//
// For the sync module and its tests only; not part of the sync contract.
#ifndef OUTPOST_SHARED_SYNC_JSON_TEXT_INTERNAL_H_
#define OUTPOST_SHARED_SYNC_JSON_TEXT_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "shared/sync/change.h"

namespace outpost::sync::internal {

// Returned by the scanners for text that is not in canonical form.
inline constexpr size_t kNotCanonical = std::string_view::npos;

// True if `text` is well-formed UTF-8, as nlohmann's lexer and dump() take it.
bool IsUtf8(std::string_view text);

// Appends `text` as a JSON string literal (with its quotes), escaped as dump() escapes it.
// Returns false, appending nothing, if `text` is not valid UTF-8 (dump() refuses it).
bool AppendJsonString(std::string& out, std::string_view text);

// If a string literal in canonical form (valid UTF-8, canonical escapes only) starts at
// text[pos] (its opening quote), returns the position just past its closing quote and sets
// *escaped to whether it holds a backslash; kNotCanonical otherwise.
size_t ScanString(std::string_view text, size_t pos, bool* escaped);

// The contents of a canonical string literal (between the quotes), with its escapes decoded.
// Precondition: `raw` was accepted by ScanString.
std::string Unescape(std::string_view raw);

// If a canonical JSON object whose values are all strings starts at text[pos], returns the
// position just past its closing brace; kNotCanonical otherwise (also for a key that holds an
// escape, which this fast path leaves to nlohmann). Keys must be strictly ascending, so there
// are no duplicates. When `members` is not null, appends each member as key and raw value (the
// value still escaped; `escaped` tells whether Unescape is needed), viewing into `text`.
struct RawMember {
  std::string_view key;
  std::string_view raw;
  bool escaped = false;
};
size_t ScanStringObject(std::string_view text, size_t pos, std::vector<RawMember>* members);

// True if the whole of `text` is a canonical object of strings: what dump() of a parsed copy
// would give back byte for byte.
bool IsCanonicalStringObject(std::string_view text);

// Appends `change` as the JSON object dump() writes for it: its fields in key order, `fields` and
// `base` ("{}" when empty) spliced in as they are. With `server_fields` it includes received_at
// and server_seq (the wire form, sync::EncodeChange); without, it is the text ChangeHash hashes.
// Returns false, appending nothing, if `fields` or `base` is not a canonical object of strings
// or a string is not valid UTF-8: the caller then takes the nlohmann path, which decides what
// such a change becomes.
bool AppendCanonicalChange(std::string& out, const Change& change, bool server_fields);

// ChangeHash by its general path, for any text in `fields` and `base`: the change as an nlohmann
// DOM (an unparsable `fields` or `base` as a JSON string), dumped and hashed. ChangeHash gives the
// same for canonical text without the DOM.
std::string ChangeHashOfDom(const Change& change);

// A JSON object of strings, decoded, its members in ascending key order (no duplicates). Views
// point into the text it was read from or into its own storage: keep that text alive, and do not
// copy it (moving is safe).
class StringObject {
 public:
  StringObject() = default;
  StringObject(StringObject&&) = default;
  StringObject& operator=(StringObject&&) = default;
  StringObject(const StringObject&) = delete;
  StringObject& operator=(const StringObject&) = delete;

  struct Member {
    std::string_view key;
    std::string_view value;
  };

  // Reads `text`. Returns false if it is not a JSON object whose every value is a string (any
  // JSON nlohmann accepts is understood; canonical text is read without building a DOM).
  bool Read(std::string_view text);

  const std::vector<Member>& members() const { return members_; }
  bool empty() const { return members_.empty(); }
  bool contains(std::string_view key) const;
  // The value of `key`, or "" if absent.
  std::string_view Get(std::string_view key) const;

 private:
  std::vector<Member> members_;
  std::vector<std::string> owned_;  // decoded keys and values that could not be viewed in place
};

}  // namespace outpost::sync::internal

#endif  // OUTPOST_SHARED_SYNC_JSON_TEXT_INTERNAL_H_
