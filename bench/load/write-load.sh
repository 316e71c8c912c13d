#!/usr/bin/env bash
# Access-changing writes into one organization of 10,000 members on PostgreSQL (member access replaced, invitations
# accepted), and the check endpoint's latency idle and under that write load, in one run (target: ≥ 200 writes/s,
# check p99 under writes within 2x of idle). The client is Gatehouse.Benchmarks --write-load (WriteLoad.cs).
# Usage: bench/load/write-load.sh [seconds=15] [checks-per-second=300] [writers=8]
#   BENCH_TOOLS=DLL    the Gatehouse.Benchmarks client to use (default: this tree's, built first), e.g. to measure an older server
#   BENCH_PAUSE=FILE   after measuring, writes "psql-port base-url api-key organization server-pid [base-url-2 pid-2]" to
#                      FILE and keeps PostgreSQL and the server running until FILE is deleted (BENCH_MEASURE=0 skips the
#                      measurement); with BENCH_NODES=2 a second node runs on the same database (postgres-server.sh)
#   BENCH_MEMBERS=N    members of the organization (default 10,000), e.g. 100000 for bench/load/rename-cpu.py
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
rate=${2:-300}
writers=${3:-8}
# Accepting an invitation is an anonymous request, rate-limited per address; this client is one address.
export Gatehouse__AnonymousRequestsPerMinute=100000000
source bench/load/postgres-server.sh
tools=${BENCH_TOOLS:-bench/Gatehouse.Benchmarks/bin/Release/net10.0/Gatehouse.Benchmarks.dll}
[ -n "${BENCH_TOOLS:-}" ] || dotnet build bench/Gatehouse.Benchmarks -c Release -nologo -v quiet >/dev/null

org=33333333-0000-4000-8000-000000010000
members=${BENCH_MEMBERS:-10000}
echo "Seeding $members members in 20 scopes, and 2,000 people with an account elsewhere…"
psql_ -v org=$org -v n="$members" -v scopes=20 -f bench/load/seed-members.sql
psql_ -c "INSERT INTO users (id, kind, email, normalized_email, first_name, last_name, security_stamp, email_verified_at, created_at)
  SELECT md5('invitee' || i)::uuid, 'Person', 'invitee' || i || '@example.com', 'invitee' || i || '@example.com', 'Invitee', 'Number' || i,
         md5(i::text), now(), now()
  FROM generate_series(1, 2000) AS i"
# Invitations through the API, 50 people a request, as a member of one scope; their tokens are read back from the
# outbox (no SMTP is configured, so the emails stay there).
scope0=$(psql_ -At -c "SELECT md5('$org' || 'scope' || 0)::uuid")
for batch in $(seq 0 39); do
  emails=$(seq $((batch * 50 + 1)) $((batch * 50 + 50)) | sed 's/.*/"invitee&@example.com"/' | paste -sd,)
  curl -sf -X POST "$base/api/v1/organizations/$org/invitations" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d "{\"emails\":[$emails],\"grants\":[{\"roleKey\":\"member\",\"scopeId\":\"$scope0\"}]}" >/dev/null
done
tokens=$(mktemp)
psql_ -At -c "SELECT substring(text_body from 'token=([A-Za-z0-9_%-]+)') FROM outbox_messages WHERE \"to\" LIKE 'invitee%@example.com'" \
  | python3 -c "import sys, urllib.parse; [print(urllib.parse.unquote(l.strip())) for l in sys.stdin if l.strip()]" >"$tokens"
echo "$(wc -l <"$tokens") invitation tokens"
psql_ -c 'VACUUM ANALYZE'
if [ "${BENCH_MEASURE:-1}" != 0 ]; then
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  dotnet "$tools" --write-load "$base" "$key" "$org" "$members" 20 "$tokens" "$seconds" "$rate" "$writers"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
rm -f "$tokens"
if [ -n "${BENCH_PAUSE:-}" ]; then
  echo "$pg_port $base $key $org $server ${base2:-} ${server2:-}" >"$BENCH_PAUSE"
  echo "Paused: psql -h 127.0.0.1 -p $pg_port -U postgres; delete $BENCH_PAUSE to stop."
  while [ -e "$BENCH_PAUSE" ]; do sleep 1; done
fi
