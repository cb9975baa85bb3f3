-- 0002 changes: the log of every change, the unit of sync.
-- A change is identified by (device_id, device_seq): the device's own counter, so a retried push
-- is recognised by the unique index alone. On the server the rowid is the monotonic sequence
-- devices pull from; on a tablet server_seq records where the server put it (0 until known).
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY,           -- local order; the server's pull sequence
  device_id TEXT NOT NULL,
  device_seq INTEGER NOT NULL,
  hlc TEXT NOT NULL,                 -- hybrid logical clock stamp
  author TEXT NOT NULL,              -- username
  record_type TEXT NOT NULL,         -- participant, contact
  record_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,      -- whose record it is: the unit of caseload scope
  fields TEXT NOT NULL,              -- JSON object of the fields written
  captured_at TEXT NOT NULL,         -- device clock, ISO 8601 UTC
  received_at TEXT NOT NULL DEFAULT '',  -- server clock, ISO 8601 UTC; empty until received
  server_seq INTEGER NOT NULL DEFAULT 0,
  UNIQUE (device_id, device_seq)
);
CREATE INDEX changes_by_participant ON changes(participant_id, seq);
