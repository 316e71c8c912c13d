#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the user list's first page on console-pages.sh's data, for the owner (sees everyone) and
# for the manager of one project: the SQL shape of MemberDirectory.Filtered (name order, the visibility EXISTS probes),
# written out by hand. Prints the members table's indexes, each plan, and how many members each viewer may see.
# Usage: bench/load/console-pages-explain.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/postgres-server.sh

org=33333333-0000-4000-8000-000000010000
psql_ -v org=$org -v n=10000 -v scopes=20 -f bench/load/seed-members.sql >/dev/null
psql_ -v org=$org -f bench/load/console-people.sql >/dev/null
psql_ -c '\d members'
manager=$(psql_ -At -c "SELECT md5('$org' || 'member' || 2)::uuid")
project=$(psql_ -At -c "SELECT scope_id FROM grants WHERE organization_id = '$org' AND member_id = '$manager'")
for viewer in owner manager; do
  visible=true
  if [ $viewer = manager ]; then
    visible="(m.id = '$manager' OR m.has_full_access OR m.is_owner
      OR EXISTS (SELECT 1 FROM grants g WHERE g.organization_id = m.organization_id AND g.member_id = m.id AND g.scope_id IS NULL AND m.id <> '$manager')
      OR EXISTS (SELECT 1 FROM grants g WHERE g.organization_id = m.organization_id AND g.member_id = m.id AND g.scope_id IS NOT NULL
                 AND g.scope_id = ANY (ARRAY['$project']::uuid[]) AND m.id <> '$manager'))"
  fi
  echo "== $viewer"
  psql_ -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.id FROM members m
    WHERE m.organization_id = '$org' AND m.user_kind = 'Person' AND $visible ORDER BY m.sort_name, m.id LIMIT 51"
  echo "$viewer may see $(psql_ -At -c "SELECT count(*) FROM members m WHERE m.organization_id = '$org' AND $visible") members"
done
