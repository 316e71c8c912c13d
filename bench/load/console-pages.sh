#!/usr/bin/env bash
# Console pages for an organization of 10,000 members on PostgreSQL (the default preset, 20 projects): server time
# per page (the Server-Timing header) and time on the wire, p50/p95, for the organization's owner (sees everyone)
# and for a manager of one project. Target: every page under 300 ms of server time.
# Usage: bench/load/console-pages.sh            (BENCH_ROUNDS=N requests per page after one warm-up, default 21)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/postgres.sh
dotnet build src/Gatehouse.Server -c Release -nologo -v quiet >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
pg_port=$(echo "$GATEHOUSE_TEST_POSTGRES" | sed 's/.*Port=\([0-9]*\).*/\1/')
psql_() { psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

log=$(mktemp)
Gatehouse__Database=postgres Gatehouse__ConnectionString="$GATEHOUSE_TEST_POSTGRES" Logging__LogLevel__Default=Warning \
  dotnet src/Gatehouse.Server/bin/Release/net10.0/gatehouse.dll --urls "$base" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"; stop_postgres' EXIT
for _ in $(seq 1 150); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
token=$(grep -o 'ghs_[A-Za-z0-9_-]*' "$log" | head -n 1)
key=$(curl -sf -X POST "$base/api/v1/setup" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$token\",\"email\":\"bench@example.com\",\"firstName\":\"Bench\",\"lastName\":\"Operator\",\"password\":\"bench password 123\"}" | python3 -c "import json,sys; print(json.load(sys.stdin)['apiKey'])")

org=33333333-0000-4000-8000-000000010000
echo "Seeding 10,000 members…"
psql_ -v org=$org -v n=10000 -v scopes=20 -f bench/load/seed-members.sql
# Two people who sign in with the operator's password: member 1 (the owner) and member 2, made the manager of one
# project (about 500 members there). Audit events and pending invitations give those pages something to show.
psql_ -v org=$org -f bench/load/console-people.sql
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/load/console-pages.py "$base" "$key" "$org" \
  "user1.${org:0:8}@example.com:owner (sees 10,000)" "user2.${org:0:8}@example.com:manager of one project"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
