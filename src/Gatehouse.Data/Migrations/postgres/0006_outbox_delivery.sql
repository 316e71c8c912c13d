-- Version 6 (PostgreSQL): delivery of the email outbox. A message is pending, sent (over SMTP or kept in the
-- dev mailbox) or failed for good after its attempts; a node claims a message for a lease before sending it.
ALTER TABLE outbox_messages ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE outbox_messages ADD COLUMN delivered_via TEXT NULL;
ALTER TABLE outbox_messages ADD COLUMN claimed_until timestamptz NULL;
ALTER TABLE outbox_messages ADD COLUMN claimed_by uuid NULL;
UPDATE outbox_messages SET status = 'sent', delivered_via = 'smtp' WHERE sent_at IS NOT NULL;
CREATE INDEX ix_outbox_due ON outbox_messages (status, next_attempt_at);
