#include "sync-server/tls.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace outpost::server {

namespace {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;

Status AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) return Status::Internal("tls certificate", std::string("cannot build ") + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return Status::Ok();
}

}  // namespace

Status EnsureSelfSignedCertificate(const std::string& cert_path, const std::string& key_path) {
  namespace fs = std::filesystem;
  if (fs::exists(cert_path) && fs::exists(key_path)) return Status::Ok();
  std::error_code ec;
  fs::create_directories(fs::path(cert_path).parent_path(), ec);
  fs::create_directories(fs::path(key_path).parent_path(), ec);

  PKey key(EVP_EC_gen("P-256"));
  if (!key) return Status::Internal("tls key", "OpenSSL could not generate a P-256 key");
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return Status::Internal("tls serial", "no randomness");
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 825L * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Outpost"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  OUTPOST_RETURN_IF_ERROR(
      AddExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"));
  OUTPOST_RETURN_IF_ERROR(AddExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE"));
  OUTPOST_RETURN_IF_ERROR(AddExtension(cert.get(), NID_ext_key_usage, "serverAuth"));
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
    return Status::Internal("tls certificate", "OpenSSL could not sign the certificate");

  // The key is written with owner-only permissions from the start, never world-readable.
  mode_t old_mask = umask(077);
  FILE* key_file = std::fopen(key_path.c_str(), "wb");
  umask(old_mask);
  if (!key_file) return Status::Unavailable(key_path, "cannot write the TLS key");
  bool key_ok = PEM_write_PrivateKey(key_file, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(key_file);
  FILE* cert_file = std::fopen(cert_path.c_str(), "wb");
  if (!cert_file) return Status::Unavailable(cert_path, "cannot write the TLS certificate");
  bool cert_ok = PEM_write_X509(cert_file, cert.get());
  std::fclose(cert_file);
  if (!key_ok || !cert_ok) return Status::Internal("tls", "could not write PEM files");
  return Status::Ok();
}

}  // namespace outpost::server
