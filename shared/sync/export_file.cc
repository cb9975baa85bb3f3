// The export file's grammar is at the top of export_file.h (and in docs/export.md).
#include "shared/sync/export_file.h"

#include <nlohmann/json.hpp>

#include "shared/sync/codec.h"

namespace outpost::sync {

namespace {

using nlohmann::json;

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int Sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

const json* Field(const json& object, const char* key, json::value_t type) {
  auto it = object.find(key);
  if (it == object.end()) return nullptr;
  if (type == json::value_t::number_integer)
    return it->is_number_integer() ? &*it : nullptr;
  return it->type() == type ? &*it : nullptr;
}

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t n = std::min<size_t>(3, bytes.size() - i);
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    if (n > 1) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    if (n > 2) v |= static_cast<uint8_t>(bytes[i + 2]);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(n > 1 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back(n > 2 ? kAlphabet[v & 63] : '=');
  }
  return out;
}

StatusOr<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0)
    return Status::InvalidArgument("base64", "length is not a multiple of 4");
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    int pad = 0;
    uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      int s = Sextet(c);
      if (c == '=' && last && k >= 2) {
        ++pad;
        s = 0;
      } else if (s < 0 || pad > 0) {
        return Status::InvalidArgument("base64", "holds a character that is not base64");
      }
      v = (v << 6) | static_cast<uint32_t>(s);
    }
    out.push_back(static_cast<char>((v >> 16) & 255));
    if (pad < 2) out.push_back(static_cast<char>((v >> 8) & 255));
    if (pad < 1) out.push_back(static_cast<char>(v & 255));
  }
  return out;
}

int CountCharacters(std::string_view text) {
  int n = 0;
  for (char c : text)
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string ExportFileName(const std::string& device_id, const std::string& created_at) {
  return "outpost-waiting-" + device_id + "-" + created_at.substr(0, 10) + ".json";
}

std::string EncodeExportEnvelope(const ExportEnvelope& e) {
  json object = {{"format", kExportFormat},   {"version", kExportVersion},
                 {"device_id", e.device_id},  {"username", e.username},
                 {"created_at", e.created_at}, {"changes", e.changes},
                 {"kdf", kExportKdf},         {"iterations", e.iterations},
                 {"cipher", kExportCipher},   {"salt", e.salt},
                 {"iv", e.iv},                {"ciphertext", e.ciphertext}};
  return object.dump();
}

StatusOr<ExportEnvelope> DecodeExportEnvelope(std::string_view text) {
  const json object = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object())
    return Status::InvalidArgument("export", "is not a JSON object: not an Outpost export file");
  using T = json::value_t;
  const std::pair<const char*, T> keys[] = {
      {"format", T::string},   {"version", T::number_integer},    {"device_id", T::string},
      {"username", T::string}, {"created_at", T::string},         {"changes", T::number_integer},
      {"kdf", T::string},      {"iterations", T::number_integer}, {"cipher", T::string},
      {"salt", T::string},     {"iv", T::string},                 {"ciphertext", T::string}};
  for (const auto& [key, type] : keys)
    if (Field(object, key, type) == nullptr)
      return Status::InvalidArgument(key, "is missing or of the wrong type");
  if (object.size() != std::size(keys))
    for (const auto& item : object.items()) {
      bool known = false;
      for (const auto& [key, type] : keys) known = known || item.key() == key;
      if (!known) return Status::InvalidArgument(item.key(), "is not a key of an export file");
    }
  if (object["format"] != kExportFormat)
    return Status::InvalidArgument("format", "is not \"outpost-export\": not an Outpost export file");
  if (object["version"] != kExportVersion)
    return Status::InvalidArgument("version", "is not 1: made by a newer tablet than this server");
  if (object["kdf"] != kExportKdf) return Status::InvalidArgument("kdf", "must be PBKDF2-SHA256");
  if (object["cipher"] != kExportCipher)
    return Status::InvalidArgument("cipher", "must be AES-256-GCM");
  ExportEnvelope e;
  e.device_id = object["device_id"].get<std::string>();
  e.username = object["username"].get<std::string>();
  e.created_at = object["created_at"].get<std::string>();
  e.changes = object["changes"].get<int64_t>();
  const int64_t iterations = object["iterations"].get<int64_t>();
  if (iterations < 100000 || iterations > 10000000)
    return Status::InvalidArgument("iterations", "must be from 100000 to 10000000");
  e.iterations = static_cast<int>(iterations);
  e.salt = object["salt"].get<std::string>();
  e.iv = object["iv"].get<std::string>();
  e.ciphertext = object["ciphertext"].get<std::string>();
  const std::pair<const char*, const std::string*> bytes[] = {
      {"salt", &e.salt}, {"iv", &e.iv}, {"ciphertext", &e.ciphertext}};
  for (const auto& [key, value] : bytes) {
    auto decoded = Base64Decode(*value);
    if (!decoded.ok()) return Status::InvalidArgument(key, decoded.status().what());
    const size_t size = decoded->size();
    if ((value == &e.salt && size != kExportSaltBytes) || (value == &e.iv && size != kExportIvBytes) ||
        (value == &e.ciphertext && size <= static_cast<size_t>(kExportTagBytes)))
      return Status::InvalidArgument(key, "has the wrong length");
  }
  return e;
}

std::string EncodeExportPlaintext(const std::string& device_id, const std::vector<Change>& changes,
                                  const std::string& sent_at) {
  std::string out;
  size_t i = 0;
  do {
    PushRequest request;
    request.device_id = device_id;
    request.sent_at = sent_at;
    const size_t end = std::min(changes.size(), i + static_cast<size_t>(kMaxChangesPerPush));
    request.changes.assign(changes.begin() + static_cast<std::ptrdiff_t>(i),
                           changes.begin() + static_cast<std::ptrdiff_t>(end));
    if (!out.empty()) out += '\n';
    out += Encode(request);
    i = end;
  } while (i < changes.size());
  return out;
}

StatusOr<std::vector<PushRequest>> DecodeExportPlaintext(std::string_view plaintext) {
  std::vector<PushRequest> requests;
  size_t start = 0;
  while (true) {
    const size_t end = plaintext.find('\n', start);
    const std::string_view line =
        plaintext.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    auto request = DecodePushRequest(line);
    if (!request.ok())
      return request.status().WithContext("plaintext[" + std::to_string(requests.size()) + "]");
    requests.push_back(std::move(request).value());
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return requests;
}

}  // namespace outpost::sync
