-- Version 9 (PostgreSQL): an invitation may offer ownership (the first administrator of a new organization becomes
-- its owner on accepting). Existing invitations offer none.
ALTER TABLE invitations ADD COLUMN ownership boolean NOT NULL DEFAULT false;
