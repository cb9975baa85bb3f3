// Plan versions: which version of a participant's Action Plan is current, and which were signed.
//
// The plan's items and agreement are mutable records that merge field by field (change_store.h);
// a signature is evidence that carries the exact document the participant was shown and its
// SHA-256 (4.15 box: a later change must never pass as signed). So a signed version is frozen by
// construction: it is the document inside its signatures, whatever happens to the items later.
// Versions are numbered by the order in which their first signature was made: version 1 is the
// first document signed, and so on. The current plan is the document rendered from the items and
// agreement as they are now: it is the latest signed version when nothing has changed since, and
// otherwise a new unsigned version numbered one after the latest signed one — an edit after
// signing starts a new version, which needs signing again (4.24).
#ifndef OUTPOST_SHARED_STORE_PLAN_VERSIONS_H_
#define OUTPOST_SHARED_STORE_PLAN_VERSIONS_H_

#include <map>
#include <string>
#include <vector>

#include "shared/base/status_or.h"
#include "shared/store/database.h"

namespace outpost::store {

// One plan item or the agreement: its record id and its fields.
struct PlanPart {
  std::string record_id;
  std::map<std::string, std::string> fields;
};

// The plan as shown for signing: plain text, items in the order they were created (record ids
// are time-ordered), each field on its own labelled line. Equal plans give equal text, so equal
// hashes, on every device.
std::string RenderPlanDocument(const std::vector<PlanPart>& items, const PlanPart& agreement);

struct PlanVersion {
  int number = 0;
  std::string document;
  std::string document_hash;
  std::vector<std::string> signature_ids;  // empty for an unsigned version
};

struct PlanStatus {
  std::vector<PlanVersion> signed_versions;  // in order, version 1 first
  PlanVersion current;                       // the plan as it is now
  bool current_is_signed = false;            // current is the latest signed version unchanged
};

// Reads the participant's plan items, agreement and signatures.
StatusOr<PlanStatus> LoadPlanStatus(Database& db, const std::string& participant_id);

}  // namespace outpost::store

#endif  // OUTPOST_SHARED_STORE_PLAN_VERSIONS_H_
