#include "shared/rules/compliance.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "shared/domain/validation.h"
#include "shared/rules/records_internal.h"
#include "shared/rules/working_days.h"

namespace outpost::rules {

std::string_view RuleStatusName(RuleStatus status) {
  switch (status) {
    case RuleStatus::kMet: return "met";
    case RuleStatus::kDue: return "due";
    case RuleStatus::kDueSoon: return "due-soon";
    case RuleStatus::kOverdue: return "overdue";
    case RuleStatus::kNotApplicable: return "not-applicable";
  }
  return "unknown";
}

namespace {

using domain::Contact;
using domain::ContactOutcome;
using domain::ContactPurpose;

// "4-weekly": at most 28 calendar days between two events (spec, Dates and counting).
constexpr int kFourWeeks = 28;
constexpr int kWorkExperienceMinutes = 16 * 60;  // 1.25

struct VersionSigning {
  const domain::ActionPlanVersion* version;
  std::optional<CivilDate> participant;  // earliest valid participant signature
  std::optional<CivilDate> key_worker;   // earliest valid key worker signature
};

struct Context {
  const domain::ParticipantRecords& r;
  CivilDate as_of;
  const HolidayCalendar& cal;
  const EvaluationOptions& options;
  ProvisionState state;
  std::optional<CivilDate> start;        // Start Date if on or before as_of
  std::optional<CivilDate> exit_date;    // exit date if on or before as_of
  std::vector<const Contact*> contacts;  // effective, dated on or before as_of
  std::vector<VersionSigning> versions;  // created on or before as_of
};

void Earliest(std::optional<CivilDate>* slot, CivilDate d) {
  if (!*slot || d < **slot) *slot = d;
}

RuleStatus Pending(const Context& ctx, CivilDate due) {
  if (ctx.as_of > due) return RuleStatus::kOverdue;
  if (WorkingDaysBetween(ctx.cal, ctx.as_of, due) <= ctx.options.due_soon_working_days) {
    return RuleStatus::kDueSoon;
  }
  return RuleStatus::kDue;
}

// A one-off deadline: met if `met_on` is set (it is never after as_of), else pending.
void Deadline(const Context& ctx, CivilDate due, std::optional<CivilDate> met_on, RuleResult* out) {
  out->due_date = due;
  out->met_on = met_on;
  if (met_on) {
    out->status = RuleStatus::kMet;
    out->late = *met_on > due;
  } else {
    out->status = Pending(ctx, due);
  }
}

// A recurring 4-weekly rule over sorted event dates, starting from `baseline`.
void FourWeekly(const Context& ctx, const std::vector<CivilDate>& events, CivilDate baseline,
                RuleResult* out) {
  const CivilDate end = ctx.exit_date ? *ctx.exit_date : ctx.as_of;
  CivilDate last = baseline;
  for (CivilDate e : events) {
    if (e < baseline || e > end) continue;
    if (last.DaysUntil(e) > kFourWeeks) ++out->missed;
    if (e > last) last = e;
  }
  const CivilDate due = last.AddDays(kFourWeeks);
  out->met_on = last;
  if (ctx.exit_date) {
    if (due < *ctx.exit_date) ++out->missed;  // the gap before exit counts too
    out->status = RuleStatus::kMet;
    out->late = out->missed > 0;
    out->due_date.reset();
    return;
  }
  out->due_date = due;
  out->status = Pending(ctx, due);
  out->late = out->missed > 0;
}

// --- initial-meeting (4.08) ------------------------------------------------------------------
void InitialMeeting(const Context& ctx, RuleResult* out) {
  const CivilDate referral = ctx.r.participant.referral.referral_date;
  const Contact* first = nullptr;
  bool first_digital = false;
  for (const Contact* c : ctx.contacts) {
    bool digital = false;
    if (c->date >= referral && internal::CountsAsFaceToFace(*c, &digital) &&
        (first == nullptr || c->date < first->date)) {
      first = c;
      first_digital = digital;
    }
  }
  std::optional<CivilDate> met_on;
  if (first != nullptr) {
    met_on = first->date;
    out->flagged = first_digital;
    if (first_digital) out->note = "held digitally by exception";
  } else if (ctx.start) {
    met_on = ctx.start;  // the record says the participant started; the meeting is implied
  } else if (ctx.exit_date) {
    out->status = RuleStatus::kNotApplicable;
    out->note = "left before an initial meeting";
    return;
  }
  Deadline(ctx, AddWorkingDays(ctx.cal, referral, 15), met_on, out);
}

// --- plan-signed-day-one (4.15, CSS 2) -------------------------------------------------------
void PlanSignedDayOne(const Context& ctx, RuleResult* out) {
  if (!ctx.start) return;
  std::optional<CivilDate> met_on;
  for (const VersionSigning& v : ctx.versions) {
    if (v.participant && v.key_worker) Earliest(&met_on, std::max(*v.participant, *v.key_worker));
  }
  Deadline(ctx, *ctx.start, met_on, out);
}

// --- plan-agreed (4.17) ----------------------------------------------------------------------
void PlanAgreed(const Context& ctx, RuleResult* out) {
  if (!ctx.start) return;
  std::optional<CivilDate> met_on;
  for (const VersionSigning& v : ctx.versions) {
    if (v.version->fully_agreed && v.participant) Earliest(&met_on, *v.participant);
  }
  Deadline(ctx, AddWorkingDays(ctx.cal, *ctx.start, 20), met_on, out);
}

// --- plan-review (4.21, 4.24) ----------------------------------------------------------------
void PlanReview(const Context& ctx, RuleResult* out) {
  if (!ctx.start) return;
  std::vector<CivilDate> events;
  events.reserve(ctx.versions.size());
  for (const VersionSigning& v : ctx.versions) {
    if (v.participant) events.push_back(*v.participant);
  }
  std::sort(events.begin(), events.end());
  FourWeekly(ctx, events, *ctx.start, out);
}

// --- face-to-face (4.04, 1.22, Living with COVID-19 box) ---------------------------------------
void FaceToFace(const Context& ctx, RuleResult* out) {
  if (!ctx.start) return;
  std::vector<CivilDate> events;
  events.reserve(ctx.contacts.size());
  for (const Contact* c : ctx.contacts) {
    bool digital = false;
    if (internal::CountsAsFaceToFace(*c, &digital)) {
      events.push_back(c->date);
      if (digital && c->date >= *ctx.start) out->flagged = true;
    }
  }
  std::sort(events.begin(), events.end());
  FourWeekly(ctx, events, *ctx.start, out);
  if (out->flagged) out->note = "includes digital meetings held by exception";
}

// --- weekly-offer (4.14, 4.21) ---------------------------------------------------------------
void WeeklyOffer(const Context& ctx, RuleResult* out) {
  if (!ctx.start) return;
  std::optional<CivilDate> met_on;
  for (const VersionSigning& v : ctx.versions) {
    const domain::WeeklySupportOffer& w = v.version->weekly_offer;
    if (w.offered &&
        (w.accepted || w.declined_reasons.find_first_not_of(" \t\r\n") != std::string::npos)) {
      Earliest(&met_on, v.version->created_on);
    }
  }
  Deadline(ctx, *ctx.start, met_on, out);
}

// --- failures to attend (4.49 to 4.53) -------------------------------------------------------
bool IsFta(const Contact& c) { return c.outcome == ContactOutcome::kFailedToAttend; }

// A contact that counts as an attempt made after `fta`: anything but another missed meeting.
bool IsAttemptAfter(const Contact& fta, const Contact& c) {
  if (&c == &fta || IsFta(c)) return false;
  if (internal::HappenedAfter(fta, c)) return true;
  return c.date == fta.date && c.purpose == ContactPurpose::kReengagementAttempt;
}

const Contact* LatestFta(const Context& ctx) {
  const Contact* latest = nullptr;
  for (const Contact* c : ctx.contacts) {
    if (IsFta(*c) && (latest == nullptr || internal::HappenedAfter(*latest, *c))) latest = c;
  }
  return latest;
}

// The earliest attempt after `fta`, or null.
const Contact* FirstAttempt(const Context& ctx, const Contact& fta) {
  const Contact* first = nullptr;
  for (const Contact* c : ctx.contacts) {
    if (IsAttemptAfter(fta, *c) && (first == nullptr || internal::HappenedAfter(*c, *first))) {
      first = c;
    }
  }
  return first;
}

// The earliest attended contact after `fta` (the participant re-engaged), or null.
const Contact* Reengagement(const Context& ctx, const Contact& fta) {
  const Contact* first = nullptr;
  for (const Contact* c : ctx.contacts) {
    if (c->outcome == ContactOutcome::kAttended && IsAttemptAfter(fta, *c) &&
        (first == nullptr || c->date < first->date)) {
      first = c;
    }
  }
  return first;
}

// 4.49: "within 24 hours" is clock time, not working days, so a failure to attend on a Friday
// needs an attempt by the same time on Saturday. Without times, by the end of the next day.
bool FirstAttemptInTime(const Contact& fta, const Contact& attempt) {
  const CivilDate due = fta.date.AddDays(1);
  if (attempt.date < due) return true;
  if (attempt.date > due) return false;
  return fta.minute_of_day < 0 || attempt.minute_of_day < 0 ||
         attempt.minute_of_day <= fta.minute_of_day;
}

void FtaFirstAttempt(const Context& ctx, const Contact* latest, RuleResult* out) {
  if (latest == nullptr) return;
  for (const Contact* c : ctx.contacts) {
    if (!IsFta(*c) || c == latest) continue;
    const Contact* attempt = FirstAttempt(ctx, *c);
    if (attempt == nullptr || !FirstAttemptInTime(*c, *attempt)) ++out->missed;
  }
  const Contact* attempt = FirstAttempt(ctx, *latest);
  out->due_date = latest->date.AddDays(1);
  if (attempt != nullptr) {
    out->status = RuleStatus::kMet;
    out->met_on = attempt->date;
    out->late = !FirstAttemptInTime(*latest, *attempt);
  } else {
    out->status = Pending(ctx, *out->due_date);
  }
}

bool AttemptOn(const Context& ctx, const Contact& fta, CivilDate day) {
  for (const Contact* c : ctx.contacts) {
    if (c->date == day && IsAttemptAfter(fta, *c)) return true;
  }
  return false;
}

// 4.50: one attempt on each of the 5 working days after the failure to attend, until the
// participant re-engages. `missed` counts working days of this episode without an attempt.
void FtaDaily(const Context& ctx, const Contact* latest, RuleResult* out) {
  if (latest == nullptr) return;
  const Contact* back = Reengagement(ctx, *latest);
  std::optional<CivilDate> first_missing;
  std::optional<CivilDate> pending;
  CivilDate last_covered = latest->date;
  for (int k = 1; k <= 5; ++k) {
    const CivilDate day = AddWorkingDays(ctx.cal, latest->date, k);
    if (back != nullptr && back->date <= day) {
      last_covered = back->date;
      break;
    }
    if (AttemptOn(ctx, *latest, day)) {
      last_covered = day;
      continue;
    }
    if (ctx.as_of > day) {
      ++out->missed;
      if (!first_missing) first_missing = day;
      continue;
    }
    pending = day;
    break;
  }
  if (pending) {
    out->due_date = first_missing ? *first_missing : *pending;
    out->status = first_missing ? RuleStatus::kOverdue : Pending(ctx, *pending);
    return;
  }
  // The window is over (or the participant came back): done, late if a day was missed.
  out->status = RuleStatus::kMet;
  out->due_date = AddWorkingDays(ctx.cal, latest->date, 5);
  out->met_on = last_covered;
  out->late = out->missed > 0;
  if (back != nullptr) out->note = "participant re-engaged";
}

// 4.51 to 4.53 and 4.60. Assumption (the guidance gives no deadline for sending): the IPES07
// is due on the working day after its trigger (the 5th working day of attempts, a declared
// withdrawal, or the re-engagement).
void DisengagementNotice(const Context& ctx, const Contact* latest_fta, RuleResult* out) {
  struct Obligation {
    CivilDate trigger;
    CivilDate due;
    domain::Ipes07Kind kind;
    CivilDate satisfied_from;  // a notice of `kind` sent on or after this date satisfies it
    std::string_view note;
  };
  std::optional<Obligation> chosen;
  auto consider = [&](const Obligation& o) {
    if (!chosen || chosen->trigger <= o.trigger) chosen = o;
  };
  if (latest_fta != nullptr) {
    const CivilDate fifth = AddWorkingDays(ctx.cal, latest_fta->date, 5);
    const Contact* back = Reengagement(ctx, *latest_fta);
    if (ctx.as_of > fifth && (back == nullptr || back->date > fifth)) {
      consider({fifth, AddWorkingDays(ctx.cal, fifth, 1), domain::Ipes07Kind::kDisengagement,
                latest_fta->date.AddDays(1), "not engaged after 5 working days"});
    }
  }
  for (const Contact* c : ctx.contacts) {
    if (c->participant_withdrew) {
      consider({c->date, AddWorkingDays(ctx.cal, c->date, 1), domain::Ipes07Kind::kDisengagement,
                c->date, "participant withdrew"});
    }
  }
  // After a disengagement notice, a re-engagement the Jobcentre did not report needs an IPES07
  // re-engagement notice (4.53).
  const domain::Ipes07NoticeRecord* last_notice = nullptr;
  for (const domain::Ipes07NoticeRecord& n : ctx.r.ipes07_notices) {
    if (n.kind == domain::Ipes07Kind::kDisengagement && n.sent_on <= ctx.as_of &&
        (last_notice == nullptr || last_notice->sent_on < n.sent_on)) {
      last_notice = &n;
    }
  }
  if (last_notice != nullptr) {
    const Contact* back = nullptr;
    for (const Contact* c : ctx.contacts) {
      if (c->outcome == ContactOutcome::kAttended && c->date > last_notice->sent_on &&
          (back == nullptr || c->date < back->date)) {
        back = c;
      }
    }
    bool jobcentre_knows = false;
    for (const domain::JobcentreAnswer& a : ctx.r.jobcentre_answers) {
      if (a.re_engaging && a.received_on >= last_notice->sent_on && back != nullptr &&
          a.received_on <= back->date) {
        jobcentre_knows = true;
      }
    }
    if (back != nullptr && !jobcentre_knows) {
      consider({back->date, AddWorkingDays(ctx.cal, back->date, 1),
                domain::Ipes07Kind::kReengagement, last_notice->sent_on,
                "participant re-engaged"});
    }
  }
  if (!chosen) return;
  std::optional<CivilDate> met_on;
  for (const domain::Ipes07NoticeRecord& n : ctx.r.ipes07_notices) {
    if (n.kind == chosen->kind && n.sent_on >= chosen->satisfied_from && n.sent_on <= ctx.as_of) {
      Earliest(&met_on, n.sent_on);
    }
  }
  Deadline(ctx, chosen->due, met_on, out);
  out->note = chosen->note;
}

// --- employment (4.32, 4.35) -----------------------------------------------------------------
void EmployerSupportPlan(const Context& ctx, RuleResult* out) {
  const domain::Employment* latest = nullptr;
  auto issued = [&](const domain::Employment& e) {
    std::optional<CivilDate> on;
    for (const domain::EmployerSupportPlan& p : ctx.r.employer_support_plans) {
      if (p.employment_id == e.id && p.issued_on <= ctx.as_of) Earliest(&on, p.issued_on);
    }
    return on;
  };
  for (const domain::Employment& e : ctx.r.employments) {
    // Assumption: no employer, no Employer Support Plan for self-employment.
    if (e.self_employed || !e.start_date || *e.start_date > ctx.as_of) continue;
    if (latest == nullptr || *latest->start_date < *e.start_date) latest = &e;
  }
  if (latest == nullptr) return;
  for (const domain::Employment& e : ctx.r.employments) {
    if (&e == latest || e.self_employed || !e.start_date || *e.start_date > ctx.as_of) continue;
    std::optional<CivilDate> on = issued(e);
    if (!on || *on > AddWorkingDays(ctx.cal, *e.start_date, 10)) ++out->missed;
  }
  Deadline(ctx, AddWorkingDays(ctx.cal, *latest->start_date, 10), issued(*latest), out);
}

void AccessToWorkRule(const Context& ctx, RuleResult* out) {
  auto offered = [](const domain::Employment& e) { return e.offer_date ? e.offer_date : e.start_date; };
  // Assumption: "as soon as" a firm offer means by the next working day, and never later than
  // the first day of work (4.32: to prevent any delay in starting).
  auto due_for = [&](const domain::Employment& e) {
    CivilDate due = AddWorkingDays(ctx.cal, *offered(e), 1);
    if (e.start_date && *e.start_date < due) due = std::max(*e.start_date, *offered(e));
    return due;
  };
  auto recorded = [&](const domain::Employment& e) {
    std::optional<CivilDate> on;
    for (const domain::AccessToWork& a : ctx.r.access_to_work) {
      if (a.employment_id == e.id && a.recorded_on <= ctx.as_of) Earliest(&on, a.recorded_on);
    }
    return on;
  };
  const domain::Employment* latest = nullptr;
  for (const domain::Employment& e : ctx.r.employments) {
    if (!offered(e) || *offered(e) > ctx.as_of) continue;
    if (latest == nullptr || *offered(*latest) < *offered(e)) latest = &e;
  }
  if (latest == nullptr) return;
  for (const domain::Employment& e : ctx.r.employments) {
    if (&e == latest || !offered(e) || *offered(e) > ctx.as_of) continue;
    std::optional<CivilDate> on = recorded(e);
    if (!on || *on > due_for(e)) ++out->missed;
  }
  Deadline(ctx, due_for(*latest), recorded(*latest), out);
}

// --- exit-reports (Annex 3, 4.41, 4.66) ------------------------------------------------------
void ExitReports(const Context& ctx, RuleResult* out) {
  if (!ctx.exit_date) return;
  std::optional<CivilDate> progress, exit_plan;
  for (const domain::ExitDocument& d : ctx.r.exit_documents) {
    if (d.issued_on > ctx.as_of) continue;
    Earliest(d.kind == domain::ExitDocumentKind::kProgressReport ? &progress : &exit_plan,
             d.issued_on);
  }
  std::optional<CivilDate> met_on;
  // Assumption: an Early Completer needs the Progress Report (4.66) but no Exit Activity Plan,
  // which Annex 3 ties to becoming a Completer and 4.41 to the handover to an employer.
  if (ctx.r.exit->kind == domain::ExitKind::kEarlyCompleter) {
    met_on = progress;
    out->note = "Early Completer: Progress Report only";
  } else if (progress && exit_plan) {
    met_on = std::max(*progress, *exit_plan);
  }
  Deadline(ctx, AddWorkingDays(ctx.cal, *ctx.exit_date, 10), met_on, out);
}

// --- work-experience (1.25) ------------------------------------------------------------------
void WorkExperienceRule(const Context& ctx, RuleResult* out) {
  if (!ctx.start) return;
  CivilDate end = DateOfDay(*ctx.start, kPreWorkMaxDays);
  if (ctx.exit_date && *ctx.exit_date < end) end = *ctx.exit_date;
  const CivilDate upto = std::min(end, ctx.as_of);
  std::vector<std::pair<CivilDate, int>> sessions;
  for (const domain::WorkExperience& w : ctx.r.work_experience) {
    if (w.unpaid && w.date >= *ctx.start && w.date <= upto) sessions.emplace_back(w.date, w.minutes);
  }
  std::sort(sessions.begin(), sessions.end());
  int total = 0;
  std::optional<CivilDate> met_on;
  for (const auto& [date, minutes] : sessions) {
    total += minutes;
    if (total >= kWorkExperienceMinutes) {
      met_on = date;
      break;
    }
  }
  if (!met_on) {
    // Assumption: while the participant is in work (IWS), the pre-work minimum does not apply;
    // it applies again if the job ends before day 456.
    const int day = std::min(DayOfProvision(*ctx.start, upto), kPreWorkMaxDays);
    if (day >= 1 && InWorkSupportOnDay(ctx.r, *ctx.start, day)) {
      out->status = RuleStatus::kNotApplicable;
      out->note = "in work";
      return;
    }
  }
  Deadline(ctx, end, met_on, out);
}

// --- case-conferences (seed on eligibility and referral; 1.22) -------------------------------
void CaseConferences(const Context& ctx, RuleResult* out) {
  if (!ctx.start) return;
  // The last of the 3 must come before IPES ceases or the participant moves into work.
  CivilDate due = DateOfDay(*ctx.start, kPreWorkMaxDays);
  if (ctx.exit_date && *ctx.exit_date < due) due = *ctx.exit_date;
  for (const domain::Employment& e : ctx.r.employments) {
    if (e.start_date && *e.start_date >= *ctx.start && *e.start_date < due) due = *e.start_date;
  }
  std::optional<CivilDate> handover;
  CivilDate conferences[3];
  int count = 0;
  for (const domain::CaseConference& c : ctx.r.case_conferences) {
    if (c.held_on > ctx.as_of) continue;
    if (c.kind == domain::ConferenceKind::kWarmHandover) {
      Earliest(&handover, c.held_on);
    } else if (c.kind == domain::ConferenceKind::kCaseConference) {
      // Keep the three earliest.
      if (count < 3) {
        conferences[count++] = c.held_on;
      } else {
        CivilDate* latest = std::max_element(conferences, conferences + 3);
        if (c.held_on < *latest) *latest = c.held_on;
      }
    }
  }
  std::optional<CivilDate> met_on;
  if (handover && count == 3) {
    met_on = std::max(*handover, *std::max_element(conferences, conferences + 3));
  }
  Deadline(ctx, due, met_on, out);
  if (!handover) out->note = "no warm handover recorded";
}

// --- provision-length (1.26, 1.27) -----------------------------------------------------------
void ProvisionLength(const Context& ctx, RuleResult* out) {
  if (!ctx.start) return;
  const CivilDate due = DateOfDay(*ctx.start, ctx.state.last_allowed_day);
  Deadline(ctx, due, ctx.exit_date, out);
  if (ctx.state.last_allowed_day == kPreWorkMaxDays) {
    out->note = "Pre-Work Support ends on day 456 unless in work on day 457";
  } else {
    out->note = "Extension Period: in In-Work Support on day 457";
  }
}

void CollectVersions(Context* ctx) {
  const domain::ParticipantRecords& r = ctx->r;
  ctx->versions.reserve(r.plan_versions.size());
  for (const domain::ActionPlanVersion& v : r.plan_versions) {
    if (v.created_on <= ctx->as_of) ctx->versions.push_back({&v, std::nullopt, std::nullopt});
  }
  if (ctx->versions.empty()) return;
  // Look versions up by id through a sorted index: versions and signatures both number in
  // the dozens for a long journey.
  std::vector<std::pair<std::string_view, size_t>> index;
  index.reserve(ctx->versions.size());
  for (size_t i = 0; i < ctx->versions.size(); ++i) index.emplace_back(ctx->versions[i].version->id, i);
  std::sort(index.begin(), index.end());
  for (const domain::Signature& s : r.signatures) {
    if (s.document != domain::SignedDocument::kActionPlan || s.signed_on > ctx->as_of) continue;
    auto it = std::lower_bound(index.begin(), index.end(),
                               std::pair<std::string_view, size_t>(s.plan_version_id, 0));
    if (it == index.end() || it->first != s.plan_version_id) continue;
    VersionSigning& v = ctx->versions[it->second];
    if (!domain::IsValidPlanSignature(s, *v.version)) continue;
    Earliest(s.role == domain::SignerRole::kParticipant ? &v.participant : &v.key_worker,
             s.signed_on);
  }
}

}  // namespace

Evaluation EvaluateCompliance(const domain::ParticipantRecords& records, CivilDate as_of,
                              const HolidayCalendar& calendar, const EvaluationOptions& options) {
  Context ctx{records, as_of, calendar, options, ProvisionStateOn(records, as_of), {}, {}, {}, {}};
  if (records.participant.start_date && *records.participant.start_date <= as_of) {
    ctx.start = records.participant.start_date;
  }
  if (records.exit && records.exit->exit_date <= as_of) ctx.exit_date = records.exit->exit_date;
  for (const Contact* c : internal::EffectiveContacts(records)) {
    if (c->date <= as_of) ctx.contacts.push_back(c);
  }
  CollectVersions(&ctx);

  Evaluation e;
  e.as_of = as_of;
  e.phase = ctx.state.phase;
  e.day_of_provision = ctx.state.day;
  e.last_allowed_day = ctx.state.last_allowed_day;
  for (int i = 0; i < kRuleCount; ++i) e.rules[i].id = static_cast<RuleId>(i);
  auto at = [&](RuleId id) { return &e.rules[static_cast<int>(id)]; };

  InitialMeeting(ctx, at(RuleId::kInitialMeeting));
  PlanSignedDayOne(ctx, at(RuleId::kPlanSignedDayOne));
  PlanAgreed(ctx, at(RuleId::kPlanAgreed));
  PlanReview(ctx, at(RuleId::kPlanReview));
  FaceToFace(ctx, at(RuleId::kFaceToFace));
  WeeklyOffer(ctx, at(RuleId::kWeeklyOffer));
  const Contact* latest_fta = LatestFta(ctx);
  FtaFirstAttempt(ctx, latest_fta, at(RuleId::kFtaFirstAttempt));
  FtaDaily(ctx, latest_fta, at(RuleId::kFtaDaily));
  DisengagementNotice(ctx, latest_fta, at(RuleId::kDisengagementNotice));
  EmployerSupportPlan(ctx, at(RuleId::kEmployerSupportPlan));
  AccessToWorkRule(ctx, at(RuleId::kAccessToWork));
  ExitReports(ctx, at(RuleId::kExitReports));
  WorkExperienceRule(ctx, at(RuleId::kWorkExperience));
  CaseConferences(ctx, at(RuleId::kCaseConferences));
  ProvisionLength(ctx, at(RuleId::kProvisionLength));
  return e;
}

}  // namespace outpost::rules
