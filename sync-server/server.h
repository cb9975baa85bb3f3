// SyncServer: the central store behind HTTPS.
//
// Owns the central SQLite store (WAL, migrated at start) and an httplib server that serves
//   - the sync API (shared/sync/protocol.h): sign-in, push, pull, health;
//   - the supervisors' review pages under /review (sign in with a form; cookie session);
//   - the tablet client's files from web_root (the built outpost.js/.wasm and web-root/).
// Requests are handled on httplib's worker threads; access to the store is serialised by one
// mutex, so a push is one transaction that no pull can see half of.
//
// [X] TLS by default with a self-signed certificate created on first run; plain HTTP on request
// [X] key workers push and pull only their own caseload; other roles read everything
// [X] every failure is a JSON error naming what was wrong, and writes nothing
// [ ] audit log, device revocation, sign-in throttling, body limits per route (issue 5)
#ifndef OUTPOST_SYNC_SERVER_SERVER_H_
#define OUTPOST_SYNC_SERVER_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "shared/base/status_or.h"
#include "shared/store/database.h"

namespace outpost::server {

struct ServerConfig {
  std::string bind_address = "127.0.0.1";
  int port = 8443;            // 0: any free port (tests)
  std::string data_dir;       // holds central.sqlite and tls/
  std::string web_root;       // folder of the built client; empty: no static files
  std::string cert_path;      // empty: <data_dir>/tls/cert.pem, created if missing
  std::string key_path;       // empty: <data_dir>/tls/key.pem, created if missing
  bool plain_http = false;    // only allowed on a loopback address
  size_t max_body_bytes = 8 * 1024 * 1024;
  // Sent to tablets at sign-in (sync::SignInResponse): a tablet with no successful sync for this
  // many days locks until it syncs, and erases its records after the second number.
  int device_lock_after_days = 14;
  int device_erase_after_days = 30;
};

class SyncServer {
 public:
  // Validates the config, opens and migrates the central store, prepares TLS. Does not listen.
  static StatusOr<std::unique_ptr<SyncServer>> Create(ServerConfig config);
  ~SyncServer();

  // Binds the listening socket. After this, port() is the real port.
  Status Bind();
  int port() const;
  // Serves until Stop() is called from another thread or a signal handler.
  void Run();
  void Stop();

  // Runs `work` with exclusive use of the central store (admin commands, seeding, tests).
  Status WithDatabase(const std::function<Status(store::Database&)>& work);

  const ServerConfig& config() const;

 private:
  struct Impl;
  explicit SyncServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The path of the central store inside a data dir.
std::string CentralStorePath(const std::string& data_dir);

}  // namespace outpost::server

#endif  // OUTPOST_SYNC_SERVER_SERVER_H_
