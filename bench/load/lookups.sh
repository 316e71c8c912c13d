#!/usr/bin/env bash
# Lookups over HTTP on PostgreSQL, organizations of 10,000 members (seed-members.sql): p50/p95/p99 per
# page of 50 (target p95 ≤ 5 ms), first pages and later ones, for
#   people at a place with many holders (about 850: full access, the owner, the scope's own members and viewers),
#   asked by the platform operator (sees everyone) and by a service account that sees one scope only (skips the rest);
#   places (1,000 scopes) of a member with 300 scope grants (sorted from the grants) and of one with full access (every scope).
# Measured by lookups.py over one keep-alive connection, one request at a time (wrk's latency figures with one
# connection on this busy machine added up to more time than the run lasted, so they are not used).
# Usage: bench/load/lookups.sh [requests-per-run]   (default 2,000, after 300 to warm up)
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-2000}
if ! command -v jq >/dev/null; then
  echo "Installing jq from Debian…"
  apt-get update -qq && apt-get install -y -qq jq >/dev/null
fi
source bench/load/postgres-server.sh

# Two organizations of 10,000 members (10% deactivated, 3% full access, everyone else in one scope, every 7th viewing a
# second): "people" in one of 20 scopes (about 850 holders at a place), "places" in one of 1,000 scopes.
org=33333333-0000-4000-8000-000000010000
wide=44444444-0000-4000-8000-000000010000
echo "Seeding two organizations of 10,000 members (20 and 1,000 scopes)…"
psql_ -v org=$org -v n=10000 -v scopes=20 -f bench/load/seed-members.sql
psql_ -v org=$wide -v n=10000 -v scopes=1000 -f bench/load/seed-members.sql
# Member 2 (active, a member of scope 2) also views scopes 0–299: a user with many places from scope grants.
psql_ -c "INSERT INTO grants (organization_id, id, member_id, role_key, scope_id)
  SELECT '$wide', md5('$wide' || 'many-places' || s)::uuid, md5('$wide' || 'member' || 2)::uuid, 'viewer', md5('$wide' || 'scope' || s)::uuid
  FROM generate_series(0, 299) AS s"
psql_ -c "VACUUM ANALYZE grants"
many=$(psql_ -At -c "SELECT md5('$wide' || 'user' || 2)::uuid")
full=$(psql_ -At -c "SELECT md5('$wide' || 'user' || 33)::uuid")  # member 33 has full access
place=$(psql_ -At -c "SELECT md5('$org' || 'scope' || 7)::uuid")
other=$(psql_ -At -c "SELECT md5('$org' || 'scope' || 8)::uuid")
auth="Authorization: Bearer $key"
api="$base/api/v1/organizations/$org"
# A product's back end that manages one other scope: it sees only the people with access there (organization-wide ones included).
scoped=$(curl -sf -X POST "$api/service-accounts" -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench backend\",\"grants\":[{\"roleKey\":\"manager\",\"scopeId\":\"$other\"}]}" | jq -r .key)

# The cursor after page N of a lookup (walked with curl).
cursor_after() {
  local url=$1 pages=$2 with=$3 cursor="" i
  for i in $(seq 1 "$pages"); do
    cursor=$(curl -sf "$url${cursor:+&cursor=$cursor}" -H "Authorization: Bearer $with" | jq -r .nextCursor)
  done
  echo "$cursor"
}
people="$api/lookups/people?permission=documents.view&scopeId=$place&limit=50"
places_many="$base/api/v1/organizations/$wide/lookups/places?userId=$many&permission=documents.view&limit=50"
places_admin="$base/api/v1/organizations/$wide/lookups/places?userId=$full&permission=documents.view&limit=50"
echo "people at the place: $(python3 bench/load/lookup-count.py "$people" "$key") (seen by the scoped back end: $(python3 bench/load/lookup-count.py "$people" "$scoped"))"
echo "places of the member with 300 scope grants: $(python3 bench/load/lookup-count.py "$places_many" "$key"); of the member with full access: $(python3 bench/load/lookup-count.py "$places_admin" "$key")"
runs=(
  "(for comparison) member list, scopeId filter, first page|$key|$api/members?scopeId=$place&limit=50"
  "people, first page|$key|$people"
  "people, page 11|$key|$people&cursor=$(cursor_after "$people" 10 "$key")"
  "people seen by a one-scope back end, first page|$scoped|$people"
  "people seen by a one-scope back end, page 2|$scoped|$people&cursor=$(cursor_after "$people" 1 "$scoped")"
  "places of a member with 300 scope grants, first page|$key|$places_many"
  "places of a member with 300 scope grants, page 5|$key|$places_many&cursor=$(cursor_after "$places_many" 4 "$key")"
  "places of a member with full access, first page|$key|$places_admin"
  "places of a member with full access, page 15|$key|$places_admin&cursor=$(cursor_after "$places_admin" 14 "$key")"
)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${runs[@]}" | python3 bench/load/lookups.py "$base" "$count"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
