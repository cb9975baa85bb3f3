// Change: one write made on one device, the unit that sync moves and the store applies.
//
// Identity: (device_id, device_seq). A device numbers its own changes 1, 2, 3... with no gaps, so
// the pair is unique everywhere and a retried push is recognised by it alone. The changes of one
// device form a chain: each carries prev_hash, the ChangeHash of the device's previous change
// ("" for the first), so the server can tell a gap, a reordering or a rewrite from a retry.
//
// Record types (protocol version 2). Evidence is immutable: written once, never updated; a
// correction is a new record that points at the one it corrects. Mutable records merge field by
// field: the later hybrid clock wins (see merge.h).
//   participant     mutable   key_worker, given_name, family_name, ni_number, date_of_birth,
//                             referral_date, start_date, journey_stage; record_id == participant_id
//   plan_item       mutable   description, progression_area, milestone, occurs, due_by, evidence,
//                             provided_by, status
//   plan_agreement  mutable   next_meeting, next_meeting_location, preferred_communication,
//                             preparation, adjustments, weekly_offer, weekly_declined_reason
//   contact         evidence  occurred_at, mode, location, outcome, notes, digital_reason,
//                             corrects_contact_id, purpose (meeting | additional |
//                             reengagement_attempt; "" reads as meeting), withdrew ("yes": 4.51)
//   signature       evidence  signer_role, signer_name, method, strokes, document, document_hash,
//                             plan_version, witness_name, witness_role, reason, paper_reference,
//                             signed_at
//   ipes07_notice   evidence  kind, sent_at, subject, body
//   jobcentre_answer evidence form, answer, received_on, notes
//   exit_document   evidence  kind, completed_on, notes
//   needs_assessment mutable  assessed_on, barriers (comma-separated kinds), barrier_notes,
//                             support_network, interests, job_goals, work_history
//   provision_break mutable   start, end, reason (4.71)
//   employment      mutable   employer, self_employed, offer_date, start_date, end_date,
//                             hours_per_week, night_shifts
//   employer_support_plan evidence  employment_id, issued_on, notes
//   access_to_work  evidence  employment_id, recorded_on, applied (yes | no), not_needed_reason,
//                             reference
//   support_consent mutable   shared_with, given_on, withdrawn_on (4.27)
// Flags are "yes" / "no". The types after exit_document were added within protocol version 2: a
// server that predates them refuses them per change, and the tablet keeps them quarantined.
// Every field value is a string; dates are YYYY-MM-DD, times YYYY-MM-DDTHH:MM.
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
  std::string prev_hash;       // ChangeHash of this device's change device_seq - 1; "" for 1
  std::string hlc;             // hybrid logical clock stamp (see hlc.h); orders writes
  std::string author;          // username of the person who made it
  std::string record_type;     // see the table above
  std::string record_id;       // id of the record written
  std::string participant_id;  // whose record: the unit of caseload scope
  std::string fields;          // JSON object of strings, keys sorted (canonical)
  std::string base;            // JSON object: field -> hlc of the value the device saw; "{}"
  std::string captured_at;     // device clock, ISO 8601 UTC
  std::string received_at;     // server clock, ISO 8601 UTC; empty until the server has it
  int64_t server_seq = 0;      // position in the server's log; 0 until known

  // "<device_id>:<device_seq>", the id shown in receipts and errors.
  std::string ChangeId() const;

  bool operator==(const Change&) const = default;
};

// True for the immutable evidence types (contact, signature, ipes07_notice, jobcentre_answer,
// exit_document); false for mutable types and unknown names.
bool IsEvidence(std::string_view record_type);

// True for every record type of the table above.
bool IsKnownRecordType(std::string_view record_type);

// SHA-256 (hex) of the change as its device wrote it: every field except received_at and
// server_seq, in a canonical JSON form. Stable across encodings and platforms.
std::string ChangeHash(const Change& change);

// Checks that `change` is well formed and its fields are valid for its record type (including a
// signature's document hash). Returns the first problem, naming the field
// ("fields.digital_reason").
Status ValidateChange(const Change& change);

// Returns `fields` (a JSON object text) re-serialised canonically, or InvalidArgument.
StatusOr<std::string> CanonicalFields(std::string_view fields);

}  // namespace outpost::sync

#endif  // OUTPOST_SHARED_SYNC_CHANGE_H_
