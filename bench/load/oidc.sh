#!/usr/bin/env bash
# The OpenID Connect provider under load, in one run on this machine (issue 16's benchmark):
#   1. token requests at saturation (wrk, 2 threads, $connections connections, oidc-token.lua), in rounds that
#      alternate so load from elsewhere falls on all alike: the trivial endpoint (GET /healthz), Gatehouse's client
#      credentials, oidc-provider's client credentials, Gatehouse's refresh, oidc-provider's refresh. Refresh tokens
#      rotate and are single-use, so each connection follows its own chains (oidc-token.lua), started afresh every
#      round: on Gatehouse by full sign-ins, on oidc-provider by its own token classes (a setup aid of the peer).
#   2. full sign-ins at saturation (Gatehouse.Benchmarks --oidc-sign-ins: authorization request, sign-in page,
#      password, authorization again, code redeemed with PKCE; $workers at a time), alternating with the
#      hash-bound rate (Gatehouse.Benchmarks --hash-rate, as sign-in.sh): the ratio of the two.
# Gatehouse runs in Release on SQLite in a temporary folder (loopback, free port, provider enabled, rate limits
# raised); the peer is panva's oidc-provider (npm, OpenID certified, installed into .tools/oidc-provider),
# bench/load/oidc-provider-peer.mjs, on loopback in the same run.
# Prints the figures and appends one line to bench/load/results/oidc.log (BENCH_RESULTS=FILE to change).
# Usage: bench/load/oidc.sh [seconds=15] [connections=8] [users=32] [workers=8]
#   BENCH_ROUNDS=3, BENCH_HASH_SECONDS=8, BENCH_SIGNIN_WARMUP=60 (seconds of sign-ins before their rounds),
#   BENCH_SIGNINS_ONLY=1 (only the full sign-ins against the hash bound, printed and not logged), BENCH_STEPS=1 (each step of a
#   sign-in alone, below; BENCH_REDEMPTIONS=1500 codes for its last), BENCH_ROUND_WARMUP=5
#   (seconds each sign-in round's load generator runs uncounted before its window), BENCH_ONE_ITERATION=1 (the full sign-ins on a
#   build of this tree whose password hash is one PBKDF2 iteration: what a sign-in costs beside its hash, undisturbed by it)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-8}
users=${3:-32}
workers=${4:-8}
rounds=${BENCH_ROUNDS:-3}
hash_seconds=${BENCH_HASH_SECONDS:-8}
results=${BENCH_RESULTS:-bench/load/results/oidc.log}
threads=2
peer_version=9.13.3

if ! command -v wrk >/dev/null || ! command -v jq >/dev/null; then
  echo "Installing wrk and jq from Debian…"
  apt-get update -qq && apt-get install -y -qq wrk jq >/dev/null
fi
peer_dir="$(pwd)/.tools/oidc-provider"
if [ "$(jq -r .version "$peer_dir/node_modules/oidc-provider/package.json" 2>/dev/null)" != "$peer_version" ]; then
  npm install --no-audit --no-fund --prefix "$peer_dir" "oidc-provider@$peer_version" >&2
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $load_before"
source bench/load/oidc-server.sh
build_bench
work=$(mktemp -d)
server_dll=src/Gatehouse.Server/bin/Release/net10.0/gatehouse.dll
if [ -n "${BENCH_ONE_ITERATION:-}" ]; then
  # This tree (tracked and new files, not tests or docs) built apart, with the password hasher at one iteration: a diagnostic
  # build, never a setting of the product. The people are created by it, so their stored hashes are one iteration too.
  git ls-files -co --exclude-standard | grep -v -E '^(tests|docs|bench)/' | tar -cT - | tar -x -C "$work"
  accounts="$work/src/Gatehouse.Server/Hosting/AccountServices.cs"
  sed -i 's|^\( *\)services.AddSingleton<PasswordHashGate>();|&\n\1services.Configure<PasswordHasherOptions>(hasher => hasher.IterationCount = 1);|' "$accounts"
  grep -q 'hasher.IterationCount = 1' "$accounts" || { echo "BENCH_ONE_ITERATION: could not set the iteration count in $accounts" >&2; exit 1; }
  dotnet build "$work/src/Gatehouse.Server" -c Release -nologo -v quiet -o "$work/one-iteration" >/dev/null
  server_dll="$work/one-iteration/gatehouse.dll"
fi
port=$(free_port)
base="http://127.0.0.1:$port"
start_oidc_server "$work" "$base" "$server_dll"
peer_port=$(free_port)
peer_secret=$(head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 43)
OIDC_PROVIDER_DIR="$peer_dir" node bench/load/oidc-provider-peer.mjs "$peer_port" "$peer_secret" >"$work/peer.log" 2>&1 &
peer=$!
trap 'kill $server $peer 2>/dev/null; wait $server $peer 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 150); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
for _ in $(seq 1 50); do grep -q '^ready' "$work/peer.log" && break; sleep 0.2; done
grep -q '^ready' "$work/peer.log" || { echo "oidc-provider did not start:" >&2; cat "$work/peer.log" >&2; exit 1; }

source bench/load/people.sh
bench_people "$base" "$users" "OIDC bench"
for i in $(seq 1 "$users"); do printf '%s\t%s\n' "$(email "$i")" "$(password "$i")"; done >"$work/people.tsv"

# A first-party confidential client for the sign-ins and refresh chains, and one acting for the organization
# (client credentials). Both post their secret in the form body.
redirect="http://127.0.0.1/bench-callback"
register() {
  curl -sf -X POST "$base/api/v1/platform/oidc-clients" -H "$auth" -H 'Content-Type: application/json' -d "$1"
}
signin_client=$(register "{\"name\":\"Bench product\",\"type\":\"confidential\",\"redirectUris\":[\"$redirect\"],\"firstParty\":true}")
service_client=$(register "{\"name\":\"Bench service\",\"type\":\"confidential\",\"redirectUris\":[\"$redirect\"],\"organizationId\":\"$org\"}")
signin_id=$(echo "$signin_client" | jq -r .client.clientId); signin_secret=$(echo "$signin_client" | jq -r .clientSecret)
service_id=$(echo "$service_client" | jq -r .client.clientId); service_secret=$(echo "$service_client" | jq -r .clientSecret)
bench_args=("$base" "$work/people.tsv" "$signin_id" "$signin_secret" "$redirect")

# One of each request by hand, so a broken setup fails here and not as a rate of errors.
curl -sf -X POST "$base/connect/token" -d "grant_type=client_credentials&client_id=$service_id&client_secret=$service_secret" | jq -e .access_token >/dev/null \
  || { echo "Gatehouse refused the client credentials request." >&2; exit 1; }
curl -sf -X POST "http://127.0.0.1:$peer_port/token" -d "grant_type=client_credentials&client_id=bench&client_secret=$peer_secret&scope=api" | jq -e .access_token >/dev/null \
  || { echo "oidc-provider refused the client credentials request." >&2; exit 1; }

cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # a process's CPU time in ticks
# wrk at saturation; prints its summary and the server's CPU per answer, echoes "count seconds others ticks".
saturate() { # label, url, form, refresh tokens file or "", the answering process
  local out c0 c1 line
  c0=$(cpu "$5")
  out=$(BENCH_FORM="$3" BENCH_REFRESH_TOKENS="$4" BENCH_THREADS=$threads \
    wrk -t$threads -c"$connections" -d"${duration}s" --timeout 10s --latency -s bench/load/oidc-token.lua "$2")
  c1=$(cpu "$5")
  line=$(echo "$out" | sed -n 's/^answers 200: \([0-9]*\) in \([0-9.]*\) s = .*other answers: \([0-9]*\);.*/\1 \2 \3/p')
  echo "$1: $(echo "$out" | grep -E '^answers|^first other'); $(echo "$line $((c1 - c0))" | awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f ms CPU per answer", 1000 * $4 / t / $1 }')" >&2
  echo "$line $((c1 - c0))"
}
trivial_round() {
  local out n s
  out=$(wrk -t$threads -c"$connections" -d"${duration}s" --timeout 10s "$base/healthz")
  n=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in \([0-9.]*\)s.*/\1/p')
  s=$(echo "$out" | sed -n 's/^ *[0-9]* requests in \([0-9.]*\)s.*/\1/p')
  echo "trivial: $n in $s s" >&2
  echo "$n $s 0 0"
}
declare -A count seconds others
declare -A ticks
add() { # kind, "n s o ticks"
  local n s o t
  read -r n s o t <<<"$2"
  count[$1]=$(( ${count[$1]:-0} + n )); others[$1]=$(( ${others[$1]:-0} + o )); ticks[$1]=$(( ${ticks[$1]:-0} + t ))
  seconds[$1]=$(echo "${seconds[$1]:-0} $s" | awk '{ print $1 + $2 }')
}
rate() { echo "${count[$1]} ${seconds[$1]}" | awk '{ printf "%.1f", $1 / $2 }'; }
cpu_per() { echo "${ticks[$1]} ${count[$1]}" | awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", 1000 * $1 / t / $2 }'; }

# BENCH_STEPS=1: the server's CPU per request of each step of a sign-in that can be repeated, at saturation (wrk, 10 s
# each after 10 s of warm-up): the authorization request without a session (a redirect to the sign-in page), the
# sign-in page, the password post, and the authorization request with a session (a new code each time); then the code's
# redemption (--oidc-redemptions: codes collected, then redeemed at saturation); then stop.
if [ -n "${BENCH_STEPS:-}" ]; then
  authorize="$base/connect/authorize?client_id=$signin_id&redirect_uri=$(jq -rn --arg r "$redirect" '$r|@uri')&response_type=code&scope=openid%20profile%20offline_access&state=s&nonce=n&code_challenge=E9Melhoe2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
  fresh_session() { # signs person 1 in; sets $session to the cookie header
    local jar="$work/steps-jar" page token
    rm -f "$jar"
    page=$(curl -sf -c "$jar" "$base/account/sign-in")
    token=$(echo "$page" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/')
    curl -sf -b "$jar" -c "$jar" -o /dev/null -X POST "$base/account/sign-in" --data-urlencode "_handler=sign-in" \
      --data-urlencode "Input.Email=$(email 1)" --data-urlencode "Input.Password=$(password 1)" --data-urlencode "__RequestVerificationToken=$token"
    session=$(awk 'NF >= 7 && $6 !~ /Antiforgery/ { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
  }
  fresh_session
  curl -s -o /dev/null -w '%{http_code} %{redirect_url}\n' -H "Cookie: $session" "$authorize" | grep -q 'code=' \
    || { echo "The authorization request with the session gave no code." >&2; exit 1; }
  step() { # label, then wrk's arguments
    local label=$1 c0 c1 out n; shift
    wrk -t$threads -c"$connections" -d10s "$@" >/dev/null
    c0=$(cpu "$server")
    out=$(wrk -t$threads -c"$connections" -d10s "$@")
    c1=$(cpu "$server")
    n=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
    echo "$label: $(echo "$out" | grep -E 'Requests/sec|Non-2xx' | tr -s ' ' | tr '\n' ' ')$(echo "$((c1 - c0)) $n" | awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f ms CPU per request", 1000 * $1 / t / $2 }')"
  }
  step "authorization request, no session (302 to sign-in)" "$authorize"
  step "sign-in page" "$base/account/sign-in?ReturnUrl=%2Fconnect%2Fauthorize"
  # The password post, every person in turn, each with its own antiforgery cookie and token (sign-in.lua, as sign-in.sh),
  # then the hash alone: the post's CPU beside its hash is the difference.
  for i in $(seq 1 "$users"); do
    jar_i="$work/steps-jar-$i"
    token_i=$(curl -sf -c "$jar_i" "$base/account/sign-in" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/')
    printf '%s\t%s\n' "$(awk 'NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar_i")" \
      "$(jq -rn --arg e "$(email "$i")" --arg p "$(password "$i")" --arg t "$token_i" '"_handler=sign-in&Input.Email=\($e|@uri)&Input.Password=\($p|@uri)&__RequestVerificationToken=\($t|@uri)"')"
  done >"$work/steps-posts.tsv"
  GATEHOUSE_SIGNIN_REQUESTS="$work/steps-posts.tsv" step "sign-in post, with its password hash (302)" -s bench/load/sign-in.lua "$base/account/sign-in"
  [ -n "${BENCH_ONE_ITERATION:-}" ] || echo "the password hash alone (Gatehouse.Benchmarks --hash-rate): $(hash_round 2>/dev/null | awk '{ printf "%.2f ms CPU per verification", $2 }')"
  if [ -n "${BENCH_STEPS_PROFILE:-}" ]; then # a CPU sample profile (speedscope) of the last step, written there
    (sleep 13; "${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}" collect -p "$server" --profile dotnet-sampled-thread-time --duration 00:00:00:06 --format speedscope -o "$BENCH_STEPS_PROFILE" >/dev/null) &
    tracer=$!
  fi
  # A browser keeps the cookie each answer sets; wrk sends the same one throughout. Signed in just before, the cookie stays under
  # a minute old for the step's 20 s, as a browser's would (the server writes it again only when it is older, SessionStampValidator).
  fresh_session
  step "authorization request with a session (302 with a code)" -H "Cookie: $session" "$authorize"
  [ -z "${tracer:-}" ] || wait "$tracer"
  # The code's redemption, which cannot be repeated: codes collected first (sign-ins up to the code, 1,500 take about a minute
  # beside the real hash; codes live 5), then redeemed alone, $workers at a time over the back end's kept-alive connections.
  $tools --oidc-redemptions "${bench_args[@]}" 400 "$workers" "$server" >/dev/null
  echo "code redemption (token endpoint)$($tools --oidc-redemptions "${bench_args[@]}" ${BENCH_REDEMPTIONS:-1500} "$workers" "$server" | sed 's/^oidc code redemptions//' | tr '\n' ' ')"
  exit 0
fi

# BENCH_PERF=FILE: on-CPU samples of the server, native and managed (perf; run with DOTNET_PerfMapEnabled=1 for the
# managed names), during 15 s of full sign-ins (or of refresh, with BENCH_PERF_KIND=refresh) after a warm-up of
# BENCH_WARMUP seconds (20) of the same, written to FILE (read it with perf report -i FILE); prints the server's CPU per
# answer in that window and keeps the methods the JIT compiled in it (FILE.map-new), then stops.
if [ -n "${BENCH_PERF:-}" ]; then
  perf_window() { # runs "$@" for the window while perf records
    [ -f "/tmp/perf-$server.map" ] && wc -l <"/tmp/perf-$server.map" >"$BENCH_PERF.map-start"
    (sleep 3; perf record -F 499 -g -p "$server" -o "$BENCH_PERF" -- sleep 15 >/dev/null 2>&1) &
    local tracer=$!
    "$@"
    wait $tracer
    [ -f "/tmp/perf-$server.map" ] && tail -n +"$(( $(cat "$BENCH_PERF.map-start") + 1 ))" "/tmp/perf-$server.map" >"$BENCH_PERF.map-new"
  }
  if [ "${BENCH_PERF_KIND:-sign-ins}" = refresh ]; then
    refresh_round() {
      $tools --oidc-refresh-tokens "${bench_args[@]}" $((connections * 2)) >"$work/gatehouse-refresh.txt"
      saturate refresh "$base/connect/token" "client_id=$signin_id&client_secret=$signin_secret" "$work/gatehouse-refresh.txt" "$server" >/dev/null
    }
    duration=${BENCH_WARMUP:-20} refresh_round
    duration=20 perf_window refresh_round
  else
    $tools --oidc-sign-ins "${bench_args[@]}" "${BENCH_WARMUP:-20}" "$workers"
    sign_ins() {
      local c0 c1 n
      c0=$(cpu "$server")
      $tools --oidc-sign-ins "${bench_args[@]}" 20 "$workers" | tee "$BENCH_PERF.sign-ins"
      c1=$(cpu "$server")
      n=$(sed -n 's/^oidc sign-ins: \([0-9]*\) .*/\1/p' "$BENCH_PERF.sign-ins")
      echo "server CPU per sign-in: $(echo "$((c1 - c0)) $n" | awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", 1000 * $1 / t / $2 }') ms"
    }
    perf_window sign_ins
  fi
  exit 0
fi

# BENCH_PROFILE=DIR: CPU samples of the server (dotnet-trace, speedscope format) during 20 s of client credentials,
# 20 s of refresh and 20 s of full sign-ins (each after a warm-up), written to DIR, then stop.
if [ -n "${BENCH_PROFILE:-}" ]; then
  mkdir -p "$BENCH_PROFILE"
  profile() { # name, url, form, refresh tokens file or ""
    (sleep 3; "${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}" collect -p "$server" --profile dotnet-sampled-thread-time --duration 00:00:00:15 --format speedscope -o "$BENCH_PROFILE/$1.nettrace" >/dev/null) &
    local tracer=$!
    duration=20 saturate "$1" "$2" "$3" "$4" "$server" >/dev/null
    wait $tracer
  }
  profile client-credentials "$base/connect/token" "grant_type=client_credentials&client_id=$service_id&client_secret=$service_secret" ""
  # A warm-up round of refresh first: the JIT's later tiers would otherwise be most of what the profile shows.
  $tools --oidc-refresh-tokens "${bench_args[@]}" $((connections * 2)) >"$work/gatehouse-refresh.txt"
  duration=${BENCH_WARMUP:-20} saturate warm-up "$base/connect/token" "client_id=$signin_id&client_secret=$signin_secret" "$work/gatehouse-refresh.txt" "$server" >/dev/null
  $tools --oidc-refresh-tokens "${bench_args[@]}" $((connections * 2)) >"$work/gatehouse-refresh.txt"
  profile refresh "$base/connect/token" "client_id=$signin_id&client_secret=$signin_secret" "$work/gatehouse-refresh.txt"
  $tools --oidc-sign-ins "${bench_args[@]}" "${BENCH_SIGNIN_WARMUP:-60}" "$workers" # warm-up, as for refresh
  (sleep 3; "${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}" collect -p "$server" --profile dotnet-sampled-thread-time --duration 00:00:00:15 --format speedscope -o "$BENCH_PROFILE/sign-ins.nettrace" >/dev/null) &
  tracer=$!
  $tools --oidc-sign-ins "${bench_args[@]}" 20 "$workers"
  wait $tracer
  ls -la "$BENCH_PROFILE"
  exit 0
fi

# BENCH_ONE_ITERATION=1: the full sign-ins alone on the one-iteration build, each round printing the server's and the load
# generator's CPU per sign-in; no hash-bound rate (there is no hash to bound them).
if [ -n "${BENCH_ONE_ITERATION:-}" ]; then
  echo "--- warm-up: ${BENCH_SIGNIN_WARMUP:-60} s of sign-ins (password hash of one iteration)"
  $tools --oidc-sign-ins "${bench_args[@]}" "${BENCH_SIGNIN_WARMUP:-60}" "$workers"
  for round in $(seq 1 "$rounds"); do
    echo "--- sign-ins round $round: $workers at a time, ${duration} s"
    $tools --oidc-sign-ins "${bench_args[@]}" "$duration" "$workers" "${BENCH_ROUND_WARMUP:-5}" "$server"
  done
  exit 0
fi

# BENCH_SIGNINS_ONLY=1: skip the token requests, measure the full sign-ins alone.
if [ -n "${BENCH_SIGNINS_ONLY:-}" ]; then rounds_saved=$rounds; rounds=0; fi
echo "--- warm-up: 5 s of each token request"
duration_saved=$duration; duration=5
saturate "warm-up Gatehouse" "$base/connect/token" "grant_type=client_credentials&client_id=$service_id&client_secret=$service_secret" "" "$server" >/dev/null
saturate "warm-up oidc-provider" "http://127.0.0.1:$peer_port/token" "grant_type=client_credentials&client_id=bench&client_secret=$peer_secret&scope=api" "" "$peer" >/dev/null
duration=$duration_saved
chains=$((connections * 2))
for round in $(seq 1 "$rounds"); do
  echo "--- round $round: ${duration} s each, wrk $threads threads, $connections connections"
  add trivial "$(trivial_round)"
  add gatehouse_cc "$(saturate "Gatehouse client credentials" "$base/connect/token" "grant_type=client_credentials&client_id=$service_id&client_secret=$service_secret" "" "$server")"
  add peer_cc "$(saturate "oidc-provider client credentials" "http://127.0.0.1:$peer_port/token" "grant_type=client_credentials&client_id=bench&client_secret=$peer_secret&scope=api" "" "$peer")"
  $tools --oidc-refresh-tokens "${bench_args[@]}" "$chains" >"$work/gatehouse-refresh.txt"
  add gatehouse_refresh "$(saturate "Gatehouse refresh" "$base/connect/token" "client_id=$signin_id&client_secret=$signin_secret" "$work/gatehouse-refresh.txt" "$server")"
  curl -sf "http://127.0.0.1:$peer_port/bench/refresh-tokens?n=$chains" >"$work/peer-refresh.txt"
  add peer_refresh "$(saturate "oidc-provider refresh" "http://127.0.0.1:$peer_port/token" "client_id=bench&client_secret=$peer_secret" "$work/peer-refresh.txt" "$peer")"
done
if [ -n "${BENCH_SIGNINS_ONLY:-}" ]; then
  rounds=$rounds_saved
else
trivial=$(rate trivial); gh_cc=$(rate gatehouse_cc); peer_cc=$(rate peer_cc); gh_refresh=$(rate gatehouse_refresh); peer_refresh=$(rate peer_refresh)
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }'; }
cpus="CPU per token: client credentials Gatehouse $(cpu_per gatehouse_cc) ms, oidc-provider $(cpu_per peer_cc) ms; refresh Gatehouse $(cpu_per gatehouse_refresh) ms, oidc-provider $(cpu_per peer_refresh) ms"
echo "trivial $trivial/s; client credentials: Gatehouse $gh_cc/s, oidc-provider $peer_cc/s (x$(ratio "$gh_cc" "$peer_cc")); refresh: Gatehouse $gh_refresh/s, oidc-provider $peer_refresh/s (x$(ratio "$gh_refresh" "$peer_refresh"))"
echo "$cpus"
bad=$(( ${others[gatehouse_cc]} + ${others[peer_cc]} + ${others[gatehouse_refresh]} + ${others[peer_refresh]} ))
fi

# Full sign-ins against the hash-bound rate, alternating as sign-in.sh does: hash, sign-ins, hash, …, hash. A warm-up
# first, as for the token requests: the token rounds never ran the sign-in page's and authorization's code.
# The JIT compiles a method several times as it gets hot (tiers, with profiling in between); on two busy cores that takes
# a minute or more for the sign-in's code, and a round taken before it ends measures the compiler.
echo "--- warm-up: ${BENCH_SIGNIN_WARMUP:-60} s of sign-ins"
$tools --oidc-sign-ins "${bench_args[@]}" "${BENCH_SIGNIN_WARMUP:-60}" "$workers"
hashes=$(hash_round)
signin_count=0; signin_seconds=0
for round in $(seq 1 "$rounds"); do
  echo "--- sign-ins round $round: $workers at a time, ${duration} s"
  # The load generator warms up in its own process first (BENCH_ROUND_WARMUP seconds, uncounted), so that its start and JIT
  # are not in the window; it measures the server's CPU and its own over the window itself.
  out=$($tools --oidc-sign-ins "${bench_args[@]}" "$duration" "$workers" "${BENCH_ROUND_WARMUP:-5}" "$server") || { echo "$out" >&2; exit 1; }
  echo "$out"
  read -r n s < <(echo "$out" | sed -n 's/^oidc sign-ins: \([0-9]*\) in \([0-9.]*\) s.*/\1 \2/p')
  read -r server_ms harness_ms < <(echo "$out" | sed -n 's/^oidc sign-ins CPU: server \([0-9.]*\) ms, load generator \([0-9.]*\) ms.*/\1 \2/p')
  signin_count=$((signin_count + n)); signin_seconds=$(echo "$signin_seconds $s" | awk '{ print $1 + $2 }')
  signin_cpu_total=$(echo "${signin_cpu_total:-0} $server_ms $n" | awk '{ print $1 + $2 * $3 }')
  harness_cpu_total=$(echo "${harness_cpu_total:-0} $harness_ms $n" | awk '{ print $1 + $2 * $3 }')
  hashes="$hashes
$(hash_round)"
done
signins=$(echo "$signin_count $signin_seconds" | awk '{ printf "%.1f", $1 / $2 }')
hash_rate=$(echo "$hashes" | awk '{ s += $1; n++ } END { printf "%.1f", s / n }')
# The server's CPU per sign-in, and what is left of it beside the password hash (the hash-bound rounds' CPU per verification).
hash_cpu=$(echo "$hashes" | awk '{ s += $2; n++ } END { printf "%.2f", s / n }')
signin_cpu=$(echo "$signin_cpu_total $signin_count" | awk '{ printf "%.2f", $1 / $2 }')
hash_rates=$(echo "$hashes" | awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $1 }')
signin_ratio=$(echo "$signins $hash_rate" | awk '{ printf "%.1f", 100 * $1 / $2 }')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "full sign-ins: $signins/s; hash-bound: $hash_rate/s ($hash_rates); ratio $signin_ratio%"
harness_cpu=$(echo "$harness_cpu_total $signin_count" | awk '{ printf "%.2f", $1 / $2 }')
echo "server CPU per full sign-in: $signin_cpu ms, of which one password hash $hash_cpu ms; the load generator's (browser and product back end, same cores): $harness_cpu ms"
echo "load average after: $load_after"
# The sign-ins alone (BENCH_SIGNINS_ONLY) are not a whole run: printed, not appended to the results.
[ -z "${BENCH_SIGNINS_ONLY:-}" ] || exit 0

line="client credentials: Gatehouse $gh_cc/s, oidc-provider $peer_cc/s, x$(ratio "$gh_cc" "$peer_cc") | refresh: Gatehouse $gh_refresh/s, oidc-provider $peer_refresh/s, x$(ratio "$gh_refresh" "$peer_refresh") | $cpus | trivial $trivial/s | full sign-ins $signins/s, hash-bound $hash_rate/s ($hash_rates), ratio $signin_ratio%, server CPU per sign-in $signin_cpu ms (hash $hash_cpu ms), load generator $harness_cpu ms | $rounds x ${duration} s, $connections connections, $workers sign-in workers, $users users, $bad token answers other than 200 | load $load_before -> $load_after"
echo "=== $line"
mkdir -p "$(dirname "$results")"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(git describe --always --dirty) $line" >>"$results"
[ "$bad" = "0" ] || { echo "Some token requests were answered with something other than 200." >&2; exit 1; }
