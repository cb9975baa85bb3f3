// Transport security: TLS 1.2 at least, certificates made or given, plain HTTP only on loopback.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <filesystem>

#include "sync-server/server.h"
#include "sync-server/tls.h"
#include "tests/support/server_fixture.h"
#include "tests/support/temp_dir.h"

using namespace outpost;

namespace {

// Whether a TLS handshake with the server succeeds when the client allows only `version`.
bool Handshake(int port, int version) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx, version);
  SSL_CTX_set_max_proto_version(ctx, version);
  SSL_CTX_set_security_level(ctx, 0);  // let the client offer old versions; the server decides
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    ok = SSL_connect(ssl) == 1;
    if (ok) SSL_shutdown(ssl);
    SSL_free(ssl);
  }
  close(fd);
  SSL_CTX_free(ctx);
  return ok;
}

}  // namespace

TEST_CASE("the server speaks TLS 1.2 and 1.3 and refuses TLS 1.1 and 1.0") {
  testing::ServerFixture f;
  CHECK(Handshake(f.server().port(), TLS1_3_VERSION));
  CHECK(Handshake(f.server().port(), TLS1_2_VERSION));
  CHECK_FALSE(Handshake(f.server().port(), TLS1_1_VERSION));
  CHECK_FALSE(Handshake(f.server().port(), TLS1_VERSION));
}

TEST_CASE("a self-signed certificate and a private key readable only by its owner are made on first run") {
  testing::TempDir dir;
  REQUIRE(server::EnsureSelfSignedCertificate(dir.File("tls/cert.pem"), dir.File("tls/key.pem")).ok());
  auto permissions = std::filesystem::status(dir.File("tls/key.pem")).permissions();
  CHECK((permissions & std::filesystem::perms::group_all) == std::filesystem::perms::none);
  CHECK((permissions & std::filesystem::perms::others_all) == std::filesystem::perms::none);
  auto before = std::filesystem::last_write_time(dir.File("tls/cert.pem"));
  REQUIRE(server::EnsureSelfSignedCertificate(dir.File("tls/cert.pem"), dir.File("tls/key.pem")).ok());
  CHECK(std::filesystem::last_write_time(dir.File("tls/cert.pem")) == before);  // kept, not remade
}

TEST_CASE("a given certificate and key are used, and a key that does not load is a clear error") {
  testing::TempDir dir;
  REQUIRE(server::EnsureSelfSignedCertificate(dir.File("mine/cert.pem"), dir.File("mine/key.pem")).ok());
  server::ServerConfig config;
  config.port = 0;
  config.data_dir = dir.File("data");
  config.cert_path = dir.File("mine/cert.pem");
  config.key_path = dir.File("mine/key.pem");
  CHECK(server::SyncServer::Create(config).ok());
  CHECK_FALSE(std::filesystem::exists(dir.File("data/tls/cert.pem")));
  config.key_path = dir.File("mine/cert.pem");  // a certificate is not a key
  auto wrong = server::SyncServer::Create(config);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.status().where() == "--cert");
}

TEST_CASE("plain HTTP is refused unless the server listens on loopback only") {
  testing::TempDir dir;
  server::ServerConfig config;
  config.port = 0;
  config.data_dir = dir.File("data");
  config.plain_http = true;
  config.bind_address = "0.0.0.0";
  auto refused = server::SyncServer::Create(config);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().what() == "plain HTTP is allowed only on a loopback address");
  config.bind_address = "127.0.0.1";
  CHECK(server::SyncServer::Create(config).ok());
}
