#include "wasm-client/app/app.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <tuple>
#include <nlohmann/json.hpp>
#include <random>

#include "imgui.h"
#include "shared/base/utc_time.h"
#include "shared/domain/ipes07_notice.h"
#include "shared/rules/working_days.h"
#include "shared/store/change_store.h"
#include "shared/store/migrations.h"
#include "shared/store/plan_versions.h"
#include "shared/store/record_store.h"
#include "shared/sync/codec.h"
#include "shared/sync/session.h"
#include "wasm-client/app/app_state.h"
#include "wasm-client/app/export_flow.h"
#include "wasm-client/app/receipt.h"
#include "wasm-client/app/rule_words.h"
#include "wasm-client/app/uk_time.h"
#include "wasm-client/app/words.h"
#include "wasm-client/screens/screens.h"
#include "wasm-client/screens/signing_screen.h"
#include "wasm-client/widgets/drag_scroll.h"
#include "wasm-client/widgets/ui_probe.h"

namespace outpost::client {

namespace {

using nlohmann::json;

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
  if (ni.size() != 9) return ni.empty() ? T({"not recorded", "heb ei gofnodi"}) : T({"recorded", "wedi'i gofnodi"});
  return ni.substr(0, 2) + " \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 " + ni.substr(6, 2) +
         " " + ni.substr(8);
}

// A date typed on the tablet: UK "23/11/2026" (or "23/11/26") or ISO "2026-11-23".
std::optional<CivilDate> ReadTypedDate(const std::string& text) {
  if (auto iso = CivilDate::Parse(text); iso.ok()) return *iso;
  int day = 0, month = 0, year = 0;
  char rest = 0;
  if (std::sscanf(text.c_str(), "%d/%d/%d%c", &day, &month, &year, &rest) != 3) return std::nullopt;
  if (year < 100) year += 2000;
  auto date = CivilDate::FromYmd(year, month, day);
  if (!date.ok()) return std::nullopt;
  return *date;
}

Urgency UrgencyOf(rules::RuleStatus status) {
  switch (status) {
    case rules::RuleStatus::kOverdue: return Urgency::kOverdue;
    case rules::RuleStatus::kDueSoon: return Urgency::kDueSoon;
    case rules::RuleStatus::kDue: return Urgency::kDue;
    default: return Urgency::kNothingDue;
  }
}

std::string Field(const json& fields, const char* name) {
  auto it = fields.find(name);
  return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string OptionLabel(std::span<const Option> options, const std::string& value) {
  for (const Option& option : options)
    if (value == option.value) return T(option.label);
  return value;
}

const rules::HolidayCalendar& Calendar() {
  static const rules::HolidayCalendar calendar;  // the built-in England and Wales calendar
  return calendar;
}

}  // namespace

struct App::Impl {
  Platform platform;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<sync::SyncSession> sync;
  AppState state;
  std::string token;
  bool sync_requested = false;
  int rounds_seen = 0;  // sync rounds already seen: each reloads and goes to platform.on_synced
  Screen drawn_screen = Screen::kFailed;
  domain::ParticipantRecords open_records;  // of state.participant, as the rules read them
  ExportFlow export_flow;                   // Screen::kExport

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
    std::string language, text_percent, contrast;
    OUTPOST_RETURN_IF_ERROR(State("language", language));
    OUTPOST_RETURN_IF_ERROR(State("text_percent", text_percent));
    OUTPOST_RETURN_IF_ERROR(State("high_contrast", contrast));
    // A replica with no choice yet (before the first sign-in) keeps the shell's.
    state.settings.language = language.empty() ? CurrentLanguage() : LanguageFromCode(language);
    state.settings.text_percent = text_percent == "125" ? 125 : text_percent == "150" ? 150 : 100;
    state.settings.high_contrast = contrast == "yes";
    SetLanguage(state.settings.language);
    if (platform.on_language) platform.on_language(state.settings.language);
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

  CivilDate Today() const { return UkDateOf(platform.now_ms()); }

  // Re-reads what the screens show from the replica.
  void Reload() {
    state.today = Today().ToString();
    state.caseload.clear();
    auto loaded = store::LoadParticipantRecords(*db, state.username_signed_in);
    if (!loaded.ok()) return Fail(loaded.status());
    auto rows = db->Prepare("SELECT participant_id, journey_stage FROM participants WHERE key_worker = ?");
    if (!rows.ok()) return Fail(rows.status());
    rows->Bind(1, state.username_signed_in);
    std::map<std::string, std::string> stages;
    while (rows->Step().value_or(false)) stages[rows->ColumnText(0)] = rows->ColumnText(1);
    for (const domain::ParticipantRecords& records : *loaded) {
      const domain::Participant& p = records.participant;
      ParticipantRow row;
      row.participant_id = p.id;
      row.given_name = p.given_names;
      row.family_name = p.surname;
      row.journey_stage = stages[p.id];
      row.referral_date = p.referral.referral_date.ToString();
      row.start_date = p.start_date ? p.start_date->ToString() : "";
      row.ni_number = p.ni_number;
      row.ni_masked = MaskNiNumber(p.ni_number);
      const rules::Evaluation e = rules::EvaluateCompliance(records, Today(), Calendar());
      row.phase = e.phase;
      row.day_of_provision = e.day_of_provision;
      for (const rules::RuleResult& r : e.rules) {
        const Urgency u = UrgencyOf(r.status);
        const std::string due = r.due_date ? r.due_date->ToString() : "";
        if (u < row.urgency || (u == row.urgency && u != Urgency::kNothingDue && due < row.urgent_due)) {
          row.urgency = u;
          row.urgent_rule = r.id;
          row.urgent_due = due;
        }
      }
      state.caseload.push_back(std::move(row));
    }
    // Most urgent first; within a level, the earliest due date; then by name.
    std::sort(state.caseload.begin(), state.caseload.end(), [](const ParticipantRow& a, const ParticipantRow& b) {
      return std::tie(a.urgency, a.urgent_due, a.family_name, a.given_name) <
             std::tie(b.urgency, b.urgent_due, b.family_name, b.given_name);
    });
    LoadConflicts();
    LoadRefused();
    if (state.participant) {
      const std::string id = state.participant->participant_id;
      state.participant.reset();
      for (const ParticipantRow& p : state.caseload)
        if (p.participant_id == id) state.participant = p;
      if (!state.participant && state.screen != Screen::kCaseload && state.screen != Screen::kSettings &&
          state.screen != Screen::kExport)
        state.screen = Screen::kCaseload;
      for (const domain::ParticipantRecords& records : *loaded)
        if (state.participant && records.participant.id == id) open_records = records;
      if (state.participant) LoadParticipant();
    }
  }

  // Every refusal not yet resolved, with what it was about in words.
  void LoadRefused() {
    state.sync.refused.clear();
    auto rows = db->Prepare(
        "SELECT o.device_seq, ch.record_type, o.reason, "
        "ifnull((SELECT given_name || ' ' || family_name FROM participants p "
        "WHERE p.participant_id = ch.participant_id), '') "
        "FROM outbox o JOIN changes ch ON ch.device_seq = o.device_seq AND ch.device_id = "
        "(SELECT value FROM device_state WHERE key = 'device_id') "
        "WHERE o.quarantined_at != '' AND o.confirmed_at = '' AND o.resolved_by = '' ORDER BY o.device_seq");
    if (!rows.ok()) return Fail(rows.status());
    while (rows->Step().value_or(false)) {
      const std::string type = rows->ColumnText(1);
      const FormSpec* spec = FindFormSpec(type);
      const std::string kind = spec ? std::string(T(spec->title)) : type == "contact" ? T({"Contact", "Cyswllt"}) : type;
      const std::string who = rows->ColumnText(3);
      state.sync.refused.push_back(
          {rows->ColumnInt(0),
           who.empty() ? Tf({"%s (participant no longer on this tablet)", "%s (nid yw'r cyfranogwr ar y dabled hon mwyach)"}, kind.c_str())
                       : Tf({"%s for %s", "%s ar gyfer %s"}, kind.c_str(), who.c_str()),
           rows->ColumnText(2)});
    }
  }

  void LoadConflicts() {
    state.sync.conflicts.clear();
    auto conflicts = store::ListConflicts(*db);
    if (!conflicts.ok()) return;
    for (const store::Conflict& c : *conflicts) {
      std::string who;
      for (const ParticipantRow& p : state.caseload)
        if (p.participant_id == c.participant_id) who = p.given_name + " " + p.family_name;
      if (who.empty()) continue;  // not on this caseload any more
      // In the form's words: "Activity" of an "Action Plan item", not description of plan_item.
      std::string record = c.record_type, field = c.field;
      if (const FormSpec* spec = FindFormSpec(c.record_type)) {
        record = T(spec->title);
        for (const FieldSpec& f : spec->fields)
          if (c.field == f.name) field = T(f.label);
      }
      state.sync.conflicts.push_back(
          Tf({"%s, %s, %s: changed on two tablets; \"%s\" was kept, \"%s\" is in the history.",
              "%s, %s, %s: newidiwyd ar ddwy dabled; cadwyd \"%s\", mae \"%s\" yn yr hanes."},
             who.c_str(), record.c_str(), field.c_str(), c.current_value.c_str(), c.lost_value.c_str()));
    }
  }

  // The participant's timeline, compliance panel, plan and re-engagement state.
  void LoadParticipant() {
    const std::string& id = state.participant->participant_id;
    state.timeline.clear();
    state.plan_items.clear();
    state.plan_agreement.reset();
    state.contact_count = 0;
    auto rows = db->Prepare(
        "SELECT r.record_type, r.record_id, r.fields, "
        "ifnull(ch.server_seq, 0) > 0 OR ifnull(o.confirmed_at, '') != '', "
        "CASE WHEN ifnull(o.quarantined_at, '') != '' AND ifnull(o.confirmed_at, '') = '' "
        "THEN o.reason ELSE '' END, ifnull(o.resolved_by, ''), ifnull(o.device_seq, 0), "
        "ifnull(ch.seq, 0) "
        "FROM records r "
        "LEFT JOIN changes ch ON ch.device_id || ':' || ch.device_seq = r.created_change "
        "LEFT JOIN outbox o ON o.device_seq = ch.device_seq AND ch.device_id = "
        "(SELECT value FROM device_state WHERE key = 'device_id') "
        "WHERE r.participant_id = ? AND r.record_type != 'participant' ORDER BY r.record_id");
    if (!rows.ok()) return Fail(rows.status());
    rows->Bind(1, id);
    while (true) {
      auto row = rows->Step();
      if (!row.ok()) return Fail(row.status());
      if (!*row) break;
      TimelineRow t;
      t.record_type = rows->ColumnText(0);
      t.record_id = rows->ColumnText(1);
      const json fields = json::parse(rows->ColumnText(2), nullptr, false);
      t.confirmed = rows->ColumnInt(3) != 0;
      t.refused_reason = rows->ColumnText(4);
      t.resolved_by = rows->ColumnText(5);
      if (!t.refused_reason.empty() && t.resolved_by.empty()) t.refused_seq = rows->ColumnInt(6);
      t.stored_order = rows->ColumnInt(7);
      Describe(t, fields.is_object() ? fields : json::object());
      if (t.record_type == "plan_item") state.plan_items.push_back(t);
      if (t.record_type == "plan_agreement") state.plan_agreement = t;
      if (t.record_type == "contact") ++state.contact_count;
      state.timeline.push_back(std::move(t));
    }
    // Newest first; records of the same minute in the order this replica stored them.
    std::sort(state.timeline.begin(), state.timeline.end(), [](const TimelineRow& a, const TimelineRow& b) {
      return std::tie(a.when, a.stored_order) > std::tie(b.when, b.stored_order);
    });

    const rules::Evaluation e = rules::EvaluateCompliance(open_records, Today(), Calendar());
    state.rules.clear();
    for (const rules::RuleResult& r : e.rules)
      state.rules.push_back({r.id, r.status, r.due_date ? r.due_date->ToString() : "",
                             r.met_on ? r.met_on->ToString() : "", r.late, r.flagged, r.missed});
    auto plan = store::LoadPlanStatus(*db, id);
    if (plan.ok()) {
      state.plan_version = plan->current.number;
      state.plan_signed = plan->current_is_signed;
      state.plan_hash = plan->current.document_hash;
    }
    LoadReengagement();
  }

  // Fills a timeline row's title and detail from the record's fields, in the current language.
  void Describe(TimelineRow& t, const json& f) {
    const std::string& type = t.record_type;
    if (type == "contact") {
      t.when = Field(f, "occurred_at");
      const std::string purpose = Field(f, "purpose");
      t.title = OptionLabel(kContactModes, Field(f, "mode")) + ", " +
                OptionLabel(kContactOutcomes, Field(f, "outcome"));
      if (!purpose.empty() && purpose != "meeting") t.title += " (" + OptionLabel(kContactPurposes, purpose) + ")";
      t.notes = Field(f, "notes");
      t.detail = t.notes;
      if (!Field(f, "location").empty())
        t.detail = Tf({"At %s. ", "Yn %s. "}, Field(f, "location").c_str()) + t.detail;
      if (!Field(f, "digital_reason").empty())
        t.detail += Tf({" Not face to face because: %s", " Nid wyneb yn wyneb oherwydd: %s"},
                       Field(f, "digital_reason").c_str());
      if (Field(f, "withdrew") == "yes")
        t.detail += T({" The participant withdrew.", " Tynnodd y cyfranogwr yn ôl."});
      return;
    }
    if (type == "signature") {
      t.when = Field(f, "signed_at").substr(0, 16);
      t.title = Tf({"Plan version %s signed (%s)", "Fersiwn %s o'r cynllun wedi'i llofnodi (%s)"},
                   Field(f, "plan_version").c_str(),
                   Field(f, "signer_role") == "key_worker" ? T({"key worker", "gweithiwr allweddol"})
                                                           : T({"participant", "cyfranogwr"}));
      t.detail = Field(f, "signer_name");
      return;
    }
    if (type == "ipes07_notice") {
      t.when = Field(f, "sent_at").substr(0, 16);
      t.title = T({"IPES07 notice sent to DWP", "Hysbysiad IPES07 wedi'i anfon i'r Adran Gwaith a Phensiynau"});
      t.detail = Field(f, "subject");
      return;
    }
    if (type == "jobcentre_answer") {
      t.when = Field(f, "received_on");
      t.title = T({"Jobcentre answer", "Ateb y Ganolfan Byd Gwaith"});
      t.detail = Field(f, "form") + ": " + Field(f, "answer");
      return;
    }
    const FormSpec* spec = FindFormSpec(type);
    if (spec == nullptr) {
      t.title = type;
      return;
    }
    t.title = T(spec->title);
    t.editable = !sync::IsEvidence(type);
    for (const FieldSpec& field : spec->fields) {
      const std::string value = Field(f, field.name);
      if (value.empty()) continue;
      if (field.kind == FieldKind::kDate && t.when.empty()) t.when = value;
      if (field.kind == FieldKind::kChoice && std::string(field.name) == "employment_id") continue;
      if (!t.detail.empty()) t.detail += "; ";
      const std::string shown = field.kind == FieldKind::kDate     ? ShowIsoDate(value)
                                : field.kind == FieldKind::kChoice ? ChoiceLabel(field, value)
                                                                   : value;
      t.detail += std::string(T(field.label)) + ": " + shown;
    }
  }

  // The latest failure to attend and what 4.49 to 4.53 ask after it.
  void LoadReengagement() {
    ReengagementView view;
    const domain::Contact* missed = nullptr;
    for (const domain::Contact& c : open_records.contacts)
      if (c.outcome == domain::ContactOutcome::kFailedToAttend &&
          (missed == nullptr || std::tie(c.date, c.minute_of_day) > std::tie(missed->date, missed->minute_of_day)))
        missed = &c;
    bool withdrew = false;
    for (const domain::Contact& c : open_records.contacts) withdrew |= c.participant_withdrew;
    if (missed == nullptr && !withdrew) {
      state.reengagement = view;
      return;
    }
    if (missed != nullptr) {
      view.missed_on = missed->date.ToString();
      const int minute = missed->minute_of_day < 0 ? 0 : missed->minute_of_day;
      CivilDate next_day = missed->date.AddDays(1);
      char due[24];
      std::snprintf(due, sizeof due, "%sT%02d:%02d", next_day.ToString().c_str(), minute / 60, minute % 60);
      view.first_attempt_due = due;
      CivilDate day = missed->date;
      for (int i = 0; i < 5; ++i) {
        day = rules::AddWorkingDays(Calendar(), day, 1);
        view.attempt_days.push_back(day.ToString());
        bool made = false;
        for (const domain::Contact& c : open_records.contacts) made |= c.date == day && &c != missed;
        view.attempt_made.push_back(made);
      }
      for (const domain::Contact& c : open_records.contacts)
        if (c.outcome == domain::ContactOutcome::kAttended &&
            std::tie(c.date, c.minute_of_day) > std::tie(missed->date, missed->minute_of_day))
          view.reengaged = true;
      view.notice_due = !view.reengaged && Today() > CivilDate::Parse(view.attempt_days.back()).value_or(Today());
    }
    if (withdrew) view.notice_due = true;
    for (const domain::Ipes07NoticeRecord& n : open_records.ipes07_notices)
      if (view.missed_on.empty() || n.sent_on.ToString() >= view.missed_on) view.notice_sent = true;
    auto email = domain::BuildIpes07Email(domain::Ipes07Kind::kDisengagement,
                                          open_records.participant.surname,
                                          open_records.participant.ni_number);
    if (email.ok()) {
      view.notice_subject = email->subject;
      view.notice_body = email->body;
    } else {
      view.notice_error = email.status().what();
    }
    state.reengagement = view;
  }

  void SignIn() {
    if (!platform.is_online()) {
      state.sign_in_message = T({"Signing in needs a connection. Try again when online.",
                                 "Mae angen cysylltiad i fewngofnodi. Rhowch gynnig arall pan fyddwch ar-lein."});
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
            state.sign_in_message = Tf({"Cannot reach the server: %s", "Methu cyrraedd y gweinydd: %s"},
                                       response.status().what().c_str());
            return;
          }
          if (response->status != 200) {
            auto error = sync::DecodeErrorBody(response->body);
            state.sign_in_message =
                error.ok() ? error->message
                           : Tf({"Sign-in failed (%d)", "Methodd y mewngofnodi (%d)"}, response->status);
            return;
          }
          auto session = sync::DecodeSignInResponse(response->body);
          if (!session.ok()) {
            state.sign_in_message = Tf({"The server's answer was not understood: %s",
                                        "Ni ddeallwyd ateb y gweinydd: %s"},
                                       session.status().ToString().c_str());
            return;
          }
          if (session->role != "key_worker") {
            state.sign_in_message =
                T({"The tablet app is for key workers. Supervisors review the record at /review.",
                   "Mae'r ap tabled ar gyfer gweithwyr allweddol. Mae goruchwylwyr yn adolygu'r cofnod yn /review."});
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
    state.sign_in_message = T({"The server asked you to sign in again. Nothing recorded on this tablet is lost.",
                               "Gofynnodd y gweinydd i chi fewngofnodi eto. Nid oes dim a gofnodwyd ar y dabled hon wedi'i golli."});
    state.screen = Screen::kSignIn;
  }

  // Erases the caseload from the tablet and shows sign-in with `message`. A new device id, since
  // the server binds a device to one key worker.
  void EraseAndShowSignIn(const std::string& message) {
    Status erased = store::EraseLocalData(*db);
    if (!erased.ok()) return Fail(erased);
    token.clear();
    const Settings settings = state.settings;
    state = AppState{};
    state.settings = settings;
    Status renewed = store::SetDeviceState(*db, "device_id", "tab-" + RandomHex(8));
    if (!renewed.ok()) return Fail(renewed);
    state.sign_in_message = message;
    if (platform.on_erased) platform.on_erased();
    platform.flush_storage([](Status) {});
  }

  // The server revoked this tablet: nothing of the caseload may stay on it.
  void Revoked() {
    EraseAndShowSignIn(T({"This tablet was withdrawn by your administrator, so its records have been erased.",
                          "Tynnwyd y dabled hon yn ôl gan eich gweinyddwr, felly mae ei chofnodion wedi'u dileu."}));
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
    const int64_t now = platform.now_ms();
    std::snprintf(state.draft.date, sizeof state.draft.date, "%s", UkShortDate(UkDateOf(now)).c_str());
    std::snprintf(state.draft.time, sizeof state.draft.time, "%s", UkClockOf(now).c_str());
    // After a missed meeting, the next contact is most likely an attempt to re-engage.
    if (!state.reengagement.missed_on.empty() && !state.reengagement.reengaged) state.draft.purpose = 2;
    state.screen = Screen::kContactForm;
  }

  // Writes one record through the outbox; says "saved" only once it is durable.
  void WriteRecord(const std::string& type, const std::string& record_id, const json& fields,
                   std::string& error_field, std::string& error, Screen after, Words saved) {
    const int64_t now = platform.now_ms();
    store::LocalWrite write{state.username_signed_in, type, record_id,
                            state.participant->participant_id, fields.dump(), now, FormatUtc(now)};
    auto recorded = store::RecordLocalChange(*db, write);
    if (!recorded.ok()) {
      error_field = recorded.status().where();
      error = recorded.status().what();
      return;
    }
    if (state.correcting_seq) {
      // The correction is stored: the refused change it corrects stops waiting (kept as it is).
      if (Status s = store::ResolveQuarantined(*db, *state.correcting_seq, recorded->ChangeId()); !s.ok())
        return Fail(s);
      state.correcting_seq.reset();
    }
    state.saving = true;
    const std::string saved_text = T(saved);
    platform.flush_storage([this, after, saved_text, &error](Status flushed) {
      state.saving = false;
      if (!flushed.ok()) {
        error = Tf({"Not saved to this tablet's storage: %s. Keep this screen open and try again.",
                    "Heb ei gadw yn storfa'r dabled: %s. Cadwch y sgrin hon ar agor a rhowch gynnig arall."},
                   flushed.what().c_str());
        return;
      }
      state.banner = saved_text;
      state.screen = after;
      state.tab = ParticipantTab::kTimeline;  // where what was just saved shows
      Reload();
    });
  }

  void SaveContact() {
    ContactDraft& d = state.draft;
    d.error.clear();
    d.error_field.clear();
    const auto date = ReadTypedDate(d.date);
    if (!date) {
      d.error_field = "fields.occurred_at";
      d.error = T({"Write the date as DD/MM/YYYY.", "Ysgrifennwch y dyddiad fel DD/MM/BBBB."});
      return;
    }
    if (UkLocalToUtc(*date, d.time) < 0) {
      d.error_field = "fields.occurred_at";
      d.error = T({"Write the time as HH:MM, for example 14:30.", "Ysgrifennwch yr amser fel AA:MM, er enghraifft 14:30."});
      return;
    }
    // Stored as the UK civil date and time the key worker wrote, as the guidance counts days.
    json fields = {{"occurred_at", date->ToString() + "T" + d.time},
                   {"purpose", kContactPurposes[d.purpose].value},
                   {"mode", kContactModes[d.mode].value},
                   {"location", d.location},
                   {"outcome", kContactOutcomes[d.outcome].value},
                   {"notes", d.notes}};
    const std::string mode = kContactModes[d.mode].value;
    if (mode == "telephone" || mode == "video") fields["digital_reason"] = d.digital_reason;
    if (d.withdrew) fields["withdrew"] = "yes";
    if (!d.corrects_contact_id.empty()) fields["corrects_contact_id"] = d.corrects_contact_id;
    const bool missed = std::string(kContactOutcomes[d.outcome].value) == "failed_to_attend";
    WriteRecord("contact", NewUuid(platform.now_ms()), fields, d.error_field, d.error,
                missed ? Screen::kReengagement : Screen::kParticipant,
                missed ? Words{"Contact saved. A missed meeting starts re-engagement: see below.",
                               "Cyswllt wedi'i gadw. Mae cyfarfod a gollwyd yn cychwyn ailymgysylltu: gweler isod."}
                       : Words{"Contact saved on this tablet", "Cyswllt wedi'i gadw ar y dabled hon"});
  }

  void OpenRecordForm(FormKind kind, const std::string& record_id) {
    const FormSpec& spec = GetFormSpec(kind);
    RecordDraft draft;
    draft.kind = kind;
    draft.record_id = record_id;
    json current = json::object();
    // One per participant: opening it again edits the one there is.
    if (draft.record_id.empty() && spec.one_per_participant)
      for (const TimelineRow& t : state.timeline)
        if (t.record_type == spec.record_type) draft.record_id = t.record_id;
    if (!draft.record_id.empty()) {
      auto row = db->Prepare("SELECT fields FROM records WHERE record_type = ? AND record_id = ?");
      if (!row.ok()) return Fail(row.status());
      row->Bind(1, spec.record_type).Bind(2, draft.record_id);
      if (row->Step().value_or(false)) current = json::parse(row->ColumnText(0), nullptr, false);
      if (!current.is_object()) current = json::object();
    }
    for (const TimelineRow& t : state.timeline)
      if (t.record_type == "employment") draft.job_choices.emplace_back(t.record_id, t.detail);
    for (const FieldSpec& field : spec.fields) {
      std::string value = Field(current, field.name);
      if (value.empty() && draft.record_id.empty() && field.defaults_to_today) value = state.today;
      if (field.kind == FieldKind::kDate) value = value.empty() ? "" : ShowIsoDate(value);
      draft.original.push_back(value);
      std::vector<char> buffer(field.kind == FieldKind::kLongText ? 4096 : 256, '\0');
      std::snprintf(buffer.data(), buffer.size(), "%s", value.c_str());
      draft.values.push_back(std::move(buffer));
    }
    state.record = std::move(draft);
    state.screen = Screen::kRecordForm;
  }

  void SaveRecord() {
    RecordDraft& d = state.record;
    const FormSpec& spec = GetFormSpec(d.kind);
    d.error.clear();
    d.error_field.clear();
    json fields = json::object();
    for (size_t i = 0; i < spec.fields.size(); ++i) {
      const FieldSpec& field = spec.fields[i];
      std::string value = d.values[i].data();
      bool required = field.required;
      if (field.required_if_field != nullptr)
        for (size_t j = 0; j < spec.fields.size(); ++j)
          if (std::string(spec.fields[j].name) == field.required_if_field)
            required = std::string(d.values[j].data()) == field.required_if_value;
      if (value.empty() && required) {
        d.error_field = std::string("fields.") + field.name;
        d.error = T({"This is needed.", "Mae angen hwn."});
        return;
      }
      if (value == d.original[i] && !d.record_id.empty()) continue;  // unchanged: not rewritten
      if (field.kind == FieldKind::kDate && !value.empty()) {
        auto date = ReadTypedDate(value);
        if (!date) {
          d.error_field = std::string("fields.") + field.name;
          d.error = T({"Write the date as DD/MM/YYYY.", "Ysgrifennwch y dyddiad fel DD/MM/BBBB."});
          return;
        }
        value = date->ToString();
      }
      if (value.empty() && d.record_id.empty()) continue;  // a new record leaves blanks out
      fields[field.name] = value;
    }
    if (fields.empty()) {
      d.error = T({"Nothing has changed.", "Does dim wedi newid."});
      return;
    }
    const std::string id = d.record_id.empty() ? NewUuid(platform.now_ms()) : d.record_id;
    WriteRecord(spec.record_type, id, fields, d.error_field, d.error, Screen::kParticipant,
                {"Saved on this tablet", "Wedi'i gadw ar y dabled hon"});
  }

  void RecordNoticeSent() {
    const ReengagementView& r = state.reengagement;
    if (r.notice_subject.empty()) return;
    std::string field, error;
    json fields = {{"kind", "disengagement"},
                   {"sent_at", FormatUtc(platform.now_ms())},
                   {"subject", r.notice_subject},
                   {"body", r.notice_body}};
    WriteRecord("ipes07_notice", NewUuid(platform.now_ms()), fields, field, state.reengagement.notice_error,
                Screen::kReengagement, {"IPES07 recorded as sent", "IPES07 wedi'i gofnodi fel un a anfonwyd"});
  }

  // Opens a record the server refused again, filled in as it was, to be corrected and resent as a
  // new change; the refused one is resolved once the correction is saved.
  void CorrectRefused(const TimelineRow& row) {
    auto stored = db->Prepare("SELECT fields FROM records WHERE record_type = ? AND record_id = ?");
    if (!stored.ok()) return Fail(stored.status());
    stored->Bind(1, row.record_type).Bind(2, row.record_id);
    json f = stored->Step().value_or(false) ? json::parse(stored->ColumnText(0), nullptr, false) : json::object();
    if (!f.is_object()) f = json::object();
    if (row.record_type == "contact") {
      NewContactDraft();
      ContactDraft& d = state.draft;
      const std::string at = Field(f, "occurred_at");
      if (auto date = CivilDate::Parse(at.substr(0, 10)); date.ok())
        std::snprintf(d.date, sizeof d.date, "%s", UkShortDate(*date).c_str());
      if (at.size() == 16) std::snprintf(d.time, sizeof d.time, "%s", at.substr(11).c_str());
      auto index_of = [](std::span<const Option> options, const std::string& value) {
        for (size_t i = 0; i < options.size(); ++i)
          if (value == options[i].value) return static_cast<int>(i);
        return 0;
      };
      d.mode = index_of(kContactModes, Field(f, "mode"));
      d.outcome = index_of(kContactOutcomes, Field(f, "outcome"));
      d.purpose = index_of(kContactPurposes, Field(f, "purpose"));
      std::snprintf(d.location, sizeof d.location, "%s", Field(f, "location").c_str());
      std::snprintf(d.notes, sizeof d.notes, "%s", Field(f, "notes").c_str());
      std::snprintf(d.digital_reason, sizeof d.digital_reason, "%s", Field(f, "digital_reason").c_str());
      d.withdrew = Field(f, "withdrew") == "yes";
      d.corrects_contact_id = row.record_id;
      d.error = Tf({"The server refused this contact: %s. Correct it and save to send it again.",
                    "Gwrthododd y gweinydd y cyswllt hwn: %s. Cywirwch ef a'i gadw i'w anfon eto."},
                   row.refused_reason.c_str());
    } else if (const FormSpec* spec = FindFormSpec(row.record_type)) {
      // Evidence is written once: the correction is a new record; a mutable record is rewritten.
      OpenRecordForm(spec->kind, sync::IsEvidence(row.record_type) ? "" : row.record_id);
      for (size_t i = 0; i < spec->fields.size(); ++i) {
        std::string value = Field(f, spec->fields[i].name);
        if (spec->fields[i].kind == FieldKind::kDate) value = ShowIsoDate(value);
        std::snprintf(state.record.values[i].data(), state.record.values[i].size(), "%s", value.c_str());
        state.record.original[i] = "";  // all of it is written again
      }
      state.record.error = Tf({"The server refused this: %s. Correct it and save to send it again.",
                               "Gwrthododd y gweinydd hwn: %s. Cywirwch ef a'i gadw i'w anfon eto."},
                              row.refused_reason.c_str());
    } else {
      return;  // signatures and notices are not corrected from a form
    }
    state.correcting_seq = row.refused_seq;
  }

  // The key worker leaves a refused change with the supervisor: the server keeps it, so it is not
  // lost; on the tablet it stops waiting.
  void LeaveRefused(int64_t device_seq) {
    if (Status s = store::ResolveQuarantined(*db, device_seq, "supervisor"); !s.ok()) return Fail(s);
    platform.flush_storage([](Status) {});
    state.banner = T({"Left with your supervisor: the server keeps what it refused.",
                      "Wedi'i adael gyda'ch goruchwyliwr: mae'r gweinydd yn cadw'r hyn a wrthododd."});
    Reload();
  }

  // Shows the current plan version for both signatures (signing.h).
  void StartSigningCurrentPlan() {
    auto plan = store::LoadPlanStatus(*db, state.participant->participant_id);
    if (!plan.ok()) return Fail(plan.status());
    if (state.plan_items.empty()) {
      state.banner = T({"Add the plan's items before it is signed.", "Ychwanegwch eitemau'r cynllun cyn ei lofnodi."});
      return;
    }
    auto signing = StartSigning(state.participant->participant_id, plan->current,
                                state.participant->given_name + " " + state.participant->family_name,
                                state.display_name);
    if (!signing.ok()) {
      state.banner = signing.status().what();
      return;
    }
    state.signing = std::move(signing).value();
    state.screen = Screen::kSigning;
  }

  // Both signatures of the signing flow, written through the outbox, then durable.
  void SaveSignatures() {
    SigningState& signing = *state.signing;
    auto records = SignatureRecords(signing);
    if (!records.ok()) {
      signing.error_field = records.status().where();
      signing.error = records.status().what();
      return;
    }
    const int64_t now = platform.now_ms();
    for (const SignatureRecord& record : *records) {
      store::LocalWrite write{state.username_signed_in, "signature", NewUuid(now),
                              signing.participant_id, record.fields, now, FormatUtc(now)};
      if (auto written = store::RecordLocalChange(*db, write); !written.ok()) {
        // The checks before this are the server's own, so this is a storage failure: say so;
        // what was written stays in the outbox and the flow can be saved again.
        signing.error_field = written.status().where();
        signing.error = written.status().what();
        return;
      }
    }
    signing.saving = true;
    platform.flush_storage([this](Status flushed) {
      if (state.signing) state.signing->saving = false;
      if (!flushed.ok()) {
        if (state.signing)
          state.signing->error = Tf({"Not saved to this tablet's storage: %s", "Heb ei gadw yn storfa'r dabled: %s"},
                                    flushed.what().c_str());
        return;
      }
      state.signing.reset();
      state.banner = T({"Plan signed and saved on this tablet", "Cynllun wedi'i lofnodi a'i gadw ar y dabled hon"});
      state.screen = Screen::kParticipant;
      Reload();
      state.tab = ParticipantTab::kPlan;
    });
  }

  // The receipt of the current signed version, handed to the platform to show.
  void ShowReceipt() {
    auto rows = db->Prepare(
        "SELECT record_id, fields FROM records WHERE record_type = 'signature' AND participant_id = ? "
        "AND json_extract(fields, '$.document_hash') = ? ORDER BY record_id");
    if (!rows.ok()) return Fail(rows.status());
    rows->Bind(1, state.participant->participant_id).Bind(2, state.plan_hash);
    std::vector<ReceiptSignature> signatures;
    while (rows->Step().value_or(false)) signatures.push_back({rows->ColumnText(0), rows->ColumnText(1)});
    auto receipt = MakeReceipt(signatures, state.large_print);
    if (!receipt.ok()) {
      state.banner = receipt.status().what();
      return;
    }
    state.receipt_code = receipt->code;
    if (platform.show_document) platform.show_document(receipt->html);
  }

  void ApplySettings(const Settings& settings) {
    state.settings = settings;
    SetLanguage(settings.language);
    if (platform.on_language) platform.on_language(settings.language);
    for (auto [key, value] : {std::pair<const char*, std::string>{"language", LanguageCode(settings.language)},
                              {"text_percent", std::to_string(settings.text_percent)},
                              {"high_contrast", settings.high_contrast ? "yes" : "no"}})
      if (Status s = store::SetDeviceState(*db, key, value); !s.ok()) return Fail(s);
    platform.flush_storage([](Status) {});
    Reload();  // what Reload wrote is in the old language
  }

  void Execute(const Commands& commands) {
    if (commands.sign_in) SignIn();
    if (commands.sync_now) sync_requested = true;
    if (commands.sign_out) SignOut();
    if (commands.open_participant) {
      for (const ParticipantRow& p : state.caseload)
        if (p.participant_id == *commands.open_participant) state.participant = p;
      state.banner.clear();
      state.tab = ParticipantTab::kTimeline;
      state.screen = Screen::kParticipant;
      Reload();
    }
    if (commands.show_tab) state.tab = *commands.show_tab;
    if (commands.new_contact) NewContactDraft();
    if (commands.save_contact && !state.saving) SaveContact();
    if (commands.new_record) OpenRecordForm(*commands.new_record, "");
    if (commands.edit_record)
      if (const FormSpec* spec = FindFormSpec(commands.edit_record->first))
        OpenRecordForm(spec->kind, commands.edit_record->second);
    if (commands.save_record && !state.saving) SaveRecord();
    if (commands.open_reengagement) state.screen = Screen::kReengagement;
    if (commands.record_notice_sent && !state.saving) RecordNoticeSent();
    if (commands.open_settings) {
      if (state.screen != Screen::kSettings) state.return_to = state.screen;
      state.screen = Screen::kSettings;
    }
    if (commands.open_export) {
      export_flow.Open(*db);
      state.screen = Screen::kExport;
    }
    if (commands.apply_settings) ApplySettings(*commands.apply_settings);
    if (commands.correct_refused && *commands.correct_refused < state.timeline.size())
      CorrectRefused(state.timeline[*commands.correct_refused]);
    if (commands.leave_refused && *commands.leave_refused < state.timeline.size())
      LeaveRefused(state.timeline[*commands.leave_refused].refused_seq);
    if (commands.leave_refused_seq) LeaveRefused(*commands.leave_refused_seq);
    if (commands.start_signing) StartSigningCurrentPlan();
    if (commands.save_signatures && state.signing && !state.signing->saving) SaveSignatures();
    if (commands.large_print) state.large_print = *commands.large_print;
    if (commands.show_receipt) ShowReceipt();
    if (commands.back) {
      state.banner.clear();
      state.correcting_seq.reset();
      switch (state.screen) {
        case Screen::kContactForm:
        case Screen::kRecordForm:
        case Screen::kReengagement: state.screen = Screen::kParticipant; break;
        case Screen::kSettings: state.screen = state.return_to; break;
        default: state.screen = state.username_signed_in.empty() ? Screen::kSignIn : Screen::kCaseload;
      }
    }
  }

  void Frame() {
    const bool online = platform.is_online();
    if (sync) {
      sync->Tick(online, token, sync_requested);
      sync_requested = false;
      const sync::SyncSession::Progress p = sync->progress();
      const bool round_done = p.rounds_completed != rounds_seen;
      rounds_seen = p.rounds_completed;
      state.sync.in_flight = p.in_flight;
      state.sync.sent = p.sent;
      state.sync.to_send = p.to_send;
      state.sync.received = p.received;
      state.sync.waiting = p.waiting;
      state.sync.quarantined = p.quarantined;
      state.sync.last_synced_ms = p.last_synced_at.empty() ? 0 : ParseUtc(p.last_synced_at).value_or(0);
      state.sync.last_error = p.last_error;
      state.sync.clock_flagged = p.clock_flagged;
      if (round_done) {
        if (platform.on_synced) platform.on_synced();
        Reload();  // the round may have confirmed what is shown, or brought new records
      }
    }
    state.sync.online = online;
    ApplyStyle(state.settings);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("Outpost", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::SetWindowFontScale(state.settings.text_percent / 100.0f);
    // A new screen starts at its top, not where the last one was scrolled to.
    if (state.screen != drawn_screen) ImGui::SetScrollY(0);
    drawn_screen = state.screen;
    Commands commands;
    if (state.screen == Screen::kFailed) {
      ImGui::TextWrapped("%s", Tf({"Outpost cannot open the records on this tablet: %s",
                                   "Ni all Outpost agor y cofnodion ar y dabled hon: %s"},
                                  state.failure.c_str()).c_str());
      ProbeText("app.failure", state.failure);
    } else {
      DrawStatusBar(state, commands);
      switch (state.screen) {
        case Screen::kSignIn: DrawSignInScreen(state, commands); break;
        case Screen::kCaseload: DrawCaseloadScreen(state, commands); break;
        case Screen::kParticipant: DrawParticipantScreen(state, commands); break;
        case Screen::kContactForm: DrawContactForm(state, commands); break;
        case Screen::kRecordForm: DrawRecordForm(state, commands); break;
        case Screen::kReengagement: DrawReengagementScreen(state, commands); break;
        case Screen::kSettings: DrawSettingsScreen(state, commands); break;
        case Screen::kExport:
          if (export_flow.Frame(*db, platform)) state.screen = Screen::kSettings;
          break;
        case Screen::kSigning: {
          if (!state.signing) {
            state.screen = Screen::kParticipant;
            break;
          }
          SigningCommands signing;
          DrawSigningScreen(*state.signing, platform.now_ms(), signing);
          commands.save_signatures = signing.save;
          if (signing.cancel) {
            state.signing.reset();
            state.screen = Screen::kParticipant;
          }
          break;
        }
        case Screen::kFailed: break;
      }
    }
    ProbeText("app.screen", std::to_string(static_cast<int>(state.screen)));
    ProbeText("app.language", LanguageCode(state.settings.language));
    DragToScroll();
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
