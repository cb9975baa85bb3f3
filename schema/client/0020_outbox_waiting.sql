-- 0020 outbox waiting (tablet only): a partial index of the changes still waiting for the
-- server. The outbox keeps every change the tablet ever made (a confirmed one only gets its
-- confirmed_at), so without it the waiting count read after every sync round and every save,
-- the next batch to push and the refused count each scan the tablet's whole history. With it
-- they read only the waiting changes (store::CountWaiting, WaitingChanges, CountQuarantined).
-- Numbered 0020 to leave 0014-0019 free for the server's migrations of the same release.
CREATE INDEX outbox_waiting ON outbox(device_seq) WHERE confirmed_at = '';
