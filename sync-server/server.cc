#include "sync-server/server.h"

#include <httplib.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>

#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "shared/sync/codec.h"
#include "sync-server/accounts.h"
#include "sync-server/audit.h"
#include "sync-server/http_errors.h"
#include "sync-server/receipts.h"
#include "sync-server/review_page.h"
#include "sync-server/seal.h"
#include "sync-server/sign_in_throttle.h"
#include "sync-server/static_files.h"
#include "sync-server/sync_service.h"
#include "sync-server/tls.h"

namespace outpost::server {

namespace {

// A push body up to this size leaves its decoded request's memory to the thread's next push (a
// push of 1,000 contacts is about 550 KB).
constexpr size_t kKeptPushBytes = 1024 * 1024;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool IsLoopback(const std::string& address) {
  return address == "127.0.0.1" || address == "::1" || address == "localhost" ||
         address.rfind("127.", 0) == 0;
}

void SendError(httplib::Response& res, const Status& status) {
  res.status = HttpStatusFor(status.code());
  res.set_content(sync::Encode(sync::ErrorBodyFor(status)), "application/json");
}

void SendJson(httplib::Response& res, std::string body) {
  res.status = 200;
  res.set_content(std::move(body), "application/json");
}

std::string BearerToken(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  return header.compare(0, prefix.size(), prefix) == 0 ? header.substr(prefix.size()) : "";
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string cookies = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < cookies.size()) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string part = cookies.substr(pos, end - pos);
    size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

// A pull's list of participant ids, "a,b,c". The where is left to the caller (holding or
// backfilling).
StatusOr<std::vector<std::string>> ParseHolding(const std::string& text) {
  std::vector<std::string> ids;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string id = text.substr(start, end - start);
    bool plain = !id.empty() && id.size() <= 64;
    for (char c : id)
      plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
    if (!plain) return Status::InvalidArgument("", "must be participant ids separated by commas");
    ids.push_back(std::move(id));
    if (ids.size() > 2000) return Status::InvalidArgument("", "lists more than 2000 participants");
    start = end + 1;
  }
  return ids;
}

}  // namespace

std::string CentralStorePath(const std::string& data_dir) { return data_dir + "/central.sqlite"; }

struct SyncServer::Impl {
  ServerConfig config;
  std::unique_ptr<store::Database> db;
  std::mutex db_mutex;
  std::unique_ptr<httplib::Server> http;
  SignInThrottle throttle;
  std::unique_ptr<Sealer> sealer;
  std::optional<StaticSite> site;
  int port = 0;

  StatusOr<Principal> AuthenticateToken(const std::string& token) {
    return Authenticate(*db, token, NowMs());
  }

  // Sign-in through the throttle: slowed, then locked, after repeated failures (429).
  StatusOr<sync::SignInResponse> ThrottledSignIn(const sync::SignInRequest& request) {
    const int64_t now = NowMs();
    if (Status allowed = throttle.MayTry(request.username, now); !allowed.ok()) return allowed;
    std::lock_guard lock(db_mutex);
    auto response = SignIn(*db, request, now);
    if (response.ok()) {
      throttle.RecordSuccess(request.username);
    } else if (response.status().code() == Status::Code::kUnauthenticated) {
      throttle.RecordFailure(request.username, now);
    }
    return response;
  }

  static void SendThrottled(httplib::Response& res, const Status& status) {
    SendError(res, status);
    if (status.where() == "sign_in") res.status = 429;
  }

  void HandleSignIn(const httplib::Request& req, httplib::Response& res) {
    auto request = sync::DecodeSignInRequest(req.body);
    if (!request.ok()) return SendError(res, request.status());
    auto response = ThrottledSignIn(*request);
    if (!response.ok()) return SendThrottled(res, response.status());
    response->lock_after_days = config.device_lock_after_days;
    response->erase_after_days = config.device_erase_after_days;
    SendJson(res, sync::Encode(*response));
  }

  void HandlePush(const httplib::Request& req, httplib::Response& res) {
    // Each thread decodes push after push into one request, whose strings keep their memory:
    // a push of 500 changes would otherwise allocate and free some 3,000 strings. The memory of
    // a rare large push is not kept.
    thread_local sync::PushRequest request;
    struct ReleaseIfLarge {
      sync::PushRequest& request;
      size_t body_bytes;
      ~ReleaseIfLarge() {
        if (body_bytes > kKeptPushBytes) request = sync::PushRequest{};
      }
    } release{request, req.body.size()};
    Status decoded = sync::DecodePushRequestInto(req.body, &request);
    if (!decoded.ok()) return SendError(res, decoded);
    // Checked before the store's lock is taken: while one tablet's push is written, the pushes
    // of others are being decoded and checked on their own threads.
    PushChecks checks = CheckPush(request);
    sync::PushResponse response;
    {
      std::lock_guard lock(db_mutex);
      auto who = AuthenticateToken(BearerToken(req));
      if (!who.ok()) return SendError(res, who.status());
      auto pushed = Push(*db, *who, request, NowMs(), &checks);
      if (!pushed.ok()) return SendError(res, pushed.status());
      response = std::move(pushed).value();
      CatchUpLocked();
    }
    SendJson(res, sync::Encode(response));
  }

  void HandlePull(const httplib::Request& req, httplib::Response& res) {
    int64_t since = 0;
    int64_t backfill_after = 0;
    int limit = sync::kMaxChangesPerPull;
    std::vector<std::string> holding, backfilling;
    for (auto [name, list] : {std::pair{"holding", &holding}, {"backfilling", &backfilling}}) {
      if (!req.has_param(name)) continue;
      auto parsed = ParseHolding(req.get_param_value(name));
      if (!parsed.ok()) return SendError(res, parsed.status().WithContext(name));
      *list = std::move(parsed).value();
    }
    if (req.has_param("backfill_after")) {
      const std::string text = req.get_param_value("backfill_after");
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), backfill_after);
      if (error != std::errc() || end != text.data() + text.size() || backfill_after < 0)
        return SendError(res, Status::InvalidArgument("backfill_after", "must be a sequence of 0 or more"));
    }
    if (req.has_param("since")) {
      const std::string text = req.get_param_value("since");
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), since);
      if (error != std::errc() || end != text.data() + text.size() || since < 0)
        return SendError(res, Status::InvalidArgument("since", "must be a cursor of 0 or more"));
    }
    if (req.has_param("limit")) {
      const std::string text = req.get_param_value("limit");
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), limit);
      if (error != std::errc() || end != text.data() + text.size() || limit < 1 ||
          limit > sync::kMaxChangesPerPull)
        return SendError(res, Status::InvalidArgument(
                                  "limit", "must be 1 to " +
                                               std::to_string(sync::kMaxChangesPerPull)));
    }
    std::lock_guard lock(db_mutex);
    auto who = AuthenticateToken(BearerToken(req));
    if (!who.ok()) return SendError(res, who.status());
    auto page = Pull(*db, *who, since, limit, backfill_after, holding, backfilling);
    if (!page.ok()) return SendError(res, page.status());
    if (who->SeesEveryone() && !page->changes.empty()) {
      std::vector<std::string> shown;
      for (const sync::Change& c : page->changes) shown.push_back(c.participant_id);
      LogIfFailed(AuditRecordsRead(*db, *who, shown, "pull since " + std::to_string(since), NowMs()));
    }
    SendJson(res, sync::Encode(*page));
  }

  void HandleReview(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(db_mutex);
    auto who = AuthenticateToken(CookieValue(req, "outpost_review"));
    if (!who.ok()) {
      res.set_content(ReviewSignInPage(""), "text/html; charset=utf-8");
      return;
    }
    if (who->IsKeyWorker() || who->role == "administrator") {
      res.status = 403;
      res.set_content(ReviewSignInPage("The review is for supervisors and compliance officers."),
                      "text/html; charset=utf-8");
      return;
    }
    auto page = ReviewRecordPage(*db, *who);
    if (page.ok()) {
      std::vector<std::string> shown;
      auto everyone = db->Prepare("SELECT participant_id FROM participants");
      while (everyone.ok() && everyone->Step().value_or(false)) shown.push_back(everyone->ColumnText(0));
      LogIfFailed(AuditRecordsRead(*db, *who, shown, "review page", NowMs()));
    }
    if (!page.ok()) {
      res.status = HttpStatusFor(page.status().code());
      res.set_content(ReviewSignInPage(page.status().ToString()), "text/html; charset=utf-8");
      return;
    }
    res.set_content(*page, "text/html; charset=utf-8");
  }

  void HandleReviewSignIn(const httplib::Request& req, httplib::Response& res) {
    sync::SignInRequest request;
    request.username = req.get_param_value("username");
    request.password = req.get_param_value("password");
    // Each user's review sessions are their own "device", so one user's sign-in never blocks another's.
    request.device_id = "review-web-" + request.username.substr(0, 40);
    auto session = ThrottledSignIn(request);
    if (!session.ok()) {
      res.status = session.status().where() == "sign_in" ? 429 : HttpStatusFor(session.status().code());
      res.set_content(ReviewSignInPage(session.status().what()), "text/html; charset=utf-8");
      return;
    }
    res.set_header("Set-Cookie", "outpost_review=" + session->token +
                                     "; Path=/review; HttpOnly; SameSite=Strict" +
                                     (config.plain_http ? "" : "; Secure"));
    res.set_redirect("/review", 303);
  }

  // Debian's httplib is built with Brotli and compresses every text answer by the request's
  // Accept-Encoding, choosing Brotli at its slowest setting whenever it is offered (Chromium
  // always offers it): a 3 MB first pull took 8 s instead of 0.3 s with gzip, past the tablet's
  // timeout. It would also compress again the files ServeStatic sends already gzipped. So before
  // any handler runs, the request's Accept-Encoding is rewritten: gzip for answers made here,
  // nothing for the client's files (ServeStatic reads the original choice from
  // X-Outpost-Accept-Gzip). httplib hands handlers a const Request that it owns as a mutable
  // local, so changing its headers here is sound.
  void ChooseCompression(const httplib::Request& req) {
    auto& headers = const_cast<httplib::Headers&>(req.headers);
    const bool gzip = req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
    headers.erase("Accept-Encoding");
    headers.erase("X-Outpost-Accept-Gzip");
    headers.emplace("X-Outpost-Accept-Gzip", gzip ? "yes" : "no");
    const bool client_file = site && req.path.rfind("/api/", 0) != 0 && site->Find(req.path) != nullptr;
    if (gzip && !client_file) headers.emplace("Accept-Encoding", "gzip");
  }

  void ServeStatic(const httplib::Request& req, httplib::Response& res) {
    const StaticFile* file = site->Find(req.path);
    if (file == nullptr) {
      res.status = 404;
      res.set_content("Not found\n", "text/plain; charset=utf-8");
      return;
    }
    // Revalidated every time: the service worker, not the HTTP cache, keeps the app offline.
    res.set_header("Cache-Control", "no-cache");
    res.set_header("ETag", file->etag);
    res.set_header("Vary", "Accept-Encoding");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (req.get_header_value("If-None-Match") == file->etag) {
      res.status = 304;
      return;
    }
    const bool gzip = !file->gzip_body.empty() && req.get_header_value("X-Outpost-Accept-Gzip") == "yes";
    if (gzip) res.set_header("Content-Encoding", "gzip");
    res.set_content(gzip ? file->gzip_body : file->body, file->content_type.c_str());
  }

  static void LogIfFailed(const Status& status) {
    if (!status.ok()) std::fprintf(stderr, "outpost-sync-server: %s\n", status.ToString().c_str());
  }

  // Audit entries for applied changes and seals for new signatures, caught up with the store.
  // Runs after every push and at start-up, so nothing stored is ever left unaudited or unsealed
  // for longer than until the next start. Caller holds db_mutex.
  void CatchUpLocked() {
    LogIfFailed(AuditAppliedChanges(*db).status());
    LogIfFailed(sealer->SealNewSignatures(*db, NowMs()).status());
  }

  void HandleVerifySignature(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(db_mutex);
    auto who = AuthenticateToken(BearerToken(req));
    if (!who.ok()) return SendError(res, who.status());
    if (who->role == "administrator")
      return SendError(res, Status::PermissionDenied("role", "an administrator manages accounts, not records"));
    const std::string id = req.get_param_value("id");
    if (id.empty() || id.size() > 64)
      return SendError(res, Status::InvalidArgument("id", "must name a signature"));
    if (who->IsKeyWorker()) {
      auto owner = db->Prepare("SELECT 1 FROM records r JOIN participants p USING (participant_id) "
                               "WHERE r.record_type = 'signature' AND r.record_id = ? AND "
                               "p.key_worker = ?");
      if (!owner.ok()) return SendError(res, owner.status());
      owner->Bind(1, id).Bind(2, who->username);
      if (!owner->Step().value_or(false))
        return SendError(res, Status::NotFound("id", "no signature " + id + " on your caseload"));
    }
    auto check = VerifySignatureSeal(*db, id);
    if (!check.ok()) return SendError(res, check.status());
    nlohmann::json body = {{"document_match", check->document_match},
                           {"id", id},
                           {"ok", check->ok()},
                           {"problem", check->Problem()},
                           {"seal_valid", check->seal_valid},
                           {"sealed", check->sealed},
                           {"strokes_match", check->strokes_match},
                           {"version_match", check->version_match}};
    SendJson(res, body.dump());
  }

  void InstallRoutes() {
    http->set_payload_max_length(config.max_body_bytes);
    // httplib writes a response's header and body as separate TLS records: without NODELAY the
    // body waits for the client's delayed ACK (about 40 ms on Linux) on every request.
    http->set_tcp_nodelay(true);
    // Tablets keep connections open; more workers than httplib's default of 8 keep a burst of
    // them from queueing behind each other (the store itself is still one writer at a time).
    http->new_task_queue = [] { return new httplib::ThreadPool(32); };
    // httplib 0.11 limits only a body with a Content-Length: a chunked body, or one that runs
    // until the connection closes, would be read into memory without end. Refused before any of
    // it is read (issue 5); every client of this server sends a Content-Length.
    http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      ChooseCompression(req);
      const bool has_body = req.method == "POST" || req.method == "PUT" ||
                            req.method == "PATCH" || req.method == "DELETE" || req.method == "PRI";
      if (!req.has_header("Transfer-Encoding") && (!has_body || req.has_header("Content-Length")))
        return httplib::Server::HandlerResponse::Unhandled;
      SendError(res, Status::InvalidArgument("body", "must be sent with a Content-Length"));
      res.status = 411;
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    });
    http->Post("/api/v1/session",
               [this](const httplib::Request& q, httplib::Response& r) { HandleSignIn(q, r); });
    http->Post("/api/v1/push",
               [this](const httplib::Request& q, httplib::Response& r) { HandlePush(q, r); });
    http->Get("/api/v1/pull",
              [this](const httplib::Request& q, httplib::Response& r) { HandlePull(q, r); });
    http->Get("/api/v1/signatures/verify", [this](const httplib::Request& q, httplib::Response& r) {
      HandleVerifySignature(q, r);
    });
    http->Get("/api/v1/receipts/verify", [this](const httplib::Request& q, httplib::Response& r) {
      std::lock_guard lock(db_mutex);
      auto who = AuthenticateToken(BearerToken(q));
      auto body = who.ok() ? VerifyReceiptJson(*db, *who, q.get_param_value("code"))
                           : StatusOr<std::string>(who.status());
      body.ok() ? SendJson(r, *body) : SendError(r, body.status());
    });
    http->Get("/api/v1/health", [](const httplib::Request&, httplib::Response& r) {
      SendJson(r, "{\"protocol\":" + std::to_string(sync::kProtocolVersion) + ",\"status\":\"ok\"}");
    });
    http->Get("/review",
              [this](const httplib::Request& q, httplib::Response& r) { HandleReview(q, r); });
    http->Post("/review/signin", [this](const httplib::Request& q, httplib::Response& r) {
      HandleReviewSignIn(q, r);
    });
    if (site) {
      http->Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
        ServeStatic(req, res);
      });
    }
    http->set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.path.rfind("/api/", 0) != 0 || !res.body.empty()) return;
      const int status = res.status;  // httplib's own: 404, 413 (body too large), 400...
      SendError(res, status == 404   ? Status::NotFound("path", req.path + " is not an API")
                     : status == 413 ? Status::InvalidArgument(
                                           "body", "is larger than " +
                                                       std::to_string(config.max_body_bytes) +
                                                       " bytes")
                                     : Status::InvalidArgument("request", "was refused"));
      res.status = status;
    });
    http->set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          SendError(res, Status::Internal("server", "unexpected failure"));
        });
  }
};

SyncServer::SyncServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SyncServer::~SyncServer() = default;

StatusOr<std::unique_ptr<SyncServer>> SyncServer::Create(ServerConfig config) {
  if (config.data_dir.empty()) return Status::InvalidArgument("--data-dir", "is required");
  if (config.plain_http && !IsLoopback(config.bind_address))
    return Status::InvalidArgument("--plain-http",
                                   "plain HTTP is allowed only on a loopback address");
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return Status::Unavailable(config.data_dir, "cannot create the data folder: " + ec.message());
  auto impl = std::make_unique<Impl>();
  if (!config.web_root.empty()) {
    OUTPOST_ASSIGN_OR_RETURN(StaticSite site, StaticSite::Load(config.web_root));
    impl->site = std::move(site);
  }
  OUTPOST_ASSIGN_OR_RETURN(impl->db, store::Database::Open(CentralStorePath(config.data_dir),
                                                           store::JournalMode::kWal));
  OUTPOST_RETURN_IF_ERROR(store::MigrateToLatest(*impl->db, store::Side::kServer).status());
  OUTPOST_ASSIGN_OR_RETURN(impl->sealer, Sealer::LoadOrCreate(config.data_dir + "/seal/seal-key.pem"));

  if (config.plain_http) {
    impl->http = std::make_unique<httplib::Server>();
  } else {
    if (config.cert_path.empty()) config.cert_path = config.data_dir + "/tls/cert.pem";
    if (config.key_path.empty()) config.key_path = config.data_dir + "/tls/key.pem";
    OUTPOST_RETURN_IF_ERROR(EnsureSelfSignedCertificate(config.cert_path, config.key_path));
    auto tls = std::make_unique<httplib::SSLServer>(config.cert_path.c_str(),
                                                    config.key_path.c_str());
    if (!tls->is_valid())
      return Status::InvalidArgument("--cert", "the certificate or key cannot be loaded");
    SSL_CTX_set_min_proto_version(tls->ssl_context(), TLS1_2_VERSION);
    impl->http = std::move(tls);
  }
  impl->config = std::move(config);
  impl->InstallRoutes();
  return std::unique_ptr<SyncServer>(new SyncServer(std::move(impl)));
}

Status SyncServer::Bind() {
  {
    std::lock_guard lock(impl_->db_mutex);
    impl_->CatchUpLocked();
  }
  if (impl_->config.port == 0) {
    impl_->port = impl_->http->bind_to_any_port(impl_->config.bind_address);
  } else if (impl_->http->bind_to_port(impl_->config.bind_address, impl_->config.port)) {
    impl_->port = impl_->config.port;
  }
  if (impl_->port <= 0)
    return Status::Unavailable("--port", "cannot listen on " + impl_->config.bind_address + ":" +
                                             std::to_string(impl_->config.port));
  return Status::Ok();
}

int SyncServer::port() const { return impl_->port; }
void SyncServer::Run() { impl_->http->listen_after_bind(); }
void SyncServer::Stop() { impl_->http->stop(); }
const ServerConfig& SyncServer::config() const { return impl_->config; }

Status SyncServer::WithDatabase(const std::function<Status(store::Database&)>& work) {
  std::lock_guard lock(impl_->db_mutex);
  return work(*impl_->db);
}

}  // namespace outpost::server
