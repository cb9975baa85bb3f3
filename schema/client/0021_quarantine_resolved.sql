-- 0021 quarantine resolved (tablet only): a change the server refused stays in the outbox and in
-- the change log for good (and the server keeps it in rejected_changes), but the key worker can
-- resolve it: by a correction (a new change, named here) or by leaving it with the supervisor
-- ('supervisor'). A resolved change no longer counts as waiting, so it no longer blocks signing
-- out; nothing is deleted. Numbered 0021 to leave 0014-0019 to the server and 0020 to the tablet's
-- outbox index of the same release.
ALTER TABLE outbox ADD COLUMN resolved_by TEXT NOT NULL DEFAULT '';
