-- 0005 sync v2: hash-chained changes, every record type stored generically, field-level merge.
-- Each change now carries the hash of the device's previous change (prev_hash) and its own
-- (hash), so a device's outbox is a verifiable chain; and, for mutable records, the clock of
-- the value the device saw when it wrote each field (base), which tells a deliberate overwrite
-- from a concurrent edit. Records of every type live in `records`; every field write is kept in
-- `field_writes`, so a value that lost a merge is never dropped and can be listed for review.
ALTER TABLE changes ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE changes ADD COLUMN hash TEXT NOT NULL DEFAULT '';
ALTER TABLE changes ADD COLUMN base TEXT NOT NULL DEFAULT '{}';

CREATE TABLE records (
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  fields TEXT NOT NULL,        -- JSON object: the current value of every field
  field_hlcs TEXT NOT NULL,    -- JSON object: the clock of the write each value came from
  created_change TEXT NOT NULL,  -- change id that created it (immutable records: the only one)
  PRIMARY KEY (record_type, record_id)
) WITHOUT ROWID;
CREATE INDEX records_by_participant ON records(participant_id, record_type);

CREATE TABLE field_writes (
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hlc TEXT NOT NULL,
  base_hlc TEXT NOT NULL,      -- the clock of the value the writer had seen ('' if none)
  value TEXT NOT NULL,
  change_id TEXT NOT NULL,
  lost INTEGER NOT NULL DEFAULT 0,  -- 1: overwritten by a concurrent write that never saw it
  PRIMARY KEY (record_type, record_id, field, hlc)
) WITHOUT ROWID;

-- Existing records, carried into the generic table so merges see them.
INSERT INTO records(record_type, record_id, participant_id, fields, field_hlcs, created_change)
  SELECT 'participant', participant_id, participant_id,
         json_object('key_worker', key_worker, 'given_name', given_name, 'family_name', family_name,
                     'ni_number', ni_number, 'date_of_birth', date_of_birth,
                     'referral_date', referral_date, 'start_date', start_date,
                     'journey_stage', journey_stage),
         json_object('key_worker', updated_hlc, 'given_name', updated_hlc,
                     'family_name', updated_hlc, 'ni_number', updated_hlc,
                     'date_of_birth', updated_hlc, 'referral_date', updated_hlc,
                     'start_date', updated_hlc, 'journey_stage', updated_hlc),
         ''
  FROM participants;
INSERT INTO records(record_type, record_id, participant_id, fields, field_hlcs, created_change)
  SELECT 'contact', contact_id, participant_id,
         json_object('occurred_at', occurred_at, 'mode', mode, 'location', location,
                     'outcome', outcome, 'notes', notes, 'digital_reason', digital_reason,
                     'corrects_contact_id', corrects_contact_id),
         '{}', change_id
  FROM contacts;
