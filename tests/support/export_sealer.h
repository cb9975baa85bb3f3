// Writes an export file (shared/sync/export_file.h) the way a tablet's browser does, but with
// OpenSSL, following only the documented format: so server tests can make files to import, and
// a format change that the tablet and the server made together still has to agree with the doc.
#ifndef OUTPOST_TESTS_SUPPORT_EXPORT_SEALER_H_
#define OUTPOST_TESTS_SUPPORT_EXPORT_SEALER_H_

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <string>

#include "shared/sync/export_file.h"

namespace outpost::testing {

// Fills salt, iv and ciphertext of `envelope` (its other fields as given) by encrypting
// `plaintext` under `passphrase`, and returns the file's text. Fewer iterations than a tablet
// uses keep tests quick; the file carries its count.
inline std::string SealExport(sync::ExportEnvelope envelope, const std::string& plaintext,
                              const std::string& passphrase, int iterations = 100000) {
  unsigned char salt[sync::kExportSaltBytes], iv[sync::kExportIvBytes], key[32],
      tag[sync::kExportTagBytes];
  RAND_bytes(salt, sizeof salt);
  RAND_bytes(iv, sizeof iv);
  PKCS5_PBKDF2_HMAC(passphrase.data(), static_cast<int>(passphrase.size()), salt, sizeof salt,
                    iterations, EVP_sha256(), sizeof key, key);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  std::string sealed(plaintext.size(), '\0');
  int n = 0, last = 0;
  const std::string aad = sync::kExportAdditionalData;
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key, iv);
  EVP_EncryptUpdate(ctx, nullptr, &n, reinterpret_cast<const unsigned char*>(aad.data()),
                    static_cast<int>(aad.size()));
  EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char*>(sealed.data()), &n,
                    reinterpret_cast<const unsigned char*>(plaintext.data()),
                    static_cast<int>(plaintext.size()));
  EVP_EncryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(sealed.data()) + n, &last);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, sizeof tag, tag);
  EVP_CIPHER_CTX_free(ctx);
  sealed.append(reinterpret_cast<const char*>(tag), sizeof tag);
  envelope.iterations = iterations;
  envelope.salt = sync::Base64Encode(std::string(reinterpret_cast<const char*>(salt), sizeof salt));
  envelope.iv = sync::Base64Encode(std::string(reinterpret_cast<const char*>(iv), sizeof iv));
  envelope.ciphertext = sync::Base64Encode(sealed);
  return sync::EncodeExportEnvelope(envelope);
}

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_EXPORT_SEALER_H_
