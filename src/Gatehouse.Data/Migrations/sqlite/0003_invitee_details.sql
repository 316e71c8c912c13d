-- Version 3 (SQLite): the invitee's name and phone as the inviter typed them (facilities: "Invite User" asks
-- for first name, last name and phone), used to prefill the account when the invitation is accepted.
ALTER TABLE invitations ADD COLUMN first_name TEXT NULL;
ALTER TABLE invitations ADD COLUMN last_name TEXT NULL;
ALTER TABLE invitations ADD COLUMN phone TEXT NULL;
