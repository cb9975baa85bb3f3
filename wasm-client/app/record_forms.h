// Record forms: the participant's records other than contacts and signatures, each described
// once as a list of fields, so one form screen draws, checks and saves them all.
//
// A FormSpec names the record type it writes (shared/sync/change.h), its title, and its fields
// in the order the form shows them, each with its label in both languages, its kind, and the
// values a choice may take. The server's validation (sync::ValidateChange) stays the authority:
// the form runs the same check before saving, so a record the server would refuse is never
// queued, and the error names the field.
//
// Mutable records (plan items, the plan agreement, the needs assessment, breaks, jobs, consent)
// can be opened again and edited; saving writes only the fields that changed, so a concurrent
// edit of another field on another tablet is not overwritten. Evidence (Employer Support Plan,
// Access to Work, exit documents) is written once.
#ifndef OUTPOST_WASM_CLIENT_APP_RECORD_FORMS_H_
#define OUTPOST_WASM_CLIENT_APP_RECORD_FORMS_H_

#include <span>
#include <string>
#include <vector>

#include "wasm-client/app/words.h"

namespace outpost::client {

enum class FieldKind {
  kText,       // one line
  kLongText,   // several lines
  kDate,       // YYYY-MM-DD, shown with today's date one tap away
  kChoice,     // one of `choices`
  kNumber,     // whole number
};

struct Choice {
  const char* value;  // as stored
  Words label;
};

struct FieldSpec {
  const char* name;  // the record field (change.h)
  Words label;
  FieldKind kind = FieldKind::kText;
  std::span<const Choice> choices = {};
  // Filled with today's date when a new record is opened (e.g. "recorded on").
  bool defaults_to_today = false;
  // The record cannot stand without it: a new record needs it and an edit may not empty it.
  bool required = false;
  // Needed only when another field of the form holds a value (the reason the weekly offer was
  // declined, when it was declined).
  const char* required_if_field = nullptr;
  const char* required_if_value = nullptr;
};

enum class FormKind {
  kNeedsAssessment,
  kPlanItem,
  kPlanAgreement,
  kProvisionBreak,
  kEmployment,
  kEmployerSupportPlan,
  kAccessToWork,
  kExitDocument,
  kSupportConsent,
};
inline constexpr FormKind kAllForms[] = {
    FormKind::kNeedsAssessment,  FormKind::kPlanItem,     FormKind::kPlanAgreement,
    FormKind::kProvisionBreak,   FormKind::kEmployment,   FormKind::kEmployerSupportPlan,
    FormKind::kAccessToWork,     FormKind::kExitDocument, FormKind::kSupportConsent};

struct FormSpec {
  FormKind kind;
  const char* record_type;
  Words title;
  Words guidance;  // one line on when the form is used, with the paragraph of the guidance
  bool one_per_participant;  // the needs assessment and plan agreement: opening edits the one
  std::span<const FieldSpec> fields;
};

const FormSpec& GetFormSpec(FormKind kind);
// The form writing `record_type`, or nullptr.
const FormSpec* FindFormSpec(std::string_view record_type);

// The label of `value` among `field`'s choices in the current language, or `value` itself.
std::string ChoiceLabel(const FieldSpec& field, const std::string& value);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_RECORD_FORMS_H_
