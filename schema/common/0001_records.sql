-- 0001 records: the participant and contact records both sides hold.
-- Participants are mutable (the later hybrid clock wins); contacts are immutable evidence, inserted
-- once and never updated (a correction is a new contact naming the one it corrects).
-- The tablet holds only its key worker's caseload; the central store holds everyone.
CREATE TABLE participants (
  participant_id TEXT PRIMARY KEY,   -- UUID
  key_worker TEXT NOT NULL,          -- username of the assigned Key Worker
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  ni_number TEXT NOT NULL DEFAULT '',
  date_of_birth TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD
  referral_date TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD, when the Jobcentre referred
  start_date TEXT NOT NULL DEFAULT '',      -- YYYY-MM-DD, the initial face-to-face meeting
  journey_stage TEXT NOT NULL DEFAULT '',   -- a short phrase for the caseload list
  updated_hlc TEXT NOT NULL          -- hybrid clock of the change that last wrote this row
);
CREATE INDEX participants_by_key_worker ON participants(key_worker);

CREATE TABLE contacts (
  contact_id TEXT PRIMARY KEY,       -- UUID
  participant_id TEXT NOT NULL,
  occurred_at TEXT NOT NULL,         -- local date and time of the contact, YYYY-MM-DDTHH:MM
  mode TEXT NOT NULL,                -- face_to_face, telephone, email, text, video
  location TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,             -- attended, failed_to_attend, no_answer
  notes TEXT NOT NULL DEFAULT '',
  digital_reason TEXT NOT NULL DEFAULT '',  -- why not face to face (COVID box), for video etc.
  corrects_contact_id TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,         -- username of the Key Worker
  device_id TEXT NOT NULL,
  change_id TEXT NOT NULL            -- the change that created it: device_id:device_seq
);
CREATE INDEX contacts_by_participant ON contacts(participant_id, occurred_at);
