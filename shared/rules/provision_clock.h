// The provision clock: day N of provision and the participant's phase (1.25 to 1.27).
//
// Day 1 of provision is the Start Date (Annex 3). Days are calendar days, and a break in
// provision does not stop the clock (the guidance gives breaks no extension; 4.67 to 4.71 ask
// only that contact continues and activity is rescheduled).
//
// Length of provision (1.26, 1.27):
//   - Pre-Work Support lasts up to 456 days.
//   - A participant who enters work (or self-employment) by day 456 moves to In-Work Support
//     (IWS) and stays there until they complete; if that work ends before day 456 they move back
//     to Pre-Work Support.
//   - From day 457 (the Extension Period) a participant stays only if receiving IWS on day 457;
//     then provision may run to day 638, or day 639 for a night shift that starts on day 638.
// Assumptions where the guidance is silent (see docs/rules.md):
//   - "Enters employment before day 456" is read as a job starting on or before day 456: a job
//     that starts on the last day of Pre-Work Support still means IWS on day 457.
//   - A job ending on day 456 itself did not end "before day 456", so IWS continues.
//   - A participant is disengaged from the day an IPES07 disengagement notice is sent until they
//     re-engage: an attended contact after it, the Jobcentre's UC78e/CEPD1 saying they are
//     re-engaging, or an IPES07 re-engagement notice.
#ifndef OUTPOST_SHARED_RULES_PROVISION_CLOCK_H_
#define OUTPOST_SHARED_RULES_PROVISION_CLOCK_H_

#include <optional>
#include <string_view>

#include "shared/base/civil_date.h"
#include "shared/domain/participant_records.h"

namespace outpost::rules {

inline constexpr int kPreWorkMaxDays = 456;       // 1.26
inline constexpr int kExtensionFirstDay = 457;    // 1.27
inline constexpr int kLastDayNormally = 638;      // 1.26: day 639 only for night shifts
inline constexpr int kMaxDays = 639;              // 1.26
inline constexpr int kMinInWorkSupportDays = 182; // 1.26

// Where the participant is on `as_of`. The spec's phases are pre-work, in-work, extension
// period, break, disengaged and completed; two more make the answer honest:
//   kAwaitingStart - referred, but the initial meeting (Start Date) has not happened yet;
//   kExitDue       - past the last day provision allows (day 456 without IWS on day 457, or
//                    day 638/639) and no exit recorded: the participant should have left.
// When several apply, the first in this order wins: completed, awaiting start, exit due, break,
// disengaged, extension period, in-work, pre-work.
enum class Phase {
  kAwaitingStart,
  kPreWork,
  kInWork,
  kExtension,
  kBreak,
  kDisengaged,
  kExitDue,
  kCompleted,
};

// "pre-work", "in-work", "extension", "break", "disengaged", "completed", "awaiting-start",
// "exit-due".
std::string_view PhaseName(Phase phase);

// Day N of provision on `date` (the Start Date is day 1; earlier dates give 0 or less).
inline int DayOfProvision(CivilDate start, CivilDate date) { return start.DaysUntil(date) + 1; }
// The date of day `day` of provision.
inline CivilDate DateOfDay(CivilDate start, int day) { return start.AddDays(day - 1); }

// True if the participant receives In-Work Support on day `day` (1.26): a job started on or
// before both day `day` and day 456, which has not ended before day 456 or, if it has, has not
// ended before day `day`.
bool InWorkSupportOnDay(const domain::ParticipantRecords& records, CivilDate start, int day);

// True if a job that gives IWS on day 457 is a night-shift job (day 639 allowed, 1.26).
bool HasNightShiftIws(const domain::ParticipantRecords& records, CivilDate start);

// The last day of provision allowed as things stand on `as_of`: day 456, or day 638 (639 with
// night shifts) when the participant receives IWS on day 457 (or, before day 457, is in IWS now).
int LastAllowedDay(const domain::ParticipantRecords& records, CivilDate start, CivilDate as_of);

// True if an IPES07 disengagement notice has been sent on or before `as_of` and the participant
// has not re-engaged since (see the assumption above).
bool IsDisengaged(const domain::ParticipantRecords& records, CivilDate as_of);

struct ProvisionState {
  Phase phase = Phase::kAwaitingStart;
  int day = 0;                       // day of provision on as_of; 0 before the Start Date
  std::optional<CivilDate> start;    // the Start Date, if there is one
  int last_allowed_day = kPreWorkMaxDays;
};

// The phase and day on `as_of`, following the order of precedence above.
ProvisionState ProvisionStateOn(const domain::ParticipantRecords& records, CivilDate as_of);

}  // namespace outpost::rules

#endif  // OUTPOST_SHARED_RULES_PROVISION_CLOCK_H_
