-- The console benchmark's viewers and history (PostgreSQL; psql variable :org). Run after seed-members.sql.
UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'bench@example.com')
WHERE id IN (md5(:'org' || 'user' || 1)::uuid, md5(:'org' || 'user' || 2)::uuid);
UPDATE grants SET role_key = 'manager' WHERE organization_id = :'org' AND member_id = md5(:'org' || 'member' || 2)::uuid;
UPDATE organizations SET access_version = access_version + 1 WHERE id = :'org';

-- 20,000 audit events over the last 20 days, by the owner.
INSERT INTO audit_events (organization_id, id, occurred_at, actor_user_id, actor_name, action, target_type, target_id, before, after, ip_address)
SELECT :'org', md5(:'org' || 'event' || i)::uuid, now() - i * interval '1 minute', md5(:'org' || 'user' || 1)::uuid, 'Ada Lastname',
       CASE WHEN i % 2 = 0 THEN 'member.deactivated' ELSE 'member.access_changed' END, 'member', md5(:'org' || 'member' || (1 + i % 10000))::text,
       '{"status":"active"}', '{"status":"deactivated"}', '127.0.0.1'
FROM generate_series(1, 20000) AS i;
VACUUM ANALYZE audit_events;
