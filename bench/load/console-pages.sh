#!/usr/bin/env bash
# Console pages for an organization of 10,000 members on PostgreSQL (the default preset, 20 projects): server time
# per page (the Server-Timing header) and time on the wire, p50/p95, for the organization's owner (sees everyone)
# and for a manager of one project; a project's page (its Users tab) is the viewer's own project. Target: every page under 300 ms of server time.
# Usage: bench/load/console-pages.sh            (BENCH_ROUNDS=N requests per page after one warm-up, default 21)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/load/postgres-server.sh

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
