// outpost-sync-server: parses flags, opens the central store and serves it.
//
//   outpost-sync-server [--data-dir DIR] [--port N] [--bind ADDR] [--web-root DIR]
//                       [--cert PEM --key PEM] [--plain-http] [--demo]
//                       [--device-lock-days N] [--device-erase-days N]
//   outpost-sync-server COMMAND ...   (holidays, compliance and administration: commands.h)
//
// --demo seeds an empty central store with the demo accounts and participants and prints the
// demo sign-in details. The line "listening on <url>" is printed once the socket is bound
// (tests wait for it; --port 0 picks a free port).
//
// --device-lock-days / --device-erase-days (default 14 / 30) are sent to tablets at sign-in: a
// tablet with no successful sync for that long locks until it syncs, then erases its records.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <chrono>

#include "sync-server/commands.h"
#include "sync-server/demo_seed.h"
#include "sync-server/crypto.h"
#include "sync-server/server.h"

namespace {

outpost::server::SyncServer* g_server = nullptr;

void OnSignal(int) {
  if (g_server) g_server->Stop();
}

int Usage(const std::string& problem) {
  std::fprintf(stderr,
               "outpost-sync-server: %s\n"
               "usage: outpost-sync-server [--data-dir DIR] [--port N] [--bind ADDR] "
               "[--web-root DIR] [--cert PEM --key PEM] [--plain-http] [--demo]\n"
               "       [--device-lock-days N] [--device-erase-days N]\n",
               problem.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && outpost::server::IsCommand(argv[1]))
    return outpost::server::RunCommand(std::vector<std::string>(argv + 1, argv + argc), stdin,
                                       stdout, stderr);
  outpost::server::ServerConfig config;
  config.data_dir = "var";
  bool demo = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string text;
    if (arg == "--data-dir") {
      if (!value(config.data_dir)) return Usage("--data-dir needs a folder");
    } else if (arg == "--web-root") {
      if (!value(config.web_root)) return Usage("--web-root needs a folder");
    } else if (arg == "--bind") {
      if (!value(config.bind_address)) return Usage("--bind needs an address");
    } else if (arg == "--cert") {
      if (!value(config.cert_path)) return Usage("--cert needs a PEM file");
    } else if (arg == "--key") {
      if (!value(config.key_path)) return Usage("--key needs a PEM file");
    } else if (arg == "--port") {
      if (!value(text)) return Usage("--port needs a number");
      char* end = nullptr;
      long port = std::strtol(text.c_str(), &end, 10);
      if (*end != '\0' || port < 0 || port > 65535) return Usage("--port must be 0 to 65535");
      config.port = static_cast<int>(port);
    } else if (arg == "--device-lock-days" || arg == "--device-erase-days") {
      if (!value(text)) return Usage(arg + " needs a number of days");
      char* end = nullptr;
      long days = std::strtol(text.c_str(), &end, 10);
      if (*end != '\0' || days < 1 || days > 3650) return Usage(arg + " must be 1 to 3650");
      (arg == "--device-lock-days" ? config.device_lock_after_days
                                   : config.device_erase_after_days) = static_cast<int>(days);
    } else if (arg == "--plain-http") {
      config.plain_http = true;
    } else if (arg == "--demo") {
      demo = true;
    } else {
      return Usage("unknown argument " + arg);
    }
  }
  if (config.cert_path.empty() != config.key_path.empty())
    return Usage("--cert and --key go together");
  if (config.device_erase_after_days <= config.device_lock_after_days)
    return Usage("--device-erase-days must be more than --device-lock-days");

  auto server = outpost::server::SyncServer::Create(config);
  if (!server.ok()) {
    std::fprintf(stderr, "outpost-sync-server: %s\n", server.status().ToString().c_str());
    return 1;
  }
  if (demo) {
    int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    outpost::Status seeded = (*server)->WithDatabase([&](outpost::store::Database& db) {
      return outpost::server::SeedDemo(db, now_ms, outpost::server::kPasswordIterations);
    });
    if (seeded.ok()) {
      std::printf("Created the demo central store in %s\n", config.data_dir.c_str());
    } else if (seeded.code() != outpost::Status::Code::kFailedPrecondition) {
      std::fprintf(stderr, "outpost-sync-server: %s\n", seeded.ToString().c_str());
      return 1;
    }
    std::printf("Demo sign-in details (username / password, role):\n");
    for (const auto& account : outpost::server::DemoAccounts())
      std::printf("  %-12s / %-20s %s\n", account.username.c_str(), account.password.c_str(),
                  account.role.c_str());
  }
  outpost::Status bound = (*server)->Bind();
  if (!bound.ok()) {
    std::fprintf(stderr, "outpost-sync-server: %s\n", bound.ToString().c_str());
    return 1;
  }
  g_server = server->get();
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  const char* scheme = config.plain_http ? "http" : "https";
  std::string host = config.bind_address == "127.0.0.1" ? "localhost" : config.bind_address;
  std::printf("listening on %s://%s:%d/ (client) and %s://%s:%d/review (supervisors)\n", scheme,
              host.c_str(), (*server)->port(), scheme, host.c_str(), (*server)->port());
  std::fflush(stdout);
  (*server)->Run();
  return 0;
}
