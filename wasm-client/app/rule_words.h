// The rules engine's rules, phases and statuses in the key worker's words, in both languages.
//
// shared/rules keeps one plain English description per rule (rule_sources.h) for the server's
// CSV and the supervisors' review; the tablet shows these instead, written for the key worker
// on site, with the guidance paragraph from the rule table unchanged.
#ifndef OUTPOST_WASM_CLIENT_APP_RULE_WORDS_H_
#define OUTPOST_WASM_CLIENT_APP_RULE_WORDS_H_

#include "shared/rules/compliance.h"
#include "wasm-client/app/words.h"

namespace outpost::client {

struct RuleWords {
  Words title;        // "Initial meeting within 15 working days"
  Words satisfied_by; // what to record to meet it
};

const RuleWords& WordsForRule(rules::RuleId id);
Words WordsForPhase(rules::Phase phase);
Words WordsForStatus(rules::RuleStatus status);

}  // namespace outpost::client

#endif  // OUTPOST_WASM_CLIENT_APP_RULE_WORDS_H_
