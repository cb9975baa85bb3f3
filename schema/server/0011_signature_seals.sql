-- 0011 signature seals (central store only): when a signature reaches the server, the server
-- signs what it received (the strokes' hash, the hash of the document shown, the plan version,
-- who signed and how) with its own Ed25519 key, and keeps the seal and the public key beside
-- it. Later, anyone can check that the stored signature still matches what was sealed.
CREATE TABLE signature_seals (
  record_id TEXT PRIMARY KEY,    -- the signature record
  participant_id TEXT NOT NULL,
  sealed_at TEXT NOT NULL,
  strokes_hash TEXT NOT NULL,    -- SHA-256 of the strokes as received
  document_hash TEXT NOT NULL,   -- as received: the SHA-256 of the plan version shown
  plan_version TEXT NOT NULL,
  signer TEXT NOT NULL,          -- signer_role, signer_name and method, as received
  seal TEXT NOT NULL,            -- hex Ed25519 signature over SealedText()
  public_key TEXT NOT NULL       -- hex raw Ed25519 public key that made the seal
) WITHOUT ROWID;
