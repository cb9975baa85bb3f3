// The tablet client's App, natively: real sync server on 127.0.0.1 over HTTPS, real SQLite
// replica in a temporary folder, ImGui headless, every action a tap on a probed widget.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "shared/base/utc_time.h"
#include "tests/support/https_transport.h"
#include "tests/support/server_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/support/ui_harness.h"
#include "wasm-client/app/app.h"
#include "wasm-client/app/words.h"

namespace outpost::testing {
namespace {

int64_t Utc(const char* text) { return ParseUtc(text).value(); }

// Adds a participant with dates to the central store, on `key_worker`'s caseload.
void AddParticipant(ServerFixture& server, int64_t seq, const std::string& id, const std::string& key_worker,
                    const std::string& family_name, const std::string& referral, const std::string& start) {
  sync::Change c = ParticipantChange("seed", seq, id, key_worker, family_name);
  nlohmann::json fields = nlohmann::json::parse(c.fields);
  fields["referral_date"] = referral;
  if (!start.empty()) fields["start_date"] = start;
  fields["ni_number"] = "QQ123456C";
  c.fields = fields.dump();
  REQUIRE(server.server().WithDatabase([&](store::Database& db) -> Status {
    return store::ApplyChanges(db, {c}, {"2026-11-23T09:00:00Z"}).status();
  }).ok());
}

// One tablet: the App, its platform services pointed at `server`, and a headless screen. The
// replica lives in `dir`, so a second Tablet on the same folder is the app reopened.
struct Tablet {
  Tablet(ServerFixture& server, const std::string& dir) : transport(server.server().port()) {
    client::Platform platform;
    platform.transport = &transport;
    // Files under data_dir are on disk already: natively there is nothing more to make durable.
    platform.flush_storage = [](std::function<void(Status)> done) { done(Status::Ok()); };
    platform.is_online = [this] { return online; };
    platform.now_ms = [this] { return now_ms; };
    platform.show_document = [this](const std::string& html) {
      if (show_document) show_document(html);
    };
    platform.data_dir = dir;
    app = std::make_unique<client::App>(std::move(platform));
    REQUIRE(app->Start().ok());
    ui = std::make_unique<UiHarness>([this] {
      app->Frame();
      transport.Pump();
    });
    ui->Frames(2);
  }
  ~Tablet() { client::SetLanguage(client::Language::kEnglish); }

  void SignIn(const std::string& user) {
    ui->Type("signin.username", user);
    ui->Type("signin.password", user + "-pw");
    ui->Tap("signin.submit");
    ui->Frames(4);
  }

  void Open(const std::string& family_name) {
    ui->Tap("caseload.open." + family_name);
    ui->Frames(1);
  }

  // From the participant's screen: the Record tab, then "Record a contact".
  void OpenContactForm() {
    ui->Tap("participant.tab.record");
    ui->Tap("participant.record_contact");
  }

  HttpsTransport transport;
  std::function<void(const std::string&)> show_document;
  bool online = true;
  int64_t now_ms = Utc("2026-11-23T09:00:00Z");
  std::unique_ptr<client::App> app;
  std::unique_ptr<UiHarness> ui;
};

// What the sync session does when the server refuses the tablet's first change: quarantines it
// in the replica under `dir` with the server's reason.
void RefuseFirstChange(const TempDir& dir, const std::string& where, const std::string& reason) {
  auto db = store::Database::Open(dir.File("replica.sqlite"), store::JournalMode::kRollback);
  REQUIRE(db.ok());
  const std::string device = QueryText(**db, "SELECT value FROM device_state WHERE key = 'device_id'");
  REQUIRE(store::QuarantineChanges(**db, {{device + ":1", where, reason}}).ok());
}

// Amira signed in on a tablet, with Evans (started 9 November) open on the participant screen.
struct EvansOpen {
  explicit EvansOpen(const char* now = "2026-11-23T09:00:00Z") {
    AddParticipant(server, 10, "p-e", "amira.khan", "Evans", "2026-11-02", "2026-11-09");
    tablet.now_ms = Utc(now);
    tablet.SignIn("amira.khan");
    tablet.Open("Evans");
  }
  ServerFixture server;
  TempDir dir;
  Tablet tablet{server, dir.path()};
};

TEST_CASE("A key worker who signs in sees their own caseload and nobody else's") {
  ServerFixture server;
  TempDir dir;
  Tablet tablet(server, dir.path());
  tablet.SignIn("amira.khan");
  CHECK(tablet.ui->Text("caseload.count") == "1 participants");
  CHECK(tablet.ui->Has("caseload.open.Morgan"));
}

TEST_CASE("the caseload puts the most urgent participant first and search narrows it") {
  ServerFixture server;
  // Referred 1 October: the initial meeting (15 working days) is long overdue by 23 November.
  AddParticipant(server, 10, "p-late", "amira.khan", "Evans", "2026-10-01", "");
  AddParticipant(server, 11, "p-new", "amira.khan", "Price", "2026-11-20", "");
  TempDir dir;
  Tablet tablet(server, dir.path());
  tablet.SignIn("amira.khan");
  CHECK(tablet.ui->Text("caseload.count") == "3 participants");
  CHECK(tablet.ui->Text("caseload.urgent.Evans").rfind("Overdue since", 0) == 0);
  CHECK(tablet.ui->Text("caseload.urgent.Price").rfind("Next due", 0) == 0);
  // Rows are drawn top to bottom: the overdue participant is above the others.
  tablet.ui->Type("caseload.search", "pri");
  CHECK(tablet.ui->Text("caseload.count") == "1 participants");
  CHECK(tablet.ui->Has("caseload.open.Price"));
  CHECK_FALSE(tablet.ui->Has("caseload.open.Evans"));
}

TEST_CASE("a digital meeting cannot be saved without its reason and the contact survives a restart") {
  ServerFixture server;
  AddParticipant(server, 10, "p-e", "amira.khan", "Evans", "2026-11-02", "2026-11-09");
  TempDir dir;
  {
    Tablet tablet(server, dir.path());
    tablet.SignIn("amira.khan");
    tablet.online = false;
    tablet.Open("Evans");
    tablet.OpenContactForm();
    tablet.ui->Tap("contact.mode.telephone");
    tablet.ui->Type("contact.notes", "Discussed CV by phone");
    tablet.ui->Tap("contact.save");
    CHECK(tablet.ui->Text("contact.error") == "a meeting that was not face to face needs the reason why");
    tablet.ui->Type("contact.digital_reason", "Participant unwell, asked for a call");
    tablet.ui->Tap("contact.save");
    CHECK(tablet.ui->Text("banner") == "Contact saved on this tablet");
    CHECK(tablet.ui->Text("participant.contacts") == "1 contacts");
    CHECK(tablet.ui->Text("timeline.0.sync") == "Waiting to sync");
  }
  Tablet reopened(server, dir.path());
  reopened.online = true;
  reopened.Open("Evans");
  CHECK(reopened.ui->Text("participant.contacts") == "1 contacts");
  CHECK(reopened.ui->Text("timeline.0.title") == "Telephone, Attended");
  reopened.ui->Tap("sync.now");
  reopened.ui->Frames(6);
  CHECK(reopened.ui->Text("timeline.0.sync") == "Confirmed by the server");
}

TEST_CASE("a failure to attend starts re-engagement and after five working days the IPES07 is due") {
  EvansOpen evans("2026-11-23T10:00:00Z");  // Monday
  Tablet& tablet = evans.tablet;
  tablet.OpenContactForm();
  tablet.ui->Tap("contact.outcome.failed_to_attend");
  tablet.ui->Tap("contact.save");
  CHECK(tablet.ui->Text("reengagement.first_due") == "First attempt by 24/11/2026 10:00 (within 24 hours).");
  CHECK(tablet.ui->Text("reengagement.day.1") == "Working day 1, 24/11/2026: no attempt yet");
  CHECK(tablet.ui->Text("reengagement.day.5") == "Working day 5, 30/11/2026: no attempt yet");
  // Tuesday: an attempt, no answer.
  tablet.now_ms = Utc("2026-11-24T09:30:00Z");
  tablet.ui->Tap("reengagement.record_attempt");
  tablet.ui->Tap("contact.outcome.no_answer");
  tablet.ui->Tap("contact.mode.telephone");
  tablet.ui->Tap("contact.save");
  tablet.ui->Tap("participant.tab.record");
  tablet.ui->Tap("participant.reengagement");
  CHECK(tablet.ui->Text("reengagement.day.1") == "Working day 1, 24/11/2026: attempt recorded");
  CHECK_FALSE(tablet.ui->Has("reengagement.notice_sent"));
  // A week later, never engaged: the notice is due, holding only surname and NI digits (4.53).
  tablet.now_ms = Utc("2026-12-01T09:00:00Z");
  tablet.ui->Tap("nav.back");
  tablet.ui->Tap("participant.tab.record");
  tablet.ui->Tap("participant.reengagement");
  CHECK(tablet.ui->Text("reengagement.notice_subject") == "IPES Participant Disengagement");
  CHECK(tablet.ui->Text("reengagement.notice_body").find("Evans") != std::string::npos);
  CHECK(tablet.ui->Text("reengagement.notice_body").find("QQ123456C") == std::string::npos);
  tablet.ui->Tap("reengagement.notice_sent");
  CHECK(tablet.ui->Text("reengagement.state") == "IPES07 has been recorded as sent.");
}

TEST_CASE("a break needs its reason and saving it shows it on the timeline") {
  EvansOpen evans;
  Tablet& tablet = evans.tablet;
  tablet.ui->Tap("participant.tab.record");
  tablet.ui->Tap("participant.new.provision_break");
  CHECK(tablet.ui->Text("form.title") == "Break in provision");
  tablet.ui->Type("form.reason", "");
  tablet.ui->Tap("form.save");
  // The start defaults to today; the reason is missing. Nothing is written.
  CHECK(tablet.ui->Text("form.error") == "This is needed.");
  tablet.ui->Type("form.reason", "Hospital stay");
  tablet.ui->Tap("form.save");
  CHECK(tablet.ui->Text("banner") == "Saved on this tablet");
  CHECK(tablet.ui->Text("timeline.0.title") == "Break in provision");
}

TEST_CASE("editing a plan item writes only the field that changed") {
  EvansOpen evans;
  Tablet& tablet = evans.tablet;
  tablet.ui->Tap("participant.tab.plan");
  tablet.ui->Tap("participant.new.plan_item");
  tablet.ui->Type("form.description", "Update CV with volunteering");
  tablet.ui->Tap("form.progression_area.job_seeking_activity");
  tablet.ui->Tap("form.save");
  CHECK(tablet.ui->Text("banner") == "Saved on this tablet");
  tablet.ui->Tap("participant.tab.plan");
  tablet.ui->Tap("participant.plan.item.0");
  tablet.ui->Tap("form.status.in_progress");
  tablet.ui->Tap("form.save");
  auto db = store::Database::Open(evans.dir.File("replica.sqlite"), store::JournalMode::kRollback);
  REQUIRE(db.ok());
  CHECK(QueryInt(**db, "SELECT count(*) FROM changes WHERE record_type = 'plan_item'") == 2);
  CHECK(QueryInt(**db, "SELECT count(*) FROM changes WHERE record_type = 'plan_item' AND "
                       "fields = '{\"status\":\"in_progress\"}'") == 1);
}

TEST_CASE("the whole interface switches to Welsh and stays Welsh after a restart") {
  ServerFixture server;
  TempDir dir;
  {
    Tablet tablet(server, dir.path());
    tablet.SignIn("amira.khan");
    tablet.ui->Tap("nav.settings");
    tablet.ui->Tap("settings.language.cy");
    tablet.ui->Tap("nav.back");
    CHECK(tablet.ui->Text("caseload.count") == "1 cyfranogwr");
    CHECK(tablet.ui->Text("app.language") == "cy");
  }
  Tablet reopened(server, dir.path());
  CHECK(reopened.ui->Text("caseload.count") == "1 cyfranogwr");
  const std::string status = reopened.ui->Text("sync.status");
  CHECK((status == "Heb gysoni eto" || status.rfind("Yn gyfredol", 0) == 0));
}

TEST_CASE("signing out is refused while a contact waits to sync") {
  EvansOpen evans;
  Tablet& tablet = evans.tablet;
  tablet.online = false;
  tablet.OpenContactForm();
  tablet.ui->Tap("contact.save");
  tablet.ui->Tap("nav.settings");
  tablet.ui->Tap("settings.sign_out");
  CHECK(tablet.ui->Text("banner") == "Not signed out: 1 changes are waiting to sync. Connect and sync first.");
  CHECK(tablet.ui->Has("settings.sign_out"));
  tablet.online = true;
  tablet.ui->Tap("sync.now");
  tablet.ui->Frames(6);
  tablet.ui->Tap("settings.sign_out");
  CHECK(tablet.ui->Has("signin.username"));
}

TEST_CASE("the participant and the key worker sign the exact plan version and get a receipt with its code") {
  EvansOpen evans;
  Tablet& tablet = evans.tablet;
  std::string shown;
  tablet.show_document = [&](const std::string& html) { shown = html; };
  tablet.ui->Tap("participant.tab.plan");
  CHECK_FALSE(tablet.ui->Has("plan.sign"));  // nothing to sign before the plan has items
  tablet.ui->Tap("participant.new.plan_item");
  tablet.ui->Type("form.description", "Visit the library job club on Tuesdays");
  tablet.ui->Tap("form.save");
  tablet.ui->Tap("participant.tab.plan");
  CHECK(tablet.ui->Text("plan.version") == "Action Plan version 1, not yet signed.");
  tablet.ui->Tap("plan.sign");
  CHECK(tablet.ui->Text("sign.document").find("Visit the library job club on Tuesdays") != std::string::npos);
  tablet.ui->Tap("sign.next");
  tablet.ui->Drag("sign.pad", {ImVec2(0.1f, 0.6f), ImVec2(0.3f, 0.2f), ImVec2(0.45f, 0.7f), ImVec2(0.8f, 0.4f)});
  tablet.ui->Tap("sign.next");
  tablet.ui->Drag("sign.pad", {ImVec2(0.2f, 0.5f), ImVec2(0.5f, 0.3f), ImVec2(0.9f, 0.6f)});
  tablet.ui->Tap("sign.save");
  CHECK(tablet.ui->Text("banner") == "Plan signed and saved on this tablet");
  CHECK(tablet.ui->Text("plan.version").rfind("Action Plan version 1, signed.", 0) == 0);
  tablet.ui->Tap("plan.receipt");
  const std::string code = tablet.ui->Text("plan.receipt_code");
  REQUIRE(code.size() == 11);
  CHECK(shown.find(code) != std::string::npos);
  CHECK(shown.find("Visit the library job club on Tuesdays") != std::string::npos);
  // An edit after signing starts a new version that needs signing again (4.24).
  tablet.ui->Tap("participant.plan.item.0");
  tablet.ui->Tap("form.status.in_progress");
  tablet.ui->Tap("form.save");
  tablet.ui->Tap("participant.tab.plan");
  CHECK(tablet.ui->Text("plan.version") == "Action Plan version 2, not yet signed.");
}

TEST_CASE("a finger dragged up a long form scrolls it and the button it started on does not fire") {
  EvansOpen evans;
  Tablet& tablet = evans.tablet;
  tablet.ui->Resize(800, 360);  // short enough that the job form does not fit
  tablet.ui->Tap("participant.tab.record");
  tablet.ui->Tap("participant.new.employment");
  REQUIRE_FALSE(tablet.ui->Has("form.save"));
  // Starts on the "Yes" of self-employed: after the drag it must still be unchosen.
  tablet.ui->PointerDown(tablet.ui->At("form.self_employed.yes", 0.5f, 0.5f));
  for (int step = 1; step <= 10; ++step) tablet.ui->PointerMove(ImVec2(400, 340 - 30.0f * step));
  tablet.ui->PointerUp();
  tablet.ui->Frames(2);
  CHECK(tablet.ui->Has("form.save"));
  tablet.ui->Tap("form.save");
  CHECK(tablet.ui->Text("form.error") == "Nothing has changed.");
}

TEST_CASE("Welsh letters typed on the tablet keyboard are kept as written") {
  EvansOpen evans;
  Tablet& tablet = evans.tablet;
  tablet.OpenContactForm();
  tablet.ui->Type("contact.location", "Llyfrgell Caerdydd");
  tablet.ui->Type("contact.notes", "Siân: ŵyr, ŷd, â, ê, î, ô, û");
  tablet.ui->Tap("contact.save");
  CHECK(tablet.ui->Text("contact.0.notes") == "Siân: ŵyr, ŷd, â, ê, î, ô, û");
}

TEST_CASE("two tablets changing the same plan item offline both keep their words and the tablet lists the conflict") {
  EvansOpen evans;
  Tablet& first = evans.tablet;
  first.ui->Tap("participant.tab.plan");
  first.ui->Tap("participant.new.plan_item");
  first.ui->Type("form.description", "Job club on Tuesdays");
  first.ui->Tap("form.save");
  first.ui->Tap("sync.now");
  first.ui->Frames(6);
  // A second tablet of the same key worker pulls the item.
  TempDir other_dir;
  Tablet second(evans.server, other_dir.path());
  second.now_ms = first.now_ms;
  second.SignIn("amira.khan");
  second.Open("Evans");
  // Both edit the description offline, then sync: the later write wins, the other is kept.
  for (Tablet* tablet : {&first, &second}) {
    tablet->online = false;
    tablet->now_ms += 60000;
    tablet->ui->Tap("participant.tab.plan");
    tablet->ui->Tap("participant.plan.item.0");
    tablet->ui->Type("form.description", tablet == &first ? "Job club on Wednesdays" : "Job club on Thursdays");
    tablet->ui->Tap("form.save");
  }
  for (Tablet* tablet : {&first, &second, &first}) {
    tablet->online = true;
    tablet->ui->Tap("sync.now");
    tablet->ui->Frames(6);
  }
  CHECK(first.ui->Text("sync.conflicts") == "1 values changed on two tablets (kept in the history):");
  const std::string conflict = first.ui->Text("sync.conflict.0");
  CHECK(conflict.find("Job club on Wednesdays") != std::string::npos);
  CHECK(conflict.find("Job club on Thursdays") != std::string::npos);
}

TEST_CASE("a declined weekly offer needs the reasons it was declined (4.14)") {
  EvansOpen evans;
  Tablet& tablet = evans.tablet;
  tablet.ui->Tap("participant.tab.plan");
  tablet.ui->Tap("participant.new.plan_agreement");
  tablet.ui->Tap("form.weekly_offer.declined");
  tablet.ui->Tap("form.save");
  CHECK(tablet.ui->Text("form.error") == "This is needed.");
  tablet.ui->Type("form.weekly_declined_reason", "Cares for her mother on weekdays");
  tablet.ui->Tap("form.save");
  CHECK(tablet.ui->Text("banner") == "Saved on this tablet");
}

TEST_CASE("a contact the server refused is corrected and sent again and the refused one is kept") {
  EvansOpen evans;
  Tablet& tablet = evans.tablet;
  tablet.online = false;
  tablet.OpenContactForm();
  tablet.ui->Type("contact.notes", "First version");
  tablet.ui->Tap("contact.save");
  RefuseFirstChange(evans.dir, "changes[0].fields.location", "location is needed");
  tablet.ui->Tap("nav.back");
  tablet.Open("Evans");
  CHECK(tablet.ui->Text("contact.0.sync") == "Refused by the server: location is needed");
  tablet.ui->Tap("timeline.0.correct");
  CHECK(tablet.ui->Text("contact.error") ==
        "The server refused this contact: location is needed. Correct it and save to send it again.");
  tablet.ui->Type("contact.location", "Central Library");
  tablet.ui->Tap("contact.save");
  CHECK(tablet.ui->Text("banner") == "Contact saved on this tablet");
  CHECK(tablet.ui->Text("contact.0.sync") == "Waiting to sync");
  CHECK(tablet.ui->Text("contact.1.sync") == "Refused by the server (location is needed): corrected");
  CHECK(tablet.ui->Text("sync.status") == "Offline: 1 change waiting to sync");
  auto db = store::Database::Open(evans.dir.File("replica.sqlite"), store::JournalMode::kRollback);
  REQUIRE(db.ok());
  CHECK(QueryInt(**db, "SELECT count(*) FROM changes WHERE record_type = 'contact'") == 2);
  CHECK(QueryInt(**db, "SELECT count(*) FROM records WHERE json_extract(fields, '$.corrects_contact_id') != ''") == 1);
}

TEST_CASE("a refused change is listed in settings and left with the supervisor it no longer blocks signing out") {
  EvansOpen evans;
  Tablet& tablet = evans.tablet;
  tablet.online = false;
  tablet.OpenContactForm();
  tablet.ui->Tap("contact.save");
  RefuseFirstChange(evans.dir, "changes[0]", "Evans is no longer on your caseload");
  tablet.ui->Tap("nav.back");
  tablet.Open("Evans");  // reads the replica again, as the end of a sync round does
  tablet.ui->Tap("nav.settings");
  CHECK(tablet.ui->Text("settings.refused.0") == "Contact for Dafydd Evans: Evans is no longer on your caseload");
  tablet.ui->Tap("settings.refused.0.leave");
  CHECK_FALSE(tablet.ui->Has("settings.refused.0.leave"));
  tablet.online = true;
  tablet.ui->Tap("settings.sign_out");
  CHECK(tablet.ui->Has("signin.username"));
}

TEST_CASE("the rules panel counts a face-to-face meeting as soon as it is saved") {
  EvansOpen evans;  // started 9 November: face to face at least every 4 weeks
  Tablet& tablet = evans.tablet;
  tablet.ui->Tap("participant.tab.compliance");
  INFO(tablet.ui->Text("rule.face-to-face"));
  CHECK(tablet.ui->Text("rule.face-to-face").find("last met 20/11/2026") == std::string::npos);
  tablet.OpenContactForm();
  tablet.ui->Type("contact.date", "20/11/2026");
  tablet.ui->Tap("contact.save");
  tablet.ui->Tap("participant.tab.compliance");
  CHECK(tablet.ui->Text("rule.face-to-face") == "Due by 18/12/2026, last met 20/11/2026");
}

}  // namespace
}  // namespace outpost::testing
