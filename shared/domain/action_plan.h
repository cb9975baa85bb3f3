// The IPES Action Plan (4.14 to 4.24): a versioned, living document.
//
// Each ActionPlanVersion is a frozen snapshot; a change makes a new version with the next number.
// Signatures (signature.h) name the version they sign and carry the hash of its exact content,
// so a later change can never be passed off as signed (box after 4.15). `document_hash` on the
// version is the hash of its canonical form, computed by whoever freezes the version (the store
// hashes the canonical JSON with SHA-256); the rules only compare hashes, they never compute them.
//
// Versions and items follow 4.14 (what the initial meeting agrees), 4.20 (progression areas),
// 4.21 (clear activities with when, due by and evidence; the weekly face-to-face offer or the
// reasons it was declined) and 4.22 (who provides each contribution).
#ifndef OUTPOST_SHARED_DOMAIN_ACTION_PLAN_H_
#define OUTPOST_SHARED_DOMAIN_ACTION_PLAN_H_

#include <optional>
#include <string>
#include <vector>

#include "shared/base/civil_date.h"

namespace outpost::domain {

// The six areas in which progress is measured (4.20).
enum class ProgressionArea {
  kManagingHealthCondition,   // managing their health condition or disability
  kGeneralSelfEfficacy,
  kWellbeing,
  kJobSearchSelfEfficacy,
  kJobSeekingActivity,
  kExperienceInWorkEnvironment,
};

// Who provides an activity or its evidence (4.22).
enum class SupportSource { kProvider, kSubContractor, kEmployer, kOtherOrganisation, kParticipant };

enum class ItemStatus { kNotStarted, kInProgress, kDone, kNoLongerNeeded };

// One bite-sized activity (4.21).
struct ActionPlanItem {
  std::string id;
  std::string description;              // a clear explanation of the activity
  ProgressionArea area = ProgressionArea::kGeneralSelfEfficacy;
  std::string milestone;                // the milestone the activity serves (4.21 bullet 6)
  std::optional<CivilDate> occurs_on;   // when it occurs
  std::optional<CivilDate> due_by;      // when it must be completed by
  std::string evidence_required;        // what shows it was done
  SupportSource provided_by = SupportSource::kProvider;  // 4.22
  ItemStatus status = ItemStatus::kNotStarted;
};

// The offer of weekly face-to-face support (4.03, 4.14, 4.21): either accepted, or declined with
// the reasons noted in full.
struct WeeklySupportOffer {
  bool offered = false;
  bool accepted = false;
  std::string declined_reasons;
};

// Formats that make the plan usable by the participant (4.23).
enum class AccessibleFormat { kStandard, kLargePrint, kPlainLanguage, kScreenReader };

// A frozen version. Anything that changes the plan's content makes a new version, because a
// signature covers exactly one `document_hash` (box after 4.15). created_on is the day the key
// worker froze it, normally the day of a face-to-face review (4.24).
struct ActionPlanVersion {
  std::string id;
  int version = 1;                      // 1, 2, 3, ... in order of creation
  CivilDate created_on;
  // False for the first draft commenced at the initial meeting (4.09); true once the plan is
  // fully agreed (4.17). Every later review version is normally agreed.
  bool fully_agreed = false;
  std::string document_hash;            // hash of this version's canonical content
  std::vector<ActionPlanItem> items;
  // The basic information of 4.14.
  std::optional<CivilDate> next_meeting_date;
  int next_meeting_minute_of_day = -1;
  std::string next_meeting_location;
  std::string preferred_communication;
  std::string preparation_actions;
  std::string adjustments_or_support;
  WeeklySupportOffer weekly_offer;
  AccessibleFormat format = AccessibleFormat::kStandard;
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_ACTION_PLAN_H_
