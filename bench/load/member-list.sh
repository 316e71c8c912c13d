#!/usr/bin/env bash
# Member-list pages on PostgreSQL for organizations of 1,000 and 100,000 members, each filter:
# p50/p95 per page over HTTP on loopback (target p95 ≤ 20 ms, 100,000 within 1.5x of 1,000).
# Usage: bench/load/member-list.sh
#   BENCH_PAUSE=FILE bench/load/member-list.sh   after measuring, writes "psql-port base-url api-key" to FILE and keeps
#                                                PostgreSQL and the server running until FILE is deleted (for EXPLAIN ANALYZE)
#   BENCH_MEASURE=0                              skips the measurement (with BENCH_PAUSE: only seed and wait)
#   BENCH_COST=1                                 also prints the buffers and rows each search page costs PostgreSQL
#                                                (member-search-cost.py: the same on a busy machine as on a quiet one)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/postgres-server.sh

small=11111111-0000-4000-8000-000000001000
large=22222222-0000-4000-8000-000000100000
echo "Seeding 1,000 and 100,000 members…"
psql_ -v org=$small -v n=1000 -v scopes=20 -f bench/load/seed-members.sql
psql_ -v org=$large -v n=100000 -v scopes=20 -f bench/load/seed-members.sql
# VACUUM as autovacuum would by now: the visibility map lets the grant filters use index-only scans. Right after the
# seed a VACUUM sometimes left the grants pages not all-visible in these runs, so
# repeat until every page is.
# member_search_trigrams (the search's table since migration 0008) is vacuumed too where the server has it.
tables="'members', 'grants', 'member_search_trigrams'"
for _ in $(seq 1 20); do
  for table in $(psql_ -At -c "SELECT relname FROM pg_class WHERE relkind = 'r' AND relname IN ($tables)"); do
    psql_ -c "VACUUM ANALYZE $table"
  done
  visible=$(psql_ -At -c "SELECT bool_and(relallvisible = relpages) FROM pg_class WHERE relkind = 'r' AND relname IN ($tables)")
  [ "$visible" = t ] && break
  sleep 1
done
psql_ -At -c "SELECT 'all-visible pages: ' || string_agg(relname || ' ' || relallvisible || '/' || relpages, ', ') FROM pg_class WHERE relkind = 'r' AND relname IN ($tables)"
if [ "${BENCH_MEASURE:-1}" != 0 ]; then
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 bench/load/member-list.py "$base" "$key" "$small:1,000 members" "$large:100,000 members"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
if [ "${BENCH_COST:-0}" != 0 ]; then
  python3 bench/load/member-search-cost.py "$base" "$key" "$pg_port" "$small:1,000 members" "$large:100,000 members"
fi
if [ -n "${BENCH_PAUSE:-}" ]; then
  echo "$pg_port $base $key" >"$BENCH_PAUSE"
  echo "Paused: psql -h 127.0.0.1 -p $pg_port -U postgres; delete $BENCH_PAUSE to stop."
  while [ -e "$BENCH_PAUSE" ]; do sleep 1; done
fi
