// Hostile input (issue 5): every request that a correct client never sends is refused with a 4xx
// JSON error that names the problem, and nothing is written. The requests are generated: every
// field of a push replaced by SQL metacharacters, given a wrong JSON type, joined by unknown
// fields, filled with invalid UTF-8 or with strings over the limits; bodies over the size limit or
// nested without end; replayed, expired, revoked and other people's tokens; changes for someone
// else's participant, forged authors, clocks years off, a protocol from the future. The central
// store's files are hashed before the first request and after the last, and must not differ by a
// byte; a dump of every table says which table changed if they do.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "shared/base/sha256.h"
#include "shared/base/utc_time.h"
#include "shared/sync/codec.h"
#include "tests/support/server_fixture.h"

using namespace outpost;
using nlohmann::json;
using outpost::testing::kGraceId;
using outpost::testing::kLeahId;
using outpost::testing::ServerFixture;
using outpost::testing::TestDevice;

namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One request a correct client never sends.
struct Hostile {
  std::string label;         // what is wrong with it, shown when a check fails
  std::string method;        // GET or POST
  std::string path;
  std::string body;
  std::string token;         // sent as a bearer token unless empty
  std::string where;         // the `where` the error must name; empty: any, but not empty
  bool raw = false;          // `body` is the whole HTTP request, sent as it is (RawExchange)
};

struct RawResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

// Sends `request` as it is over TLS and reads the answer, for requests httplib's client will not
// make (a chunked body, no Content-Length). Bounded: a 10 s socket timeout and 2,000 reads.
RawResponse RawExchange(int port, const std::string& request) {
  RawResponse out;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  SSL* ssl = nullptr;
  std::string text;
  if (ctx != nullptr && fd >= 0 &&
      connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) == 1 &&
        SSL_write(ssl, request.data(), static_cast<int>(request.size())) > 0) {
      char buffer[4096];
      for (int reads = 0; reads < 2000; ++reads) {
        const int n = SSL_read(ssl, buffer, sizeof buffer);
        if (n <= 0) break;
        text.append(buffer, static_cast<size_t>(n));
        const size_t end = text.find("\r\n\r\n");
        const size_t length = text.find("Content-Length: ");
        if (end != std::string::npos && length != std::string::npos && length < end &&
            text.size() >= end + 4 + std::stoul(text.substr(length + 16)))
          break;
      }
    }
  }
  if (ssl != nullptr) SSL_free(ssl);
  if (fd >= 0) close(fd);
  if (ctx != nullptr) SSL_CTX_free(ctx);
  if (text.rfind("HTTP/1.1 ", 0) == 0) out.status = std::atoi(text.c_str() + 9);
  const size_t type = text.find("Content-Type: ");
  const size_t end = text.find("\r\n\r\n");
  if (type != std::string::npos && type < end)
    out.content_type = text.substr(type + 14, text.find("\r\n", type) - type - 14);
  if (end != std::string::npos) out.body = text.substr(end + 4);
  return out;
}

// The central store as files (hashes of the database and its write-ahead log) and as rows.
struct Snapshot {
  std::string db_sha;
  std::string wal_sha;  // empty when there is no -wal file
  std::map<std::string, std::vector<std::string>> tables;
};

std::string FileSha(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return Sha256Hex(bytes.str());
}

Snapshot Take(ServerFixture& f) {
  Snapshot s;
  const std::string path = server::CentralStorePath(f.data_dir());
  s.db_sha = FileSha(path);
  s.wal_sha = FileSha(path + "-wal");
  REQUIRE(f.server().WithDatabase([&](store::Database& db) -> Status {
    OUTPOST_ASSIGN_OR_RETURN(store::Statement names,
                             db.Prepare("SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "ORDER BY name"));
    std::vector<std::string> tables;
    while (true) {
      OUTPOST_ASSIGN_OR_RETURN(bool row, names.Step());
      if (!row) break;
      tables.push_back(names.ColumnText(0));
    }
    for (const std::string& table : tables) {
      OUTPOST_ASSIGN_OR_RETURN(store::Statement columns,
                               db.Prepare("SELECT name FROM pragma_table_info(?)"));
      columns.Bind(1, table);
      std::string row_text = "''";
      while (true) {
        OUTPOST_ASSIGN_OR_RETURN(bool row, columns.Step());
        if (!row) break;
        row_text += " || '|' || quote(\"" + columns.ColumnText(0) + "\")";
      }
      OUTPOST_ASSIGN_OR_RETURN(store::Statement rows,
                               db.Prepare("SELECT " + row_text + " FROM \"" + table + "\""));
      std::vector<std::string>& out = s.tables[table];
      while (true) {
        OUTPOST_ASSIGN_OR_RETURN(bool row, rows.Step());
        if (!row) break;
        out.push_back(rows.ColumnText(0));
      }
    }
    return Status::Ok();
  }).ok());
  return s;
}

// Strings that would change the statement if any of them reached SQL as text. Each is valid
// JSON text once escaped; "\0" becomes an escaped NUL.
const std::vector<std::string> kSqlPayloads = {
    "'; DROP TABLE changes; --",
    "\" OR 1=1 --",
    "' OR '1'='1",
    std::string("a\0b", 3),
    "1; DELETE FROM users",
    "') UNION SELECT token_hash, username FROM sessions --",
    "%' --",
    "\\'; UPDATE users SET role = 'supervisor'; --",
    "Robert'); DROP TABLE participants;--",
    "*/ ATTACH DATABASE 'x.db' AS x; /*",
};

// Byte sequences that are not UTF-8 (RFC 3629): a bad continuation, a byte never used, a
// surrogate, an overlong slash, a truncated sequence, a five-byte form, a lone continuation.
const std::vector<std::string> kBadUtf8 = {"\xC3\x28", "\xFF", "\xED\xA0\x80", "\xC0\xAF",
                                           "\xE2\x82", "\xF8\x88\x80\x80\x80", "\x80"};

// Every JSON type, for replacing a field with the wrong one.
const std::vector<std::pair<std::string, json>> kTypes = {
    {"null", nullptr},         {"boolean", true},          {"fraction", 2.5},
    {"integer", 7},            {"string", "7"},            {"array", json::array({"x"})},
    {"object", json{{"x", "y"}}}};

bool SameKind(const json& a, const json& b) {
  return (a.is_number_integer() && b.is_number_integer()) || a.type() == b.type();
}

// A marker replaced by raw bytes after dump(), which refuses to write invalid UTF-8 itself.
constexpr const char* kMarker = "@@RAW@@";

std::string WithRaw(const json& message, const std::string& raw, bool quoted = false) {
  std::string text = message.dump();
  const std::string marker = quoted ? std::string("\"") + kMarker + "\"" : kMarker;
  const size_t at = text.find(marker);
  REQUIRE(at != std::string::npos);
  return text.replace(at, marker.size(), raw);
}

}  // namespace

TEST_CASE("hostile requests get a 4xx JSON error naming the problem and leave the central store "
          "unchanged byte for byte") {
  ServerFixture f;
  // The state the hostile requests meet: a key worker's device with one change stored, other
  // people's sessions, a replayed session (ended by a password reset), an expired session and a
  // revoked device. All of it is written before the first snapshot.
  const std::string token_a = f.SignIn("amira.khan", "tablet-a");
  const std::string token_replayed = f.SignIn("ben.clarke", "tablet-b-old");
  const std::string token_expired = f.SignIn("amira.khan", "tablet-old");
  const std::string token_revoked = f.SignIn("amira.khan", "tablet-gone");
  REQUIRE(f.server().WithDatabase([&](store::Database& db) -> Status {
    OUTPOST_RETURN_IF_ERROR(server::ResetPassword(db, "ben.clarke", "ben.clarke-pw", 1000));
    OUTPOST_RETURN_IF_ERROR(server::RevokeDevice(db, "tablet-gone", NowMs()));
    return db.Exec("UPDATE sessions SET expires_at = '2020-01-01T00:00:00Z' "
                   "WHERE device_id = 'tablet-old'");
  }).ok());
  const std::string token_b = f.SignIn("ben.clarke", "tablet-b");
  TestDevice tablet("tablet-a");
  {
    sync::PushRequest first{2, "tablet-a", {tablet.Contact(kGraceId, "amira.khan")},
                            FormatUtc(NowMs())};
    auto res = f.Client()->Post("/api/v1/push", {{"Authorization", "Bearer " + token_a}},
                                sync::Encode(first), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  // The change a correct tablet-a would send next: every hostile push is built from it.
  const sync::Change next = tablet.Contact(kGraceId, "amira.khan");
  const sync::Change after_next = tablet.Contact(kGraceId, "amira.khan");
  const json valid_push = json::parse(
      sync::Encode(sync::PushRequest{2, "tablet-a", {next}, FormatUtc(NowMs())}));
  const json valid_change = valid_push["changes"][0];
  const json valid_sign_in = json::parse(sync::Encode(
      sync::SignInRequest{2, "amira.khan", "amira.khan-pw", "tablet-a"}));

  std::vector<Hostile> requests;
  const auto push = [&](std::string label, const json& body, std::string token, std::string where) {
    requests.push_back({std::move(label), "POST", "/api/v1/push", body.dump(), std::move(token),
                        std::move(where)});
  };
  const auto push_raw = [&](std::string label, std::string body, std::string token,
                            std::string where) {
    requests.push_back({std::move(label), "POST", "/api/v1/push", std::move(body),
                        std::move(token), std::move(where)});
  };
  const auto sign_in = [&](std::string label, std::string body, std::string where) {
    requests.push_back({std::move(label), "POST", "/api/v1/session", std::move(body), "",
                        std::move(where)});
  };
  const auto with_change = [&](const json& change) {
    json body = valid_push;
    body["changes"][0] = change;
    return body;
  };

  // 1. Malformed JSON, to push and to sign-in.
  for (const std::string& text :
       {std::string(""), std::string("{"), std::string("}"), std::string("[]"), std::string("null"),
        std::string("42"), std::string("\"push\""), std::string("{\"protocol\":2,}"),
        std::string("{'protocol':2}"), std::string("{\"protocol\":2} trailing"),
        std::string("{\"protocol\":NaN}"), std::string("{/* comment */}"),
        std::string("{\"protocol\":2}{\"protocol\":2}"), std::string("\xEF\xBB\xBF{}x"),
        std::string(100000, '['), std::string(100000, '{')}) {
    push_raw("malformed JSON: " + text.substr(0, 30), text, token_a, "body");
    sign_in("malformed JSON sign-in: " + text.substr(0, 30), text, "body");
  }

  // 2. Every field given every wrong JSON type, at each level.
  for (auto it = valid_push.begin(); it != valid_push.end(); ++it)
    for (const auto& [type, value] : kTypes) {
      if (SameKind(value, it.value())) continue;
      json body = valid_push;
      body[it.key()] = value;
      push("push." + it.key() + " as " + type, body, token_a, it.key());
    }
  for (auto it = valid_change.begin(); it != valid_change.end(); ++it)
    for (const auto& [type, value] : kTypes) {
      if (SameKind(value, it.value())) continue;
      json change = valid_change;
      change[it.key()] = value;
      push("change." + it.key() + " as " + type, with_change(change), token_a,
           "changes[0]." + it.key());
    }
  for (const char* object : {"fields", "base"})
    for (const auto& [type, value] : kTypes) {
      if (value.is_string()) continue;
      json change = valid_change;
      change[object]["notes"] = value;
      push(std::string("change.") + object + ".notes as " + type, with_change(change), token_a,
           std::string("changes[0].") + object + ".notes");
    }
  for (auto it = valid_sign_in.begin(); it != valid_sign_in.end(); ++it)
    for (const auto& [type, value] : kTypes) {
      if (SameKind(value, it.value())) continue;
      json body = valid_sign_in;
      body[it.key()] = value;
      sign_in("sign-in." + it.key() + " as " + type, body.dump(), it.key());
    }

  // 3. Unknown fields at each level (the objects are closed).
  for (const std::string& name : {std::string("extra"), std::string("Protocol"), std::string(""),
                                  std::string("device_id "), std::string("__proto__"),
                                  kSqlPayloads[0]}) {
    json body = valid_push;
    body[name] = "x";
    push("unknown push field '" + name + "'", body, token_a, name.empty() ? "body" : name);
    json change = valid_change;
    change[name] = "x";
    push("unknown change field '" + name + "'", with_change(change), token_a,
         name.empty() ? "changes[0]" : "changes[0]." + name);
    json fields = valid_change;
    fields["fields"][name] = "x";
    push("unknown contact field '" + name + "'", with_change(fields), token_a,
         "changes[0].fields." + name);
    json base = valid_change;
    base["base"][name] = "x";
    push("base for an unwritten field '" + name + "'", with_change(base), token_a,
         "changes[0].base." + name);
    json login = valid_sign_in;
    login[name] = "x";
    sign_in("unknown sign-in field '" + name + "'", login.dump(), name.empty() ? "body" : name);
  }

  // 4. SQL metacharacters in every string field. Where the value alone is refused, nothing else
  // is wrong; where the field is free text (or refused only later), the request also carries
  // one fault that is checked first, in turn: a future protocol, no token, an expired token, a
  // revoked device, or someone else's token.
  struct Spoiler {
    std::string name;
    std::string token;
    int protocol;
    std::string where;
  };
  const std::vector<Spoiler> spoilers = {
      {"protocol 3", token_a, 3, "protocol"},
      {"no token", "", 2, "token"},
      {"an expired token", token_expired, 2, "token"},
      {"a revoked device", token_revoked, 2, "device_revoked"},
      {"Ben's token", token_b, 2, "device_id"},
      {"a replayed token", token_replayed, 2, "token"},
  };
  size_t turn = 0;
  for (const std::string& payload : kSqlPayloads) {
    const auto spoiled = [&](const std::string& label, json body) {
      const Spoiler& s = spoilers[turn++ % spoilers.size()];
      body["protocol"] = s.protocol;
      push(label + " with " + s.name, body, s.token, s.where);
    };
    for (const char* key : {"author", "device_id", "hlc", "participant_id", "record_type"}) {
      json change = valid_change;
      change[key] = payload;
      const std::string where = "changes[0]." + std::string(key);
      // The hybrid clock is checked only for its length (19 to 100): a payload that long passes.
      if (std::string(key) == "hlc") {
        change[key] = payload + std::string(20, ' ');
        spoiled("SQL in change.hlc", with_change(change));
      } else {
        push("SQL in change." + std::string(key), with_change(change), token_a, where);
      }
    }
    for (const char* key : {"mode", "outcome", "occurred_at"}) {
      json change = valid_change;
      change["fields"][key] = payload;
      push("SQL in fields." + std::string(key), with_change(change), token_a,
           "changes[0].fields." + std::string(key));
    }
    for (const char* key : {"captured_at", "prev_hash", "received_at", "record_id"}) {
      json change = valid_change;
      change[key] = payload;
      spoiled("SQL in change." + std::string(key), with_change(change));
    }
    for (const char* key : {"location", "notes"}) {
      json change = valid_change;
      change["fields"][key] = payload;
      spoiled("SQL in fields." + std::string(key), with_change(change));
    }
    {
      json body = valid_push;
      body["device_id"] = payload;
      push("SQL in push.device_id", body, token_a, "device_id");
      body = valid_push;
      body["sent_at"] = payload;
      push("SQL in push.sent_at", body, token_a, "sent_at");
    }
  }
  // Against the users table: unknown users (each costs a full-strength password hash, so few).
  for (size_t i = 0; i < 3; ++i) {
    json login = valid_sign_in;
    login["username"] = kSqlPayloads[i];
    login["password"] = kSqlPayloads[i];
    sign_in("SQL in sign-in username and password", login.dump(), "credentials");
  }

  // 5. Invalid UTF-8 inside strings, keys and values, and escaped lone surrogates.
  for (const std::string& bad : kBadUtf8) {
    json body = valid_push;
    body["device_id"] = kMarker;
    push_raw("invalid UTF-8 in push.device_id", WithRaw(body, "tablet" + bad), token_a, "body");
    body = valid_push;
    body["sent_at"] = kMarker;
    push_raw("invalid UTF-8 in push.sent_at", WithRaw(body, bad), token_a, "body");
    json change = valid_change;
    change["author"] = kMarker;
    push_raw("invalid UTF-8 in change.author", WithRaw(with_change(change), bad), token_a, "body");
    change = valid_change;
    change["fields"]["notes"] = kMarker;
    push_raw("invalid UTF-8 in fields.notes", WithRaw(with_change(change), "CV " + bad), token_a,
             "body");
    change = valid_change;
    change["fields"][kMarker] = "x";
    push_raw("invalid UTF-8 in a field name", WithRaw(with_change(change), bad), token_a, "body");
    json login = valid_sign_in;
    login["username"] = kMarker;
    sign_in("invalid UTF-8 in sign-in username", WithRaw(login, bad), "body");
  }
  for (const char* escaped : {"\\ud800", "\\udc00", "\\ud800\\u0041"}) {
    json change = valid_change;
    change["fields"]["notes"] = kMarker;
    push_raw(std::string("escaped lone surrogate ") + escaped,
             WithRaw(with_change(change), escaped), token_a, "body");
  }

  // 6. Strings over the limits: each refuses the whole request.
  const auto long_text = [](size_t n) { return std::string(n, 'x'); };
  for (const auto& [key, size] : std::vector<std::pair<std::string, size_t>>{
           {"notes", 300000}, {"location", 200001}, {"outcome", 1000000}}) {
    json change = valid_change;
    change["fields"][key] = long_text(size);
    push("fields." + key + " of " + std::to_string(size) + " bytes", with_change(change), token_a,
         "changes[0].fields." + key);
  }
  for (const auto& [key, size] : std::vector<std::pair<std::string, size_t>>{
           {"author", 100000}, {"device_id", 100000}, {"participant_id", 65},
           {"record_id", 100000}, {"hlc", 101}, {"record_type", 1000000}}) {
    json change = valid_change;
    change[key] = long_text(size);
    push("change." + key + " of " + std::to_string(size) + " bytes", with_change(change), token_a,
         "changes[0]." + key);
  }
  {
    json body = valid_push;
    body["device_id"] = long_text(1000000);
    push("push.device_id of a megabyte", body, token_a, "device_id");
    body = valid_push;
    body["sent_at"] = long_text(1000000);
    push("push.sent_at of a megabyte", body, token_a, "sent_at");
    json login = valid_sign_in;
    login["device_id"] = long_text(65);
    login["password"] = "wrong";
    sign_in("sign-in device_id of 65 characters", login.dump(), "device_id");
  }

  // 7. Protocol versions other than 2.
  for (const std::string& version :
       {std::string("3"), std::string("1"), std::string("0"), std::string("-2"),
        std::string("9223372036854775807"), std::string("18446744073709551615")}) {
    std::string body = valid_push.dump();
    body.replace(body.find("\"protocol\":2"), 12, "\"protocol\":" + version);
    push_raw("push protocol " + version, body, token_a, "protocol");
    std::string login = valid_sign_in.dump();
    login.replace(login.find("\"protocol\":2"), 12, "\"protocol\":" + version);
    sign_in("sign-in protocol " + version, login, "protocol");
  }

  // 8. Tokens: absent, malformed, replayed, expired, revoked, someone else's; on push and pull.
  const std::string sql_token = (kSqlPayloads[0] + std::string(64, '-')).substr(0, 64);
  std::string upper_a = token_a;
  for (char& c : upper_a) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::vector<std::tuple<std::string, std::string, std::string>> tokens = {
      {"no token", "", "token"},
      {"a short token", "abc", "token"},
      {"a token of 64 zeros", std::string(64, '0'), "token"},
      {"a token of SQL", sql_token, "token"},
      {"Amira's token in upper case", upper_a, "token"},
      {"Amira's token and a digit more", token_a + "0", "token"},
      {"Amira's token twice", token_a + token_a, "token"},
      {"a replayed token (password reset since)", token_replayed, "token"},
      {"an expired token", token_expired, "token"},
      {"a revoked device's token", token_revoked, "device_revoked"},
  };
  for (const auto& [name, token, where] : tokens) {
    push("push with " + name, valid_push, token, where);
    requests.push_back({"pull with " + name, "GET", "/api/v1/pull?since=0", "", token, where});
  }
  push("push as tablet-a with Ben's token", valid_push, token_b, "device_id");
  requests.push_back(
      {"basic authentication", "POST", "/api/v1/push", valid_push.dump(), "", "token"});

  // 9. What the signed-in key worker may not do.
  {
    // The next number in Amira's own chain, so that the participant is what is judged.
    sync::Change leahs = next;
    leahs.participant_id = kLeahId;
    json body = valid_push;
    body["changes"][0] = json::parse(sync::EncodeChange(leahs));
    push("a contact for Leah (Ben's) from Amira", body, token_a, "changes[0].participant_id");
    body["changes"] = json::array({valid_change, json::parse(sync::EncodeChange(after_next))});
    body["changes"][1]["participant_id"] = kLeahId;
    push("a valid change then one for Leah: refused whole", body, token_a,
         "changes[1].participant_id");
  }
  for (const std::string& sent_at :
       {std::string("1970-01-01T00:00:00Z"), std::string("2090-01-01T00:00:00Z"),
        FormatUtc(NowMs() - int64_t{400} * 86400 * 1000), std::string("2026-13-45T99:99:99Z"),
        std::string(""), std::string("yesterday"), std::string("2026-11-23 10:00:00")}) {
    json body = valid_push;
    body["sent_at"] = sent_at;
    push("sent_at " + sent_at, body, token_a, "sent_at");
  }
  {
    json body = valid_push;
    body["device_id"] = "tablet-b";
    push("push.device_id of another device", body, token_a, "device_id");
    json change = valid_change;
    change["device_id"] = "tablet-b";
    push("change.device_id of another device", with_change(change), token_a,
         "changes[0].device_id");
    for (const char* author : {"ben.clarke", "carys.jones", "Amira.Khan"}) {
      change = valid_change;
      change["author"] = author;
      push(std::string("forged author ") + author, with_change(change), token_a,
           "changes[0].author");
    }
    json later = json::parse(sync::EncodeChange(after_next));
    body = valid_push;
    body["changes"] = json::array({later, valid_change});
    push("changes out of device_seq order", body, token_a, "changes[1].device_seq");
    body["changes"] = json::array({valid_change, valid_change});
    push("the same change twice in one push", body, token_a, "changes[1].device_seq");
    change = valid_change;
    change["record_type"] = "participant";
    change["record_id"] = kGraceId;
    change["fields"] = {{"key_worker", "amira.khan"}};
    push("a key worker reassigning a participant", with_change(change), token_a,
         "changes[0].fields.key_worker");
    change = valid_change;
    change["base"] = {{"notes", next.hlc}};
    push("evidence with a base", with_change(change), token_a, "changes[0].base");
    change = valid_change;
    change["fields"]["mode"] = "video";
    push("a video meeting with no reason", with_change(change), token_a,
         "changes[0].fields.digital_reason");
    change = valid_change;
    change["record_type"] = "payroll";
    push("an unknown record type", with_change(change), token_a, "changes[0].record_type");
    change = valid_change;
    change["record_id"] = kGraceId;
    push("a contact whose id is its participant's", with_change(change), token_a,
         "changes[0].record_id");
    body = valid_push;
    body["changes"] = json::array();
    for (int i = 0; i <= sync::kMaxChangesPerPush; ++i) body["changes"].push_back(valid_change);
    push("1001 changes in one push", body, token_a, "changes");
  }
  {
    json login = valid_sign_in;
    login["device_id"] = "tablet-gone";
    sign_in("sign-in with the right password on a revoked device", login.dump(), "device_revoked");
  }

  // 10. Pull parameters out of range, checked before anything is read.
  for (const auto& [query, where] : std::vector<std::pair<std::string, std::string>>{
           {"since=-1", "since"}, {"since=abc", "since"}, {"since=1.5", "since"},
           {"since=", "since"}, {"since=1e3", "since"}, {"since=99999999999999999999", "since"},
           {"since=%27%3B%20DROP%20TABLE%20changes%3B%20--", "since"}, {"limit=0", "limit"},
           {"limit=-1", "limit"}, {"limit=5001", "limit"}, {"limit=999999", "limit"},
           {"limit=abc", "limit"}, {"limit=", "limit"}, {"since=0&limit=1%20OR%201%3D1", "limit"}})
    requests.push_back({"pull " + query, "GET", "/api/v1/pull?" + query, "", token_a, where});

  // 11. Paths and methods the API does not have.
  requests.push_back({"an unknown API path", "GET", "/api/v1/users", "", token_a, "path"});
  requests.push_back({"GET on the push route", "GET", "/api/v1/push", "", token_a, "path"});
  requests.push_back({"POST on the pull route", "POST", "/api/v1/pull", "{}", token_a, "path"});
  requests.push_back(
      {"a path of SQL", "GET", "/api/v1/%27%3B%20DROP%20TABLE%20users", "", token_a, "path"});

  // 12. Bodies nested without end inside a well-formed push.
  for (size_t depth : {1000, 100000}) {
    json change = valid_change;
    change["fields"]["notes"] = kMarker;
    push_raw("fields.notes nested " + std::to_string(depth) + " deep",
             WithRaw(with_change(change), std::string(depth, '[') + std::string(depth, ']'),
                     /*quoted=*/true),
             token_a, "");
  }

  // 13. Bodies over the size limit, declared or streamed without a length.
  const size_t limit = f.server().config().max_body_bytes;
  push_raw("a push body one byte over the limit", std::string(limit + 1, ' '), token_a, "body");
  sign_in("a sign-in body one byte over the limit", std::string(limit + 1, '{'), "body");
  for (const char* path : {"/api/v1/push", "/api/v1/session", "/review/signin"}) {
    requests.push_back({std::string("a chunked body to ") + path, "POST", path,
                        std::string("POST ") + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        "Authorization: Bearer " + token_a + "\r\n"
                        "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n",
                        "", "body", true});
    requests.push_back({std::string("a body with no length to ") + path, "POST", path,
                        std::string("POST ") + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        "Authorization: Bearer " + token_a + "\r\n"
                        "Content-Type: application/json\r\n\r\n",
                        "", "body", true});
  }

  REQUIRE(requests.size() >= 200);
  const Snapshot before = Take(f);
  auto client = f.Client();
  client->set_keep_alive(true);
  client->set_read_timeout(30);
  for (const Hostile& h : requests) {
    httplib::Headers headers;
    if (!h.token.empty()) headers.emplace("Authorization", "Bearer " + h.token);
    if (h.label == "basic authentication")
      headers.emplace("Authorization", "Basic YW1pcmEua2hhbjphbWlyYS5raGFuLXB3");
    RawResponse res;
    if (h.raw) {
      res = RawExchange(f.server().port(), h.body);
    } else {
      auto reply = h.method == "GET"
                       ? client->Get(h.path.c_str(), headers)
                       : client->Post(h.path.c_str(), headers, h.body, "application/json");
      REQUIRE_MESSAGE(reply,
                      h.label << ": no response (" << httplib::to_string(reply.error()) << ")");
      res = {reply->status, reply->get_header_value("Content-Type"), reply->body};
    }
    CHECK_MESSAGE((res.status >= 400 && res.status <= 499), h.label << ": HTTP " << res.status);
    CHECK_MESSAGE(res.content_type == "application/json", h.label << ": " << res.content_type);
    auto error = sync::DecodeErrorBody(res.body);
    REQUIRE_MESSAGE(error.ok(), h.label << ": " << res.body.substr(0, 200));
    CHECK_MESSAGE(!error->code.empty(), h.label);
    CHECK_MESSAGE(!error->where.empty(), h.label);
    CHECK_MESSAGE(!error->message.empty(), h.label);
    if (!h.where.empty())
      CHECK_MESSAGE(error->where == h.where,
                    h.label << ": where is '" << error->where << "': " << error->message);
  }
  const Snapshot after = Take(f);
  MESSAGE(requests.size() << " hostile requests sent");
  CHECK(before.db_sha == after.db_sha);
  CHECK(before.wal_sha == after.wal_sha);
  for (const auto& [table, rows] : before.tables)
    CHECK_MESSAGE(after.tables.at(table) == rows, "table " << table << " changed");
}
