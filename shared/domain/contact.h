// Contact: one meeting, contact or attempt at contact with the participant.
//
// A contact is an immutable event. A mistake is never edited in place: the key worker records a
// new Contact whose `corrects_id` names the one it replaces (and `retracts` set if the original
// should not have been recorded at all). The rules engine uses only the latest word on each
// event, so a corrected contact counts as its correction says; the original stays in the record
// for the Performance Compliance Officer (box after 4.15).
//
// Face to face means all attendees in person (Annex 3). Since the end of COVID-19 restrictions a
// meeting held digitally is allowed only by exception and the reason must be recorded ("Living
// with COVID-19" box before 4.01; 4.24); the validator rejects a digital meeting with no reason,
// and the rules count it towards the 4-weekly face-to-face minimum only with that reason, flagged.
#ifndef OUTPOST_SHARED_DOMAIN_CONTACT_H_
#define OUTPOST_SHARED_DOMAIN_CONTACT_H_

#include <string>

#include "shared/base/civil_date.h"

namespace outpost::domain {

enum class ContactMode { kFaceToFace, kTelephone, kEmail, kText, kVideo };

// Why the contact happened. A kMeeting is an appointment with the participant (the initial
// meeting, a review, an in-work meeting); kAdditionalContact is the extra contact of 4.05;
// kReengagementAttempt is an attempt after a failure to attend (4.49, 4.50).
enum class ContactPurpose { kMeeting, kAdditionalContact, kReengagementAttempt };

enum class ContactOutcome {
  kAttended,         // the participant took part (or replied, for email and text)
  kFailedToAttend,   // a meeting the participant missed: starts 4.49 to 4.51
  kNoAnswer,         // an attempt that reached nobody
};

struct Contact {
  std::string id;
  CivilDate date;
  int minute_of_day = -1;            // local time of day 0..1439, or -1 if not recorded
  ContactMode mode = ContactMode::kFaceToFace;
  ContactPurpose purpose = ContactPurpose::kMeeting;
  ContactOutcome outcome = ContactOutcome::kAttended;
  std::string location;              // e.g. an outreach location (4.06)
  std::string notes;
  // For a meeting not held face to face: why not (the "COVID box"). Required for digital
  // meetings; never needed for additional contact or attempts.
  std::string digital_reason;
  // The participant said they no longer wish to take part (4.51): DWP must be told (IPES07).
  bool participant_withdrew = false;
  std::string recorded_by;           // user id of the key worker
  std::string corrects_id;           // non-empty: this event corrects that earlier contact
  bool retracts = false;             // with corrects_id: the corrected contact never happened

  // A meeting held by telephone or video: allowed by exception, with a reason.
  bool IsDigitalMeeting() const {
    return purpose == ContactPurpose::kMeeting && mode != ContactMode::kFaceToFace;
  }
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_CONTACT_H_
