#include "wasm-client/app/rule_words.h"

namespace outpost::client {

namespace {

// In RuleId order (checked by tests/client/rule_words_test.cc against rules::AllRules()).
constexpr RuleWords kRules[] = {
    {{"Initial meeting within 15 working days of referral", "Cyfarfod cyntaf o fewn 15 diwrnod gwaith i'r atgyfeiriad"},
     {"A face-to-face initial meeting (digital only by exception, with the reason)",
      "Cyfarfod cyntaf wyneb yn wyneb (digidol dim ond trwy eithriad, gyda'r rheswm)"}},
    {{"Action Plan signed on the day of the initial meeting", "Cynllun Gweithredu wedi'i lofnodi ar ddiwrnod y cyfarfod cyntaf"},
     {"Participant and key worker sign a plan version that day",
      "Y cyfranogwr a'r gweithiwr allweddol yn llofnodi fersiwn o'r cynllun y diwrnod hwnnw"}},
    {{"Fully agreed Action Plan within 20 working days of the Start Date",
      "Cynllun Gweithredu wedi'i gytuno'n llawn o fewn 20 diwrnod gwaith i'r Dyddiad Dechrau"},
     {"A plan version signed by the participant and the key worker",
      "Fersiwn o'r cynllun wedi'i llofnodi gan y cyfranogwr a'r gweithiwr allweddol"}},
    {{"Action Plan reviewed at least every 4 weeks", "Adolygu'r Cynllun Gweithredu o leiaf bob 4 wythnos"},
     {"A new plan version signed by the participant", "Fersiwn newydd o'r cynllun wedi'i llofnodi gan y cyfranogwr"}},
    {{"Face-to-face contact at least every 4 weeks", "Cyswllt wyneb yn wyneb o leiaf bob 4 wythnos"},
     {"An attended face-to-face meeting", "Cyfarfod wyneb yn wyneb a fynychwyd"}},
    {{"Weekly face-to-face support offered or declined with reasons",
      "Cynnig cymorth wyneb yn wyneb wythnosol, neu'r rhesymau dros ei wrthod"},
     {"The plan agreement records the offer or why it was declined",
      "Cytundeb y cynllun yn cofnodi'r cynnig neu pam y'i gwrthodwyd"}},
    {{"First re-engagement attempt within 24 hours of a missed meeting",
      "Ymgais gyntaf i ailymgysylltu o fewn 24 awr i gyfarfod a gollwyd"},
     {"A contact or attempt within 24 hours", "Cyswllt neu ymgais o fewn 24 awr"}},
    {{"Daily attempts for 5 working days after a missed meeting",
      "Ymgeisiau dyddiol am 5 diwrnod gwaith ar ôl cyfarfod a gollwyd"},
     {"An attempt on each working day until the participant re-engages",
      "Ymgais ar bob diwrnod gwaith nes bod y cyfranogwr yn ailymgysylltu"}},
    {{"IPES07 notice to DWP", "Hysbysiad IPES07 i'r Adran Gwaith a Phensiynau"},
     {"Send form IPES07 and record it as sent", "Anfon ffurflen IPES07 a'i chofnodi fel un a anfonwyd"}},
    {{"Employer Support Plan within 10 working days of the job start",
      "Cynllun Cymorth Cyflogwr o fewn 10 diwrnod gwaith i ddechrau'r swydd"},
     {"An Employer Support Plan record for the job", "Cofnod Cynllun Cymorth Cyflogwr ar gyfer y swydd"}},
    {{"Access to Work applied for on a firm job offer", "Gwneud cais am Fynediad at Waith ar gynnig swydd pendant"},
     {"The application, or why it is not needed", "Y cais, neu pam nad oes ei angen"}},
    {{"Exit documents within 10 working days of completing",
      "Dogfennau gadael o fewn 10 diwrnod gwaith i gwblhau"},
     {"The Progress Report and the Exit Activity Plan", "Yr Adroddiad Cynnydd a'r Cynllun Gweithgarwch Gadael"}},
    {{"16 hours of unpaid work experience in Pre-Work Support",
      "16 awr o brofiad gwaith di-dâl yn ystod Cymorth Cyn Gwaith"},
     {"Recorded hours of unpaid work experience", "Oriau o brofiad gwaith di-dâl wedi'u cofnodi"}},
    {{"Warm handover and 3 case conferences", "Trosglwyddiad cynnes a 3 chynhadledd achos"},
     {"A recorded handover and 3 case conferences", "Trosglwyddiad a 3 chynhadledd achos wedi'u cofnodi"}},
    {{"Time on provision within its limits", "Amser ar y ddarpariaeth o fewn y terfynau"},
     {"An exit by the last allowed day", "Gadael erbyn y diwrnod olaf a ganiateir"}},
};
static_assert(std::size(kRules) == rules::kRuleCount, "one RuleWords per rule");

}  // namespace

const RuleWords& WordsForRule(rules::RuleId id) { return kRules[static_cast<int>(id)]; }

Words WordsForPhase(rules::Phase phase) {
  switch (phase) {
    case rules::Phase::kAwaitingStart: return {"Awaiting start", "Yn aros i ddechrau"};
    case rules::Phase::kPreWork: return {"Pre-Work Support", "Cymorth Cyn Gwaith"};
    case rules::Phase::kInWork: return {"In-Work Support", "Cymorth Mewn Gwaith"};
    case rules::Phase::kExtension: return {"Extension Period", "Cyfnod Estyniad"};
    case rules::Phase::kBreak: return {"On a break", "Ar egwyl"};
    case rules::Phase::kDisengaged: return {"Disengaged", "Wedi datgysylltu"};
    case rules::Phase::kExitDue: return {"Exit due", "Disgwyl gadael"};
    case rules::Phase::kCompleted: return {"Completed", "Wedi cwblhau"};
  }
  return {"Unknown", "Anhysbys"};
}

Words WordsForStatus(rules::RuleStatus status) {
  switch (status) {
    case rules::RuleStatus::kMet: return {"Met", "Wedi'i fodloni"};
    case rules::RuleStatus::kDue: return {"Due", "Yn ddyledus"};
    case rules::RuleStatus::kDueSoon: return {"Due soon", "Yn ddyledus cyn bo hir"};
    case rules::RuleStatus::kOverdue: return {"Overdue", "Yn hwyr"};
    case rules::RuleStatus::kNotApplicable: return {"Not applicable yet", "Ddim yn berthnasol eto"};
  }
  return {"Unknown", "Anhysbys"};
}

}  // namespace outpost::client
