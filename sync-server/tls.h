// TLS material for the sync server.
//
// The server speaks HTTPS by default. When no certificate is given it uses <data dir>/tls/cert.pem
// and key.pem, creating them on first run: a self-signed P-256 certificate for localhost and
// 127.0.0.1, valid for 825 days, the key file readable by its owner only. Browsers will warn
// about a self-signed certificate; a deployment passes --cert/--key from a real CA instead.
#ifndef OUTPOST_SYNC_SERVER_TLS_H_
#define OUTPOST_SYNC_SERVER_TLS_H_

#include <string>

#include "shared/base/status.h"

namespace outpost::server {

// Creates a self-signed certificate and key at the given paths unless both files exist. Returns
// Unavailable if a file cannot be written, Internal if OpenSSL fails.
Status EnsureSelfSignedCertificate(const std::string& cert_path, const std::string& key_path);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_TLS_H_
