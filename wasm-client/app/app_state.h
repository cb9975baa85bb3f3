// AppState: everything the screens draw from, in one plain struct (immediate mode: the UI is a
// function of this state). Screens may edit the draft buffers they own (text fields write into
// them) and record intents in Commands; only the App reads and writes the replica.
#ifndef OUTPOST_WASM_CLIENT_APP_APP_STATE_H_
#define OUTPOST_WASM_CLIENT_APP_APP_STATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace outpost::client {

enum class Screen { kSignIn, kCaseload, kParticipant, kContactForm, kFailed };

// The contact modes and outcomes of the spec, in the order the form shows them. The first value
// of each pair is what is stored (shared/sync/change.h), the second what the key worker reads.
inline constexpr const char* kContactModes[][2] = {
    {"face_to_face", "Face to face"}, {"telephone", "Telephone"}, {"video", "Video call"},
    {"email", "Email"},               {"text", "Text message"}};
inline constexpr const char* kContactOutcomes[][2] = {
    {"attended", "Attended"}, {"failed_to_attend", "Failed to attend"},
    {"no_answer", "Attempt, no answer"}};

struct ParticipantRow {
  std::string participant_id;
  std::string given_name;
  std::string family_name;
  std::string journey_stage;
  std::string referral_date;
  std::string start_date;
  std::string ni_masked;  // "QQ •••• 56 A": the full number is not needed on the caseload
};

struct ContactRow {
  std::string occurred_at;
  std::string mode;
  std::string location;
  std::string outcome;
  std::string notes;
  std::string digital_reason;
  std::string recorded_by;
  bool confirmed = false;     // the server's receipt listed it
  std::string refused_reason;  // the server refused it (quarantined): why
};

struct ContactDraft {
  char date[16] = "";   // YYYY-MM-DD
  char time[8] = "";    // HH:MM
  int mode = 0;         // index into kContactModes
  char location[128] = "";
  int outcome = 0;      // index into kContactOutcomes
  char notes[2048] = "";
  char digital_reason[256] = "";
  std::string error_field;  // which field the last save attempt found wrong
  std::string error;
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
  std::string last_synced_at;  // device clock, UTC
  std::string last_error;
};

struct AppState {
  Screen screen = Screen::kSignIn;
  std::string failure;  // why the App cannot run (Screen::kFailed)

  // Sign-in form.
  char username[64] = "";
  char password[128] = "";
  bool signing_in = false;
  std::string sign_in_message;

  // The key worker signed in on this tablet.
  std::string username_signed_in;
  std::string display_name;

  std::vector<ParticipantRow> caseload;
  std::optional<ParticipantRow> participant;  // the one open
  std::vector<ContactRow> contacts;           // of the open participant, newest first

  ContactDraft draft;
  bool saving = false;
  std::string banner;  // e.g. "Contact saved on this tablet"

  SyncView sync;
};

// What the screens ask for during one frame; the App carries it out after drawing.
struct Commands {
  bool sign_in = false;
  bool sync_now = false;
  bool sign_out = false;  // refused while changes wait to sync (the banner says why)
  std::optional<std::string> open_participant;  // participant_id
  bool new_contact = false;
  bool save_contact = false;
  bool back = false;
};

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_APP_STATE_H_
