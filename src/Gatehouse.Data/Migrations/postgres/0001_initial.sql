-- Gatehouse schema, version 1 (PostgreSQL).
CREATE TABLE organizations (
    id uuid NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    plan TEXT NOT NULL,
    seat_limit INTEGER NULL,
    access_version bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL
);

CREATE TABLE scopes (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id uuid NOT NULL,
    parent_id uuid NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (organization_id, id)
);
CREATE INDEX ix_scopes_parent ON scopes (organization_id, parent_id);

CREATE TABLE users (
    id uuid NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'Person',
    email TEXT NOT NULL,
    normalized_email TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT NULL,
    locale TEXT NULL,
    password_hash TEXT NULL,
    security_stamp TEXT NOT NULL,
    email_verified_at timestamptz NULL,
    last_login_at timestamptz NULL,
    lockout_end timestamptz NULL,
    created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX ux_users_normalized_email ON users (normalized_email);

CREATE TABLE members (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id uuid NOT NULL,
    user_id uuid NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    is_owner boolean NOT NULL,
    has_full_access boolean NOT NULL,
    managed_by TEXT NOT NULL,
    joined_at timestamptz NOT NULL,
    deactivated_at timestamptz NULL,
    version INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, id)
);
CREATE UNIQUE INDEX ux_members_user ON members (organization_id, user_id);
CREATE INDEX ix_members_user ON members (user_id);

CREATE TABLE roles (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id uuid NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    inline_for_member_id uuid NULL,
    permissions TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, id)
);
CREATE UNIQUE INDEX ux_roles_key ON roles (organization_id, key);

CREATE TABLE grants (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    role_key TEXT NOT NULL,
    scope_id uuid NULL,
    PRIMARY KEY (organization_id, id),
    FOREIGN KEY (organization_id, member_id) REFERENCES members (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX ix_grants_member ON grants (organization_id, member_id);
CREATE INDEX ix_grants_scope ON grants (organization_id, scope_id);
CREATE INDEX ix_grants_role ON grants (organization_id, role_key);

CREATE TABLE invitations (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    id uuid NOT NULL,
    email TEXT NOT NULL,
    normalized_email TEXT NOT NULL,
    grants TEXT NOT NULL,
    full_access boolean NOT NULL,
    invited_by_member_id uuid NOT NULL,
    sent_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    status TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    resend_count INTEGER NOT NULL DEFAULT 0,
    closed_at timestamptz NULL,
    accepted_by_user_id uuid NULL,
    PRIMARY KEY (organization_id, id)
);
CREATE UNIQUE INDEX ux_invitations_token ON invitations (token_hash);
CREATE INDEX ix_invitations_email ON invitations (organization_id, normalized_email, status);
CREATE INDEX ix_invitations_status ON invitations (organization_id, status, sent_at);

CREATE TABLE audit_events (
    id uuid NOT NULL PRIMARY KEY,
    organization_id uuid NULL,
    actor_user_id uuid NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    before TEXT NULL,
    after TEXT NULL,
    occurred_at timestamptz NOT NULL,
    ip_address TEXT NULL
);
CREATE INDEX ix_audit_events_organization ON audit_events (organization_id, occurred_at, id);
CREATE INDEX ix_audit_events_actor ON audit_events (actor_user_id);

CREATE TABLE platform_operators (
    user_id uuid NOT NULL PRIMARY KEY REFERENCES users (id),
    created_at timestamptz NOT NULL
);

CREATE TABLE setup_tokens (
    id uuid NOT NULL PRIMARY KEY,
    token_hash TEXT NOT NULL,
    created_at timestamptz NOT NULL,
    used_at timestamptz NULL
);
