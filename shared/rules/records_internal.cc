#include "shared/rules/records_internal.h"

#include <algorithm>
#include <string_view>

namespace outpost::rules::internal {

// Most participants have no corrections, so the common case copies pointers and allocates once;
// only with corrections is the set of corrected ids built and searched.
std::vector<const domain::Contact*> EffectiveContacts(const domain::ParticipantRecords& records) {
  std::vector<const domain::Contact*> out;
  out.reserve(records.contacts.size());
  bool any_correction = false;
  for (const domain::Contact& c : records.contacts) {
    if (!c.corrects_id.empty()) {
      any_correction = true;
      break;
    }
  }
  if (!any_correction) {
    for (const domain::Contact& c : records.contacts) out.push_back(&c);
    return out;
  }
  std::vector<std::string_view> corrected;
  for (const domain::Contact& c : records.contacts) {
    if (!c.corrects_id.empty()) corrected.push_back(c.corrects_id);
  }
  std::sort(corrected.begin(), corrected.end());
  for (const domain::Contact& c : records.contacts) {
    if (c.retracts) continue;
    if (std::binary_search(corrected.begin(), corrected.end(), std::string_view(c.id))) continue;
    out.push_back(&c);
  }
  return out;
}

bool CountsAsFaceToFace(const domain::Contact& c, bool* digital) {
  *digital = false;
  if (c.purpose != domain::ContactPurpose::kMeeting ||
      c.outcome != domain::ContactOutcome::kAttended) {
    return false;
  }
  if (c.mode == domain::ContactMode::kFaceToFace) return true;
  if ((c.mode == domain::ContactMode::kVideo || c.mode == domain::ContactMode::kTelephone) &&
      c.digital_reason.find_first_not_of(" \t\r\n") != std::string::npos) {
    *digital = true;
    return true;
  }
  return false;
}

// Without times, two contacts on one day cannot be ordered; treating them as unordered keeps a
// same-day contact from being counted as an attempt made after a missed meeting by accident.
bool HappenedAfter(const domain::Contact& a, const domain::Contact& b) {
  if (b.date != a.date) return a.date < b.date;
  return a.minute_of_day >= 0 && b.minute_of_day >= 0 && b.minute_of_day > a.minute_of_day;
}

}  // namespace outpost::rules::internal
