// The initial needs assessment (4.08 to 4.13), started at the initial meeting.
//
// It establishes the barriers that keep the participant from work (4.11) and may also gather
// the wider picture (4.12). Its contents feed the first draft of the Action Plan (4.13); the
// rules engine does not score it, it only needs it to exist, so the fields are free text chosen
// by the key worker, grouped as the guidance lists them.
#ifndef OUTPOST_SHARED_DOMAIN_NEEDS_ASSESSMENT_H_
#define OUTPOST_SHARED_DOMAIN_NEEDS_ASSESSMENT_H_

#include <string>
#include <vector>

#include "shared/base/civil_date.h"

namespace outpost::domain {

// The barrier groups of 4.11.
enum class BarrierKind {
  kLabourMarket,              // including lack of skills
  kHealthAndDisability,       // health conditions and disabilities
  kPersonal,                  // including housing issues
  kFinancial,                 // including personal debt
  kWorkRelatedIndependence,   // mobility, independent travel, assistive technology
};

// One barrier as the participant and key worker describe it. Free text on purpose: 1.17 says
// barriers combine in ways no fixed list captures.
struct Barrier {
  BarrierKind kind = BarrierKind::kLabourMarket;
  std::string description;    // in the participant's words where possible
};

// The assessment as recorded at (or soon after) the initial meeting. Optional in
// ParticipantRecords because it is commenced at the meeting and may be completed later (4.08).
struct NeedsAssessment {
  std::string id;
  CivilDate assessed_on;               // normally the Start Date (4.08)
  std::vector<Barrier> barriers;       // 4.11
  std::string support_network;         // personal and professional (4.12)
  std::string interests_and_hobbies;   // that could link to future employment (4.12)
  std::string job_goals;               // goals or aspirations (4.12)
  std::string previous_work_experience;  // (4.12)
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_NEEDS_ASSESSMENT_H_
