#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "shared/sync/json_text_internal.h"

namespace outpost::sync::internal {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Length of the well-formed UTF-8 sequence at text[pos] (a lead byte of 0x80 or more), or 0.
// The same ranges nlohmann's lexer accepts: no overlong forms, no surrogates, nothing past
// U+10FFFF.
size_t Utf8Length(std::string_view text, size_t pos) {
  auto at = [&](size_t i) -> unsigned {
    return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) : 0u;
  };
  auto tail = [&](size_t i, unsigned low, unsigned high) { return at(i) >= low && at(i) <= high; };
  const unsigned lead = at(0);
  if (lead >= 0xC2 && lead <= 0xDF) return tail(1, 0x80, 0xBF) ? 2 : 0;
  if (lead == 0xE0) return tail(1, 0xA0, 0xBF) && tail(2, 0x80, 0xBF) ? 3 : 0;
  if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF)
    return tail(1, 0x80, 0xBF) && tail(2, 0x80, 0xBF) ? 3 : 0;
  if (lead == 0xED) return tail(1, 0x80, 0x9F) && tail(2, 0x80, 0xBF) ? 3 : 0;
  if (lead == 0xF0) return tail(1, 0x90, 0xBF) && tail(2, 0x80, 0xBF) && tail(3, 0x80, 0xBF) ? 4 : 0;
  if (lead >= 0xF1 && lead <= 0xF3)
    return tail(1, 0x80, 0xBF) && tail(2, 0x80, 0xBF) && tail(3, 0x80, 0xBF) ? 4 : 0;
  if (lead == 0xF4) return tail(1, 0x80, 0x8F) && tail(2, 0x80, 0xBF) && tail(3, 0x80, 0xBF) ? 4 : 0;
  return 0;
}

// The short escape dump() writes for `c`, or 0 if it writes none.
char ShortEscape(unsigned char c) {
  switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    default: return 0;
  }
}

// The first position from `i` on whose byte is not plain: a control byte, '"', '\\' or a byte of
// 0x80 or more; text.size() if there is none. Eight bytes a step, as one 64-bit word: the strings
// of a change are nearly all plain ASCII, and every pushed change is scanned several times.
size_t SkipPlain(std::string_view text, size_t i) {
  constexpr uint64_t kOnes = 0x0101010101010101, kHighBits = 0x8080808080808080;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    const uint64_t quote = word ^ (kOnes * '"'), backslash = word ^ (kOnes * '\\');
    // Per byte, the high bit of (x - n) & ~x is set where x < n (the high bit of x clear):
    // below 0x20, or equal to '"' or '\\' once XORed with it. A high byte sets its own.
    const uint64_t special = ((word - kOnes * 0x20) & ~word) | ((quote - kOnes) & ~quote) |
                             ((backslash - kOnes) & ~backslash) | word;
    if (special & kHighBits) break;
  }
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
    ++i;
  }
  return i;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case is not what dump() writes
}

}  // namespace

bool IsUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t n = Utf8Length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool AppendJsonString(std::string& out, std::string_view text) {
  const size_t start = out.size();
  out.push_back('"');
  size_t plain = 0;  // start of the run of bytes copied as they are
  for (size_t i = SkipPlain(text, 0); i < text.size(); i = SkipPlain(text, i)) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t n = Utf8Length(text, i);
      if (n == 0) {
        out.resize(start);
        return false;
      }
      i += n;
      continue;
    }
    out.append(text.data() + plain, i - plain);
    if (const char e = ShortEscape(c)) {
      out.push_back('\\');
      out.push_back(e);
    } else {
      out.append("\\u00");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
    plain = ++i;
  }
  out.append(text.data() + plain, text.size() - plain);
  out.push_back('"');
  return true;
}

size_t ScanString(std::string_view text, size_t pos, bool* escaped) {
  if (pos >= text.size() || text[pos] != '"') return kNotCanonical;
  *escaped = false;
  for (size_t i = SkipPlain(text, pos + 1); i < text.size(); i = SkipPlain(text, i)) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') return i + 1;
    if (c < 0x20) return kNotCanonical;  // a raw control byte is not JSON at all
    if (c >= 0x80) {
      const size_t n = Utf8Length(text, i);
      if (n == 0) return kNotCanonical;
      i += n;
      continue;
    }
    // A backslash: only the escapes dump() writes.
    *escaped = true;
    if (i + 1 >= text.size()) return kNotCanonical;
    const char e = text[i + 1];
    if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
      i += 2;
      continue;
    }
    if (e != 'u' || i + 5 >= text.size() || text[i + 2] != '0' || text[i + 3] != '0')
      return kNotCanonical;
    const int high = HexValue(text[i + 4]), low = HexValue(text[i + 5]);
    if (high < 0 || high > 1 || low < 0) return kNotCanonical;
    if (ShortEscape(static_cast<unsigned char>(high * 16 + low)) != 0) return kNotCanonical;
    i += 6;
  }
  return kNotCanonical;
}

std::string Unescape(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\') {
      out.push_back(raw[i]);
      continue;
    }
    const char e = raw[++i];
    switch (e) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u':
        out.push_back(static_cast<char>(HexValue(raw[i + 3]) * 16 + HexValue(raw[i + 4])));
        i += 4;
        break;
      default: out.push_back(e); break;  // '"' or '\\'
    }
  }
  return out;
}

size_t ScanStringObject(std::string_view text, size_t pos, std::vector<RawMember>* members) {
  if (pos >= text.size() || text[pos] != '{') return kNotCanonical;
  ++pos;
  if (pos < text.size() && text[pos] == '}') return pos + 1;
  std::string_view previous;
  for (bool first = true;; first = false) {
    bool key_escaped = false, value_escaped = false;
    const size_t key_end = ScanString(text, pos, &key_escaped);
    if (key_end == kNotCanonical || key_escaped) return kNotCanonical;
    const std::string_view key = text.substr(pos + 1, key_end - pos - 2);
    if (!first && !(previous < key)) return kNotCanonical;  // unsorted or repeated
    if (key_end >= text.size() || text[key_end] != ':') return kNotCanonical;
    const size_t value_end = ScanString(text, key_end + 1, &value_escaped);
    if (value_end == kNotCanonical) return kNotCanonical;
    if (members != nullptr)
      members->push_back({key, text.substr(key_end + 2, value_end - key_end - 3), value_escaped});
    previous = key;
    if (value_end >= text.size()) return kNotCanonical;
    if (text[value_end] == '}') return value_end + 1;
    if (text[value_end] != ',') return kNotCanonical;
    pos = value_end + 1;
  }
}

bool IsCanonicalStringObject(std::string_view text) {
  return ScanStringObject(text, 0, nullptr) == text.size();
}

bool AppendCanonicalChange(std::string& out, const Change& c, bool server_fields) {
  const std::string_view base = c.base.empty() ? std::string_view("{}") : std::string_view(c.base);
  if (!IsCanonicalStringObject(c.fields) || !IsCanonicalStringObject(base)) return false;
  const size_t start = out.size();
  auto text = [&](const char* key, std::string_view value) {
    out.append(key);
    return AppendJsonString(out, value);
  };
  bool ok = text("{\"author\":", c.author);
  out.append(",\"base\":").append(base);
  ok = ok && text(",\"captured_at\":", c.captured_at) && text(",\"device_id\":", c.device_id);
  out.append(",\"device_seq\":").append(std::to_string(c.device_seq));
  out.append(",\"fields\":").append(c.fields);
  ok = ok && text(",\"hlc\":", c.hlc) && text(",\"participant_id\":", c.participant_id) &&
       text(",\"prev_hash\":", c.prev_hash);
  if (server_fields) ok = ok && text(",\"received_at\":", c.received_at);
  ok = ok && text(",\"record_id\":", c.record_id) && text(",\"record_type\":", c.record_type);
  if (server_fields) out.append(",\"server_seq\":").append(std::to_string(c.server_seq));
  out.push_back('}');
  if (!ok) out.resize(start);
  return ok;
}

bool StringObject::Read(std::string_view text) {
  members_.clear();
  owned_.clear();
  // Read for every change the server is sent: the scan's list is kept from call to call, where a
  // new one would cost an allocation each time; the list of an object far larger than any record
  // type's fields is not kept.
  constexpr size_t kKeptMembers = 64;
  thread_local std::vector<RawMember> raw;
  raw.clear();
  const bool canonical = ScanStringObject(text, 0, &raw) == text.size();
  if (canonical) {
    size_t escaped = 0;
    for (const RawMember& m : raw) escaped += m.escaped ? 1 : 0;
    owned_.reserve(escaped);  // no reallocation below: the views into owned_ stay valid
    members_.reserve(raw.size());
    for (const RawMember& m : raw) {
      if (m.escaped) owned_.push_back(Unescape(m.raw));
      members_.push_back({m.key, m.escaped ? std::string_view(owned_.back()) : m.raw});
    }
  }
  if (raw.capacity() > kKeptMembers) raw = std::vector<RawMember>();
  if (canonical) return true;
  // Anything else (spaces, unsorted keys, other escapes, not JSON at all): nlohmann decides.
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return false;
  owned_.reserve(2 * parsed.size());
  members_.reserve(parsed.size());
  for (auto it = parsed.begin(); it != parsed.end(); ++it) {
    if (!it->is_string()) {
      members_.clear();
      owned_.clear();
      return false;
    }
    owned_.push_back(it.key());
    const std::string_view key = owned_.back();
    owned_.push_back(it->get<std::string>());
    members_.push_back({key, owned_.back()});
  }
  return true;
}

bool StringObject::contains(std::string_view key) const {
  for (const Member& m : members_)
    if (m.key == key) return true;
  return false;
}

std::string_view StringObject::Get(std::string_view key) const {
  for (const Member& m : members_)
    if (m.key == key) return m.value;
  return {};
}

}  // namespace outpost::sync::internal
