// Validation of a participant's records: every problem at once, in plain words.
//
// A key worker fixing a form wants the whole list, not the first error, so validation returns a
// vector of Problems rather than a Status. Each Problem names the field by its path in
// ParticipantRecords ("contacts[3].digital_reason", "plan_versions[1].items[0].due_by") and says
// what is wrong in words fit to show on the tablet. An empty vector means the records are valid.
//
// What is checked, and why:
//   - a digital meeting must record why it was not face to face (Living with COVID-19 box; 4.24);
//   - a correction must point at an earlier contact that exists, never at itself;
//   - dates must be in order: start not before referral, an item not due before the Start Date
//     or before it occurs, a break or a job not ending before it starts, consent not withdrawn
//     before it was given;
//   - a signature must carry the hash of the exact version it claims to sign (box after 4.15),
//     must not carry the "due to COVID-19" annotation, and each fallback must record what the
//     guidance asks (paper reference, witness, helper, or a reason);
//   - links between records (signature to plan version, Employer Support Plan to job) resolve.
// Validation never fails for missing optional data: what is late or missing over time is the
// compliance evaluation's business (shared/rules/compliance.h), not a form error.
#ifndef OUTPOST_SHARED_DOMAIN_VALIDATION_H_
#define OUTPOST_SHARED_DOMAIN_VALIDATION_H_

#include <string>
#include <vector>

#include "shared/domain/participant_records.h"

namespace outpost::domain {

struct Problem {
  std::string field;     // path of the offending field within ParticipantRecords
  std::string message;   // plain words: what is wrong and what would fix it

  bool operator==(const Problem&) const = default;
};

// Every problem in `records`, in the order the fields appear in ParticipantRecords.
std::vector<Problem> Validate(const ParticipantRecords& records);

// Problems with one contact on its own (no cross-record checks). `path` prefixes field names.
std::vector<Problem> ValidateContact(const Contact& contact, const std::string& path);

// Problems with one signature against the plan version it claims to sign (null: not found).
std::vector<Problem> ValidateSignature(const Signature& signature,
                                       const ActionPlanVersion* version, const std::string& path);

// True if `signature` is acceptable evidence that its signer agreed to `version`: it names that
// version, its hash matches the version's hash, it has no refused annotation, its method's
// details are recorded, and it is not kNotObtained. Used by the rules to decide what is signed.
bool IsValidPlanSignature(const Signature& signature, const ActionPlanVersion& version);

// True if `text` contains the refused annotation "due to COVID-19" in any letter case, with
// any run of spaces or a hyphen, e.g. "Due to Covid 19".
bool HasCovidAnnotation(const std::string& text);

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_VALIDATION_H_
