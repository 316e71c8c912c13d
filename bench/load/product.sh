#!/usr/bin/env bash
# A product request on Gatehouse.AspNetCore, in one run on this machine: what the session check (token introspection,
# GatehouseOptions.SessionCheckInterval) and RequirePermission cost a product's page.
# Gatehouse runs in Release on SQLite in a temporary folder (loopback, free port, OpenID Connect provider enabled, rate
# limits raised), with one person (bench/load/people.sh) holding the member role on an organization. The product is
# bench/Gatehouse.Benchmarks --product: a minimal ASP.NET Core app with AddGatehouse as the README says, /trivial (a word,
# no authorization) and /guarded (RequirePermission of $permission on the organization; the package's cache answers it
# after the first check, CacheFor 5 s). For each SessionCheckInterval (0 = at every request, the default; then 30 s) the
# product is started, the person signs in over HTTP (product-sign-in.py: Gatehouse's pages, password, form_post) and wrk
# (2 threads, $connections connections, product.lua) measures for $seconds each:
#   trivial page without the session cookie (the app alone), trivial page with it (the session's validation), guarded
#   page with it (validation and the permission).
# Rounds alternate the two intervals so load from elsewhere falls on both alike.
# Usage: bench/load/product.sh [seconds=10] [connections=8]   BENCH_ROUNDS=2, BENCH_SERVER_DLL=another build's gatehouse.dll (A/B),
#   BENCH_PROFILE=DIR (below)
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10}
connections=${2:-8}
rounds=${BENCH_ROUNDS:-2}
permission=documents.view
threads=2

if ! command -v wrk >/dev/null || ! command -v jq >/dev/null; then
  echo "Installing wrk and jq from Debian…"
  apt-get update -qq && apt-get install -y -qq wrk jq >/dev/null
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $load_before"
source bench/load/oidc-server.sh
build_bench
work=$(mktemp -d)
base="http://127.0.0.1:$(free_port)"
start_oidc_server "$work" "$base" "${BENCH_SERVER_DLL:-src/Gatehouse.Server/bin/Release/net10.0/gatehouse.dll}"
product_pid=""
stop_product() { if [ -n "$product_pid" ]; then kill "$product_pid" 2>/dev/null; wait "$product_pid" 2>/dev/null || true; product_pid=""; fi; }
trap 'stop_product; kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 150); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

source bench/load/people.sh
bench_people "$base" 1 "Product bench"
user=$(curl -sf "$base/api/v1/organizations/$org/members?limit=5" -H "$auth" | jq -r --arg e "$(email 1)" '.items[] | select(.email == $e) | .userId')
curl -sf -X POST "$base/api/v1/organizations/$org/check" -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"userId\":\"$user\",\"permission\":\"$permission\"}" | jq -e .allowed >/dev/null \
  || { echo "The bench person does not hold $permission; the guarded page would measure refusals." >&2; exit 1; }
product_port=$(free_port)
product="http://127.0.0.1:$product_port"
client=$(curl -sf -X POST "$base/api/v1/platform/oidc-clients" -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Bench product\",\"type\":\"confidential\",\"redirectUris\":[\"$product/signin-oidc\"],\"postLogoutRedirectUris\":[\"$product/signout-callback-oidc\"],\"firstParty\":true}")
client_id=$(echo "$client" | jq -r .client.clientId); client_secret=$(echo "$client" | jq -r .clientSecret)

measure() { # label, path, cookie
  local out
  out=$(BENCH_COOKIE="$3" wrk -t$threads -c"$connections" -d"${duration}s" --timeout 10s -s bench/load/product.lua "$product$2")
  echo "$1: $(echo "$out" | sed -n 's/^result: //p')"
}
# BENCH_PROFILE=DIR: CPU samples (dotnet-trace, speedscope format) of Gatehouse and of the product during 15 s of the
# signed-in trivial page with SessionCheckInterval 0 (every request introspects), written to DIR, then stop.
if [ -n "${BENCH_PROFILE:-}" ]; then
  mkdir -p "$BENCH_PROFILE"
  $tools --product "$base" "$client_id" "$client_secret" "$product_port" 0 "$permission" >"$work/product.log" 2>&1 &
  product_pid=$!
  for _ in $(seq 1 150); do curl -sf "$product/trivial" >/dev/null && break; sleep 0.2; done
  cookie=$(python3 bench/load/product-sign-in.py "$product" "$(email 1)" "$(password 1)" /guarded)
  trace() { "${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}" collect -p "$1" --profile dotnet-sampled-thread-time --duration 00:00:00:15 --format speedscope -o "$BENCH_PROFILE/$2.nettrace" >/dev/null; }
  (sleep 3; trace "$server" gatehouse) & tracer1=$!
  (sleep 3; trace "$product_pid" product) & tracer2=$!
  duration=20 measure "trivial page, signed in (profiled)" /trivial "$cookie"
  wait $tracer1 $tracer2
  ls -la "$BENCH_PROFILE"
  exit 0
fi
for round in $(seq 1 "$rounds"); do
  for interval in 0 30; do
    $tools --product "$base" "$client_id" "$client_secret" "$product_port" "$interval" "$permission" >"$work/product.log" 2>&1 &
    product_pid=$!
    for _ in $(seq 1 150); do curl -sf "$product/trivial" >/dev/null && break; sleep 0.2; done
    cookie=$(python3 bench/load/product-sign-in.py "$product" "$(email 1)" "$(password 1)" /guarded)
    echo "--- round $round, SessionCheckInterval $interval s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    measure "trivial page, no session" /trivial ""
    measure "trivial page, signed in" /trivial "$cookie"
    measure "guarded page (RequirePermission), signed in" /guarded "$cookie"
    stop_product
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
