-- 0016 change runs (central store only): the log finds a device's change by (device_id,
-- device_seq) through runs instead of through a unique index holding every change.
--
-- A push stores its accepted changes one after the other, so a device's numbers n, n+1, ... sit
-- at log positions s, s+1, ...: one `change_runs` row per push says so. The index on
-- (device_id, device_seq) paid for an entry per change, about a tenth of the processor time a
-- pushed change cost (bench_sync); the runs pay for one row per push. Nothing needs the index to refuse a
-- change twice: a push stores only numbers past the device's chain (device_chains.last_seq), and
-- any other writer asks the runs first (store::ApplyChanges).
--
-- Runs are made for what the log already holds: a run breaks wherever either number jumps, so a
-- log written in any order is described exactly. Then `changes` is rebuilt without the UNIQUE
-- constraint, which SQLite cannot drop in place. legacy_alter_table keeps the views over
-- `changes` (records, contacts) as they are written: they name the table, not its old copy.
CREATE TABLE change_runs (
  device_id TEXT NOT NULL,
  first_device_seq INTEGER NOT NULL,
  last_device_seq INTEGER NOT NULL,
  first_seq INTEGER NOT NULL,        -- the log position (changes.seq) of first_device_seq
  PRIMARY KEY (device_id, first_device_seq)
) WITHOUT ROWID;

INSERT INTO change_runs(device_id, first_device_seq, last_device_seq, first_seq)
  SELECT device_id, min(device_seq), max(device_seq), min(seq)
  FROM (SELECT device_id, device_seq, seq,
               sum(starts_run) OVER (PARTITION BY device_id ORDER BY device_seq
                                     ROWS UNBOUNDED PRECEDING) AS run
        FROM (SELECT device_id, device_seq, seq,
                     CASE WHEN device_seq = 1 + lag(device_seq) OVER by_number
                           AND seq = 1 + lag(seq) OVER by_number THEN 0 ELSE 1 END AS starts_run
              FROM changes
              WINDOW by_number AS (PARTITION BY device_id ORDER BY device_seq)))
  GROUP BY device_id, run;

PRAGMA legacy_alter_table = ON;
CREATE TABLE changes_by_run (
  seq INTEGER PRIMARY KEY,           -- the pull sequence
  device_id TEXT NOT NULL,
  device_seq INTEGER NOT NULL,       -- found through change_runs
  hlc TEXT NOT NULL,
  author TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  fields TEXT NOT NULL,
  captured_at TEXT NOT NULL,
  received_at TEXT NOT NULL DEFAULT '',
  server_seq INTEGER NOT NULL DEFAULT 0,
  prev_hash TEXT NOT NULL DEFAULT '',
  hash TEXT NOT NULL DEFAULT '',
  base TEXT NOT NULL DEFAULT '{}',
  evidence_record INTEGER NOT NULL DEFAULT 0
);
INSERT INTO changes_by_run
  SELECT seq, device_id, device_seq, hlc, author, record_type, record_id, participant_id, fields,
         captured_at, received_at, server_seq, prev_hash, hash, base, evidence_record
  FROM changes;
DROP TABLE changes;
ALTER TABLE changes_by_run RENAME TO changes;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX changes_evidence ON changes(record_type, record_id) WHERE evidence_record = 1;
