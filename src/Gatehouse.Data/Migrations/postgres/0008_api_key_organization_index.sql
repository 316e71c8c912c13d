-- Version 8 (PostgreSQL): an index on the organization of API keys, which the foreign key to organizations lacked,
-- so removing an organization (ON DELETE CASCADE) finds its keys without reading every key. The EF model declares
-- it too (tests/Gatehouse.Server.Tests/Schema/SchemaParityTests.cs compares the two).
CREATE INDEX ix_api_keys_organization ON api_keys (organization_id);
