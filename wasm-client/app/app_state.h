// AppState: everything the screens draw from, in one plain struct (immediate mode: the UI is a
// function of this state). Screens may edit the draft buffers they own (text fields write into
// them) and record intents in Commands; only the App reads and writes the replica.
#ifndef OUTPOST_WASM_CLIENT_APP_APP_STATE_H_
#define OUTPOST_WASM_CLIENT_APP_APP_STATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shared/rules/compliance.h"
#include "wasm-client/app/record_forms.h"
#include "wasm-client/app/signing.h"
#include "wasm-client/app/words.h"

namespace outpost::client {

enum class Screen {
  kSignIn,
  kCaseload,
  kParticipant,
  kContactForm,
  kRecordForm,
  kReengagement,
  kSettings,
  kSigning,
  kExport,
  kFailed,
};

// What the participant screen shows under its tabs.
enum class ParticipantTab { kTimeline, kCompliance, kPlan, kRecord };

// The contact modes, outcomes and purposes of the spec, in the order the form shows them: the
// stored value (shared/sync/change.h) and what the key worker reads.
struct Option {
  const char* value;
  Words label;
};
inline constexpr Option kContactModes[] = {
    {"face_to_face", {"Face to face", "Wyneb yn wyneb"}},
    {"telephone", {"Telephone", "Ffôn"}},
    {"video", {"Video call", "Galwad fideo"}},
    {"email", {"Email", "E-bost"}},
    {"text", {"Text message", "Neges destun"}}};
inline constexpr Option kContactOutcomes[] = {
    {"attended", {"Attended", "Wedi mynychu"}},
    {"failed_to_attend", {"Failed to attend", "Heb fynychu"}},
    {"no_answer", {"Attempt, no answer", "Ymgais, dim ateb"}}};
inline constexpr Option kContactPurposes[] = {
    {"meeting", {"Meeting", "Cyfarfod"}},
    {"additional", {"Additional contact", "Cyswllt ychwanegol"}},
    {"reengagement_attempt", {"Re-engagement attempt", "Ymgais i ailymgysylltu"}}};

// How urgent a participant's most pressing rule is, most urgent first.
enum class Urgency { kOverdue, kDueSoon, kDue, kNothingDue };

struct ParticipantRow {
  std::string participant_id;
  std::string given_name;
  std::string family_name;
  std::string journey_stage;
  std::string referral_date;  // ISO
  std::string start_date;     // ISO, "" before the Start Date
  std::string ni_number;      // as stored: only the IPES07 notice needs it
  std::string ni_masked;      // "QQ •••• 56 A": enough to tell two people apart
  rules::Phase phase = rules::Phase::kAwaitingStart;
  int day_of_provision = 0;
  Urgency urgency = Urgency::kNothingDue;
  std::optional<rules::RuleId> urgent_rule;  // the most urgent rule not met
  std::string urgent_due;                    // its due date, ISO
};

// One line of the participant's timeline: a contact, a signature, a record.
struct TimelineRow {
  std::string when;         // ISO date or date-time: sorts the timeline
  std::string record_type;  // change.h record type
  std::string record_id;
  std::string title;        // in the current language
  std::string detail;
  std::string notes;        // a contact's notes as written
  bool editable = false;    // a mutable record: tapping opens its form
  bool confirmed = false;   // the server's receipt listed it
  std::string refused_reason;  // the server refused it (quarantined): why
  int64_t refused_seq = 0;     // this tablet's change the server refused, while unresolved
  std::string resolved_by;     // a refused change resolved: the correction, or "supervisor"
  int64_t stored_order = 0;    // where the replica's change log holds it: orders equal times
};

struct RuleRow {
  rules::RuleId id{};
  rules::RuleStatus status = rules::RuleStatus::kNotApplicable;
  std::string due_date;  // ISO or ""
  std::string met_on;    // ISO or ""
  bool late = false;
  bool flagged = false;
  int missed = 0;
};

struct ContactDraft {
  char date[16] = "";   // DD/MM/YYYY or YYYY-MM-DD, UK civil date
  char time[8] = "";    // HH:MM, UK civil time
  int purpose = 0;      // index into kContactPurposes
  int mode = 0;         // index into kContactModes
  char location[128] = "";
  int outcome = 0;      // index into kContactOutcomes
  char notes[2048] = "";
  char digital_reason[256] = "";
  bool withdrew = false;  // the participant said they no longer wish to take part (4.51)
  std::string corrects_contact_id;  // a correction of this contact (one the server refused)
  std::string error_field;  // which field the last save attempt found wrong
  std::string error;
};

// A record form being filled in (record_forms.h): one text buffer per field of the spec.
struct RecordDraft {
  FormKind kind = FormKind::kPlanItem;
  std::string record_id;                   // empty: a new record
  std::vector<std::vector<char>> values;   // NUL-terminated, one per FormSpec field
  std::vector<std::string> original;       // values when opened (edits write what changed)
  // employment_id: the participant's jobs (record id, what the key worker reads).
  std::vector<std::pair<std::string, std::string>> job_choices;
  std::string error_field;
  std::string error;
};

// After a failure to attend (4.49 to 4.53): what is due, and the IPES07 text when it is.
struct ReengagementView {
  std::string missed_on;                // ISO date of the latest failure to attend
  std::string first_attempt_due;        // ISO date-time: within 24 hours
  std::vector<std::string> attempt_days;      // the 5 working days of daily attempts, ISO
  std::vector<bool> attempt_made;             // one per attempt day
  bool reengaged = false;               // attended contact since
  bool notice_due = false;              // still not engaged after 5 days, or withdrew
  bool notice_sent = false;
  std::string notice_subject;
  std::string notice_body;
  std::string notice_error;             // why the notice cannot be built (e.g. NI number)
};

// A change of this tablet the server refused and nobody has resolved yet, wherever it belongs
// (its participant may have left the caseload, so it is listed in Settings too).
struct RefusedChange {
  int64_t device_seq = 0;
  std::string what;    // "Contact for Grace Okafor", in words
  std::string reason;  // the server's
};

struct SyncView {
  bool online = false;
  bool in_flight = false;
  int64_t waiting = 0;         // changes in the outbox, quarantined included
  int64_t quarantined = 0;     // refused by the server: shown with the reason
  int64_t to_send = 0;         // during a sync: waiting when it started
  int64_t sent = 0;            // during a sync: changes confirmed so far
  int64_t received = 0;        // during a sync: changes pulled so far
  bool clock_flagged = false;  // the server says this tablet's clock is wrong
  int64_t last_synced_ms = 0;  // device clock; 0 never
  std::string last_error;
  std::vector<std::string> conflicts;  // each in words: whose value won over whose
  std::vector<RefusedChange> refused;  // unresolved refusals, oldest first
};

struct Settings {
  Language language = Language::kEnglish;
  int text_percent = 100;  // 100, 125, 150
  bool high_contrast = false;
};

struct AppState {
  Screen screen = Screen::kSignIn;
  std::string failure;  // why the App cannot run (Screen::kFailed)
  Settings settings;
  Screen return_to = Screen::kCaseload;  // where Settings goes back to

  // Sign-in form.
  char username[64] = "";
  char password[128] = "";
  bool signing_in = false;
  std::string sign_in_message;

  // The key worker signed in on this tablet.
  std::string username_signed_in;
  std::string display_name;

  std::string today;  // ISO, UK civil date: what the rules are evaluated on
  std::vector<ParticipantRow> caseload;  // most urgent first
  char search[64] = "";

  std::optional<ParticipantRow> participant;  // the one open
  ParticipantTab tab = ParticipantTab::kTimeline;
  std::vector<TimelineRow> timeline;          // newest first
  std::vector<RuleRow> rules;                 // in RuleId order
  std::vector<TimelineRow> plan_items;        // the plan's items, in order
  std::optional<TimelineRow> plan_agreement;
  int plan_version = 0;              // the current plan's version number
  bool plan_signed = false;          // the current version is signed as it stands
  std::string plan_hash;             // the current version's document hash (short form shown)
  int contact_count = 0;

  std::optional<SigningState> signing;  // the plan version being signed, with both signers
  std::string receipt_code;             // of the current signed version, once a receipt was made
  bool large_print = false;             // the participant asked for large print

  ContactDraft draft;
  RecordDraft record;
  ReengagementView reengagement;
  bool saving = false;
  std::optional<int64_t> correcting_seq;  // the refused change the form being saved corrects
  std::string banner;  // e.g. "Contact saved on this tablet"

  SyncView sync;
};

// What the screens ask for during one frame; the App carries it out after drawing.
struct Commands {
  bool sign_in = false;
  bool sync_now = false;
  bool sign_out = false;  // refused while changes wait to sync (the banner says why)
  std::optional<std::string> open_participant;  // participant_id
  std::optional<ParticipantTab> show_tab;
  bool new_contact = false;
  bool save_contact = false;
  std::optional<FormKind> new_record;
  std::optional<std::pair<std::string, std::string>> edit_record;  // record_type, record_id
  bool save_record = false;
  bool open_reengagement = false;
  bool record_notice_sent = false;
  bool start_signing = false;
  bool save_signatures = false;
  bool show_receipt = false;
  std::optional<bool> large_print;
  std::optional<size_t> correct_refused;  // timeline row: open it again to correct and resend
  std::optional<size_t> leave_refused;    // timeline row: leave it with the supervisor
  std::optional<int64_t> leave_refused_seq;  // Settings' list: leave this change with the supervisor
  bool open_settings = false;
  bool open_export = false;  // Settings > Export waiting changes (app/export_flow.h)
  std::optional<Settings> apply_settings;
  bool back = false;
};

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_APP_STATE_H_
