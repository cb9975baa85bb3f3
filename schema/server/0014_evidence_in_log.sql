-- 0014 evidence in the log (central store only): an evidence record (a contact, a signature, any
-- type written once) is now stored once, as the change that created it, instead of three times:
-- as that change, again as a `records` row (with its own index by participant) and, for a
-- contact, again as a `contacts` row. Those copies tripled the bytes every pushed contact wrote
-- and the pages every push dirtied, for text the change log already held word for word.
--
-- `changes.evidence_record` is 1 on the change that is an evidence record's stored copy: the
-- first one received for that record id (a later change with the same evidence id stays in the log
-- for the chain, as before, and is not the record). A partial unique index finds them by id.
-- Mutable records (participants, plan items, ...), whose value is merged from many writes, move to
-- `record_state`; evidence records the log does not hold, to `evidence_unlogged`. `records` and `contacts` become views with the columns they had, so every
-- reader works unchanged. Tablets keep their tables: they remove a participant's records when the
-- caseload changes, and read one participant's contacts by index.
--
-- Existing data is carried over: an evidence record whose creating change the log holds with the
-- same participant and fields is marked on that change and its copies are dropped; any other (none
-- is expected) is kept in evidence_unlogged and contacts_unlogged, and still shown by the views.
ALTER TABLE changes ADD COLUMN evidence_record INTEGER NOT NULL DEFAULT 0;

UPDATE changes SET evidence_record = 1
WHERE record_type IN ('contact', 'signature', 'ipes07_notice', 'jobcentre_answer', 'exit_document',
                      'employer_support_plan', 'access_to_work')
  AND EXISTS (SELECT 1 FROM records r
              WHERE r.record_type = changes.record_type AND r.record_id = changes.record_id
                AND r.created_change = changes.device_id || ':' || changes.device_seq
                AND r.participant_id = changes.participant_id AND r.fields = changes.fields);

CREATE UNIQUE INDEX changes_evidence ON changes(record_type, record_id) WHERE evidence_record = 1;

ALTER TABLE records RENAME TO record_state;
CREATE TABLE evidence_unlogged (
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  fields TEXT NOT NULL,
  field_hlcs TEXT NOT NULL,
  created_change TEXT NOT NULL,
  PRIMARY KEY (record_type, record_id)
) WITHOUT ROWID;
INSERT INTO evidence_unlogged
  SELECT * FROM record_state
  WHERE record_type IN ('contact', 'signature', 'ipes07_notice', 'jobcentre_answer',
                        'exit_document', 'employer_support_plan', 'access_to_work')
    AND NOT EXISTS (SELECT 1 FROM changes c
                    WHERE c.evidence_record = 1 AND c.record_type = record_state.record_type
                      AND c.record_id = record_state.record_id);
DELETE FROM record_state
WHERE record_type IN ('contact', 'signature', 'ipes07_notice', 'jobcentre_answer', 'exit_document',
                      'employer_support_plan', 'access_to_work');

ALTER TABLE contacts RENAME TO contacts_unlogged;
DELETE FROM contacts_unlogged
WHERE EXISTS (SELECT 1 FROM changes c
              WHERE c.evidence_record = 1 AND c.record_type = 'contact'
                AND c.record_id = contacts_unlogged.contact_id);

CREATE VIEW records(record_type, record_id, participant_id, fields, field_hlcs, created_change) AS
  SELECT record_type, record_id, participant_id, fields, field_hlcs, created_change
  FROM record_state
  UNION ALL
  SELECT record_type, record_id, participant_id, fields, field_hlcs, created_change
  FROM evidence_unlogged
  UNION ALL
  SELECT record_type, record_id, participant_id, fields, '{}', device_id || ':' || device_seq
  FROM changes WHERE evidence_record = 1;

-- A contact's columns are its fields as the tablet sent them ('' when absent, as before).
CREATE VIEW contacts(contact_id, participant_id, occurred_at, mode, location, outcome, notes,
                     digital_reason, corrects_contact_id, recorded_by, device_id, change_id) AS
  SELECT record_id, participant_id,
         ifnull(json_extract(fields, '$.occurred_at'), ''),
         ifnull(json_extract(fields, '$.mode'), ''),
         ifnull(json_extract(fields, '$.location'), ''),
         ifnull(json_extract(fields, '$.outcome'), ''),
         ifnull(json_extract(fields, '$.notes'), ''),
         ifnull(json_extract(fields, '$.digital_reason'), ''),
         ifnull(json_extract(fields, '$.corrects_contact_id'), ''),
         author, device_id, device_id || ':' || device_seq
  FROM changes WHERE evidence_record = 1 AND record_type = 'contact'
  UNION ALL
  SELECT contact_id, participant_id, occurred_at, mode, location, outcome, notes, digital_reason,
         corrects_contact_id, recorded_by, device_id, change_id
  FROM contacts_unlogged;
