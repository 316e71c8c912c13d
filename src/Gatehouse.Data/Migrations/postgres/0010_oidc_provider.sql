-- Version 10 (PostgreSQL): the OpenID Connect provider (docs/oidc.md). OpenIddict's clients, authorizations, scopes and tokens
-- as oidc_* tables (DDL generated with dotnet-ef 10.0.15 from the model), and the provider's keys, private halves protected with Data Protection.
CREATE TABLE oidc_applications (
    id text NOT NULL,
    application_type character varying(50),
    client_id character varying(100),
    client_secret text,
    client_type character varying(50),
    concurrency_token character varying(50),
    consent_type character varying(50),
    display_name text,
    display_names text,
    json_web_key_set text,
    permissions text,
    post_logout_redirect_uris text,
    properties text,
    redirect_uris text,
    requirements text,
    settings text,
    CONSTRAINT oidc_applications_pkey PRIMARY KEY (id)
);

CREATE TABLE oidc_keys (
    id uuid NOT NULL,
    use integer NOT NULL,
    protected_key text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    retired_at timestamp with time zone,
    expires_at timestamp with time zone,
    CONSTRAINT oidc_keys_pkey PRIMARY KEY (id)
);

CREATE TABLE oidc_scopes (
    id text NOT NULL,
    concurrency_token character varying(50),
    description text,
    descriptions text,
    display_name text,
    display_names text,
    name character varying(200),
    properties text,
    resources text,
    CONSTRAINT oidc_scopes_pkey PRIMARY KEY (id)
);

CREATE TABLE oidc_authorizations (
    id text NOT NULL,
    application_id text,
    concurrency_token character varying(50),
    creation_date timestamp with time zone,
    properties text,
    scopes text,
    status character varying(50),
    subject character varying(400),
    type character varying(50),
    CONSTRAINT oidc_authorizations_pkey PRIMARY KEY (id),
    CONSTRAINT oidc_authorizations_application_id_fkey FOREIGN KEY (application_id) REFERENCES oidc_applications (id)
);

CREATE TABLE oidc_tokens (
    id text NOT NULL,
    application_id text,
    authorization_id text,
    concurrency_token character varying(50),
    creation_date timestamp with time zone,
    expiration_date timestamp with time zone,
    payload text,
    properties text,
    redemption_date timestamp with time zone,
    reference_id character varying(100),
    status character varying(50),
    subject character varying(400),
    type character varying(150),
    CONSTRAINT oidc_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT oidc_tokens_application_id_fkey FOREIGN KEY (application_id) REFERENCES oidc_applications (id),
    CONSTRAINT oidc_tokens_authorization_id_fkey FOREIGN KEY (authorization_id) REFERENCES oidc_authorizations (id)
);

CREATE UNIQUE INDEX ix_oidc_applications_client_id ON oidc_applications (client_id);

CREATE INDEX ix_oidc_authorizations_application_id_status_subject_type ON oidc_authorizations (application_id, status, subject, type);

CREATE INDEX ix_oidc_keys_use ON oidc_keys (use, created_at);

CREATE UNIQUE INDEX ix_oidc_scopes_name ON oidc_scopes (name);

CREATE INDEX ix_oidc_tokens_application_id_status_subject_type ON oidc_tokens (application_id, status, subject, type);

CREATE INDEX ix_oidc_tokens_authorization_id ON oidc_tokens (authorization_id);

CREATE UNIQUE INDEX ix_oidc_tokens_reference_id ON oidc_tokens (reference_id);
