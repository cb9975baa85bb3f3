// A real sync server on 127.0.0.1 (any free port, TLS with a certificate made for the test, a
// temporary central store), running on its own thread for the life of the fixture, and an HTTPS
// client to talk to it. Accounts are created with few PBKDF2 iterations to keep tests quick;
// the verification path is the production one.
#ifndef OUTPOST_TESTS_SUPPORT_SERVER_FIXTURE_H_
#define OUTPOST_TESTS_SUPPORT_SERVER_FIXTURE_H_

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "shared/store/change_store.h"
#include "sync-server/accounts.h"
#include "sync-server/server.h"
#include "tests/support/sample_changes.h"
#include "tests/support/store_helpers.h"
#include "tests/support/temp_dir.h"

namespace outpost::testing {

inline constexpr const char* kGraceId = "1c7a4d2f-6e2b-4d88-8b1f-2a3e4d5c6b72";  // Amira's
inline constexpr const char* kLeahId = "5abe8b6d-ac6f-4bc2-8f5d-6e7c8b9a0fb6";   // Ben's

class ServerFixture {
 public:
  // `web_root`: a folder of client files to serve, or empty for none.
  explicit ServerFixture(const std::string& web_root = "") {
    server::ServerConfig config;
    config.port = 0;
    config.data_dir = dir_.File("data");
    config.web_root = web_root;
    auto created = server::SyncServer::Create(config);
    REQUIRE(created.ok());
    server_ = std::move(created).value();
    REQUIRE(server_->WithDatabase([](store::Database& db) -> Status {
      for (auto [user, role] : {std::pair{"amira.khan", "key_worker"},
                                {"ben.clarke", "key_worker"},
                                {"carys.jones", "supervisor"}})
        OUTPOST_RETURN_IF_ERROR(server::CreateUser(db, user, user, role, std::string(user) + "-pw",
                                                   1000, 1763900000000));
      return store::ApplyChanges(db,
                                 {ParticipantChange("seed", 1, kGraceId, "amira.khan"),
                                  ParticipantChange("seed", 2, kLeahId, "ben.clarke")},
                                 {"2026-11-23T09:00:00Z"})
          .status();
    }).ok());
    REQUIRE(server_->Bind().ok());
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~ServerFixture() {
    server_->Stop();
    thread_.join();
  }

  std::unique_ptr<httplib::SSLClient> Client() {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", server_->port());
    client->enable_server_certificate_verification(false);  // the test's own self-signed cert
    client->set_connection_timeout(5);
    return client;
  }

  // Signs in and returns the bearer token.
  std::string SignIn(const std::string& user, const std::string& device) {
    auto res = Client()->Post("/api/v1/session",
                              R"({"device_id":")" + device + R"(","password":")" + user +
                                  R"(-pw","protocol":2,"username":")" + user + R"("})",
                              "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    size_t at = res->body.find("\"token\":\"");
    REQUIRE(at != std::string::npos);
    return res->body.substr(at + 9, 64);
  }

  server::SyncServer& server() { return *server_; }

  // QueryInt on the central store, with the server's lock held.
  int64_t CentralInt(const std::string& sql) {
    int64_t n = -1;
    REQUIRE(server_->WithDatabase([&](store::Database& db) -> Status {
      n = QueryInt(db, sql);
      return Status::Ok();
    }).ok());
    return n;
  }
  std::string data_dir() const { return dir_.File("data"); }

 private:
  TempDir dir_;
  std::unique_ptr<server::SyncServer> server_;
  std::thread thread_;
};

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_SERVER_FIXTURE_H_
