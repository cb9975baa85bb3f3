// Change: one write made on one device, the unit that sync moves and the store applies.
//
// Identity: (device_id, device_seq). The device numbers its own changes 1, 2, 3... with no gaps,
// so the pair is unique everywhere and a retried push is recognised by it alone.
//
// Record types in protocol version 1:
//   participant  mutable; fields: key_worker, given_name, family_name, ni_number, date_of_birth,
//                referral_date, start_date, journey_stage (any subset). The later hlc wins.
//   contact      immutable evidence, written once; fields: occurred_at (YYYY-MM-DDTHH:MM), mode
//                (face_to_face | telephone | email | text | video), location, outcome (attended |
//                failed_to_attend | no_answer), notes, digital_reason, corrects_contact_id.
#ifndef OUTPOST_SHARED_SYNC_CHANGE_H_
#define OUTPOST_SHARED_SYNC_CHANGE_H_

#include <cstdint>
#include <string>

#include <string_view>

#include "shared/base/status_or.h"

namespace outpost::sync {

struct Change {
  std::string device_id;
  int64_t device_seq = 0;
  std::string hlc;             // hybrid logical clock stamp (see hlc.h); orders writes
  std::string author;          // username of the person who made it
  std::string record_type;     // "participant" or "contact"
  std::string record_id;       // UUID of the record written
  std::string participant_id;  // whose record: the unit of caseload scope
  std::string fields;          // a JSON object, keys sorted (canonical), of the fields written
  std::string captured_at;     // device clock, ISO 8601 UTC
  std::string received_at;     // server clock, ISO 8601 UTC; empty until the server has it
  int64_t server_seq = 0;      // position in the server's log; 0 until known

  // "<device_id>:<device_seq>", the id shown in receipts and errors.
  std::string ChangeId() const;

  bool operator==(const Change&) const = default;
};

// Checks that `change` is well formed and its fields are valid for its record type. Returns the
// first problem, naming the field (e.g. "fields.digital_reason").
Status ValidateChange(const Change& change);

// Returns `fields` (a JSON object text) re-serialised canonically, or InvalidArgument.
StatusOr<std::string> CanonicalFields(std::string_view fields);

}  // namespace outpost::sync

#endif  // OUTPOST_SHARED_SYNC_CHANGE_H_
