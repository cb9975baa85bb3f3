// Disengagement and re-engagement records (4.48 to 4.61), and DWP's change of circumstances
// notifications (4.43 to 4.47).
//
// A failure to attend is a Contact with outcome kFailedToAttend, and each re-engagement attempt
// is a Contact with purpose kReengagementAttempt (contact.h): they are events like any other.
// This header holds what is not a contact: the IPES07 notices the provider sends to DWP
// (4.51 to 4.53), the Jobcentre's UC78e or CEPD1 answers (4.47, 4.59) and the limited changes of
// circumstances DWP notifies (4.46).
#ifndef OUTPOST_SHARED_DOMAIN_DISENGAGEMENT_H_
#define OUTPOST_SHARED_DOMAIN_DISENGAGEMENT_H_

#include <string>

#include "shared/base/civil_date.h"

namespace outpost::domain {

// Which IPES07 email: the subject line differs (4.53, 4.60).
enum class Ipes07Kind { kDisengagement, kReengagement };

// That an IPES07 was sent, and when (4.52). The text itself is built by ipes07_notice.h.
// Sending is recorded separately from building the text so that the record survives even when
// the email was sent from another system; the rules need only kind and date.
struct Ipes07NoticeRecord {
  std::string id;
  Ipes07Kind kind = Ipes07Kind::kDisengagement;
  CivilDate sent_on;
  std::string sent_to;        // the address Jobcentre Plus provided (4.52)
  std::string sent_by;        // user id
};

// The Jobcentre's form after the voluntary interview (4.58, 4.59).
enum class JobcentreForm { kUC78e, kCEPD1 };

struct JobcentreAnswer {
  std::string id;
  JobcentreForm form = JobcentreForm::kUC78e;
  CivilDate received_on;
  bool re_engaging = false;   // ready to re-engage (4.61) or not willing or able
  // A valid reason for non-engagement given by the Jobcentre, e.g. hospitalisation (4.56).
  std::string valid_reason;
};

// The changes DWP notifies (4.46), on form UC78e or CEPD1.
enum class CircumstanceChange {
  kDied,
  kMovedOutsideContractPackageArea,
  kTerminalIllnessDiagnosed,
  kChangeOfAppointeeOrAttorney,
};

// Providers do not notify DWP of these (4.44); they receive them and must act (4.45), so the
// record keeps what was done about each.
struct ChangeOfCircumstances {
  std::string id;
  CircumstanceChange change = CircumstanceChange::kDied;
  JobcentreForm form = JobcentreForm::kUC78e;
  CivilDate received_on;
  std::string action_taken;   // providers must consider it and act (4.45)
};

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_DISENGAGEMENT_H_
