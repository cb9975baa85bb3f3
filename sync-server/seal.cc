#include "sync-server/seal.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "shared/base/sha256.h"
#include "shared/base/utc_time.h"

namespace outpost::server {

namespace {

std::string Hex(const unsigned char* data, size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 15]);
  }
  return out;
}

std::vector<unsigned char> Unhex(const std::string& hex) {
  std::vector<unsigned char> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

struct Sealed {
  std::string record_id, participant_id, strokes_hash, document_hash, plan_version, signer;
};

// The exact text the seal signs, one field per line, named, so a seal can never be moved to
// another signature or read in another order.
std::string SealedText(const Sealed& s) {
  return "outpost signature seal v1\nrecord_id=" + s.record_id + "\nparticipant_id=" +
         s.participant_id + "\nstrokes_sha256=" + s.strokes_hash + "\ndocument_sha256=" +
         s.document_hash + "\nplan_version=" + s.plan_version + "\nsigner=" + s.signer + "\n";
}

std::string Field(const nlohmann::json& fields, const char* name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string Signer(const nlohmann::json& f) {
  return Field(f, "signer_role") + "|" + Field(f, "signer_name") + "|" + Field(f, "method");
}

}  // namespace

StatusOr<std::unique_ptr<Sealer>> Sealer::LoadOrCreate(const std::string& key_path) {
  EVP_PKEY* key = nullptr;
  if (FILE* in = std::fopen(key_path.c_str(), "rb")) {
    key = PEM_read_PrivateKey(in, nullptr, nullptr, nullptr);
    std::fclose(in);
    if (key == nullptr) return Status::DataLoss(key_path, "is not a PEM private key");
  } else {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(key_path).parent_path(), ec);
    key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (key == nullptr) return Status::Internal("seal key", "OpenSSL could not make an Ed25519 key");
    mode_t old_mask = umask(077);
    FILE* out = std::fopen(key_path.c_str(), "wb");
    umask(old_mask);
    if (out == nullptr) {
      EVP_PKEY_free(key);
      return Status::Unavailable(key_path, "cannot write the seal key");
    }
    bool written = PEM_write_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    std::fclose(out);
    if (!written) {
      EVP_PKEY_free(key);
      return Status::Internal(key_path, "could not write the seal key");
    }
  }
  unsigned char raw[32];
  size_t raw_size = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key, raw, &raw_size) != 1 || raw_size != 32) {
    EVP_PKEY_free(key);
    return Status::DataLoss(key_path, "is not an Ed25519 key");
  }
  return std::unique_ptr<Sealer>(new Sealer(key, Hex(raw, raw_size)));
}

Sealer::~Sealer() { EVP_PKEY_free(key_); }

StatusOr<int> Sealer::SealNewSignatures(store::Database& db, int64_t now_ms) {
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement pending,
      db.Prepare("SELECT r.record_id, r.participant_id, r.fields FROM records r "
                 "LEFT JOIN signature_seals s USING (record_id) "
                 "WHERE r.record_type = 'signature' AND s.record_id IS NULL"));
  std::vector<Sealed> todo;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, pending.Step());
    if (!row) break;
    nlohmann::json f = nlohmann::json::parse(pending.ColumnText(2), nullptr, false);
    if (f.is_discarded()) f = nlohmann::json::object();
    todo.push_back({pending.ColumnText(0), pending.ColumnText(1), Sha256Hex(Field(f, "strokes")),
                    Field(f, "document_hash"), Field(f, "plan_version"), Signer(f)});
  }
  if (todo.empty()) return 0;
  OUTPOST_ASSIGN_OR_RETURN(auto txn, store::Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement insert,
      db.Prepare("INSERT OR IGNORE INTO signature_seals(record_id, participant_id, sealed_at, "
                 "strokes_hash, document_hash, plan_version, signer, seal, public_key) "
                 "VALUES (?,?,?,?,?,?,?,?,?)"));
  for (const Sealed& s : todo) {
    const std::string text = SealedText(s);
    unsigned char signature[64];
    size_t size = sizeof signature;
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool signed_ok = ctx != nullptr && EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key_) == 1 &&
                     EVP_DigestSign(ctx, signature, &size,
                                    reinterpret_cast<const unsigned char*>(text.data()),
                                    text.size()) == 1;
    EVP_MD_CTX_free(ctx);
    if (!signed_ok) return Status::Internal("seal " + s.record_id, "OpenSSL could not sign");
    OUTPOST_RETURN_IF_ERROR(insert.Bind(1, s.record_id)
                                .Bind(2, s.participant_id)
                                .Bind(3, FormatUtc(now_ms))
                                .Bind(4, s.strokes_hash)
                                .Bind(5, s.document_hash)
                                .Bind(6, s.plan_version)
                                .Bind(7, s.signer)
                                .Bind(8, Hex(signature, size))
                                .Bind(9, public_key_hex_)
                                .Run());
  }
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return static_cast<int>(todo.size());
}

std::string SealCheck::Problem() const {
  if (!sealed) return "the signature has no seal";
  if (!seal_valid) return "the seal is not a valid server signature over what it records";
  if (!strokes_match) return "the stored pen strokes are not the ones sealed";
  if (!document_match) return "the stored document or its hash is not the one sealed";
  if (!version_match) return "the stored plan version is not the one sealed";
  return "";
}

StatusOr<SealCheck> VerifySignatureSeal(store::Database& db, const std::string& record_id) {
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement record,
      db.Prepare("SELECT participant_id, fields FROM records WHERE record_type = 'signature' AND "
                 "record_id = ?"));
  record.Bind(1, record_id);
  OUTPOST_ASSIGN_OR_RETURN(bool found, record.Step());
  if (!found) return Status::NotFound("id", "no signature " + record_id);
  nlohmann::json f = nlohmann::json::parse(record.ColumnText(1), nullptr, false);
  if (f.is_discarded()) f = nlohmann::json::object();
  SealCheck check;
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement seal,
      db.Prepare("SELECT participant_id, strokes_hash, document_hash, plan_version, signer, seal, "
                 "public_key FROM signature_seals WHERE record_id = ?"));
  seal.Bind(1, record_id);
  OUTPOST_ASSIGN_OR_RETURN(bool sealed, seal.Step());
  if (!sealed) return check;
  check.sealed = true;
  Sealed s{record_id, seal.ColumnText(0), seal.ColumnText(1), seal.ColumnText(2),
           seal.ColumnText(3), seal.ColumnText(4)};
  const std::string text = SealedText(s);
  std::vector<unsigned char> signature = Unhex(seal.ColumnText(5));
  std::vector<unsigned char> public_key = Unhex(seal.ColumnText(6));
  EVP_PKEY* key = public_key.size() == 32
                      ? EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), 32)
                      : nullptr;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  check.seal_valid = key != nullptr && ctx != nullptr &&
                     EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key) == 1 &&
                     EVP_DigestVerify(ctx, signature.data(), signature.size(),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      text.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  check.strokes_match = Sha256Hex(Field(f, "strokes")) == s.strokes_hash;
  // A fallback (wet signature, none) carries no document: then both must stay empty.
  check.document_match = Field(f, "document_hash") == s.document_hash &&
                         (s.document_hash.empty() ? Field(f, "document").empty()
                                                  : Sha256Hex(Field(f, "document")) == s.document_hash);
  check.version_match = Field(f, "plan_version") == s.plan_version &&
                        record.ColumnText(0) == s.participant_id && Signer(f) == s.signer;
  return check;
}

}  // namespace outpost::server
