-- Fills one organization with :n members for the member-list benchmark (PostgreSQL, psql variables
-- :org (uuid literal), :n (count), :scopes (count)). 10% deactivated, 3% full access, 5% organization
-- admins, everyone else a member of one scope; every 7th also a viewer of a second scope.
INSERT INTO organizations (id, name, plan, seat_limit, access_version, created_at)
VALUES (:'org', 'Bench ' || :n, 'bench', NULL, 0, now());

INSERT INTO scopes (organization_id, id, parent_id, name)
SELECT :'org', md5(:'org' || 'scope' || s)::uuid, NULL, 'Scope ' || s
FROM generate_series(0, :scopes - 1) AS s;

INSERT INTO users (id, kind, email, normalized_email, first_name, last_name, phone, locale, password_hash, security_stamp,
                   email_verified_at, last_login_at, lockout_end, created_at)
SELECT md5(:'org' || 'user' || i)::uuid, 'Person',
       'user' || i || '.' || left(:'org', 8) || '@example.com', 'user' || i || '.' || left(:'org', 8) || '@example.com',
       (ARRAY['Ada','Ben','Cleo','Dan','Eva','Finn','Gus','Hana','Ivo','Jana','Kai','Lena','Milo','Nora','Otto','Pia'])[1 + i % 16],
       'Lastname' || lpad((i * 7919 % :n)::text, 6, '0'), '+49 30 ' || i, NULL, NULL, md5(i::text),
       now(), CASE WHEN i % 4 = 0 THEN NULL ELSE now() - (i % 1000) * interval '1 hour' END, NULL, now()
FROM generate_series(1, :n) AS i;

INSERT INTO members (organization_id, id, user_id, status, is_owner, has_full_access, managed_by, joined_at, deactivated_at, version,
                     sort_name, email, last_login_at, user_kind)
SELECT :'org', md5(:'org' || 'member' || i)::uuid, md5(:'org' || 'user' || i)::uuid,
       CASE WHEN i % 10 = 0 THEN 'Deactivated' ELSE 'Active' END, i = 1, i % 33 = 0, 'Gatehouse', now(),
       CASE WHEN i % 10 = 0 THEN now() ELSE NULL END, 0,
       lower(u.first_name || ' ' || u.last_name), u.normalized_email, u.last_login_at, 'Person'
FROM generate_series(1, :n) AS i
JOIN users u ON u.id = md5(:'org' || 'user' || i)::uuid;

INSERT INTO grants (organization_id, id, member_id, role_key, scope_id)
SELECT :'org', md5(:'org' || 'grant' || i)::uuid, md5(:'org' || 'member' || i)::uuid,
       CASE WHEN i % 20 = 0 THEN 'admin' ELSE 'member' END,
       CASE WHEN i % 20 = 0 THEN NULL ELSE md5(:'org' || 'scope' || (i % :scopes))::uuid END
FROM generate_series(1, :n) AS i;

INSERT INTO grants (organization_id, id, member_id, role_key, scope_id)
SELECT :'org', md5(:'org' || 'second-grant' || i)::uuid, md5(:'org' || 'member' || i)::uuid, 'viewer',
       md5(:'org' || 'scope' || ((i + 3) % :scopes))::uuid
FROM generate_series(1, :n) AS i WHERE i % 7 = 0;

-- VACUUM as autovacuum would have by now: sets the visibility map, so index-only scans need no heap visits.
VACUUM ANALYZE organizations; VACUUM ANALYZE scopes; VACUUM ANALYZE users; VACUUM ANALYZE members; VACUUM ANALYZE grants;
