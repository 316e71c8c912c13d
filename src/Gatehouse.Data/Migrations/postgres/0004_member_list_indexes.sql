-- Version 4 (PostgreSQL): indexes for member-list pages in large organizations (docs/benchmarks.md, "Server").
-- The grant indexes carry member_id, so the list's EXISTS filters (role, organization-wide, scope) read the index alone.
DROP INDEX ix_grants_scope;
CREATE INDEX ix_grants_scope ON grants (organization_id, scope_id, member_id);
DROP INDEX ix_grants_role;
CREATE INDEX ix_grants_role ON grants (organization_id, role_key, member_id);
-- "Full access" members by name, without walking everyone else.
CREATE INDEX ix_members_full_access ON members (organization_id, sort_name, id) WHERE has_full_access;
-- Free-text search (q) on name and email: trigram indexes, per organization (btree_gin puts the organization
-- in the same GIN index). Both are contrib extensions that PostgreSQL marks trusted; where they are missing or
-- may not be created, the list still works, only a search scans the organization.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm')
       AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE EXTENSION IF NOT EXISTS btree_gin;
        CREATE INDEX ix_members_sort_name_trgm ON members USING gin (organization_id, sort_name gin_trgm_ops);
        CREATE INDEX ix_members_email_trgm ON members USING gin (organization_id, email gin_trgm_ops);
    ELSE
        RAISE NOTICE 'pg_trgm or btree_gin is not installed: member search runs without trigram indexes.';
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'Not allowed to create pg_trgm or btree_gin: member search runs without trigram indexes.';
END
$$;
