-- 0007 quarantine (tablet only): a change the server refused stays in the outbox, marked
-- quarantined with the server's reason, shown to the key worker; it is never pushed again as
-- it is (its correction is a new change), and never thrown away.
ALTER TABLE outbox ADD COLUMN quarantined_at TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN reason TEXT NOT NULL DEFAULT '';
