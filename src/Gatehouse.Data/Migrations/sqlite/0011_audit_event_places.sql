-- Version 11 (SQLite): the places each audit event touches (a scope, or the organization as the empty id), so a
-- viewer with audit.view at some scopes only reads the events about them (docs/api.md, "Audit log"). Events recorded
-- before this version have none and stay with viewers who hold audit.view on the whole organization.
CREATE TABLE audit_event_places (
    event_id TEXT NOT NULL,
    scope_id TEXT NOT NULL,
    CONSTRAINT audit_event_places_pkey PRIMARY KEY (event_id, scope_id)
);
