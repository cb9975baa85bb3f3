-- 0010 audit (central store only): an append-only log of every change applied and every
-- participant record a supervisor or compliance officer read, each entry carrying the hash of
-- the one before, so that a removed, altered or reordered entry breaks the chain at that point
-- (`outpost-sync-server audit-verify` names the first broken entry). Triggers refuse updates and
-- deletes, so the log can only grow through the server.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,              -- server clock, ISO 8601 UTC
  username TEXT NOT NULL,
  device_id TEXT NOT NULL,
  action TEXT NOT NULL,          -- change_applied, record_read
  participant_id TEXT NOT NULL,
  detail TEXT NOT NULL,          -- the change id, or the page or request that showed the record
  change_seq INTEGER NOT NULL DEFAULT 0,  -- for change_applied: the change's seq in the log
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_change ON audit_log(change_seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
