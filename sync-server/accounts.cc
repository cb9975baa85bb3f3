#include "sync-server/accounts.h"

#include "shared/base/sha256.h"
#include "shared/base/utc_time.h"
#include "sync-server/crypto.h"

namespace outpost::server {

Status CreateUser(store::Database& db, const std::string& username,
                  const std::string& display_name, const std::string& role,
                  const std::string& password, int iterations, int64_t now_ms) {
  if (username.empty() || username.size() > 64)
    return Status::InvalidArgument("username", "must be 1 to 64 characters");
  if (role != "key_worker" && role != "supervisor" && role != "administrator" &&
      role != "compliance_officer")
    return Status::InvalidArgument(
        "role", "must be key_worker, supervisor, administrator or compliance_officer");
  if (password.size() < 8)
    return Status::InvalidArgument("password", "must be at least 8 characters");
  OUTPOST_ASSIGN_OR_RETURN(std::string hash, HashPassword(password, iterations));
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement insert,
      db.Prepare("INSERT INTO users(username, display_name, role, password_hash, created_at) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING"));
  OUTPOST_RETURN_IF_ERROR(insert.Bind(1, username)
                              .Bind(2, display_name)
                              .Bind(3, role)
                              .Bind(4, hash)
                              .Bind(5, FormatUtc(now_ms))
                              .Run());
  if (db.ChangedRows() == 0) return Status::AlreadyExists("username", username + " is taken");
  return Status::Ok();
}

Status ResetPassword(store::Database& db, const std::string& username, const std::string& password,
                     int iterations) {
  if (password.size() < 8)
    return Status::InvalidArgument("password", "must be at least 8 characters");
  OUTPOST_ASSIGN_OR_RETURN(std::string hash, HashPassword(password, iterations));
  OUTPOST_ASSIGN_OR_RETURN(auto txn, store::Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(store::Statement update,
                           db.Prepare("UPDATE users SET password_hash = ? WHERE username = ?"));
  OUTPOST_RETURN_IF_ERROR(update.Bind(1, hash).Bind(2, username).Run());
  if (db.ChangedRows() == 0) return Status::NotFound("username", "no user " + username);
  OUTPOST_ASSIGN_OR_RETURN(store::Statement end, db.Prepare("DELETE FROM sessions WHERE username = ?"));
  OUTPOST_RETURN_IF_ERROR(end.Bind(1, username).Run());
  return txn->Commit();
}

StatusOr<std::vector<Device>> ListDevices(store::Database& db, const std::string& username) {
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement select,
      db.Prepare("SELECT device_id, username, enrolled_at, last_seen_at, revoked_at FROM devices "
                 "WHERE ?1 = '' OR username = ?1 ORDER BY enrolled_at, device_id"));
  select.Bind(1, username);
  std::vector<Device> out;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    out.push_back({select.ColumnText(0), select.ColumnText(1), select.ColumnText(2),
                   select.ColumnText(3), select.ColumnText(4)});
  }
  return out;
}

Status RevokeDevice(store::Database& db, const std::string& device_id, int64_t now_ms) {
  OUTPOST_ASSIGN_OR_RETURN(auto txn, store::Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement revoke,
      db.Prepare("UPDATE devices SET revoked_at = ? WHERE device_id = ? AND revoked_at = ''"));
  OUTPOST_RETURN_IF_ERROR(revoke.Bind(1, FormatUtc(now_ms)).Bind(2, device_id).Run());
  if (db.ChangedRows() == 0) {
    OUTPOST_ASSIGN_OR_RETURN(store::Statement known,
                             db.Prepare("SELECT 1 FROM devices WHERE device_id = ?"));
    known.Bind(1, device_id);
    OUTPOST_ASSIGN_OR_RETURN(bool found, known.Step());
    if (!found) return Status::NotFound("device", "no device " + device_id);
  }
  // Its sessions are kept, refused: so the device's next request is told to erase its data
  // rather than merely to sign in again.
  return txn->Commit();
}

StatusOr<sync::SignInResponse> SignIn(store::Database& db, const sync::SignInRequest& request,
                                      int64_t now_ms) {
  if (request.device_id.empty() || request.device_id.size() > 64)
    return Status::InvalidArgument("device_id", "must be 1 to 64 characters");
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement select,
      db.Prepare("SELECT display_name, role, password_hash FROM users WHERE username = ?"));
  select.Bind(1, request.username);
  OUTPOST_ASSIGN_OR_RETURN(bool found, select.Step());
  // Hash even for an unknown user, so timing does not tell which usernames exist.
  const std::string stored = found ? select.ColumnText(2) : std::string();
  bool match = VerifyPassword(request.password,
                              found ? stored
                                    : "pbkdf2-sha256$600000$00000000000000000000000000000000$"
                                      "0000000000000000000000000000000000000000000000000000000000000000");
  if (!found || !match)
    return Status::Unauthenticated("credentials", "the username or password is not right");
  sync::SignInResponse response;
  response.username = request.username;
  response.display_name = select.ColumnText(0);
  response.role = select.ColumnText(1);

  OUTPOST_ASSIGN_OR_RETURN(auto txn, store::Transaction::Begin(db));
  OUTPOST_ASSIGN_OR_RETURN(store::Statement device,
                           db.Prepare("SELECT username, revoked_at FROM devices WHERE device_id = ?"));
  device.Bind(1, request.device_id);
  OUTPOST_ASSIGN_OR_RETURN(bool known_device, device.Step());
  const std::string now = FormatUtc(now_ms);
  if (known_device) {
    if (!device.ColumnText(1).empty())
      return Status::PermissionDenied("device_revoked",
                                      "this device has been revoked: erase its local data");
    if (device.ColumnText(0) != request.username)
      return Status::PermissionDenied("device_id",
                                      "this device is enrolled for another user; sign them out");
    OUTPOST_ASSIGN_OR_RETURN(store::Statement seen,
                             db.Prepare("UPDATE devices SET last_seen_at = ? WHERE device_id = ?"));
    OUTPOST_RETURN_IF_ERROR(seen.Bind(1, now).Bind(2, request.device_id).Run());
  } else {
    OUTPOST_ASSIGN_OR_RETURN(store::Statement enrol,
                             db.Prepare("INSERT INTO devices(device_id, username, enrolled_at, "
                                        "last_seen_at) VALUES (?, ?, ?, ?)"));
    OUTPOST_RETURN_IF_ERROR(
        enrol.Bind(1, request.device_id).Bind(2, request.username).Bind(3, now).Bind(4, now).Run());
  }
  OUTPOST_ASSIGN_OR_RETURN(response.token, RandomHex(32));
  response.expires_at = FormatUtc(now_ms + int64_t{kSessionDays} * 86400 * 1000);
  response.server_time = FormatUtc(now_ms);
  OUTPOST_ASSIGN_OR_RETURN(store::Statement session,
                           db.Prepare("INSERT INTO sessions(token_hash, username, device_id, "
                                      "created_at, expires_at) VALUES (?, ?, ?, ?, ?)"));
  OUTPOST_RETURN_IF_ERROR(session.Bind(1, Sha256Hex(response.token))
                              .Bind(2, request.username)
                              .Bind(3, request.device_id)
                              .Bind(4, now)
                              .Bind(5, response.expires_at)
                              .Run());
  OUTPOST_RETURN_IF_ERROR(txn->Commit());
  return response;
}

StatusOr<Principal> Authenticate(store::Database& db, const std::string& token, int64_t now_ms) {
  if (token.size() != 64) return Status::Unauthenticated("token", "sign in again");
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement select,
      db.Prepare("SELECT s.username, u.display_name, u.role, s.device_id, s.expires_at, "
                 "d.revoked_at FROM sessions s JOIN users u USING (username) "
                 "LEFT JOIN devices d ON d.device_id = s.device_id WHERE s.token_hash = ?"));
  select.Bind(1, Sha256Hex(token));
  OUTPOST_ASSIGN_OR_RETURN(bool found, select.Step());
  if (!found) return Status::Unauthenticated("token", "sign in again");
  if (select.ColumnText(4) <= FormatUtc(now_ms))
    return Status::Unauthenticated("token", "the session has expired; sign in again");
  if (!select.ColumnText(5).empty())
    return Status::PermissionDenied("device_revoked",
                                    "this device has been revoked: erase its local data");
  return Principal{select.ColumnText(0), select.ColumnText(1), select.ColumnText(2),
                   select.ColumnText(3)};
}

}  // namespace outpost::server
