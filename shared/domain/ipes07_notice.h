// The IPES07 email (4.51 to 4.53, 4.60): subject and minimal body.
//
// When a participant disengages (no engagement after five working days of attempts, or a
// declared withdrawal) the provider completes form IPES07 and emails it, unencrypted, to the
// address Jobcentre Plus gave (4.52). Because the email is unencrypted it holds the least that
// identifies the participant: the subject says what happened, and the body holds only the
// surname and the last 3 digits of the National Insurance number (4.53). The same form, with the
// subject "IPES Participant Re-engagement", tells DWP of a re-engagement (4.53, 4.60).
//
// This module builds the text only; sending is the key worker's (recorded afterwards as an
// Ipes07NoticeRecord, disengagement.h).
#ifndef OUTPOST_SHARED_DOMAIN_IPES07_NOTICE_H_
#define OUTPOST_SHARED_DOMAIN_IPES07_NOTICE_H_

#include <string>
#include <string_view>

#include "shared/base/status_or.h"
#include "shared/domain/disengagement.h"

namespace outpost::domain {

struct Ipes07Email {
  std::string subject;   // "IPES Participant Disengagement" or "IPES Participant Re-engagement"
  std::string body;      // "Surname: Jones\nNational Insurance number (last 3 digits): 456\n"
};

// The subject line for `kind`, exactly as 4.53 and 4.60 give it.
std::string_view Ipes07Subject(Ipes07Kind kind);

// Builds the email. Errors (InvalidArgument):
//   "participant.surname"   if the surname is empty or only spaces;
//   "participant.ni_number" if the NI number is not two letters, six digits and an optional
//                           final letter (spaces ignored, any case).
StatusOr<Ipes07Email> BuildIpes07Email(Ipes07Kind kind, std::string_view surname,
                                       std::string_view ni_number);

// The NI number reduced to its canonical form ("QQ123456C"), or InvalidArgument as above.
StatusOr<std::string> NormaliseNiNumber(std::string_view ni_number);

// The NI number masked for display: only the last 3 digits shown ("*****456C" style, as
// "XX XX X4 56 C" is easy to misread). Returns "" for an invalid number.
std::string MaskNiNumber(std::string_view ni_number);

}  // namespace outpost::domain

#endif  // OUTPOST_SHARED_DOMAIN_IPES07_NOTICE_H_
