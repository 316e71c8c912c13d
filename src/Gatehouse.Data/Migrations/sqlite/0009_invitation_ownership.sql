-- Version 9 (SQLite): an invitation may offer ownership (the first administrator of a new organization becomes
-- its owner on accepting). Existing invitations offer none.
ALTER TABLE invitations ADD COLUMN ownership INTEGER NOT NULL DEFAULT 0;
