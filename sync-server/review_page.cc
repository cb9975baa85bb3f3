#include "sync-server/review_page.h"

#include "shared/store/change_store.h"

namespace outpost::server {

namespace {

constexpr const char* kHead =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<title>Outpost review</title><style>"
    "body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#111}"
    "table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}"
    "th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}"
    "th{background:#e8eef5}.message{background:#fde8e8;padding:.6rem;border:1px solid #c00}"
    "label{display:block;margin:.6rem 0}input{font-size:1.1rem;padding:.4rem}"
    "</style></head><body>";

std::string Cell(std::string_view text) { return "<td>" + EscapeHtml(text) + "</td>"; }

}  // namespace

std::string ReviewSignInPage(std::string_view message) {
  std::string page = kHead;
  page += "<h1>Outpost central record</h1>";
  if (!message.empty()) page += "<p class=\"message\" role=\"alert\">" + EscapeHtml(message) + "</p>";
  page +=
      "<form method=\"post\" action=\"/review/signin\">"
      "<label>Username <input name=\"username\" id=\"username\" autocomplete=\"username\"></label>"
      "<label>Password <input name=\"password\" id=\"password\" type=\"password\" "
      "autocomplete=\"current-password\"></label>"
      "<button type=\"submit\" id=\"sign-in\">Sign in</button></form></body></html>";
  return page;
}

StatusOr<std::string> ReviewRecordPage(store::Database& db, const Principal& who) {
  std::string page = kHead;
  page += "<h1>Outpost central record</h1><p>Signed in as " + EscapeHtml(who.display_name) + " (" +
          EscapeHtml(who.role) + ")</p>";
  page += "<h2>Participants</h2><table id=\"participants\"><tr><th>Participant</th>"
          "<th>Key worker</th><th>Referral date</th><th>Start Date</th><th>Stage</th></tr>";
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement participants,
      db.Prepare("SELECT given_name || ' ' || family_name, key_worker, referral_date, start_date, "
                 "journey_stage FROM participants ORDER BY family_name, given_name"));
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, participants.Step());
    if (!row) break;
    page += "<tr>";
    for (int i = 0; i < 5; ++i) page += Cell(participants.ColumnText(i));
    page += "</tr>";
  }
  page += "</table><h2>Contacts</h2><table id=\"contacts\"><tr><th>When</th><th>Participant</th>"
          "<th>Mode</th><th>Location</th><th>Outcome</th><th>Notes</th><th>Reason not face to "
          "face</th><th>Recorded by</th><th>Captured on device</th><th>Received by server</th>"
          "</tr>";
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement contacts,
      db.Prepare("SELECT c.occurred_at, p.given_name || ' ' || p.family_name, c.mode, c.location, "
                 "c.outcome, c.notes, c.digital_reason, c.recorded_by, ch.captured_at, "
                 "ch.received_at, c.contact_id FROM contacts c "
                 "JOIN participants p USING (participant_id) "
                 // The change with id c.change_id ("<device_id>:<device_seq>"), found
                 // through its device's runs (schema 0016).
                 "JOIN changes ch ON ch.seq = (SELECT r.first_seq + n.device_seq - "
                 "r.first_device_seq FROM (SELECT CAST(substr(c.change_id, "
                 "length(c.device_id) + 2) AS INTEGER) AS device_seq) n, change_runs r "
                 "WHERE r.device_id = c.device_id AND r.first_device_seq <= n.device_seq "
                 "AND r.last_device_seq >= n.device_seq "
                 "ORDER BY r.first_device_seq DESC LIMIT 1) "
                 "ORDER BY c.occurred_at DESC"));
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, contacts.Step());
    if (!row) break;
    page += "<tr class=\"contact\" data-contact-id=\"" + EscapeHtml(contacts.ColumnText(10)) + "\">";
    for (int i = 0; i < 10; ++i) page += Cell(contacts.ColumnText(i));
    page += "</tr>";
  }
  page += "</table>";

  // Nothing a key worker entered is dropped silently: a value overwritten by a concurrent edit
  // is listed here until someone looks at it.
  OUTPOST_ASSIGN_OR_RETURN(std::vector<store::Conflict> conflicts, store::ListConflicts(db));
  page += "<h2>Edits that lost to a concurrent edit</h2>";
  if (conflicts.empty()) {
    page += "<p id=\"no-conflicts\">None.</p>";
  } else {
    page += "<table id=\"conflicts\"><tr><th>Participant</th><th>Record</th><th>Field</th>"
            "<th>Value that lost</th><th>Current value</th><th>Change</th></tr>";
    for (const store::Conflict& c : conflicts)
      page += "<tr>" + Cell(c.participant_id) + Cell(c.record_type + " " + c.record_id) +
              Cell(c.field) + Cell(c.lost_value) + Cell(c.current_value) +
              Cell(c.lost_change_id) + "</tr>";
    page += "</table>";
  }
  OUTPOST_ASSIGN_OR_RETURN(
      store::Statement clocks,
      db.Prepare("SELECT c.device_id, ifnull(d.username, ''), c.clock_offset_ms, c.clock_flagged_at "
                 "FROM device_chains c LEFT JOIN devices d USING (device_id) "
                 "WHERE c.clock_flagged_at != '' ORDER BY c.device_id"));
  std::string clock_rows;
  while (true) {
    OUTPOST_ASSIGN_OR_RETURN(bool row, clocks.Step());
    if (!row) break;
    const int64_t minutes = clocks.ColumnInt(2) / 60000;
    clock_rows += "<tr>" + Cell(clocks.ColumnText(0)) + Cell(clocks.ColumnText(1)) +
                  Cell(std::to_string(minutes < 0 ? -minutes : minutes) + " minutes " +
                       (minutes > 0 ? "behind" : "ahead")) +
                  Cell(clocks.ColumnText(3)) + "</tr>";
  }
  if (!clock_rows.empty())
    page += "<h2>Devices with a wrong clock</h2><table id=\"clocks\"><tr><th>Device</th>"
            "<th>User</th><th>Clock</th><th>Since</th></tr>" + clock_rows + "</table>";
  page += "</body></html>";
  return page;
}

}  // namespace outpost::server
