// ParticipantRecords: everything the key worker has recorded about one participant.
//
// This is the input to validation (validation.h) and to the compliance evaluation
// (shared/rules/compliance.h). It is a plain aggregate of value types, filled by the store on
// either side of sync, or by hand in tests:
//
//   domain::ParticipantRecords r;
//   r.participant.surname = "Jones";
//   r.participant.referral.referral_date = CivilDate::Unchecked(2024, 1, 8);
//   r.participant.start_date = CivilDate::Unchecked(2024, 1, 15);
//   r.contacts.push_back({.id = "c1", .date = *r.participant.start_date});
//
// Order: lists need not be sorted; the rules sort what they need. Ids link records together
// (a Signature names its ActionPlanVersion, an EmployerSupportPlan its Employment); validation
// reports links that point nowhere.
#ifndef OUTPOST_SHARED_DOMAIN_PARTICIPANT_RECORDS_H_
#define OUTPOST_SHARED_DOMAIN_PARTICIPANT_RECORDS_H_

#include <optional>
#include <vector>

#include "shared/domain/action_plan.h"
#include "shared/domain/case_conference.h"
#include "shared/domain/consent.h"
#include "shared/domain/contact.h"
#include "shared/domain/disengagement.h"
#include "shared/domain/employment.h"
#include "shared/domain/exit.h"
#include "shared/domain/needs_assessment.h"
#include "shared/domain/participant.h"
#include "shared/domain/provision_break.h"
#include "shared/domain/signature.h"

namespace outpost::domain {

// Value semantics on purpose: the rules take a const reference and keep nothing, so the same
// records can be evaluated on the tablet and the server without shared state. The optional
// members are absent until the event happens (assessment not yet done, not yet exited).
struct ParticipantRecords {
  Participant participant;
  std::optional<NeedsAssessment> needs_assessment;
  std::vector<Contact> contacts;
  std::vector<ActionPlanVersion> plan_versions;
  std::vector<Signature> signatures;
  std::vector<ProvisionBreak> breaks;
  std::vector<Ipes07NoticeRecord> ipes07_notices;
  std::vector<JobcentreAnswer> jobcentre_answers;
  std::vector<ChangeOfCircumstances> changes_of_circumstances;
  std::vector<Employment> employments;
  std::vector<EmployerSupportPlan> employer_support_plans;
  std::vector<AccessToWork> access_to_work;
  std::vector<WorkExperience> work_experience;
  std::vector<CaseConference> case_conferences;
  std::optional<Exit> exit;
  std::vector<ExitDocument> exit_documents;
  std::vector<SupportNetworkConsent> consents;
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_PARTICIPANT_RECORDS_H_
