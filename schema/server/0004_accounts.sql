-- 0004 accounts (central store only): users and their roles, the devices they sign in from, and
-- sessions. Passwords are stored only as salted PBKDF2 hashes, tokens only as SHA-256 hashes.
CREATE TABLE users (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('key_worker', 'supervisor', 'administrator', 'compliance_officer')),
  password_hash TEXT NOT NULL,       -- pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>
  created_at TEXT NOT NULL
);
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES users(username),
  enrolled_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,       -- hex SHA-256 of the bearer token
  username TEXT NOT NULL REFERENCES users(username),
  device_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
