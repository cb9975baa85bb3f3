#include "wasm-client/app/record_forms.h"

namespace outpost::client {

namespace {

constexpr Choice kYesNo[] = {{"yes", {"Yes", "Ie"}}, {"no", {"No", "Na"}}};

constexpr Choice kProgressionAreas[] = {
    {"managing_health", {"Managing a health condition or disability", "Rheoli cyflwr iechyd neu anabledd"}},
    {"self_efficacy", {"General self-efficacy", "Hunan-effeithiolrwydd cyffredinol"}},
    {"wellbeing", {"Wellbeing", "Llesiant"}},
    {"job_search_self_efficacy", {"Job search self-efficacy", "Hyder wrth chwilio am waith"}},
    {"job_seeking_activity", {"Job seeking activity", "Gweithgarwch chwilio am waith"}},
    {"work_experience", {"Experience in a work environment", "Profiad mewn amgylchedd gwaith"}}};

constexpr Choice kProvidedBy[] = {
    {"provider", {"Provider", "Darparwr"}},
    {"sub_contractor", {"Sub-contractor", "Is-gontractwr"}},
    {"employer", {"Employer", "Cyflogwr"}},
    {"other_organisation", {"Other organisation", "Sefydliad arall"}}};

constexpr Choice kItemStatus[] = {{"not_started", {"Not started", "Heb ddechrau"}},
                                  {"in_progress", {"In progress", "Ar y gweill"}},
                                  {"done", {"Done", "Wedi'i wneud"}},
                                  {"dropped", {"No longer needed", "Dim angen mwyach"}}};

constexpr Choice kWeeklyOffer[] = {{"offered", {"Offered and accepted", "Cynigiwyd a derbyniwyd"}},
                                   {"declined", {"Declined", "Gwrthodwyd"}}};

constexpr Choice kExitKinds[] = {
    {"progress_report", {"IPES Progress Report", "Adroddiad Cynnydd IPES"}},
    {"exit_activity_plan", {"Exit Activity Plan", "Cynllun Gweithgarwch Gadael"}}};

constexpr FieldSpec kNeedsAssessment[] = {
    {"assessed_on", {"Assessed on", "Dyddiad yr asesiad"}, FieldKind::kDate, {}, true, true},
    {"barriers", {"Barriers to work (labour market, health, personal, financial, independence)",
                  "Rhwystrau i waith (marchnad lafur, iechyd, personol, ariannol, annibyniaeth)"},
     FieldKind::kText},
    {"barrier_notes", {"The barriers in the participant's words", "Y rhwystrau yng ngeiriau'r cyfranogwr"},
     FieldKind::kLongText},
    {"support_network", {"Support network", "Rhwydwaith cymorth"}, FieldKind::kLongText},
    {"interests", {"Interests and hobbies", "Diddordebau a hobïau"}, FieldKind::kText},
    {"job_goals", {"Job goals", "Nodau swydd"}, FieldKind::kText},
    {"work_history", {"Previous work experience", "Profiad gwaith blaenorol"}, FieldKind::kLongText}};

constexpr FieldSpec kPlanItem[] = {
    {"description", {"Activity", "Gweithgaredd"}, FieldKind::kLongText, {}, false, true},
    {"progression_area", {"Progression area", "Maes cynnydd"}, FieldKind::kChoice, kProgressionAreas},
    {"milestone", {"Milestone", "Carreg filltir"}, FieldKind::kText},
    {"occurs", {"When it happens", "Pryd mae'n digwydd"}, FieldKind::kDate},
    {"due_by", {"Due by", "Erbyn"}, FieldKind::kDate},
    {"evidence", {"Evidence that shows it was done", "Tystiolaeth ei fod wedi'i wneud"}, FieldKind::kText},
    {"provided_by", {"Who provides it", "Pwy sy'n ei ddarparu"}, FieldKind::kChoice, kProvidedBy},
    {"status", {"Status", "Statws"}, FieldKind::kChoice, kItemStatus}};

constexpr FieldSpec kPlanAgreement[] = {
    {"next_meeting", {"Next meeting (date)", "Cyfarfod nesaf (dyddiad)"}, FieldKind::kDate},
    {"next_meeting_location", {"Next meeting place", "Lleoliad y cyfarfod nesaf"}, FieldKind::kText},
    {"preferred_communication", {"Preferred way of keeping in touch", "Hoff ffordd o gadw mewn cysylltiad"},
     FieldKind::kText},
    {"preparation", {"What to prepare", "Beth i'w baratoi"}, FieldKind::kLongText},
    {"adjustments", {"Adjustments and support needed", "Addasiadau a chymorth sydd eu hangen"},
     FieldKind::kLongText},
    {"weekly_offer", {"Weekly face-to-face support (4.14)", "Cymorth wyneb yn wyneb wythnosol (4.14)"},
     FieldKind::kChoice, kWeeklyOffer},
    {"weekly_declined_reason", {"Why weekly support was declined", "Pam y gwrthodwyd cymorth wythnosol"},
     FieldKind::kLongText, {}, false, false, "weekly_offer", "declined"}};

constexpr FieldSpec kProvisionBreak[] = {
    {"start", {"First day of the break", "Diwrnod cyntaf yr egwyl"}, FieldKind::kDate, {}, true, true},
    {"end", {"Last day of the break (empty while it continues)", "Diwrnod olaf yr egwyl (gwag tra bydd yn parhau)"},
     FieldKind::kDate},
    {"reason", {"Reason (4.71)", "Rheswm (4.71)"}, FieldKind::kLongText, {}, false, true}};

constexpr FieldSpec kEmployment[] = {
    {"employer", {"Employer", "Cyflogwr"}, FieldKind::kText},
    {"self_employed", {"Self-employed", "Hunangyflogedig"}, FieldKind::kChoice, kYesNo},
    {"offer_date", {"Firm job offer received on", "Dyddiad derbyn cynnig swydd pendant"}, FieldKind::kDate},
    {"start_date", {"Job start date", "Dyddiad dechrau'r swydd"}, FieldKind::kDate},
    {"end_date", {"Last day worked", "Diwrnod olaf o waith"}, FieldKind::kDate},
    {"hours_per_week", {"Hours per week", "Oriau yr wythnos"}, FieldKind::kNumber},
    {"night_shifts", {"Night shifts", "Shifftiau nos"}, FieldKind::kChoice, kYesNo}};

constexpr FieldSpec kEmployerSupportPlan[] = {
    {"employment_id", {"Job", "Swydd"}, FieldKind::kChoice, {}, false, true},  // choices: the participant's jobs
    {"issued_on", {"Issued to the employer on", "Dyddiad ei roi i'r cyflogwr"}, FieldKind::kDate, {}, true, true},
    {"notes", {"Notes", "Nodiadau"}, FieldKind::kLongText}};

constexpr FieldSpec kAccessToWork[] = {
    {"employment_id", {"Job", "Swydd"}, FieldKind::kChoice, {}, false, true},
    {"recorded_on", {"Date", "Dyddiad"}, FieldKind::kDate, {}, true, true},
    {"applied", {"Applied for Access to Work", "Wedi gwneud cais am Fynediad at Waith"}, FieldKind::kChoice, kYesNo, false, true},
    {"not_needed_reason", {"Why no application is needed", "Pam nad oes angen cais"}, FieldKind::kLongText,
     {}, false, false, "applied", "no"},
    {"reference", {"Application reference", "Cyfeirnod y cais"}, FieldKind::kText}};

constexpr FieldSpec kExitDocument[] = {
    {"kind", {"Document", "Dogfen"}, FieldKind::kChoice, kExitKinds, false, true},
    {"completed_on", {"Completed on", "Dyddiad ei gwblhau"}, FieldKind::kDate, {}, true, true},
    {"notes", {"Notes", "Nodiadau"}, FieldKind::kLongText}};

constexpr FieldSpec kSupportConsent[] = {
    {"shared_with", {"Person or organisation in the support network", "Person neu sefydliad yn y rhwydwaith cymorth"},
     FieldKind::kText, {}, false, true},
    {"given_on", {"Consent given on", "Dyddiad rhoi caniatâd"}, FieldKind::kDate, {}, true, true},
    {"withdrawn_on", {"Consent withdrawn on", "Dyddiad tynnu caniatâd yn ôl"}, FieldKind::kDate}};

constexpr FormSpec kForms[] = {
    {FormKind::kNeedsAssessment, "needs_assessment", {"Initial needs assessment", "Asesiad anghenion cychwynnol"},
     {"Barriers, support network and goals, at the start (4.08 to 4.12).",
      "Rhwystrau, rhwydwaith cymorth a nodau, ar y dechrau (4.08 i 4.12)."},
     true, kNeedsAssessment},
    {FormKind::kPlanItem, "plan_item", {"Action Plan item", "Eitem y Cynllun Gweithredu"},
     {"One activity of the plan: what, when, evidence and who provides it (4.21, 4.22).",
      "Un gweithgaredd yn y cynllun: beth, pryd, tystiolaeth a phwy sy'n ei ddarparu (4.21, 4.22)."},
     false, kPlanItem},
    {FormKind::kPlanAgreement, "plan_agreement", {"Plan agreement and weekly offer", "Cytundeb y cynllun a'r cynnig wythnosol"},
     {"Next meeting, keeping in touch, adjustments, and the weekly offer or why it was declined (4.14).",
      "Y cyfarfod nesaf, cadw mewn cysylltiad, addasiadau, a'r cynnig wythnosol neu pam y'i gwrthodwyd (4.14)."},
     true, kPlanAgreement},
    {FormKind::kProvisionBreak, "provision_break", {"Break in provision", "Egwyl yn y ddarpariaeth"},
     {"Contact continues during a break (4.70); record its reason (4.71).",
      "Mae cyswllt yn parhau yn ystod egwyl (4.70); cofnodwch y rheswm (4.71)."},
     false, kProvisionBreak},
    {FormKind::kEmployment, "employment", {"Job offer or job start", "Cynnig swydd neu ddechrau swydd"},
     {"A firm offer starts Access to Work (4.32); a start starts the Employer Support Plan (4.35).",
      "Mae cynnig pendant yn cychwyn Mynediad at Waith (4.32); mae dechrau yn cychwyn y Cynllun Cymorth Cyflogwr (4.35)."},
     false, kEmployment},
    {FormKind::kEmployerSupportPlan, "employer_support_plan", {"Employer Support Plan", "Cynllun Cymorth Cyflogwr"},
     {"Issued to the employer within 10 working days of the job start (4.35).",
      "I'w roi i'r cyflogwr o fewn 10 diwrnod gwaith i ddechrau'r swydd (4.35)."},
     false, kEmployerSupportPlan},
    {FormKind::kAccessToWork, "access_to_work", {"Access to Work", "Mynediad at Waith"},
     {"Apply as soon as a firm offer is received, or say why it is not needed (4.31, 4.32).",
      "Gwnewch gais cyn gynted ag y ceir cynnig pendant, neu dywedwch pam nad oes angen (4.31, 4.32)."},
     false, kAccessToWork},
    {FormKind::kExitDocument, "exit_document", {"Exit document", "Dogfen gadael"},
     {"Progress Report and Exit Activity Plan within 10 working days of completing (4.41).",
      "Adroddiad Cynnydd a Chynllun Gweithgarwch Gadael o fewn 10 diwrnod gwaith i gwblhau (4.41)."},
     false, kExitDocument},
    {FormKind::kSupportConsent, "support_consent", {"Support network consent", "Caniatâd y rhwydwaith cymorth"},
     {"Who the participant lets you share with; record a withdrawal at once (4.27).",
      "Gyda phwy mae'r cyfranogwr yn caniatáu i chi rannu; cofnodwch dynnu'n ôl ar unwaith (4.27)."},
     false, kSupportConsent},
};

}  // namespace

const FormSpec& GetFormSpec(FormKind kind) {
  for (const FormSpec& spec : kForms)
    if (spec.kind == kind) return spec;
  return kForms[0];  // unreachable: every FormKind has a row (tests/client/record_forms_test.cc)
}

const FormSpec* FindFormSpec(std::string_view record_type) {
  for (const FormSpec& spec : kForms)
    if (record_type == spec.record_type) return &spec;
  return nullptr;
}

std::string ChoiceLabel(const FieldSpec& field, const std::string& value) {
  for (const Choice& choice : field.choices)
    if (value == choice.value) return T(choice.label);
  return value;
}

}  // namespace outpost::client
