#!/usr/bin/env bash
# Load test of the access check endpoint against the server's trivial endpoint (/healthz), same server,
# same run, with wrk on loopback. Prints requests/s of both and their ratio (target: check ≥ 70%), and the
# batch endpoint (POST …/check/batch, 100 checks a request) in checks/s (target ≥ 500,000).
# Usage: bench/load/check-load.sh [duration-seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15}
connections=${2:-32}

if ! command -v wrk >/dev/null || ! command -v jq >/dev/null; then
  echo "Installing wrk and jq from Debian…"
  apt-get update -qq && apt-get install -y -qq wrk jq >/dev/null
fi

dotnet build src/Gatehouse.Server -c Release -nologo -v quiet >/dev/null
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
Gatehouse__ConnectionString="Data Source=$work/gatehouse.db" Logging__LogLevel__Default=Warning \
  dotnet src/Gatehouse.Server/bin/Release/net10.0/gatehouse.dll --urls "$base" --preset workshops >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

token=$(grep -o 'ghs_[A-Za-z0-9_-]*' "$work/server.log" | head -n 1)
key=$(curl -sf -X POST "$base/api/v1/setup" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$token\",\"email\":\"bench@example.com\",\"firstName\":\"Bench\",\"lastName\":\"Operator\",\"password\":\"bench password 123\"}" | jq -r .apiKey)
auth="Authorization: Bearer $key"
org=$(curl -sf -X POST "$base/api/v1/organizations" -H "$auth" -H 'Content-Type: application/json' -d '{"name":"Bench"}' | jq -r .id)
berlin=$(curl -sf -X POST "$base/api/v1/organizations/$org/scopes" -H "$auth" -H 'Content-Type: application/json' -d '{"name":"Berlin"}' | jq -r .id)
# A service account with basic rights in Berlin: the product backend that asks the checks, and the subject of them.
service=$(curl -sf -X POST "$base/api/v1/organizations/$org/service-accounts" -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"name\":\"backend\",\"grants\":[{\"roleKey\":\"manager\",\"scopeId\":\"$berlin\"}]}")
user=$(echo "$service" | jq -r .userId)
export GATEHOUSE_KEY=$(echo "$service" | jq -r .key)
export GATEHOUSE_CHECK_BODY="{\"userId\":\"$user\",\"permission\":\"members.view\",\"scopeId\":\"$berlin\"}"

# A batch of 100 checks about the same user: eight management permissions at Berlin and on the organization, in turn.
export GATEHOUSE_BATCH_BODY=$(python3 -c "
import json, sys
perms = ['members.view','members.invite','members.assign','members.deactivate','members.delete','roles.manage','audit.view','organization.manage']
checks = [{'permission': perms[i % 8], **({'scopeId': '$berlin'} if i % 2 == 0 else {})} for i in range(100)]
print(json.dumps({'userId': '$user', 'checks': checks}))")
batch_answer=$(curl -sf -X POST "$base/api/v1/organizations/$org/check/batch" -H "Authorization: Bearer $GATEHOUSE_KEY" -H 'Content-Type: application/json' -d "$GATEHOUSE_BATCH_BODY")
echo "batch answer: $(echo "$batch_answer" | jq '[.results[] | select(.)] | length') of 100 allowed"

answer=$(curl -sf -X POST "$base/api/v1/organizations/$org/check" -H "Authorization: Bearer $GATEHOUSE_KEY" -H 'Content-Type: application/json' -d "$GATEHOUSE_CHECK_BODY")
echo "check answer: $answer"
[ "$(echo "$answer" | jq -r .allowed)" = "true" ] || { echo "The check did not answer allowed=true; the load test would measure an error path." >&2; exit 1; }

# Warm up both paths, then measure them back to back.
wrk -t2 -c"$connections" -d3s -s bench/load/trivial.lua "$base/healthz" >/dev/null
wrk -t2 -c"$connections" -d3s -s bench/load/check.lua "$base/api/v1/organizations/$org/check" >/dev/null
wrk -t2 -c"$connections" -d3s -s bench/load/check-batch.lua "$base/api/v1/organizations/$org/check/batch" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
trivial=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/load/trivial.lua "$base/healthz")
check=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/load/check.lua "$base/api/v1/organizations/$org/check")
batch=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/load/check-batch.lua "$base/api/v1/organizations/$org/check/batch")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- trivial (GET /healthz)"; echo "$trivial" | grep -E "Requests/sec|Non-2xx|50%|99%"
echo "--- check (POST /check)";   echo "$check" | grep -E "Requests/sec|Non-2xx|50%|99%"
t=$(echo "$trivial" | awk '/Requests\/sec/ {print $2}')
c=$(echo "$check" | awk '/Requests\/sec/ {print $2}')
echo "--- batch (POST /check/batch, 100 checks a request)"; echo "$batch" | grep -E "Requests/sec|Non-2xx|50%|99%"
b=$(echo "$batch" | awk '/Requests\/sec/ {print $2}')
echo "$b $t" | awk '{ printf "batch: %.0f checks/s (%.0f requests/s of 100, %.1f%% of the trivial endpoint'"'"'s requests/s)\n", 100*$1, $1, 100*$1/$2 }'
echo "$c $t" | awk '{ printf "check/trivial throughput: %.1f%% (%s vs %s requests/s, %d connections, %ss)\n", 100*$1/$2, $1, $2, '"$connections"', '"$duration"' }'
if echo "$check$batch" | grep -q "Non-2xx"; then echo "The check run had non-2xx answers." >&2; exit 1; fi
