#include "wasm-client/app/app.h"

#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>

#include "imgui.h"
#include "shared/base/utc_time.h"
#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "shared/sync/codec.h"
#include "shared/sync/session.h"
#include "wasm-client/app/app_state.h"
#include "wasm-client/app/words.h"
#include "wasm-client/screens/screens.h"
#include "wasm-client/widgets/ui_probe.h"

namespace outpost::client {

namespace {

std::string RandomHex(int bytes) {
  std::random_device source;  // crypto.getRandomValues in the browser
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < bytes; ++i) {
    unsigned value = source() & 0xff;
    out.push_back(kDigits[value >> 4]);
    out.push_back(kDigits[value & 15]);
  }
  return out;
}

// A time-ordered (version 7) UUID for a new record: 48 bits of milliseconds, then randomness.
// Time order keeps inserts at the end of the record indexes instead of scattered through them.
std::string NewUuid(int64_t now_ms) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex = RandomHex(16);
  for (int i = 0; i < 12; ++i) hex[i] = kDigits[(now_ms >> (44 - 4 * i)) & 15];
  hex[12] = '7';
  hex[16] = "89ab"[hex[16] % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

// "QQ123456A" -> "QQ •••• 56 A": enough to tell two people apart, not enough to misuse.
std::string MaskNiNumber(const std::string& ni) {
  if (ni.size() != 9) return ni.empty() ? "not recorded" : "recorded";
  return ni.substr(0, 2) + " \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 " + ni.substr(6, 2) +
         " " + ni.substr(8);
}

}  // namespace

struct App::Impl {
  Platform platform;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<sync::SyncSession> sync;
  AppState state;
  std::string token;
  bool sync_requested = false;
  int rounds_seen = 0;  // sync rounds already reported to platform.on_synced

  Status State(const char* key, std::string& out) {
    auto value = store::GetDeviceState(*db, key);
    if (!value.ok()) return value.status();
    out = *value;
    return Status::Ok();
  }

  Status Start() {
    auto opened = store::Database::Open(platform.data_dir + "/replica.sqlite",
                                        store::JournalMode::kRollback);
    if (!opened.ok()) return opened.status();
    db = std::move(opened).value();
    OUTPOST_RETURN_IF_ERROR(store::MigrateToLatest(*db, store::Side::kClient).status());
    std::string device_id;
    OUTPOST_RETURN_IF_ERROR(State("device_id", device_id));
    if (device_id.empty()) {
      OUTPOST_RETURN_IF_ERROR(store::SetDeviceState(*db, "device_id", "tab-" + RandomHex(8)));
    }
    OUTPOST_RETURN_IF_ERROR(State("username", state.username_signed_in));
    OUTPOST_RETURN_IF_ERROR(State("display_name", state.display_name));
    OUTPOST_RETURN_IF_ERROR(State("token", token));
    // Changes written by an app from before the hash chain get their chain now, before any push.
    OUTPOST_RETURN_IF_ERROR(store::RepairLocalChain(*db).status());
    sync = std::make_unique<sync::SyncSession>(
        *db, *platform.transport,
        sync::SyncSession::Hooks{platform.flush_storage, platform.now_ms, [this] { Reload(); },
                                 [this] { SignedOut(); }, [this] { Revoked(); }});
    state.screen = state.username_signed_in.empty() ? Screen::kSignIn : Screen::kCaseload;
    if (!state.username_signed_in.empty())
      std::snprintf(state.username, sizeof state.username, "%s", state.username_signed_in.c_str());
    // Whatever the migrations and the new device id wrote must survive a reload.
    platform.flush_storage([](Status) {});
    Reload();
    return Status::Ok();
  }

  void Fail(const Status& status) {
    state.screen = Screen::kFailed;
    state.failure = status.ToString();
  }

  // Re-reads what the screens show from the replica.
  void Reload() {
    state.caseload.clear();
    auto rows = db->Prepare(
        "SELECT participant_id, given_name, family_name, journey_stage, referral_date, "
        "start_date, ni_number FROM participants WHERE key_worker = ? "
        "ORDER BY family_name, given_name");
    if (!rows.ok()) return Fail(rows.status());
    rows->Bind(1, state.username_signed_in);
    while (true) {
      auto row = rows->Step();
      if (!row.ok()) return Fail(row.status());
      if (!*row) break;
      state.caseload.push_back({rows->ColumnText(0), rows->ColumnText(1), rows->ColumnText(2),
                                rows->ColumnText(3), rows->ColumnText(4), rows->ColumnText(5),
                                MaskNiNumber(rows->ColumnText(6))});
    }
    if (state.participant) {
      const std::string id = state.participant->participant_id;
      state.participant.reset();
      for (const ParticipantRow& p : state.caseload)
        if (p.participant_id == id) state.participant = p;
      if (!state.participant && state.screen != Screen::kCaseload) state.screen = Screen::kCaseload;
      if (state.participant) LoadContacts();
    }
  }

  void LoadContacts() {
    state.contacts.clear();
    auto rows = db->Prepare(
        "SELECT c.occurred_at, c.mode, c.location, c.outcome, c.notes, c.digital_reason, "
        "c.recorded_by, ch.server_seq > 0 OR ifnull(o.confirmed_at, '') != '', "
        "CASE WHEN ifnull(o.quarantined_at, '') != '' AND o.confirmed_at = '' THEN o.reason "
        "ELSE '' END "
        "FROM contacts c JOIN changes ch ON ch.device_id || ':' || ch.device_seq = c.change_id "
        "LEFT JOIN outbox o ON o.device_seq = ch.device_seq AND ch.device_id = "
        "(SELECT value FROM device_state WHERE key = 'device_id') "
        "WHERE c.participant_id = ? ORDER BY c.occurred_at DESC, ch.seq DESC");
    if (!rows.ok()) return Fail(rows.status());
    rows->Bind(1, state.participant->participant_id);
    while (true) {
      auto row = rows->Step();
      if (!row.ok()) return Fail(row.status());
      if (!*row) break;
      state.contacts.push_back({rows->ColumnText(0), rows->ColumnText(1), rows->ColumnText(2),
                                rows->ColumnText(3), rows->ColumnText(4), rows->ColumnText(5),
                                rows->ColumnText(6), rows->ColumnInt(7) != 0,
                                rows->ColumnText(8)});
    }
  }

  void SignIn() {
    if (!platform.is_online()) {
      state.sign_in_message = "Signing in needs a connection. Try again when online.";
      return;
    }
    std::string device_id;
    if (Status s = State("device_id", device_id); !s.ok()) return Fail(s);
    sync::SignInRequest request{sync::kProtocolVersion, state.username, state.password, device_id};
    state.signing_in = true;
    state.sign_in_message.clear();
    platform.transport->Send(
        {"POST", "/api/v1/session", "", sync::Encode(request)},
        [this, device_id](StatusOr<sync::HttpResponse> response) {
          state.signing_in = false;
          if (!response.ok()) {
            state.sign_in_message = "Cannot reach the server: " + response.status().what();
            return;
          }
          if (response->status != 200) {
            auto error = sync::DecodeErrorBody(response->body);
            state.sign_in_message =
                error.ok() ? error->message : "Sign-in failed (" + std::to_string(response->status) + ")";
            return;
          }
          auto session = sync::DecodeSignInResponse(response->body);
          if (!session.ok()) {
            state.sign_in_message = "The server's answer was not understood: " + session.status().ToString();
            return;
          }
          if (session->role != "key_worker") {
            state.sign_in_message =
                "The tablet app is for key workers. Supervisors review the record at /review.";
            return;
          }
          std::string offset = "0";
          if (auto server_ms = ParseUtc(session->server_time); server_ms.ok())
            offset = std::to_string(*server_ms - platform.now_ms());
          for (auto [key, value] : {std::pair{"username", session->username},
                                    {"display_name", session->display_name},
                                    {"token", session->token},
                                    {"clock_offset_ms", offset}}) {
            if (Status s = store::SetDeviceState(*db, key, value); !s.ok()) return Fail(s);
          }
          if (platform.on_signed_in)
            platform.on_signed_in({session->username, session->display_name, state.password,
                                   device_id, session->lock_after_days, session->erase_after_days});
          std::memset(state.password, 0, sizeof state.password);
          token = session->token;
          state.username_signed_in = session->username;
          state.display_name = session->display_name;
          state.screen = Screen::kCaseload;
          sync_requested = true;
          platform.flush_storage([](Status) {});
          Reload();
        });
  }

  void SignedOut() {
    token.clear();
    (void)store::SetDeviceState(*db, "token", "");
    state.sign_in_message =
        "The server asked you to sign in again. Nothing recorded on this tablet is lost.";
    state.screen = Screen::kSignIn;
  }

  // Erases the caseload from the tablet and shows sign-in with `message`. A new device id, since
  // the server binds a device to one key worker.
  void EraseAndShowSignIn(const std::string& message) {
    Status erased = store::EraseLocalData(*db);
    if (!erased.ok()) return Fail(erased);
    token.clear();
    state = AppState{};
    Status renewed = store::SetDeviceState(*db, "device_id", "tab-" + RandomHex(8));
    if (!renewed.ok()) return Fail(renewed);
    state.sign_in_message = message;
    if (platform.on_erased) platform.on_erased();
    platform.flush_storage([](Status) {});
  }

  // The server revoked this tablet: nothing of the caseload may stay on it.
  void Revoked() {
    EraseAndShowSignIn(
        "This tablet was withdrawn by your administrator, so its records have been erased.");
  }

  // Signing out erases the tablet's records, so it is refused while changes wait to sync.
  void SignOut() {
    if (state.sync.waiting > 0) {
      state.banner = Tf({"Not signed out: %lld changes are waiting to sync. Connect and sync first.",
                         "Heb allgofnodi: mae %lld newid yn aros i gysoni. Cysylltwch a chysonwch "
                         "yn gyntaf."},
                        static_cast<long long>(state.sync.waiting));
      return;
    }
    EraseAndShowSignIn(T({"Signed out. Records of the caseload are no longer on this tablet.",
                          "Wedi allgofnodi. Nid yw cofnodion y llwyth achosion ar y dabled hon "
                          "mwyach."}));
  }

  void NewContactDraft() {
    state.draft = ContactDraft{};
    const std::string now = FormatUtc(platform.now_ms());
    std::snprintf(state.draft.date, sizeof state.draft.date, "%s", now.substr(0, 10).c_str());
    std::snprintf(state.draft.time, sizeof state.draft.time, "%s", now.substr(11, 5).c_str());
    state.screen = Screen::kContactForm;
  }

  void SaveContact() {
    ContactDraft& d = state.draft;
    d.error.clear();
    d.error_field.clear();
    nlohmann::json fields = {{"occurred_at", std::string(d.date) + "T" + d.time},
                             {"mode", kContactModes[d.mode][0]},
                             {"location", d.location},
                             {"outcome", kContactOutcomes[d.outcome][0]},
                             {"notes", d.notes}};
    const std::string mode = kContactModes[d.mode][0];
    if (mode == "telephone" || mode == "video") fields["digital_reason"] = d.digital_reason;
    const int64_t now = platform.now_ms();
    store::LocalWrite write{state.username_signed_in, "contact", NewUuid(now),
                            state.participant->participant_id, fields.dump(), now,
                            FormatUtc(now)};
    auto recorded = store::RecordLocalChange(*db, write);
    if (!recorded.ok()) {
      d.error_field = recorded.status().where();
      d.error = recorded.status().what();
      return;
    }
    // Stored in the replica; say "saved" only once it is durable in IndexedDB.
    state.saving = true;
    platform.flush_storage([this](Status flushed) {
      state.saving = false;
      if (!flushed.ok()) {
        state.draft.error = "Not saved to this tablet's storage: " + flushed.what() +
                            ". Keep this screen open and try again.";
        return;
      }
      state.banner = "Contact saved on this tablet";
      state.screen = Screen::kParticipant;
      Reload();
    });
  }

  void Execute(const Commands& commands) {
    if (commands.sign_in) SignIn();
    if (commands.sync_now) sync_requested = true;
    if (commands.sign_out) SignOut();
    if (commands.open_participant) {
      for (const ParticipantRow& p : state.caseload)
        if (p.participant_id == *commands.open_participant) state.participant = p;
      state.banner.clear();
      state.screen = Screen::kParticipant;
      LoadContacts();
    }
    if (commands.new_contact) NewContactDraft();
    if (commands.save_contact && !state.saving) SaveContact();
    if (commands.back) {
      state.banner.clear();
      state.screen = state.screen == Screen::kContactForm ? Screen::kParticipant : Screen::kCaseload;
    }
  }

  void Frame() {
    const bool online = platform.is_online();
    if (sync) {
      sync->Tick(online, token, sync_requested);
      sync_requested = false;
      const sync::SyncSession::Progress p = sync->progress();
      if (p.rounds_completed != rounds_seen) {
        rounds_seen = p.rounds_completed;
        if (platform.on_synced) platform.on_synced();
      }
      state.sync.in_flight = p.in_flight;
      state.sync.sent = p.sent;
      state.sync.to_send = p.to_send;
      state.sync.received = p.received;
      state.sync.waiting = p.waiting;
      state.sync.quarantined = p.quarantined;
      state.sync.last_synced_at = p.last_synced_at;
      state.sync.last_error = p.last_error;
      state.sync.clock_flagged = p.clock_flagged;
    }
    state.sync.online = online;

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("Outpost", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    Commands commands;
    if (state.screen == Screen::kFailed) {
      ImGui::TextWrapped("Outpost cannot open the records on this tablet: %s", state.failure.c_str());
      ProbeText("app.failure", state.failure);
    } else {
      DrawStatusBar(state, commands);
      switch (state.screen) {
        case Screen::kSignIn: DrawSignInScreen(state, commands); break;
        case Screen::kCaseload: DrawCaseloadScreen(state, commands); break;
        case Screen::kParticipant: DrawParticipantScreen(state, commands); break;
        case Screen::kContactForm: DrawContactForm(state, commands); break;
        case Screen::kFailed: break;
      }
    }
    ProbeText("app.screen", std::to_string(static_cast<int>(state.screen)));
    ImGui::End();
    Execute(commands);
  }
};

App::App(Platform platform) : impl_(std::make_unique<Impl>()) {
  impl_->platform = std::move(platform);
}

App::~App() = default;

Status App::Start() {
  Status started = impl_->Start();
  if (!started.ok()) impl_->Fail(started);
  return started;
}

void App::Frame() { impl_->Frame(); }

}  // namespace outpost::client
