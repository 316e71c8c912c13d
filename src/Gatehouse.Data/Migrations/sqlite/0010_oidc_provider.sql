-- Version 10 (SQLite): the OpenID Connect provider (docs/oidc.md). OpenIddict's clients, authorizations, scopes and tokens as
-- oidc_* tables (DDL generated with dotnet-ef 10.0.15 from the model), and the provider's keys, private halves protected with Data Protection.
CREATE TABLE "oidc_applications" (
    "id" TEXT NOT NULL CONSTRAINT "oidc_applications_pkey" PRIMARY KEY,
    "application_type" TEXT NULL,
    "client_id" TEXT NULL,
    "client_secret" TEXT NULL,
    "client_type" TEXT NULL,
    "concurrency_token" TEXT NULL,
    "consent_type" TEXT NULL,
    "display_name" TEXT NULL,
    "display_names" TEXT NULL,
    "json_web_key_set" TEXT NULL,
    "permissions" TEXT NULL,
    "post_logout_redirect_uris" TEXT NULL,
    "properties" TEXT NULL,
    "redirect_uris" TEXT NULL,
    "requirements" TEXT NULL,
    "settings" TEXT NULL
);

CREATE TABLE "oidc_keys" (
    "id" TEXT NOT NULL CONSTRAINT "oidc_keys_pkey" PRIMARY KEY,
    "use" INTEGER NOT NULL,
    "protected_key" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "retired_at" INTEGER NULL,
    "expires_at" INTEGER NULL
);

CREATE TABLE "oidc_scopes" (
    "id" TEXT NOT NULL CONSTRAINT "oidc_scopes_pkey" PRIMARY KEY,
    "concurrency_token" TEXT NULL,
    "description" TEXT NULL,
    "descriptions" TEXT NULL,
    "display_name" TEXT NULL,
    "display_names" TEXT NULL,
    "name" TEXT NULL,
    "properties" TEXT NULL,
    "resources" TEXT NULL
);

CREATE TABLE "oidc_authorizations" (
    "id" TEXT NOT NULL CONSTRAINT "oidc_authorizations_pkey" PRIMARY KEY,
    "application_id" TEXT NULL,
    "concurrency_token" TEXT NULL,
    "creation_date" TEXT NULL,
    "properties" TEXT NULL,
    "scopes" TEXT NULL,
    "status" TEXT NULL,
    "subject" TEXT NULL,
    "type" TEXT NULL,
    CONSTRAINT "oidc_authorizations_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "oidc_applications" ("id")
);

CREATE TABLE "oidc_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "oidc_tokens_pkey" PRIMARY KEY,
    "application_id" TEXT NULL,
    "authorization_id" TEXT NULL,
    "concurrency_token" TEXT NULL,
    "creation_date" TEXT NULL,
    "expiration_date" TEXT NULL,
    "payload" TEXT NULL,
    "properties" TEXT NULL,
    "redemption_date" TEXT NULL,
    "reference_id" TEXT NULL,
    "status" TEXT NULL,
    "subject" TEXT NULL,
    "type" TEXT NULL,
    CONSTRAINT "oidc_tokens_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "oidc_applications" ("id"),
    CONSTRAINT "oidc_tokens_authorization_id_fkey" FOREIGN KEY ("authorization_id") REFERENCES "oidc_authorizations" ("id")
);

CREATE UNIQUE INDEX "ix_oidc_applications_client_id" ON "oidc_applications" ("client_id");

CREATE INDEX "ix_oidc_authorizations_application_id_status_subject_type" ON "oidc_authorizations" ("application_id", "status", "subject", "type");

CREATE INDEX "ix_oidc_keys_use" ON "oidc_keys" ("use", "created_at");

CREATE UNIQUE INDEX "ix_oidc_scopes_name" ON "oidc_scopes" ("name");

CREATE INDEX "ix_oidc_tokens_application_id_status_subject_type" ON "oidc_tokens" ("application_id", "status", "subject", "type");

CREATE INDEX "ix_oidc_tokens_authorization_id" ON "oidc_tokens" ("authorization_id");

CREATE UNIQUE INDEX "ix_oidc_tokens_reference_id" ON "oidc_tokens" ("reference_id");
