-- Version 7 (PostgreSQL): a newer email replaces a pending older one about the same thing (an invitation, a
-- person's password reset or email address). Messages written with the same supersede key replace each other: the older
-- pending ones become 'superseded' and are never sent.
ALTER TABLE outbox_messages ADD COLUMN supersede_key TEXT NULL;
CREATE INDEX ix_outbox_supersede ON outbox_messages (supersede_key, status);
