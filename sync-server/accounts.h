// Accounts: users, devices and sessions in the central store.
//
// Sign-in checks the password against its salted PBKDF2 hash, enrols the device for the user on
// first use, and issues a random 256-bit bearer token. Only the token's SHA-256 is stored, so a
// copy of the database gives no usable tokens. A token is bound to the device it was issued for
// and expires after kSessionDays.
#ifndef OUTPOST_SYNC_SERVER_ACCOUNTS_H_
#define OUTPOST_SYNC_SERVER_ACCOUNTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/store/database.h"
#include "shared/sync/protocol.h"

namespace outpost::server {

inline constexpr int kSessionDays = 14;

// The authenticated user behind a request.
struct Principal {
  std::string username;
  std::string display_name;
  std::string role;  // key_worker, supervisor, administrator, compliance_officer
  std::string device_id;

  bool IsKeyWorker() const { return role == "key_worker"; }
  // Supervisors, administrators and compliance officers see every participant.
  bool SeesEveryone() const { return !IsKeyWorker(); }
};

// Creates a user. AlreadyExists if the username is taken; InvalidArgument for an unknown role or
// a password shorter than 8 characters.
Status CreateUser(store::Database& db, const std::string& username,
                  const std::string& display_name, const std::string& role,
                  const std::string& password, int iterations, int64_t now_ms);

// Sets a new password and ends every session of the user. NotFound for an unknown user;
// InvalidArgument for a password shorter than 8 characters.
Status ResetPassword(store::Database& db, const std::string& username, const std::string& password,
                     int iterations);

struct Device {
  std::string device_id;
  std::string username;
  std::string enrolled_at;
  std::string last_seen_at;
  std::string revoked_at;  // empty while the device may sync
};

// Every enrolled device, or only `username`'s when it is not empty, oldest first.
StatusOr<std::vector<Device>> ListDevices(store::Database& db, const std::string& username);

// Revokes a device: its next request, and every one after, is refused with
// PermissionDenied("device_revoked", ...), which tells the tablet to erase its local data.
// NotFound for an unknown device.
Status RevokeDevice(store::Database& db, const std::string& device_id, int64_t now_ms);

// Checks the credentials and opens a session. Unauthenticated (one message whether the user or
// the password was wrong) if they do not match; PermissionDenied if the device was revoked.
StatusOr<sync::SignInResponse> SignIn(store::Database& db, const sync::SignInRequest& request,
                                      int64_t now_ms);

// The principal of a live session. Unauthenticated if the token is unknown or expired.
StatusOr<Principal> Authenticate(store::Database& db, const std::string& token, int64_t now_ms);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_ACCOUNTS_H_
