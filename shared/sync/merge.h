// Merge rules for mutable records, as pure functions so they can be tested by algebra:
// applying a write twice equals applying it once, and any two writes give the same result in
// either order.
//
// Each field merges on its own: the write with the later hybrid clock stamp wins (stamps end in
// the device id, so two different writes never tie). A write also carries the stamp of the value
// its author saw (base). When the winner's base is older than the loser's stamp, the winner's
// author never saw the losing value: the two were concurrent, and the loser is listed as a
// conflict for review. When the winner saw it, the overwrite was deliberate: no conflict.
#ifndef OUTPOST_SHARED_SYNC_MERGE_H_
#define OUTPOST_SHARED_SYNC_MERGE_H_

#include <map>
#include <string>

namespace outpost::sync {

struct FieldWrite {
  std::string value;
  std::string hlc;
  std::string base_hlc;  // "" when the author had no value for the field
};

// True if `a` wins over `b` (later stamp).
inline bool Wins(const FieldWrite& a, const FieldWrite& b) { return a.hlc > b.hlc; }

// True if `loser` was overwritten by `winner` without `winner`'s author having seen it.
// Precondition: Wins(winner, loser).
inline bool LostConcurrently(const FieldWrite& winner, const FieldWrite& loser) {
  return winner.base_hlc < loser.hlc && winner.value != loser.value;
}

// The current value and stamp of each field of one record.
struct RecordState {
  std::map<std::string, std::string> values;
  std::map<std::string, std::string> hlcs;

  bool operator==(const RecordState&) const = default;
};

// Applies one write of `field` to `state`: taken if its stamp is later than the field's current
// stamp, otherwise ignored. Idempotent and order-independent.
inline void MergeField(RecordState& state, const std::string& field, const FieldWrite& write) {
  auto current = state.hlcs.find(field);
  if (current != state.hlcs.end() && current->second >= write.hlc) return;
  state.values[field] = write.value;
  state.hlcs[field] = write.hlc;
}

}  // namespace outpost::sync

#endif  // OUTPOST_SHARED_SYNC_MERGE_H_
