-- Version 13 (SQLite): the column a write names what it touched in for the other nodes (PostgreSQL migration 0014).
-- SQLite has one node: nothing writes it here; it exists so both stores have the same tables.
ALTER TABLE organizations ADD COLUMN access_change TEXT NULL;
