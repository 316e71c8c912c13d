-- Version 2 (SQLite): member directory columns (backfilled from users) for fast member lists,
-- account erasure, API keys and the email outbox.
ALTER TABLE users ADD COLUMN erased_at INTEGER NULL;

ALTER TABLE members ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN last_login_at INTEGER NULL;
ALTER TABLE members ADD COLUMN user_kind TEXT NOT NULL DEFAULT 'Person';
UPDATE members SET
    sort_name = (SELECT lower(CASE WHEN trim(u.first_name || u.last_name) = '' THEN u.email ELSE trim(u.first_name || ' ' || u.last_name) END) FROM users u WHERE u.id = members.user_id),
    email = (SELECT u.normalized_email FROM users u WHERE u.id = members.user_id),
    last_login_at = (SELECT u.last_login_at FROM users u WHERE u.id = members.user_id),
    user_kind = (SELECT u.kind FROM users u WHERE u.id = members.user_id);
CREATE INDEX ix_members_sort_name ON members (organization_id, sort_name, id);
CREATE INDEX ix_members_email ON members (organization_id, email, id);
CREATE INDEX ix_members_last_login ON members (organization_id, last_login_at, id);

CREATE TABLE api_keys (
    id TEXT NOT NULL PRIMARY KEY,
    token_hash TEXT NOT NULL,
    hint TEXT NOT NULL,
    name TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization_id TEXT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_by_user_id TEXT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER NULL,
    revoked_at INTEGER NULL
);
CREATE UNIQUE INDEX ux_api_keys_token ON api_keys (token_hash);
CREATE INDEX ix_api_keys_user ON api_keys (user_id);

CREATE TABLE outbox_messages (
    id TEXT NOT NULL PRIMARY KEY,
    organization_id TEXT NULL,
    kind TEXT NOT NULL,
    "to" TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT NULL
);
CREATE INDEX ix_outbox_pending ON outbox_messages (sent_at, next_attempt_at);
