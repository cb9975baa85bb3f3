#include "shared/rules/provision_clock.h"

namespace outpost::rules {

std::string_view PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kAwaitingStart: return "awaiting-start";
    case Phase::kPreWork: return "pre-work";
    case Phase::kInWork: return "in-work";
    case Phase::kExtension: return "extension";
    case Phase::kBreak: return "break";
    case Phase::kDisengaged: return "disengaged";
    case Phase::kExitDue: return "exit-due";
    case Phase::kCompleted: return "completed";
  }
  return "unknown";
}

namespace {

// The IWS test of 1.26 for one job.
bool JobGivesIws(const domain::Employment& e, CivilDate start, int day) {
  if (!e.start_date) return false;
  const int first = DayOfProvision(start, *e.start_date);
  if (first > day || first > kPreWorkMaxDays) return false;
  if (!e.end_date) return true;
  const int last = DayOfProvision(start, *e.end_date);
  // Ended before day 456: back to Pre-Work Support after it. Otherwise IWS to completion.
  return last >= kPreWorkMaxDays || last >= day;
}

}  // namespace

bool InWorkSupportOnDay(const domain::ParticipantRecords& records, CivilDate start, int day) {
  for (const domain::Employment& e : records.employments) {
    if (JobGivesIws(e, start, day)) return true;
  }
  return false;
}

bool HasNightShiftIws(const domain::ParticipantRecords& records, CivilDate start) {
  for (const domain::Employment& e : records.employments) {
    if (e.night_shifts && JobGivesIws(e, start, kExtensionFirstDay)) return true;
  }
  return false;
}

int LastAllowedDay(const domain::ParticipantRecords& records, CivilDate start, CivilDate as_of) {
  const int today = DayOfProvision(start, as_of);
  const int probe = today < kExtensionFirstDay ? (today < 1 ? 1 : today) : kExtensionFirstDay;
  if (!InWorkSupportOnDay(records, start, probe)) return kPreWorkMaxDays;
  // Before day 457 a job in progress is assumed to carry on: the limit shown is the extension's.
  return HasNightShiftIws(records, start) ? kMaxDays : kLastDayNormally;
}

// Only the latest disengagement notice matters: an earlier episode that ended in re-engagement
// says nothing about today.
bool IsDisengaged(const domain::ParticipantRecords& records, CivilDate as_of) {
  const domain::Ipes07NoticeRecord* latest = nullptr;
  for (const domain::Ipes07NoticeRecord& n : records.ipes07_notices) {
    if (n.kind == domain::Ipes07Kind::kDisengagement && n.sent_on <= as_of &&
        (latest == nullptr || latest->sent_on < n.sent_on)) {
      latest = &n;
    }
  }
  if (latest == nullptr) return false;
  const CivilDate sent = latest->sent_on;
  for (const domain::Ipes07NoticeRecord& n : records.ipes07_notices) {
    if (n.kind == domain::Ipes07Kind::kReengagement && n.sent_on >= sent && n.sent_on <= as_of) {
      return false;
    }
  }
  for (const domain::JobcentreAnswer& a : records.jobcentre_answers) {
    if (a.re_engaging && a.received_on >= sent && a.received_on <= as_of) return false;
  }
  for (const domain::Contact& c : records.contacts) {
    if (c.outcome == domain::ContactOutcome::kAttended && !c.retracts && c.date > sent &&
        c.date <= as_of) {
      return false;
    }
  }
  return true;
}

// The order of the checks below is the order of precedence documented in the header.
ProvisionState ProvisionStateOn(const domain::ParticipantRecords& records, CivilDate as_of) {
  ProvisionState state;
  state.start = records.participant.start_date;
  if (records.exit && records.exit->exit_date <= as_of) {
    state.phase = Phase::kCompleted;
    if (state.start) {
      state.day = DayOfProvision(*state.start, records.exit->exit_date);
      state.last_allowed_day = LastAllowedDay(records, *state.start, records.exit->exit_date);
    }
    return state;
  }
  if (!state.start || as_of < *state.start) {
    state.phase = Phase::kAwaitingStart;
    return state;
  }
  const CivilDate start = *state.start;
  state.day = DayOfProvision(start, as_of);
  state.last_allowed_day = LastAllowedDay(records, start, as_of);
  if (state.day > state.last_allowed_day) {
    state.phase = Phase::kExitDue;
  } else {
    bool in_break = false;
    for (const domain::ProvisionBreak& b : records.breaks) in_break = in_break || b.Covers(as_of);
    if (in_break) {
      state.phase = Phase::kBreak;
    } else if (IsDisengaged(records, as_of)) {
      state.phase = Phase::kDisengaged;
    } else if (state.day >= kExtensionFirstDay) {
      state.phase = Phase::kExtension;
    } else if (InWorkSupportOnDay(records, start, state.day)) {
      state.phase = Phase::kInWork;
    } else {
      state.phase = Phase::kPreWork;
    }
  }
  return state;
}

}  // namespace outpost::rules
