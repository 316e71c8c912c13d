-- Version 2 (PostgreSQL): member directory columns (backfilled from users) for fast member lists,
-- account erasure, API keys and the email outbox.
ALTER TABLE users ADD COLUMN erased_at timestamptz NULL;

ALTER TABLE members ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN last_login_at timestamptz NULL;
ALTER TABLE members ADD COLUMN user_kind TEXT NOT NULL DEFAULT 'Person';
UPDATE members m SET
    sort_name = lower(CASE WHEN trim(u.first_name || u.last_name) = '' THEN u.email ELSE trim(u.first_name || ' ' || u.last_name) END),
    email = u.normalized_email,
    last_login_at = u.last_login_at,
    user_kind = u.kind
FROM users u WHERE u.id = m.user_id;
CREATE INDEX ix_members_sort_name ON members (organization_id, sort_name, id);
CREATE INDEX ix_members_email ON members (organization_id, email, id);
CREATE INDEX ix_members_last_login ON members (organization_id, last_login_at, id);

CREATE TABLE api_keys (
    id uuid NOT NULL PRIMARY KEY,
    token_hash TEXT NOT NULL,
    hint TEXT NOT NULL,
    name TEXT NOT NULL,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id uuid NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_by_user_id uuid NULL,
    created_at timestamptz NOT NULL,
    last_used_at timestamptz NULL,
    revoked_at timestamptz NULL
);
CREATE UNIQUE INDEX ux_api_keys_token ON api_keys (token_hash);
CREATE INDEX ix_api_keys_user ON api_keys (user_id);

CREATE TABLE outbox_messages (
    id uuid NOT NULL PRIMARY KEY,
    organization_id uuid NULL,
    kind TEXT NOT NULL,
    "to" TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NULL,
    created_at timestamptz NOT NULL,
    sent_at timestamptz NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error TEXT NULL
);
CREATE INDEX ix_outbox_pending ON outbox_messages (sent_at, next_attempt_at);
