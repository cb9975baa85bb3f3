-- 0006 device chains (central store only): where each device's chain of changes stands, the
-- changes the server refused (kept, so the chain stays whole and the device can be told why),
-- which participants each device has been sent (so a reassignment can move a whole history to
-- the new key worker's devices and withdraw it from the old one's), and who held a caseload
-- when (so evidence captured before a reassignment is still accepted from its author).
CREATE TABLE device_chains (
  device_id TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL,        -- every change up to here has been received (stored or refused)
  last_hash TEXT NOT NULL,
  clock_offset_ms INTEGER NOT NULL DEFAULT 0,  -- server clock minus device clock, last push
  clock_flagged_at TEXT NOT NULL DEFAULT ''     -- set while the offset is beyond the tolerance
);
CREATE TABLE rejected_changes (
  device_id TEXT NOT NULL,
  device_seq INTEGER NOT NULL,
  change TEXT NOT NULL,             -- the change as received, JSON
  field TEXT NOT NULL,
  reason TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (device_id, device_seq)
) WITHOUT ROWID;
CREATE TABLE device_scope (
  device_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  -- How much of the participant's history from before the device's cursor has been sent: the
  -- last seq sent, or -1 once all of it has.
  backfilled_to INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (device_id, participant_id)
) WITHOUT ROWID;
CREATE TABLE assignments (
  participant_id TEXT NOT NULL,
  key_worker TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  unassigned_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (participant_id, assigned_at, key_worker)
) WITHOUT ROWID;
INSERT INTO assignments(participant_id, key_worker, assigned_at)
  SELECT participant_id, key_worker, '' FROM participants;
