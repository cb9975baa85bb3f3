#include "shared/domain/ipes07_notice.h"

#include <cctype>

namespace outpost::domain {

std::string_view Ipes07Subject(Ipes07Kind kind) {
  return kind == Ipes07Kind::kDisengagement ? "IPES Participant Disengagement"
                                            : "IPES Participant Re-engagement";
}

// Only the shape is checked (two letters, six digits, optional suffix letter): the prefix rules
// of HMRC change over time and a wrong refusal would stop the notice being sent at all.
StatusOr<std::string> NormaliseNiNumber(std::string_view ni_number) {
  std::string out;
  for (char c : ni_number) {
    if (c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  bool ok = out.size() == 8 || out.size() == 9;
  for (size_t i = 0; ok && i < out.size(); ++i) {
    const bool letter = out[i] >= 'A' && out[i] <= 'Z';
    const bool digit = out[i] >= '0' && out[i] <= '9';
    ok = (i < 2 || i == 8) ? letter : digit;
  }
  if (!ok) {
    return Status::InvalidArgument("participant.ni_number",
                                   "the National Insurance number must be two letters, six "
                                   "digits and an optional final letter");
  }
  return out;
}

std::string MaskNiNumber(std::string_view ni_number) {
  StatusOr<std::string> normal = NormaliseNiNumber(ni_number);
  if (!normal.ok()) return "";
  std::string masked(5, '*');
  masked += normal->substr(5);
  return masked;
}

StatusOr<Ipes07Email> BuildIpes07Email(Ipes07Kind kind, std::string_view surname,
                                       std::string_view ni_number) {
  size_t first = surname.find_first_not_of(' ');
  if (first == std::string_view::npos) {
    return Status::InvalidArgument("participant.surname",
                                   "the IPES07 email needs the participant's surname (4.53)");
  }
  size_t last = surname.find_last_not_of(' ');
  OUTPOST_ASSIGN_OR_RETURN(std::string ni, NormaliseNiNumber(ni_number));
  Ipes07Email email;
  email.subject = std::string(Ipes07Subject(kind));
  // 4.53: surname and the last 3 digits of the NINo, nothing more identifying.
  email.body = "Surname: ";
  email.body.append(surname.substr(first, last - first + 1));
  email.body += "\nNational Insurance number (last 3 digits): ";
  email.body.append(ni, 5, 3);
  email.body += "\n";
  return email;
}

}  // namespace outpost::domain
