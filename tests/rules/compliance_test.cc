// One or more tests per rule of the IPES rule table (docs/rules.md), named after the rule.
#include "shared/rules/compliance.h"

#include <doctest/doctest.h>

#include "shared/rules/working_days.h"
#include "tests/rules/records_builder.h"

namespace outpost::rules {
namespace {

using domain::ContactMode;
using testing::D;
using testing::RecordsBuilder;

const HolidayCalendar& Calendar() {
  static const HolidayCalendar* const kCalendar = new HolidayCalendar();
  return *kCalendar;
}

RuleResult Rule(const RecordsBuilder& b, RuleId id, CivilDate as_of) {
  return EvaluateCompliance(b.records(), as_of, Calendar()).Get(id);
}

// Referred Monday 8 January 2024; initial meeting Monday 15 January 2024.
const CivilDate kReferral = D("2024-01-08");
const CivilDate kStart = D("2024-01-15");

TEST_CASE("initial-meeting is due 15 working days after the referral (4.08)") {
  RecordsBuilder waiting(kReferral, std::nullopt);
  RuleResult r = Rule(waiting, RuleId::kInitialMeeting, D("2024-01-10"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.due_date == D("2024-01-29"));
  CHECK(Rule(waiting, RuleId::kInitialMeeting, D("2024-01-25")).status == RuleStatus::kDueSoon);
  CHECK(Rule(waiting, RuleId::kInitialMeeting, D("2024-01-29")).status == RuleStatus::kDueSoon);
  CHECK(Rule(waiting, RuleId::kInitialMeeting, D("2024-01-30")).status == RuleStatus::kOverdue);

  RecordsBuilder started(kReferral, kStart);
  r = Rule(started, RuleId::kInitialMeeting, D("2024-01-30"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK(r.met_on == kStart);
  CHECK_FALSE(r.late);
  CHECK_FALSE(r.flagged);
}

TEST_CASE("initial-meeting: a digital meeting counts only with its reason, and is flagged") {
  RecordsBuilder with_reason(kReferral, std::nullopt);
  with_reason.Meeting(D("2024-01-17"), ContactMode::kVideo, "participant in hospital isolation");
  RuleResult r = Rule(with_reason, RuleId::kInitialMeeting, D("2024-02-01"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK(r.flagged);

  RecordsBuilder without_reason(kReferral, std::nullopt);
  without_reason.Meeting(D("2024-01-17"), ContactMode::kVideo, "");
  r = Rule(without_reason, RuleId::kInitialMeeting, D("2024-02-01"));
  CHECK(r.status == RuleStatus::kOverdue);
}

TEST_CASE("plan-signed-day-one needs both signatures dated the day of the initial meeting (4.15)") {
  RecordsBuilder b(kReferral, kStart);
  CHECK(Rule(b, RuleId::kPlanSignedDayOne, kStart).status == RuleStatus::kDueSoon);
  CHECK(Rule(b, RuleId::kPlanSignedDayOne, kStart.AddDays(1)).status == RuleStatus::kOverdue);
  b.Plan(kStart, /*agreed=*/false);
  RuleResult r = Rule(b, RuleId::kPlanSignedDayOne, kStart.AddDays(1));
  CHECK(r.status == RuleStatus::kMet);
  CHECK_FALSE(r.late);

  RecordsBuilder next_day(kReferral, kStart);
  next_day.Plan(kStart, false, true, true, kStart.AddDays(1));
  r = Rule(next_day, RuleId::kPlanSignedDayOne, kStart.AddDays(3));
  CHECK(r.status == RuleStatus::kMet);
  CHECK(r.late);

  RecordsBuilder key_worker_only(kReferral, kStart);
  key_worker_only.Plan(kStart, false, /*participant_signs=*/false, true);
  CHECK(Rule(key_worker_only, RuleId::kPlanSignedDayOne, kStart.AddDays(1)).status ==
        RuleStatus::kOverdue);
}

TEST_CASE("plan-signed-day-one: a signature whose hash is not the version's does not count") {
  RecordsBuilder b(kReferral, kStart);
  b.Plan(kStart, false);
  b.records().signatures[0].document_hash = "hash-of-another-version";
  CHECK(Rule(b, RuleId::kPlanSignedDayOne, kStart.AddDays(1)).status == RuleStatus::kOverdue);
  b.records().signatures[0].document_hash = b.records().plan_versions[0].document_hash;
  b.records().signatures[0].annotation = "Due to COVID-19";
  CHECK(Rule(b, RuleId::kPlanSignedDayOne, kStart.AddDays(1)).status == RuleStatus::kOverdue);
}

TEST_CASE("plan-agreed is due on the 20th working day after the Start Date (4.17)") {
  RecordsBuilder b(kReferral, kStart);
  b.Plan(kStart, /*agreed=*/false);
  RuleResult r = Rule(b, RuleId::kPlanAgreed, D("2024-01-20"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.due_date == D("2024-02-12"));
  CHECK(Rule(b, RuleId::kPlanAgreed, D("2024-02-13")).status == RuleStatus::kOverdue);
  b.Plan(D("2024-02-05"), /*agreed=*/true);
  r = Rule(b, RuleId::kPlanAgreed, D("2024-02-13"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK(r.met_on == D("2024-02-05"));
  // Evaluated before the agreed version existed, the answer is what it was then.
  CHECK(Rule(b, RuleId::kPlanAgreed, D("2024-02-01")).status == RuleStatus::kDue);
}

TEST_CASE("plan-review is due 28 days after the last signed version, also in work (4.21, 4.24)") {
  RecordsBuilder b(kReferral, kStart);
  b.Plan(kStart).Review(D("2024-02-12"));
  RuleResult r = Rule(b, RuleId::kPlanReview, D("2024-03-01"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.due_date == D("2024-03-11"));
  CHECK(r.missed == 0);
  CHECK(Rule(b, RuleId::kPlanReview, D("2024-03-11")).status == RuleStatus::kDueSoon);
  CHECK(Rule(b, RuleId::kPlanReview, D("2024-03-12")).status == RuleStatus::kOverdue);
  // A late review is remembered as a missed occurrence.
  b.Review(D("2024-03-20"));
  r = Rule(b, RuleId::kPlanReview, D("2024-03-21"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.missed == 1);
  CHECK(r.late);
}

TEST_CASE("plan-review: a break spanning the review date does not stop the clock (4.70)") {
  RecordsBuilder b(kReferral, kStart);
  b.Plan(kStart).Break(D("2024-02-01"), D("2024-03-01"));
  Evaluation e = EvaluateCompliance(b.records(), D("2024-02-13"), Calendar());
  CHECK(e.phase == Phase::kBreak);
  CHECK(e.Get(RuleId::kPlanReview).status == RuleStatus::kOverdue);
  CHECK(e.Get(RuleId::kPlanReview).due_date == D("2024-02-12"));
  CHECK(e.Get(RuleId::kFaceToFace).status == RuleStatus::kOverdue);
  // A review held during the break (contact continues, 4.70) satisfies it.
  b.Review(D("2024-02-09"));
  e = EvaluateCompliance(b.records(), D("2024-02-13"), Calendar());
  CHECK(e.Get(RuleId::kPlanReview).status == RuleStatus::kDue);
  CHECK(e.Get(RuleId::kPlanReview).due_date == D("2024-03-08"));
}

TEST_CASE("face-to-face: at most 28 days apart; a digital meeting counts only with a reason") {
  RecordsBuilder b(kReferral, kStart);
  CHECK(Rule(b, RuleId::kFaceToFace, D("2024-02-01")).due_date == D("2024-02-12"));
  b.Meeting(D("2024-02-09"), ContactMode::kVideo, "");  // no reason: does not count
  RuleResult r = Rule(b, RuleId::kFaceToFace, D("2024-02-13"));
  CHECK(r.status == RuleStatus::kOverdue);
  CHECK_FALSE(r.flagged);

  RecordsBuilder digital(kReferral, kStart);
  digital.Meeting(D("2024-02-09"), ContactMode::kVideo, "participant's flare-up prevents travel");
  r = Rule(digital, RuleId::kFaceToFace, D("2024-02-13"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.due_date == D("2024-03-08"));
  CHECK(r.flagged);

  // Telephone and email contact between meetings is welcome but is not face to face (4.05).
  RecordsBuilder extra(kReferral, kStart);
  domain::Contact call;
  call.id = "call";
  call.date = D("2024-02-05");
  call.mode = ContactMode::kTelephone;
  call.purpose = domain::ContactPurpose::kAdditionalContact;
  extra.records().contacts.push_back(call);
  CHECK(Rule(extra, RuleId::kFaceToFace, D("2024-02-13")).status == RuleStatus::kOverdue);
}

TEST_CASE("face-to-face: a retracted contact no longer counts; a correction counts as corrected") {
  RecordsBuilder b(kReferral, kStart);
  b.Meeting(D("2024-02-09"));
  domain::Contact retraction;
  retraction.id = "fix1";
  retraction.date = D("2024-02-10");
  retraction.corrects_id = b.records().contacts.back().id;
  retraction.retracts = true;
  b.records().contacts.push_back(retraction);
  CHECK(Rule(b, RuleId::kFaceToFace, D("2024-02-13")).status == RuleStatus::kOverdue);

  RecordsBuilder c(kReferral, kStart);
  c.Meeting(D("2024-02-09"), ContactMode::kVideo, "");
  domain::Contact fix = c.records().contacts.back();
  fix.id = "fix2";
  fix.corrects_id = c.records().contacts.back().id;
  fix.mode = ContactMode::kFaceToFace;  // it was in person after all
  c.records().contacts.push_back(fix);
  CHECK(Rule(c, RuleId::kFaceToFace, D("2024-02-13")).status == RuleStatus::kDue);
}

TEST_CASE("weekly-offer: the plan records the weekly offer, or the reasons it was declined (4.14)") {
  RecordsBuilder b(kReferral, kStart);
  b.Plan(kStart, false);
  CHECK(Rule(b, RuleId::kWeeklyOffer, kStart).status == RuleStatus::kMet);

  RecordsBuilder declined(kReferral, kStart);
  declined.Plan(kStart, false);
  declined.records().plan_versions[0].weekly_offer.accepted = false;
  CHECK(Rule(declined, RuleId::kWeeklyOffer, kStart.AddDays(1)).status == RuleStatus::kOverdue);
  declined.records().plan_versions[0].weekly_offer.declined_reasons = "works mornings at a farm";
  CHECK(Rule(declined, RuleId::kWeeklyOffer, kStart.AddDays(1)).status == RuleStatus::kMet);

  RecordsBuilder none(kReferral, kStart);
  CHECK(Rule(none, RuleId::kWeeklyOffer, kStart.AddDays(-1)).status == RuleStatus::kNotApplicable);
}

// Friday 24 May 2024 is the Friday before the spring bank holiday (Monday 27 May).
const CivilDate kFridayBeforeBankHoliday = D("2024-05-24");

TEST_CASE("fta-first-attempt: 24 clock hours, so a Friday miss needs an attempt by Saturday (4.49)") {
  RecordsBuilder b(kReferral, kStart);
  b.Fta(kFridayBeforeBankHoliday, 10 * 60);
  RuleResult r = Rule(b, RuleId::kFtaFirstAttempt, kFridayBeforeBankHoliday);
  CHECK(r.status == RuleStatus::kDueSoon);
  CHECK(r.due_date == D("2024-05-25"));
  CHECK(Rule(b, RuleId::kFtaFirstAttempt, D("2024-05-27")).status == RuleStatus::kOverdue);

  RecordsBuilder saturday(kReferral, kStart);
  saturday.Fta(kFridayBeforeBankHoliday, 10 * 60).Attempt(D("2024-05-25"), 9 * 60);
  r = Rule(saturday, RuleId::kFtaFirstAttempt, D("2024-05-28"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK_FALSE(r.late);

  RecordsBuilder after_holiday(kReferral, kStart);
  after_holiday.Fta(kFridayBeforeBankHoliday, 10 * 60).Attempt(D("2024-05-28"), 9 * 60);
  r = Rule(after_holiday, RuleId::kFtaFirstAttempt, D("2024-05-28"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK(r.late);

  // Saturday 11:00 is 25 hours after Friday 10:00.
  RecordsBuilder hour_late(kReferral, kStart);
  hour_late.Fta(kFridayBeforeBankHoliday, 10 * 60).Attempt(D("2024-05-25"), 11 * 60);
  CHECK(Rule(hour_late, RuleId::kFtaFirstAttempt, D("2024-05-28")).late);

  RecordsBuilder no_fta(kReferral, kStart);
  CHECK(Rule(no_fta, RuleId::kFtaFirstAttempt, D("2024-05-28")).status == RuleStatus::kNotApplicable);
}

TEST_CASE("fta-daily: an attempt on each of the 5 working days after the miss (4.50)") {
  // Working days after Friday 24 May 2024: 28, 29, 30, 31 May and 3 June (27 May is a holiday).
  RecordsBuilder all(kReferral, kStart);
  all.Fta(kFridayBeforeBankHoliday);
  for (const char* d : {"2024-05-28", "2024-05-29", "2024-05-30", "2024-05-31", "2024-06-03"}) {
    all.Attempt(D(d));
  }
  RuleResult r = Rule(all, RuleId::kFtaDaily, D("2024-06-04"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK_FALSE(r.late);
  CHECK(r.due_date == D("2024-06-03"));

  RecordsBuilder gap(kReferral, kStart);
  gap.Fta(kFridayBeforeBankHoliday).Attempt(D("2024-05-28"));
  r = Rule(gap, RuleId::kFtaDaily, D("2024-05-29"));
  CHECK(r.status == RuleStatus::kDueSoon);
  CHECK(r.due_date == D("2024-05-29"));
  r = Rule(gap, RuleId::kFtaDaily, D("2024-05-30"));
  CHECK(r.status == RuleStatus::kOverdue);
  CHECK(r.due_date == D("2024-05-29"));
  r = Rule(gap, RuleId::kFtaDaily, D("2024-06-10"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK(r.late);
  CHECK(r.missed == 4);

  // Coming back to a meeting ends the attempts early.
  RecordsBuilder back(kReferral, kStart);
  back.Fta(kFridayBeforeBankHoliday).Attempt(D("2024-05-28")).Meeting(D("2024-05-29"));
  r = Rule(back, RuleId::kFtaDaily, D("2024-06-10"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK_FALSE(r.late);
}

TEST_CASE("disengagement-notice: IPES07 after 5 working days without engagement (4.51 to 4.53)") {
  RecordsBuilder b(kReferral, kStart);
  b.Fta(kFridayBeforeBankHoliday);
  CHECK(Rule(b, RuleId::kDisengagementNotice, D("2024-06-03")).status == RuleStatus::kNotApplicable);
  RuleResult r = Rule(b, RuleId::kDisengagementNotice, D("2024-06-04"));
  CHECK(r.status == RuleStatus::kDueSoon);
  CHECK(r.due_date == D("2024-06-04"));
  CHECK(Rule(b, RuleId::kDisengagementNotice, D("2024-06-05")).status == RuleStatus::kOverdue);
  b.Notice(D("2024-06-04"));
  Evaluation e = EvaluateCompliance(b.records(), D("2024-06-05"), Calendar());
  CHECK(e.Get(RuleId::kDisengagementNotice).status == RuleStatus::kMet);
  CHECK(e.phase == Phase::kDisengaged);

  // Re-engaging after the notice needs an IPES07 re-engagement notice (4.53)...
  b.Meeting(D("2024-06-20"));
  e = EvaluateCompliance(b.records(), D("2024-06-24"), Calendar());
  CHECK(e.phase == Phase::kPreWork);
  CHECK(e.Get(RuleId::kDisengagementNotice).status == RuleStatus::kOverdue);
  CHECK(e.Get(RuleId::kDisengagementNotice).due_date == D("2024-06-21"));
  b.Notice(D("2024-06-21"), domain::Ipes07Kind::kReengagement);
  CHECK(Rule(b, RuleId::kDisengagementNotice, D("2024-06-24")).status == RuleStatus::kMet);

  // ...unless the participant came back within the 5 working days.
  RecordsBuilder quick(kReferral, kStart);
  quick.Fta(kFridayBeforeBankHoliday).Meeting(D("2024-05-30"));
  CHECK(Rule(quick, RuleId::kDisengagementNotice, D("2024-06-10")).status ==
        RuleStatus::kNotApplicable);
}

TEST_CASE("disengagement-notice: a declared withdrawal needs the IPES07 too (4.51)") {
  RecordsBuilder b(kReferral, kStart);
  b.Meeting(D("2024-03-01"));
  b.records().contacts.back().participant_withdrew = true;
  RuleResult r = Rule(b, RuleId::kDisengagementNotice, D("2024-03-05"));
  CHECK(r.status == RuleStatus::kOverdue);
  CHECK(r.due_date == D("2024-03-04"));
}

TEST_CASE("employer-support-plan is due 10 working days after the job starts (4.35)") {
  RecordsBuilder b(kReferral, kStart);
  CHECK(Rule(b, RuleId::kEmployerSupportPlan, D("2024-06-05")).status == RuleStatus::kNotApplicable);
  b.Job(D("2024-05-20"), D("2024-06-03"));
  RuleResult r = Rule(b, RuleId::kEmployerSupportPlan, D("2024-06-05"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.due_date == D("2024-06-17"));
  CHECK(Rule(b, RuleId::kEmployerSupportPlan, D("2024-06-18")).status == RuleStatus::kOverdue);
  b.EmployerSupportPlan(D("2024-06-14"));
  CHECK(Rule(b, RuleId::kEmployerSupportPlan, D("2024-06-18")).status == RuleStatus::kMet);

  RecordsBuilder self(kReferral, kStart);
  self.Job(D("2024-05-20"), D("2024-06-03"));
  self.records().employments.back().self_employed = true;
  CHECK(Rule(self, RuleId::kEmployerSupportPlan, D("2024-06-18")).status ==
        RuleStatus::kNotApplicable);
}

TEST_CASE("access-to-work: apply as soon as a firm job offer is received (4.32)") {
  RecordsBuilder b(kReferral, kStart);
  b.Job(D("2024-05-20"), D("2024-06-03"));
  RuleResult r = Rule(b, RuleId::kAccessToWork, D("2024-05-20"));
  CHECK(r.status == RuleStatus::kDueSoon);
  CHECK(r.due_date == D("2024-05-21"));
  CHECK(Rule(b, RuleId::kAccessToWork, D("2024-05-22")).status == RuleStatus::kOverdue);
  b.AccessToWork(D("2024-05-21"));
  CHECK(Rule(b, RuleId::kAccessToWork, D("2024-05-22")).status == RuleStatus::kMet);
}

TEST_CASE("exit-reports: Progress Report and Exit Activity Plan within 10 working days (Annex 3)") {
  RecordsBuilder b(kReferral, kStart);
  b.Exit(D("2025-03-03"));
  CHECK(Rule(b, RuleId::kExitReports, D("2025-03-02")).status == RuleStatus::kNotApplicable);
  RuleResult r = Rule(b, RuleId::kExitReports, D("2025-03-04"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.due_date == D("2025-03-17"));
  b.ExitDocument(D("2025-03-10"), domain::ExitDocumentKind::kProgressReport);
  CHECK(Rule(b, RuleId::kExitReports, D("2025-03-18")).status == RuleStatus::kOverdue);
  b.ExitDocument(D("2025-03-18"), domain::ExitDocumentKind::kExitActivityPlan);
  r = Rule(b, RuleId::kExitReports, D("2025-03-18"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK(r.late);

  RecordsBuilder early(kReferral, kStart);
  early.Exit(D("2025-03-03"), domain::ExitKind::kEarlyCompleter)
      .ExitDocument(D("2025-03-10"), domain::ExitDocumentKind::kProgressReport);
  CHECK(Rule(early, RuleId::kExitReports, D("2025-03-18")).status == RuleStatus::kMet);
}

TEST_CASE("work-experience: 16 unpaid hours during Pre-Work Support, by day 456 (1.25)") {
  const CivilDate day456 = DateOfDay(kStart, 456);
  RecordsBuilder b(kReferral, kStart);
  b.WorkExperience(D("2024-04-02"), 7).WorkExperience(D("2024-04-03"), 7);
  RuleResult r = Rule(b, RuleId::kWorkExperience, D("2024-05-01"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.due_date == day456);
  CHECK(Rule(b, RuleId::kWorkExperience, day456.AddDays(1)).status == RuleStatus::kOverdue);
  b.WorkExperience(D("2024-04-04"), 2);
  r = Rule(b, RuleId::kWorkExperience, D("2024-05-01"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK(r.met_on == D("2024-04-04"));

  // Paid hours do not count; while in work the pre-work minimum does not apply.
  RecordsBuilder working(kReferral, kStart);
  working.WorkExperience(D("2024-04-02"), 20);
  working.records().work_experience.back().unpaid = false;
  working.Job(D("2024-05-20"), D("2024-06-03"));
  CHECK(Rule(working, RuleId::kWorkExperience, D("2024-05-01")).status == RuleStatus::kDue);
  CHECK(Rule(working, RuleId::kWorkExperience, D("2024-07-01")).status == RuleStatus::kNotApplicable);
}

TEST_CASE("case-conferences: warm handover then 3 conferences, the last before job start") {
  RecordsBuilder b(kReferral, kStart);
  b.Conference(kReferral, domain::ConferenceKind::kWarmHandover)
      .Conference(D("2024-03-01"))
      .Conference(D("2024-04-01"))
      .Job(D("2024-05-20"), D("2024-06-03"));
  RuleResult r = Rule(b, RuleId::kCaseConferences, D("2024-05-01"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.due_date == D("2024-06-03"));
  CHECK(Rule(b, RuleId::kCaseConferences, D("2024-06-04")).status == RuleStatus::kOverdue);
  b.Conference(D("2024-05-28"));
  r = Rule(b, RuleId::kCaseConferences, D("2024-06-04"));
  CHECK(r.status == RuleStatus::kMet);
  CHECK_FALSE(r.late);

  RecordsBuilder no_handover(kReferral, kStart);
  no_handover.Conference(D("2024-03-01")).Conference(D("2024-04-01")).Conference(D("2024-05-01"));
  r = Rule(no_handover, RuleId::kCaseConferences, D("2024-05-02"));
  CHECK(r.status == RuleStatus::kDue);
  CHECK(r.note == "no warm handover recorded");
}

TEST_CASE("provision-length: day 456 without work is the last day; day 457 means exit due (1.26)") {
  const CivilDate day456 = DateOfDay(kStart, 456);
  RecordsBuilder b(kReferral, kStart);
  Evaluation e = EvaluateCompliance(b.records(), day456, Calendar());
  CHECK(e.day_of_provision == 456);
  CHECK(e.phase == Phase::kPreWork);
  CHECK(e.Get(RuleId::kProvisionLength).status == RuleStatus::kDueSoon);
  CHECK(e.Get(RuleId::kProvisionLength).due_date == day456);
  e = EvaluateCompliance(b.records(), day456.AddDays(1), Calendar());
  CHECK(e.day_of_provision == 457);
  CHECK(e.phase == Phase::kExitDue);
  CHECK(e.Get(RuleId::kProvisionLength).status == RuleStatus::kOverdue);
  b.Exit(day456);
  e = EvaluateCompliance(b.records(), day456.AddDays(1), Calendar());
  CHECK(e.phase == Phase::kCompleted);
  CHECK(e.Get(RuleId::kProvisionLength).status == RuleStatus::kMet);
  CHECK_FALSE(e.Get(RuleId::kProvisionLength).late);
}

TEST_CASE("provision-length: in work on day 457 gives the Extension Period to day 638 (1.27)") {
  RecordsBuilder b(kReferral, kStart);
  b.Job(DateOfDay(kStart, 390), DateOfDay(kStart, 400));
  Evaluation e = EvaluateCompliance(b.records(), DateOfDay(kStart, 457), Calendar());
  CHECK(e.phase == Phase::kExtension);
  CHECK(e.Get(RuleId::kProvisionLength).due_date == DateOfDay(kStart, 638));
  CHECK(e.Get(RuleId::kProvisionLength).status == RuleStatus::kDue);
  e = EvaluateCompliance(b.records(), DateOfDay(kStart, 639), Calendar());
  CHECK(e.phase == Phase::kExitDue);
  CHECK(e.Get(RuleId::kProvisionLength).status == RuleStatus::kOverdue);
}

TEST_CASE("provision-length: day 639 only for night shifts starting on day 638 (1.26)") {
  RecordsBuilder b(kReferral, kStart);
  b.Job(DateOfDay(kStart, 390), DateOfDay(kStart, 400), std::nullopt, /*night_shifts=*/true);
  Evaluation e = EvaluateCompliance(b.records(), DateOfDay(kStart, 639), Calendar());
  CHECK(e.phase == Phase::kExtension);
  CHECK(e.Get(RuleId::kProvisionLength).due_date == DateOfDay(kStart, 639));
  CHECK(e.Get(RuleId::kProvisionLength).status == RuleStatus::kDueSoon);
  e = EvaluateCompliance(b.records(), DateOfDay(kStart, 640), Calendar());
  CHECK(e.phase == Phase::kExitDue);
}

TEST_CASE("provision-length: a job that ends before day 456 returns the participant to pre-work") {
  RecordsBuilder b(kReferral, kStart);
  b.Job(DateOfDay(kStart, 290), DateOfDay(kStart, 300), DateOfDay(kStart, 450));
  Evaluation e = EvaluateCompliance(b.records(), DateOfDay(kStart, 400), Calendar());
  CHECK(e.phase == Phase::kInWork);
  e = EvaluateCompliance(b.records(), DateOfDay(kStart, 451), Calendar());
  CHECK(e.phase == Phase::kPreWork);
  CHECK(e.Get(RuleId::kProvisionLength).due_date == DateOfDay(kStart, 456));
  e = EvaluateCompliance(b.records(), DateOfDay(kStart, 457), Calendar());
  CHECK(e.phase == Phase::kExitDue);
  // A job that ends on day 456 itself did not end before it: IWS continues.
  RecordsBuilder c(kReferral, kStart);
  c.Job(DateOfDay(kStart, 290), DateOfDay(kStart, 300), DateOfDay(kStart, 456));
  CHECK(EvaluateCompliance(c.records(), DateOfDay(kStart, 457), Calendar()).phase ==
        Phase::kExtension);
}

TEST_CASE("every rule result carries its id and the rule table gives its guidance paragraph") {
  RecordsBuilder b(kReferral, kStart);
  Evaluation e = EvaluateCompliance(b.records(), D("2024-02-01"), Calendar());
  for (int i = 0; i < kRuleCount; ++i) {
    CHECK(static_cast<int>(e.rules[i].id) == i);
    CHECK_FALSE(GetRuleInfo(e.rules[i].id).source.empty());
    CHECK(RuleIdFromName(GetRuleInfo(e.rules[i].id).name) == e.rules[i].id);
  }
  CHECK(GetRuleInfo(RuleId::kPlanAgreed).source == "4.17");
  CHECK(GetRuleInfo(RuleId::kFtaFirstAttempt).name == "fta-first-attempt");
  CHECK_FALSE(RuleIdFromName("no-such-rule").has_value());
}

}  // namespace
}  // namespace outpost::rules
