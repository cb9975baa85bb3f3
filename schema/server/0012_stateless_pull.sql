-- 0012 stateless pull (central store only): which participants a device holds now follows from
-- the cursor it sends (the key worker written before and after it), so a lost reply or a
-- repeated request can never leave a device with a removed participant or without a new one's
-- history. The per-device record of what was sent is no longer needed.
DROP TABLE device_scope;
