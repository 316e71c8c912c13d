-- Version 5 (SQLite): failed sign-in attempts for lockout, and the Data Protection key ring (cookies, reset
-- and verification tokens) kept in the database so every node and every restart reads the same keys.
ALTER TABLE users ADD COLUMN access_failed_count INTEGER NOT NULL DEFAULT 0;
CREATE TABLE data_protection_keys (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT NULL,
    xml TEXT NULL
);
