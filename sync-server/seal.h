// Signature seals: the server's own Ed25519 signature over each participant signature it
// receives, so a compliance officer can later show that a stored signature (its strokes, the
// document it was bound to, the plan version) is exactly what reached the server.
//
// The sealing key lives in <data dir>/seal/seal-key.pem, created on first run, owner-readable
// only. Each seal stores the public key that made it, so seals stay verifiable after the key is
// replaced. Sealing catches up with the store (SealNewSignatures after every push and at
// start-up), so a signature stored just before a crash is sealed at the next start.
#ifndef OUTPOST_SYNC_SERVER_SEAL_H_
#define OUTPOST_SYNC_SERVER_SEAL_H_

#include <cstdint>
#include <memory>
#include <string>

#include "shared/base/status_or.h"
#include "shared/store/database.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace outpost::server {

class Sealer {
 public:
  // Loads the key at `key_path`, creating it (and its folder) if missing.
  static StatusOr<std::unique_ptr<Sealer>> LoadOrCreate(const std::string& key_path);
  ~Sealer();

  // Seals every signature record that has no seal yet. Returns how many it sealed.
  StatusOr<int> SealNewSignatures(store::Database& db, int64_t now_ms);

  const std::string& public_key_hex() const { return public_key_hex_; }

 private:
  Sealer(EVP_PKEY* key, std::string public_key_hex)
      : key_(key), public_key_hex_(std::move(public_key_hex)) {}
  EVP_PKEY* key_;
  std::string public_key_hex_;
};

struct SealCheck {
  bool sealed = false;          // a seal exists for this signature
  bool seal_valid = false;      // the seal is a valid Ed25519 signature over what it records
  bool strokes_match = false;   // the stored strokes are the ones sealed
  bool document_match = false;  // the stored document hash is the one sealed, and is the
                                // SHA-256 of the stored document
  bool version_match = false;   // the stored plan version is the one sealed
  bool ok() const { return sealed && seal_valid && strokes_match && document_match && version_match; }
  std::string Problem() const;  // in words; empty when ok()
};

// Checks one signature record against its seal. NotFound if there is no such signature.
StatusOr<SealCheck> VerifySignatureSeal(store::Database& db, const std::string& record_id);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_SEAL_H_
