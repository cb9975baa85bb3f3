// Builders of valid changes for tests, so each test states only what matters to its rule.
#ifndef OUTPOST_TESTS_SUPPORT_SAMPLE_CHANGES_H_
#define OUTPOST_TESTS_SUPPORT_SAMPLE_CHANGES_H_

#include <nlohmann/json.hpp>
#include <string>

#include "shared/sync/change.h"

namespace outpost::testing {

// A hybrid clock stamp at a fixed wall time (`wall_ms`), ordered by `counter`.
inline std::string Stamp(int64_t counter, const std::string& device,
                         int64_t wall_ms = 1763900000000) {
  std::string digits = std::to_string(counter);
  return std::to_string(wall_ms) + "-" + std::string(4 - digits.size(), '0') + digits + "-" + device;
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
  c.base = "{}";
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
  c.base = "{}";
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

// A simulated device that numbers and chains its changes as a tablet does. Its clock runs a
// minute after the fixed stamps of ParticipantChange and ContactChange, so its writes are later.
class TestDevice {
 public:
  explicit TestDevice(std::string id) : id_(std::move(id)) {}

  // The next change of this device: seq, prev_hash and a later hybrid clock filled in.
  sync::Change Next(sync::Change change) {
    change.device_id = id_;
    change.device_seq = ++seq_;
    change.prev_hash = last_hash_;
    change.hlc = Stamp(seq_, id_, 1763900060000);
    if (change.base.empty()) change.base = "{}";
    last_hash_ = sync::ChangeHash(change);
    return change;
  }
  sync::Change Contact(const std::string& participant_id, const std::string& author,
                       const std::string& notes = "Talked through CV") {
    return Next(ContactChange(id_, seq_ + 1, participant_id, author, notes));
  }

  const std::string& id() const { return id_; }

 private:
  std::string id_;
  int64_t seq_ = 0;
  std::string last_hash_;
};

}  // namespace outpost::testing

#endif  // OUTPOST_TESTS_SUPPORT_SAMPLE_CHANGES_H_
