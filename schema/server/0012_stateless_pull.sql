-- 0012 stateless pull (central store only): a device now sends back, with each pull, the list of
-- participants it holds (as the reply it last applied gave it), so a lost reply or a repeated
-- request can never leave a device with a removed participant or without a new one's history.
-- The per-device record of what was sent is no longer needed.
DROP TABLE device_scope;
