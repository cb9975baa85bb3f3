-- 0003 device (tablet only): the outbox of changes not yet confirmed by the server, and the
-- device's own state (its id, next counter, pull cursor, the signed-in key worker).
-- A change leaves the outbox only when a push reply lists it as applied or already known.
CREATE TABLE outbox (
  device_seq INTEGER PRIMARY KEY,
  queued_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  confirmed_at TEXT NOT NULL DEFAULT ''  -- server's received_at once confirmed
);
CREATE TABLE device_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
