// Signature: evidence that a person agreed to one exact Action Plan version (or signed for the
// Induction Pack).
//
// Robust digital evidence (box after 4.15) keeps the pen strokes with their timing, the signer,
// the role, when, the device, and the hash of the document version signed. When the digital
// method is unavailable the fallback is recorded instead (a wet signature and its paper
// reference, or why no signature was obtained). A participant whose disability prevents a
// handwritten signature agrees in another recorded form (a mark, an assisted signature, or
// verbal agreement witnessed by a named person); the record says what was done, by whom, why.
// The "due to COVID-19" annotation is no longer accepted (box after 4.15).
//
// A signature belongs to one version: a changed plan is a new version that needs signing again,
// and the old signature stays valid for the old version only.
#ifndef OUTPOST_SHARED_DOMAIN_SIGNATURE_H_
#define OUTPOST_SHARED_DOMAIN_SIGNATURE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "shared/base/civil_date.h"

namespace outpost::domain {

enum class SignerRole { kParticipant, kKeyWorker };

enum class SignatureMethod {
  kDigitalPen,          // strokes captured on the tablet
  kWetSignature,        // paper signature; `paper_reference` says where the paper is
  kMark,                // a mark made by the participant
  kAssisted,            // signed with help; `assisted_by` and `reason` say how and why
  kVerbalWitnessed,     // verbal agreement witnessed by `witness_name`
  kNotObtained,         // no signature: `reason` says why. Recorded, but never counts as signed.
};

// What the signature is for.
enum class SignedDocument { kActionPlan, kInductionPack };

// One pen sample: position on the pad and milliseconds since the stroke began.
struct PenPoint {
  float x = 0;
  float y = 0;
  uint32_t t_ms = 0;
};
using PenStroke = std::vector<PenPoint>;

// One person's signature (or recorded alternative) on one document version. Participant and key
// worker each sign separately, so 4.15's "signed by both" is two Signature records.
struct Signature {
  std::string id;
  SignedDocument document = SignedDocument::kActionPlan;
  std::string plan_version_id;        // the ActionPlanVersion signed (for kActionPlan)
  std::string document_hash;          // hash of the exact version signed, taken when signing
  SignerRole role = SignerRole::kParticipant;
  std::string signer_name;
  CivilDate signed_on;                // the date written beside the signature (4.15)
  std::string signed_at;              // the device's timestamp, ISO 8601 with offset
  std::string device_id;
  SignatureMethod method = SignatureMethod::kDigitalPen;
  std::vector<PenStroke> strokes;     // kDigitalPen only
  std::string paper_reference;        // kWetSignature
  std::string assisted_by;            // kAssisted
  std::string witness_name;           // kVerbalWitnessed
  std::string reason;                 // why an alternative form or no signature
  std::string annotation;             // free text beside the signature ("due to COVID-19" is refused)
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_SIGNATURE_H_
