#!/usr/bin/env bash
# Sign-in throughput against the hash-bound rate, measured in one run on this machine, and sign-in latency
# at half that load. Starts the Release server on SQLite (temporary folder, loopback, free port, rate
# limits raised out of the way), creates $users people through invitations accepted with a password, then:
#   1. hash-bound rate: PasswordHasher<User>.VerifyHashedPassword of a stored hash on every core (server idle)
#   2. sign-ins/s at saturation: wrk POSTing the sign-in form (302 answers only), $connections connections
#   3. the hash-bound rate again (server idle); the ratio uses the mean of 1 and 3
#   4. p50/p95/p99 latency at half the measured sign-in rate, open model (Gatehouse.Benchmarks --open-load)
# Prints the figures and appends one line to bench/load/results/sign-in.log (BENCH_RESULTS=FILE to change).
# Usage: bench/load/sign-in.sh [seconds=20] [connections=8] [users=64] [latency-seconds=40]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20}
connections=${2:-8}
users=${3:-64}
latency_seconds=${4:-40}
results=${BENCH_RESULTS:-bench/load/results/sign-in.log}
clients=16

if ! command -v wrk >/dev/null || ! command -v jq >/dev/null; then
  echo "Installing wrk and jq from Debian…"
  apt-get update -qq && apt-get install -y -qq wrk jq >/dev/null
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
dotnet build src/Gatehouse.Server -c Release -nologo -v quiet >/dev/null
dotnet build bench/Gatehouse.Benchmarks -c Release -nologo -v quiet >/dev/null
tools="dotnet bench/Gatehouse.Benchmarks/bin/Release/net10.0/Gatehouse.Benchmarks.dll"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
Gatehouse__ConnectionString="Data Source=$work/gatehouse.db" \
  Gatehouse__AnonymousRequestsPerMinute=100000000 \
  Gatehouse__Accounts__SignInAttemptsPerMinute=100000000 \
  Logging__LogLevel__Default=Warning \
  dotnet src/Gatehouse.Server/bin/Release/net10.0/gatehouse.dll --urls "$base" --preset default >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

# The operator, an organization, and $users people invited as members and accepted with a password.
token=$(grep -o 'ghs_[A-Za-z0-9_-]*' "$work/server.log" | head -n 1)
key=$(curl -sf -X POST "$base/api/v1/setup" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$token\",\"email\":\"bench@example.com\",\"firstName\":\"Bench\",\"lastName\":\"Operator\",\"password\":\"bench operator password\"}" | jq -r .apiKey)
auth="Authorization: Bearer $key"
org=$(curl -sf -X POST "$base/api/v1/organizations" -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Sign-in bench\",\"seatLimit\":$((users + 10))}" | jq -r .id)
email() { printf 'signin%04d@example.com' "$1"; }
password() { printf 'sign-in bench password %04d' "$1"; }
for start in $(seq 1 50 "$users"); do
  end=$((start + 49 < users ? start + 49 : users))
  emails=$(for i in $(seq "$start" "$end"); do email "$i"; echo; done | jq -R . | jq -sc .)
  curl -sf -X POST "$base/api/v1/organizations/$org/invitations" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"emails\":$emails,\"grants\":[{\"roleKey\":\"member\",\"scopeId\":null}]}" >/dev/null
done
for i in $(seq 1 "$users"); do
  link=$(curl -sf "$base/api/v1/platform/outbox?to=$(email "$i")&limit=1" -H "$auth" | jq -r '.[0].textBody' | grep -o 'token=[^[:space:]]*' | head -n 1)
  invitation=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1][len("token="):]))' "$link")
  curl -sf -X POST "$base/api/v1/invitations/accept" -H 'Content-Type: application/json' \
    -d "{\"token\":\"$invitation\",\"firstName\":\"Bench\",\"lastName\":\"User $i\",\"password\":\"$(password "$i")\"}" >/dev/null
done
echo "$users people accepted their invitations in organization $org"

# $clients browsers: each GETs the page once for its antiforgery cookie and token; the pair is reused for
# every post of that client. One request line per user, the users spread over the clients.
for c in $(seq 1 "$clients"); do
  page=$(curl -sf -c "$work/jar$c" "$base/account/sign-in")
  echo "$page" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/' >"$work/token$c"
  awk '$6 ~ /Antiforgery/ { print $6 "=" $7 }' "$work/jar$c" >"$work/cookie$c"
  [ -s "$work/token$c" ] && [ -s "$work/cookie$c" ] || { echo "No antiforgery token or cookie on GET /account/sign-in." >&2; exit 1; }
done
export GATEHOUSE_SIGNIN_REQUESTS="$work/requests.tsv"
for i in $(seq 1 "$users"); do
  c=$(( (i - 1) % clients + 1 ))
  python3 -c 'import sys, urllib.parse; print(sys.argv[1] + "\t" + urllib.parse.urlencode({"_handler": "sign-in", "Input.Email": sys.argv[2], "Input.Password": sys.argv[3], "__RequestVerificationToken": sys.argv[4]}))' \
    "$(cat "$work/cookie$c")" "$(email "$i")" "$(password "$i")" "$(cat "$work/token$c")"
done >"$GATEHOUSE_SIGNIN_REQUESTS"

# One sign-in by hand: a 302 to / with the session cookie, or the load test would measure an error page.
IFS=$'\t' read -r cookie body < "$GATEHOUSE_SIGNIN_REQUESTS"
answer=$(curl -s -o /dev/null -D - -X POST "$base/account/sign-in" -H "Cookie: $cookie" -H 'Content-Type: application/x-www-form-urlencoded' --data "$body")
echo "$answer" | grep -qi '^HTTP/1.1 302' && echo "$answer" | grep -qi '^set-cookie: gatehouse.session=' \
  || { echo "A sign-in did not answer 302 with the session cookie:" >&2; echo "$answer" >&2; exit 1; }

# The hash as the server stored it, for the hash-bound rate.
hash=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select password_hash from users where email = ?", (sys.argv[2],)).fetchone()[0])' \
  "$work/gatehouse.db" "$(email 1)")

cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
hash_rate() { $tools --hash-rate 10 "$(password 1)" "$hash" | tee /dev/stderr | sed -n 's/^hash-bound: \([0-9.]*\) .*/\1/p'; }
echo "--- hash-bound rate, before"
hash1=$(hash_rate)
echo "--- sign-ins at saturation: wrk, 2 threads, $connections connections, 5 s warm-up then ${duration} s"
wrk -t2 -c"$connections" -d5s --timeout 10s -s bench/load/sign-in.lua "$base/account/sign-in" >/dev/null
cpu0=$(cpu)
saturation=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency -s bench/load/sign-in.lua "$base/account/sign-in")
cpu1=$(cpu)
echo "$saturation" | grep -E "Latency  |50%|99%|Requests/sec|sign-ins|Non-2xx"
echo "--- hash-bound rate, after"
hash2=$(hash_rate)
signins=$(echo "$saturation" | sed -n 's/^sign-ins (302): \([0-9]*\) in .* = \([0-9.]*\)\/s.*/\2/p')
count=$(echo "$saturation" | sed -n 's/^sign-ins (302): \([0-9]*\) in .*/\1/p')
others=$(echo "$saturation" | sed -n 's/.*other answers: \([0-9]*\).*/\1/p')
ticks=$(getconf CLK_TCK)
cpu_ms=$(echo "$cpu0 $cpu1 $ticks $count" | awk '{ printf "%.1f", 1000 * ($2 - $1) / $3 / $4 }')
hash_ms=$(echo "$hash1 $hash2" | awk -v n="$(nproc)" '{ printf "%.1f", 1000 * n / (($1 + $2) / 2) }')
echo "server CPU per sign-in under wrk: $cpu_ms ms (the hash alone, per verification per core: $hash_ms ms)"

half=$(echo "$signins" | awk '{ printf "%.1f", $1 / 2 }')
echo "--- latency at half load: $half sign-ins/s, open model, 5 s warm-up then ${latency_seconds} s"
open=$($tools --open-load "$base/account/sign-in" "$half" "$latency_seconds" 5 "$GATEHOUSE_SIGNIN_REQUESTS" | tee /dev/stderr)
p50=$(echo "$open" | sed -n 's/.*p50 \([0-9.]*\) ms.*/\1/p')
p95=$(echo "$open" | sed -n 's/.*p95 \([0-9.]*\) ms.*/\1/p')
p99=$(echo "$open" | sed -n 's/.*p99 \([0-9.]*\) ms.*/\1/p')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average after: $load_after"

line=$(echo "$signins $hash1 $hash2" | awk -v p50="$p50" -v p95="$p95" -v p99="$p99" -v half="$half" -v cpu="$cpu_ms" -v hms="$hash_ms" \
  -v c="$connections" -v u="$users" -v lb="$load_before" -v la="$load_after" -v others="$others" '{
    h = ($2 + $3) / 2
    printf "sign-ins %.1f/s | hash-bound %.1f/s (%.1f before, %.1f after) | ratio %.1f%% | at %s/s: p50 %s ms, p95 %s ms, p99 %s ms | server CPU %s ms per sign-in, hash %s ms | %d connections, %d users, %d non-302 | load %s -> %s",
      $1, h, $2, $3, 100 * $1 / h, half, p50, p95, p99, cpu, hms, c, u, others, lb, la }')
echo "=== $line"
mkdir -p "$(dirname "$results")"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(git rev-parse --short HEAD) $line" >>"$results"
[ "$others" = "0" ] || { echo "The saturation run had answers other than 302." >&2; exit 1; }
