// Message grammar (protocol version 2). All objects are closed: no other keys are accepted.
//
//   change        := {"author": s, "base": {s: s, ...}, "captured_at": s, "device_id": s,
//                     "device_seq": i, "fields": {s: s, ...}, "hlc": s, "participant_id": s,
//                     "prev_hash": s, "received_at": s, "record_id": s, "record_type": s,
//                     "server_seq": i}
//   receipt       := {"change_id": s, "hash": s}
//   sign_in_req   := {"device_id": s, "password": s, "protocol": 2, "username": s}
//   sign_in_resp  := {"display_name": s, "expires_at": s, "protocol": 2, "role": s,
//                     "server_time": s, "token": s, "username": s}
//   push_req      := {"changes": [change...], "device_id": s, "protocol": 2, "sent_at": s}
//   push_resp     := {"already_known": [receipt...], "applied": [receipt...],
//                     "clock_flagged": b, "problem": s, "protocol": 2, "received_at": s,
//                     "rejected": [{"change_id": s, "reason": s, "where": s}...],
//                     "resend_from": i, "unknown_device": b}
//   pull_resp     := {"backfill_after": i, "backfilling": [s...], "changes": [change...],
//                     "holding": [s...], "more": b,
//                     "next_cursor": i, "protocol": 2, "removed_participants": [s...]}
//   error         := {"error": {"code": s, "message": s, "where": s}}
// s: string, i: integer, b: boolean. In a pushed change, received_at and server_seq are ignored
// (the server sets them) and may be "" and 0.
#include "shared/sync/codec.h"

#include <initializer_list>
#include <nlohmann/json.hpp>

#include "shared/sync/codec_internal.h"
#include "shared/sync/json_text_internal.h"

namespace outpost::sync {

namespace {

using nlohmann::json;

// Reads fields of one JSON object, remembering the first problem and its location.
class Reader {
 public:
  Reader(const json& object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object_.is_object()) Fail("", "must be a JSON object");
  }

  void Allow(std::initializer_list<const char*> keys) {
    if (!status_.ok() || !object_.is_object()) return;
    // Usually every key is known: one lookup per allowed key shows it (object keys are unique).
    size_t known_keys = 0;
    for (const char* k : keys) known_keys += object_.contains(k) ? 1 : 0;
    if (known_keys == object_.size()) return;
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      bool known = false;
      for (const char* k : keys) known = known || it.key() == k;
      if (!known) return Fail(it.key(), "is not a known field");
    }
  }

  std::string String(const char* key) {
    const json* v = Find(key, "a string", &json::is_string);
    return v ? v->get<std::string>() : std::string();
  }
  int64_t Integer(const char* key) {
    const json* v = Find(key, "an integer", &json::is_number_integer);
    return v ? v->get<int64_t>() : 0;
  }
  bool Boolean(const char* key) {
    const json* v = Find(key, "true or false", &json::is_boolean);
    return v ? v->get<bool>() : false;
  }
  const json* Array(const char* key) { return Find(key, "an array", &json::is_array); }
  const json* Object(const char* key) { return Find(key, "an object", &json::is_object); }

  void Protocol() {
    int64_t version = Integer("protocol");
    if (status_.ok() && version != kProtocolVersion)
      Fail("protocol", "version " + std::to_string(version) + " is not supported; this side speaks " +
                           std::to_string(kProtocolVersion));
  }

  void Fail(const std::string& key, const std::string& what) {
    if (!status_.ok()) return;
    std::string where = where_;
    if (!key.empty()) where += (where.empty() ? "" : ".") + key;
    status_ = Status::InvalidArgument(where.empty() ? "body" : where, what);
  }
  void Absorb(const Status& inner) {
    if (status_.ok() && !inner.ok()) status_ = inner;
  }

  const Status& status() const { return status_; }
  const std::string& where() const { return where_; }

 private:
  const json* Find(const char* key, const char* kind, bool (json::*test)() const noexcept) {
    if (!status_.ok()) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end()) {
      Fail(key, "is missing");
      return nullptr;
    }
    if (!((*it).*test)()) {
      Fail(key, std::string("must be ") + kind);
      return nullptr;
    }
    return &*it;
  }

  const json& object_;
  std::string where_;
  Status status_;
};

// Messages nest four deep at most ({"changes": [{"fields": {...}}]}). Deeper text is refused
// before it is parsed: nlohmann parses iteratively, but dump() and comparisons recurse, and a
// push whose "fields" held 100,000 nested arrays overflowed the server's stack (issue 5).
constexpr int kMaxNesting = 16;

bool NestedTooDeep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped character cannot end the string
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

StatusOr<json> Parse(std::string_view text) {
  if (NestedTooDeep(text))
    return Status::InvalidArgument(
        "body", "nests objects and arrays more than " + std::to_string(kMaxNesting) + " deep");
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::InvalidArgument("body", "is not valid JSON");
  return parsed;
}


// Reads a message in exactly the form Encode writes it, front to back, without a DOM. Every
// method returns false at the first byte that is not what that form has there; the caller then
// gives the text to the general path (codec_internal.h).
class CanonicalReader {
 public:
  explicit CanonicalReader(std::string_view text) : text_(text) {}

  bool Char(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  // `"key":`, after a comma unless it opens its object.
  bool Key(std::string_view key, bool first = false) {
    if (!first && !Char(',')) return false;
    if (text_.compare(pos_, 1, "\"") != 0 || text_.compare(pos_ + 1, key.size(), key) != 0 ||
        text_.compare(pos_ + 1 + key.size(), 2, "\":") != 0)
      return false;
    pos_ += key.size() + 3;
    return true;
  }
  bool String(std::string* out) {
    bool escaped = false;
    const size_t end = internal::ScanString(text_, pos_, &escaped);
    if (end == internal::kNotCanonical) return false;
    const std::string_view raw = text_.substr(pos_ + 1, end - pos_ - 2);
    // Assigned rather than replaced, so that a string reused from an earlier message keeps its
    // buffer (DecodePushRequestInto).
    if (escaped)
      *out = internal::Unescape(raw);
    else
      out->assign(raw);
    pos_ = end;
    return true;
  }
  // -?[1-9][0-9]{0,17} or 0: always an int64, read the same by nlohmann.
  bool Integer(int64_t* out) {
    const bool negative = Char('-');
    size_t digits = 0;
    while (pos_ + digits < text_.size() && text_[pos_ + digits] >= '0' && text_[pos_ + digits] <= '9')
      ++digits;
    if (digits == 0 || digits > 18 || (text_[pos_] == '0' && (digits > 1 || negative))) return false;
    // Counted first and read only when short enough: 18 digits always fit, more would overflow.
    int64_t value = 0;
    for (size_t i = 0; i < digits; ++i) value = value * 10 + (text_[pos_ + i] - '0');
    pos_ += digits;
    *out = negative ? -value : value;
    return true;
  }
  bool Boolean(bool* out) {
    for (bool value : {true, false}) {
      const std::string_view word = value ? "true" : "false";
      if (text_.compare(pos_, word.size(), word) == 0) {
        pos_ += word.size();
        *out = value;
        return true;
      }
    }
    return false;
  }
  // A canonical object of strings, kept as its text.
  bool StringObject(std::string* out) {
    const size_t end = internal::ScanStringObject(text_, pos_, nullptr);
    if (end == internal::kNotCanonical) return false;
    out->assign(text_.substr(pos_, end - pos_));
    pos_ = end;
    return true;
  }
  // `[item,...]`, each read by `read_item` into the next element of `out`: the elements `out`
  // already has are overwritten (each reader sets every member), then new ones are added, and
  // any left over are dropped.
  template <typename T, typename Read>
  bool List(std::vector<T>* out, Read read_item) {
    if (!Char('[')) return false;
    size_t count = 0;
    if (!Char(']')) {
      do {
        if (count == out->size()) out->emplace_back();
        if (!read_item(&(*out)[count++])) return false;
      } while (Char(','));
      if (!Char(']')) return false;
    }
    out->resize(count);
    return true;
  }
  bool Strings(std::vector<std::string>* out) {
    return List(out, [this](std::string* s) { return String(s); });
  }
  bool Change(sync::Change* c) {
    return Char('{') && Key("author", true) && String(&c->author) && Key("base") &&
           StringObject(&c->base) && Key("captured_at") && String(&c->captured_at) &&
           Key("device_id") && String(&c->device_id) && Key("device_seq") &&
           Integer(&c->device_seq) && Key("fields") && StringObject(&c->fields) && Key("hlc") &&
           String(&c->hlc) && Key("participant_id") && String(&c->participant_id) &&
           Key("prev_hash") && String(&c->prev_hash) && Key("received_at") &&
           String(&c->received_at) && Key("record_id") && String(&c->record_id) &&
           Key("record_type") && String(&c->record_type) && Key("server_seq") &&
           Integer(&c->server_seq) && Char('}');
  }
  bool Changes(std::vector<sync::Change>* out) {
    // Each change opens with {"author": (no string can hold that text unescaped): counting them
    // sizes the list once, where growing it would move every change read so far at each doubling.
    // A count inflated by hostile text only reserves more, and is capped.
    constexpr std::string_view kOpening = "{\"author\":";
    size_t count = 0;
    for (size_t at = text_.find(kOpening, pos_);
         at != std::string_view::npos && count <= static_cast<size_t>(kMaxChangesPerPull);
         at = text_.find(kOpening, at + kOpening.size()))
      ++count;
    out->reserve(count);
    return List(out, [this](sync::Change* c) { return Change(c); });
  }
  bool Protocol() {
    int64_t version = 0;
    return Integer(&version) && version == kProtocolVersion;
  }
  bool AtEnd() const { return pos_ == text_.size(); }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Appends each change as EncodeChange writes it, between brackets.
void AppendChanges(std::string& out, const std::vector<Change>& changes);

}  // namespace

namespace internal {

bool DecodeCanonicalPushRequestInto(std::string_view text, PushRequest* m) {
  CanonicalReader r(text);
  m->protocol = kProtocolVersion;
  return r.Char('{') && r.Key("changes", true) && r.Changes(&m->changes) && r.Key("device_id") &&
         r.String(&m->device_id) && r.Key("protocol") && r.Protocol() && r.Key("sent_at") &&
         r.String(&m->sent_at) && r.Char('}') && r.AtEnd() &&
         m->changes.size() <= static_cast<size_t>(kMaxChangesPerPush);
}

std::optional<PushRequest> DecodeCanonicalPushRequest(std::string_view text) {
  PushRequest m;
  if (!DecodeCanonicalPushRequestInto(text, &m)) return std::nullopt;
  return m;
}

std::optional<PullResponse> DecodeCanonicalPullResponse(std::string_view text) {
  CanonicalReader r(text);
  PullResponse m;
  if (!(r.Char('{') && r.Key("backfill_after", true) && r.Integer(&m.backfill_after) &&
        r.Key("backfilling") && r.Strings(&m.backfilling) && r.Key("changes") &&
        r.Changes(&m.changes) && r.Key("holding") && r.Strings(&m.holding) && r.Key("more") &&
        r.Boolean(&m.more) && r.Key("next_cursor") && r.Integer(&m.next_cursor) &&
        r.Key("protocol") && r.Protocol() && r.Key("removed_participants") &&
        r.Strings(&m.removed_participants) && r.Char('}') && r.AtEnd()))
    return std::nullopt;
  return m;
}

}  // namespace internal

namespace {

std::string Join(const std::string& a, const std::string& b) { return a.empty() ? b : a + "." + b; }

json ObjectOrEmpty(const std::string& text) {
  json parsed = json::parse(text.empty() ? "{}" : text, nullptr, false);
  return parsed.is_discarded() || !parsed.is_object() ? json::object() : parsed;
}

json ChangeToJson(const Change& c) {
  return json{{"author", c.author},
              {"base", ObjectOrEmpty(c.base)},
              {"captured_at", c.captured_at},
              {"device_id", c.device_id},
              {"device_seq", c.device_seq},
              {"fields", ObjectOrEmpty(c.fields)},
              {"hlc", c.hlc},
              {"participant_id", c.participant_id},
              {"prev_hash", c.prev_hash},
              {"received_at", c.received_at},
              {"record_id", c.record_id},
              {"record_type", c.record_type},
              {"server_seq", c.server_seq}};
}

void AppendChanges(std::string& out, const std::vector<Change>& changes) {
  out.push_back('[');
  for (size_t i = 0; i < changes.size(); ++i) {
    if (i > 0) out.push_back(',');
    if (!internal::AppendCanonicalChange(out, changes[i], /*server_fields=*/true))
      out.append(ChangeToJson(changes[i]).dump());
  }
  out.push_back(']');
}

// Appends `strings` as a JSON array; false (with `out` in any state) if one is not UTF-8.
bool AppendStrings(std::string& out, const std::vector<std::string>& strings) {
  out.push_back('[');
  for (size_t i = 0; i < strings.size(); ++i) {
    if (i > 0) out.push_back(',');
    if (!internal::AppendJsonString(out, strings[i])) return false;
  }
  out.push_back(']');
  return true;
}

// A JSON object of strings, as canonical text; a non-string value is a problem for `r`.
std::string StringObject(Reader& r, const char* key) {
  const json* object = r.Object(key);
  if (!object) return "{}";
  for (auto it = object->begin(); it != object->end(); ++it)
    if (!it.value().is_string()) r.Fail(std::string(key) + "." + it.key(), "must be a string");
  return object->dump();
}

json ReceiptsToJson(const std::vector<Receipt>& receipts) {
  json out = json::array();
  for (const Receipt& r : receipts) out.push_back({{"change_id", r.change_id}, {"hash", r.hash}});
  return out;
}

Change ChangeFromJson(const json& j, const std::string& where, Reader& outer) {
  Reader r(j, where);
  r.Allow({"author", "base", "captured_at", "device_id", "device_seq", "fields", "hlc",
           "participant_id", "prev_hash", "received_at", "record_id", "record_type", "server_seq"});
  Change c;
  c.author = r.String("author");
  c.base = StringObject(r, "base");
  c.captured_at = r.String("captured_at");
  c.device_id = r.String("device_id");
  c.device_seq = r.Integer("device_seq");
  c.fields = StringObject(r, "fields");
  c.hlc = r.String("hlc");
  c.prev_hash = r.String("prev_hash");
  c.participant_id = r.String("participant_id");
  c.received_at = r.String("received_at");
  c.record_id = r.String("record_id");
  c.record_type = r.String("record_type");
  c.server_seq = r.Integer("server_seq");
  outer.Absorb(r.status());
  return c;
}

std::vector<Change> ChangesFromJson(Reader& r, const char* key) {
  std::vector<Change> out;
  const json* array = r.Array(key);
  if (!array) return out;
  out.reserve(array->size());
  for (size_t i = 0; i < array->size() && r.status().ok(); ++i)
    out.push_back(ChangeFromJson((*array)[i], Join(r.where(), std::string(key) + "[" +
                                                                  std::to_string(i) + "]"),
                                 r));
  return out;
}

std::vector<Receipt> ReceiptsFromJson(Reader& r, const char* key) {
  std::vector<Receipt> out;
  const json* array = r.Array(key);
  if (!array) return out;
  for (size_t i = 0; i < array->size(); ++i) {
    Reader item((*array)[i], Join(r.where(), std::string(key) + "[" + std::to_string(i) + "]"));
    item.Allow({"change_id", "hash"});
    Receipt receipt{item.String("change_id"), item.String("hash")};
    r.Absorb(item.status());
    out.push_back(std::move(receipt));
  }
  return out;
}

std::vector<std::string> StringsFromJson(Reader& r, const char* key) {
  std::vector<std::string> out;
  const json* array = r.Array(key);
  if (!array) return out;
  for (size_t i = 0; i < array->size(); ++i) {
    if (!(*array)[i].is_string()) {
      r.Fail(std::string(key) + "[" + std::to_string(i) + "]", "must be a string");
      break;
    }
    out.push_back((*array)[i].get<std::string>());
  }
  return out;
}

}  // namespace

std::string EncodeChange(const Change& change) {
  std::string out;
  if (internal::AppendCanonicalChange(out, change, /*server_fields=*/true)) return out;
  return ChangeToJson(change).dump();
}

std::string Encode(const SignInRequest& m) {
  return json{{"device_id", m.device_id}, {"password", m.password}, {"protocol", m.protocol},
              {"username", m.username}}
      .dump();
}

std::string Encode(const SignInResponse& m) {
  json j{{"display_name", m.display_name}, {"expires_at", m.expires_at},
         {"protocol", m.protocol},         {"role", m.role},
         {"server_time", m.server_time},   {"token", m.token},
         {"username", m.username}};
  // Optional fields are left out when unset, so older servers' answers stay byte-identical.
  if (m.lock_after_days > 0) j["lock_after_days"] = m.lock_after_days;
  if (m.erase_after_days > 0) j["erase_after_days"] = m.erase_after_days;
  return j.dump();
}

std::string Encode(const PushRequest& m) {
  // The same bytes as the DOM below, written directly: the changes are most of them.
  std::string out = "{\"changes\":";
  AppendChanges(out, m.changes);
  out.append(",\"device_id\":");
  if (internal::AppendJsonString(out, m.device_id)) {
    out.append(",\"protocol\":").append(std::to_string(m.protocol)).append(",\"sent_at\":");
    if (internal::AppendJsonString(out, m.sent_at)) {
      out.push_back('}');
      return out;
    }
  }
  json changes = json::array();
  for (const Change& c : m.changes) changes.push_back(ChangeToJson(c));
  return json{{"changes", changes},
              {"device_id", m.device_id},
              {"protocol", m.protocol},
              {"sent_at", m.sent_at}}
      .dump();
}

// Receipts as ReceiptsToJson(...).dump() writes them; false if a string is not UTF-8.
bool AppendReceipts(std::string& out, const std::vector<Receipt>& receipts) {
  out.push_back('[');
  for (size_t i = 0; i < receipts.size(); ++i) {
    out.append(i > 0 ? ",{\"change_id\":" : "{\"change_id\":");
    if (!internal::AppendJsonString(out, receipts[i].change_id)) return false;
    out.append(",\"hash\":");
    if (!internal::AppendJsonString(out, receipts[i].hash)) return false;
    out.push_back('}');
  }
  out.push_back(']');
  return true;
}

std::string Encode(const PushResponse& m) {
  // The same bytes as the DOM below, written directly: a receipt per change is most of them.
  std::string out = "{\"already_known\":";
  out.reserve(96 * (m.applied.size() + m.already_known.size()) + 256);
  if (AppendReceipts(out, m.already_known)) {
    out.append(",\"applied\":");
    if (AppendReceipts(out, m.applied)) {
      out.append(",\"clock_flagged\":").append(m.clock_flagged ? "true" : "false");
      out.append(",\"problem\":");
      if (internal::AppendJsonString(out, m.problem)) {
        out.append(",\"protocol\":").append(std::to_string(m.protocol));
        out.append(",\"received_at\":");
        if (internal::AppendJsonString(out, m.received_at)) {
          out.append(",\"rejected\":[");
          bool written = true;
          for (size_t i = 0; written && i < m.rejected.size(); ++i) {
            const RejectedChange& r = m.rejected[i];
            out.append(i > 0 ? ",{\"change_id\":" : "{\"change_id\":");
            written = internal::AppendJsonString(out, r.change_id);
            out.append(",\"reason\":");
            written = written && internal::AppendJsonString(out, r.reason);
            out.append(",\"where\":");
            written = written && internal::AppendJsonString(out, r.where);
            out.push_back('}');
          }
          if (written) {
            out.append("],\"resend_from\":").append(std::to_string(m.resend_from));
            out.append(",\"unknown_device\":").append(m.unknown_device ? "true" : "false");
            out.push_back('}');
            return out;
          }
        }
      }
    }
  }
  json rejected = json::array();
  for (const RejectedChange& r : m.rejected)
    rejected.push_back({{"change_id", r.change_id}, {"reason", r.reason}, {"where", r.where}});
  return json{{"already_known", ReceiptsToJson(m.already_known)},
              {"applied", ReceiptsToJson(m.applied)},
              {"clock_flagged", m.clock_flagged},
              {"problem", m.problem},
              {"protocol", m.protocol},
              {"received_at", m.received_at},
              {"rejected", rejected},
              {"resend_from", m.resend_from},
              {"unknown_device", m.unknown_device}}
      .dump();
}

std::string Encode(const PullResponse& m) {
  // The same bytes as the DOM below, written directly: the changes are most of them.
  std::string out = "{\"backfill_after\":" + std::to_string(m.backfill_after) + ",\"backfilling\":";
  if (AppendStrings(out, m.backfilling)) {
    out.append(",\"changes\":");
    AppendChanges(out, m.changes);
    out.append(",\"holding\":");
    if (AppendStrings(out, m.holding)) {
      out.append(",\"more\":").append(m.more ? "true" : "false");
      out.append(",\"next_cursor\":").append(std::to_string(m.next_cursor));
      out.append(",\"protocol\":").append(std::to_string(m.protocol));
      out.append(",\"removed_participants\":");
      if (AppendStrings(out, m.removed_participants)) {
        out.push_back('}');
        return out;
      }
    }
  }
  json changes = json::array();
  for (const Change& c : m.changes) changes.push_back(ChangeToJson(c));
  return json{{"backfill_after", m.backfill_after},
              {"backfilling", m.backfilling},
              {"changes", changes},
              {"holding", m.holding},
              {"more", m.more},
              {"next_cursor", m.next_cursor},
              {"protocol", m.protocol},
              {"removed_participants", m.removed_participants}}
      .dump();
}

std::string Encode(const ErrorBody& m) {
  return json{{"error", {{"code", m.code}, {"message", m.message}, {"where", m.where}}}}.dump();
}

ErrorBody ErrorBodyFor(const Status& status) {
  return ErrorBody{std::string(CodeName(status.code())), status.where(), status.what()};
}

StatusOr<SignInRequest> DecodeSignInRequest(std::string_view text) {
  OUTPOST_ASSIGN_OR_RETURN(json j, Parse(text));
  Reader r(j, "");
  r.Allow({"device_id", "password", "protocol", "username"});
  r.Protocol();
  SignInRequest m;
  m.device_id = r.String("device_id");
  m.password = r.String("password");
  m.username = r.String("username");
  if (!r.status().ok()) return r.status();
  return m;
}

StatusOr<SignInResponse> DecodeSignInResponse(std::string_view text) {
  OUTPOST_ASSIGN_OR_RETURN(json j, Parse(text));
  Reader r(j, "");
  r.Allow({"display_name", "erase_after_days", "expires_at", "lock_after_days", "protocol", "role",
           "server_time", "token", "username"});
  r.Protocol();
  SignInResponse m;
  auto days = [&](const char* key) {  // optional; ten years is far beyond any sane setting
    if (!j.contains(key)) return 0;
    int64_t value = r.Integer(key);
    if (value < 0 || value > 3650) r.Fail(key, "must be 0 to 3650 days");
    return static_cast<int>(value);
  };
  m.lock_after_days = days("lock_after_days");
  m.erase_after_days = days("erase_after_days");
  m.display_name = r.String("display_name");
  m.expires_at = r.String("expires_at");
  m.role = r.String("role");
  m.server_time = r.String("server_time");
  m.token = r.String("token");
  m.username = r.String("username");
  if (!r.status().ok()) return r.status();
  return m;
}

StatusOr<PushRequest> DecodePushRequest(std::string_view text) {
  if (auto fast = internal::DecodeCanonicalPushRequest(text)) return std::move(*fast);
  return internal::DecodePushRequestGeneral(text);
}

Status DecodePushRequestInto(std::string_view text, PushRequest* into) {
  if (internal::DecodeCanonicalPushRequestInto(text, into)) return Status::Ok();
  OUTPOST_ASSIGN_OR_RETURN(*into, internal::DecodePushRequestGeneral(text));
  return Status::Ok();
}

StatusOr<PushRequest> internal::DecodePushRequestGeneral(std::string_view text) {
  OUTPOST_ASSIGN_OR_RETURN(json j, Parse(text));
  Reader r(j, "");
  r.Allow({"changes", "device_id", "protocol", "sent_at"});
  r.Protocol();
  PushRequest m;
  m.device_id = r.String("device_id");
  m.sent_at = r.String("sent_at");
  m.changes = ChangesFromJson(r, "changes");
  if (r.status().ok() && m.changes.size() > static_cast<size_t>(kMaxChangesPerPush))
    r.Fail("changes", "holds more than " + std::to_string(kMaxChangesPerPush) + " changes");
  if (!r.status().ok()) return r.status();
  return m;
}

StatusOr<PushResponse> DecodePushResponse(std::string_view text) {
  OUTPOST_ASSIGN_OR_RETURN(json j, Parse(text));
  Reader r(j, "");
  r.Allow({"already_known", "applied", "clock_flagged", "problem", "protocol", "received_at",
           "rejected", "resend_from", "unknown_device"});
  r.Protocol();
  PushResponse m;
  m.already_known = ReceiptsFromJson(r, "already_known");
  m.applied = ReceiptsFromJson(r, "applied");
  m.clock_flagged = r.Boolean("clock_flagged");
  m.problem = r.String("problem");
  m.received_at = r.String("received_at");
  m.resend_from = r.Integer("resend_from");
  m.unknown_device = r.Boolean("unknown_device");
  if (const json* rejected = r.Array("rejected")) {
    for (size_t i = 0; i < rejected->size(); ++i) {
      Reader item((*rejected)[i], "rejected[" + std::to_string(i) + "]");
      item.Allow({"change_id", "reason", "where"});
      RejectedChange rc{item.String("change_id"), item.String("where"), item.String("reason")};
      r.Absorb(item.status());
      m.rejected.push_back(std::move(rc));
    }
  }
  if (!r.status().ok()) return r.status();
  return m;
}

StatusOr<PullResponse> DecodePullResponse(std::string_view text) {
  if (auto fast = internal::DecodeCanonicalPullResponse(text)) return std::move(*fast);
  return internal::DecodePullResponseGeneral(text);
}

StatusOr<PullResponse> internal::DecodePullResponseGeneral(std::string_view text) {
  OUTPOST_ASSIGN_OR_RETURN(json j, Parse(text));
  Reader r(j, "");
  r.Allow({"backfill_after", "backfilling", "changes", "holding", "more", "next_cursor",
           "protocol", "removed_participants"});
  r.Protocol();
  PullResponse m;
  m.backfill_after = r.Integer("backfill_after");
  m.changes = ChangesFromJson(r, "changes");
  m.more = r.Boolean("more");
  m.next_cursor = r.Integer("next_cursor");
  m.removed_participants = StringsFromJson(r, "removed_participants");
  m.holding = StringsFromJson(r, "holding");
  m.backfilling = StringsFromJson(r, "backfilling");
  if (!r.status().ok()) return r.status();
  return m;
}

StatusOr<ErrorBody> DecodeErrorBody(std::string_view text) {
  OUTPOST_ASSIGN_OR_RETURN(json j, Parse(text));
  Reader outer(j, "");
  outer.Allow({"error"});
  const json* inner = outer.Object("error");
  if (!outer.status().ok()) return outer.status();
  Reader r(*inner, "error");
  r.Allow({"code", "message", "where"});
  ErrorBody m{r.String("code"), r.String("where"), r.String("message")};
  if (!r.status().ok()) return r.status();
  return m;
}

}  // namespace outpost::sync
