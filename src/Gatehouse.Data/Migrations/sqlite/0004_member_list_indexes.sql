-- Version 4 (SQLite): indexes for member-list pages in large organizations (docs/benchmarks.md, "Server").
-- The grant indexes carry member_id, so the list's EXISTS filters (role, organization-wide, scope) read the index alone.
DROP INDEX ix_grants_scope;
CREATE INDEX ix_grants_scope ON grants (organization_id, scope_id, member_id);
DROP INDEX ix_grants_role;
CREATE INDEX ix_grants_role ON grants (organization_id, role_key, member_id);
-- "Full access" members by name, without walking everyone else.
CREATE INDEX ix_members_full_access ON members (organization_id, sort_name, id) WHERE has_full_access;
