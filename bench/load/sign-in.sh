#!/usr/bin/env bash
# Sign-in throughput against the hash-bound rate, measured in one run on this machine, and sign-in latency
# at half that load. Starts the Release server on SQLite (temporary folder, loopback, free port, rate
# limits raised out of the way), creates $users people through invitations accepted with a password (not
# containing their names: the password rules refuse that), then:
#   1. hash-bound rate: PasswordHasher<User>.VerifyHashedPassword of a stored hash on every core (server idle),
#      alternating with
#   2. sign-ins/s at saturation: wrk POSTing the sign-in form (302 answers only), $connections connections;
#      the ratio is all sign-ins over all wrk time against the mean of the hash measurements around them
#   3. the server's CPU time per sign-in (/proc) against the hasher's CPU time per verification
#   4. p50/p95/p99 latency at half the measured sign-in rate, open model (Gatehouse.Benchmarks --open-load)
#   5. (BENCH_BREAKDOWN=0 skips it) the server's CPU per request of GET /healthz, GET of the page, a POST with
#      an unknown email, one with a wrong password, and a sign-in: where a sign-in's time goes
# Prints the figures and appends one line to bench/load/results/sign-in.log (BENCH_RESULTS=FILE to change).
# Usage: bench/load/sign-in.sh [seconds=20] [connections=8] [users=64] [latency-seconds=40]
#   BENCH_ROUNDS=3 (wrk rounds), BENCH_HASH_SECONDS=8 (each hash measurement)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-20}
connections=${2:-8}
users=${3:-64}
latency_seconds=${4:-40}
rounds=${BENCH_ROUNDS:-3}
hash_seconds=${BENCH_HASH_SECONDS:-8}
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
  Gatehouse__Accounts__MaxFailedSignIns=100000000 \
  Logging__LogLevel__Default=Warning \
  dotnet src/Gatehouse.Server/bin/Release/net10.0/gatehouse.dll --urls "$base" --preset default >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

# The operator, an organization, and $users people invited as members and accepted with a password.
source bench/load/people.sh
bench_people "$base" "$users" "Sign-in bench"

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
# The same requests with a wrong password, and with an email no account has, for the breakdown.
sed 's/Input.Password=sign-in+bench+password+/Input.Password=wrong+password+/' "$GATEHOUSE_SIGNIN_REQUESTS" >"$work/wrong-password.tsv"
sed 's/Input.Email=signin/Input.Email=nobody/' "$GATEHOUSE_SIGNIN_REQUESTS" >"$work/unknown-email.tsv"

# One sign-in by hand: a 302 to / with the session cookie, or the load test would measure an error page.
IFS=$'\t' read -r cookie body < "$GATEHOUSE_SIGNIN_REQUESTS"
answer=$(curl -s -o /dev/null -D - -X POST "$base/account/sign-in" -H "Cookie: $cookie" -H 'Content-Type: application/x-www-form-urlencoded' --data "$body")
echo "$answer" | grep -qi '^HTTP/1.1 302' && echo "$answer" | grep -qi '^set-cookie: gatehouse.session=' \
  || { echo "A sign-in did not answer 302 with the session cookie:" >&2; echo "$answer" >&2; exit 1; }

cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
# Rounds alternate the idle hash measurement and wrk, so load from elsewhere falls on both alike:
# hash, sign-ins, hash, sign-ins, …, hash. The ratio is all sign-ins over all wrk time against the mean hash rate.
echo "--- warm-up: wrk 5 s"
wrk -t2 -c"$connections" -d5s --timeout 10s -s bench/load/sign-in.lua "$base/account/sign-in" >/dev/null
hashes=$(hash_round)
count=0; seconds=0; others=0; ticks_used=0
for round in $(seq 1 "$rounds"); do
  echo "--- round $round: sign-ins at saturation, wrk 2 threads, $connections connections, ${duration} s"
  cpu0=$(cpu)
  saturation=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency -s bench/load/sign-in.lua "$base/account/sign-in")
  cpu1=$(cpu)
  echo "$saturation" | grep -E "Latency  |99%|answers"
  read -r n s o < <(echo "$saturation" | sed -n 's/^answers 302: \([0-9]*\) in \([0-9.]*\) s = .*other answers: \([0-9]*\);.*/\1 \2 \3/p')
  count=$((count + n)); others=$((others + o)); ticks_used=$((ticks_used + cpu1 - cpu0))
  seconds=$(echo "$seconds $s" | awk '{ print $1 + $2 }')
  hashes="$hashes
$(hash_round)"
done
signins=$(echo "$count $seconds" | awk '{ printf "%.1f", $1 / $2 }')
hash_rate=$(echo "$hashes" | awk '{ s += $1; n++ } END { printf "%.1f", s / n }')
hash_rates=$(echo "$hashes" | awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $1 }')
hash_ms=$(echo "$hashes" | awk '{ s += $2; n++ } END { printf "%.1f", s / n }')
cpu_ms=$(echo "$ticks_used $(getconf CLK_TCK) $count" | awk '{ printf "%.1f", 1000 * $1 / $2 / $3 }')
ratio=$(echo "$signins $hash_rate" | awk '{ printf "%.1f", 100 * $1 / $2 }')
cpu_ratio=$(echo "$hash_ms $cpu_ms" | awk '{ printf "%.1f", 100 * $1 / $2 }')
echo "sign-ins: $signins/s ($count in ${seconds} s); hash-bound: $hash_rate/s (rounds: $hash_rates); ratio $ratio%"
echo "server CPU per sign-in: $cpu_ms ms; CPU per verification alone: $hash_ms ms; the hash is $cpu_ratio% of a sign-in's CPU"

half=$(echo "$signins" | awk '{ printf "%.1f", $1 / 2 }')
echo "--- latency at half load: $half sign-ins/s, open model, 5 s warm-up then ${latency_seconds} s"
# (echo >&2, not tee /dev/stderr: with stderr redirected to a file, tee would truncate it)
open=$($tools --open-load "$base/account/sign-in" "$half" "$latency_seconds" 5 "$GATEHOUSE_SIGNIN_REQUESTS" || true)
echo "$open"
p50=$(echo "$open" | sed -n 's/.*p50 \([0-9.]*\) ms.*/\1/p')
p95=$(echo "$open" | sed -n 's/.*p95 \([0-9.]*\) ms.*/\1/p')
p99=$(echo "$open" | sed -n 's/.*p99 \([0-9.]*\) ms.*/\1/p')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average after: $load_after"

# Where a sign-in's CPU goes: the server's CPU time per request of cheaper requests on the same path.
breakdown=""
if [ "${BENCH_BREAKDOWN:-1}" = "1" ]; then
  echo "--- breakdown: server CPU per request, wrk 2 threads, $connections connections, 10 s each"
  per_request() { # label, expected status or "", requests file or URL path for a GET
    local out c0 c1 n
    c0=$(cpu)
    if [ -z "$2" ]; then
      out=$(wrk -t2 -c"$connections" -d10s --timeout 10s "$base$3")
      n=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
    else
      out=$(GATEHOUSE_SIGNIN_EXPECT=$2 GATEHOUSE_SIGNIN_REQUESTS=$3 wrk -t2 -c"$connections" -d10s --timeout 10s -s bench/load/sign-in.lua "$base/account/sign-in")
      n=$(echo "$out" | sed -n 's/^answers [0-9]*: \([0-9]*\) in .*/\1/p')
    fi
    c1=$(cpu)
    echo "$n $((c1 - c0))" | awk -v label="$1" -v t="$(getconf CLK_TCK)" '{ printf "%s: %.2f ms CPU per request (%d requests)\n", label, 1000 * $2 / t / $1, $1 }'
  }
  idle0=$(cpu); sleep 10; idle1=$(cpu)
  echo "idle server: $((idle1 - idle0)) ticks of CPU in 10 s ($(getconf CLK_TCK) ticks a second)"
  lines=$( {
    per_request "GET /healthz" "" /healthz
    per_request "GET /account/sign-in" "" /account/sign-in
    per_request "POST unknown email" 200 "$work/unknown-email.tsv"
    per_request "POST wrong password" 200 "$work/wrong-password.tsv"
    per_request "POST sign-in" 302 "$GATEHOUSE_SIGNIN_REQUESTS"
  })
  echo "$lines"
  breakdown="idle $((idle1 - idle0)) ticks in 10 s; $(echo "$lines" | sed 's/ (.*//' | paste -sd ';' | sed 's/;/; /g')"
fi

line="sign-ins $signins/s | hash-bound $hash_rate/s ($hash_rates) | ratio $ratio% | at $half/s: p50 $p50 ms, p95 $p95 ms, p99 $p99 ms | server CPU $cpu_ms ms per sign-in, hash $hash_ms ms ($cpu_ratio%) | $rounds x ${duration} s, $connections connections, $users users, $others non-302 | load $load_before -> $load_after${breakdown:+ | $breakdown}"
echo "=== $line"
mkdir -p "$(dirname "$results")"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(git describe --always --dirty) $line" >>"$results"
[ "$others" = "0" ] || { echo "The saturation run had answers other than 302." >&2; exit 1; }
