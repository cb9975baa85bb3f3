// Builders of valid changes for tests, so each test states only what matters to its rule.
#ifndef OUTPOST_TESTS_SUPPORT_SAMPLE_CHANGES_H_
#define OUTPOST_TESTS_SUPPORT_SAMPLE_CHANGES_H_

#include <nlohmann/json.hpp>
#include <string>

#include "shared/sync/change.h"

namespace outpost::testing {

// A hybrid clock stamp at a fixed wall time, ordered by `counter`.
inline std::string Stamp(int64_t counter, const std::string& device) {
  std::string digits = std::to_string(counter);
  return "1763900000000-" + std::string(4 - digits.size(), '0') + digits + "-" + device;
}

inline sync::Change ParticipantChange(const std::string& device, int64_t seq,
                                      const std::string& participant_id,
                                      const std::string& key_worker,
                                      const std::string& family_name = "Morgan") {
  sync::Change c;
  c.device_id = device;
  c.device_seq = seq;
  c.hlc = Stamp(seq, device);
  c.author = "carys.jones";
  c.record_type = "participant";
  c.record_id = participant_id;
  c.participant_id = participant_id;
  c.fields = nlohmann::json{{"family_name", family_name},
                            {"given_name", "Dafydd"},
                            {"key_worker", key_worker}}
                 .dump();
  c.captured_at = "2026-11-23T09:00:00Z";
  return c;
}

inline sync::Change ContactChange(const std::string& device, int64_t seq,
                                  const std::string& participant_id, const std::string& author,
                                  const std::string& notes = "Talked through CV") {
  sync::Change c;
  c.device_id = device;
  c.device_seq = seq;
  c.hlc = Stamp(seq, device);
  c.author = author;
  c.record_type = "contact";
  c.record_id = "contact-" + device + "-" + std::to_string(seq);
  c.participant_id = participant_id;
  c.fields = nlohmann::json{{"location", "Central Library"},
                            {"mode", "face_to_face"},
                            {"notes", notes},
                            {"occurred_at", "2026-11-23T10:30"},
                            {"outcome", "attended"}}
                 .dump();
  c.captured_at = "2026-11-23T10:31:00Z";
  return c;
}

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_SAMPLE_CHANGES_H_
