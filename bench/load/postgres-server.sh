# Sourced by the load scripts that measure on PostgreSQL: starts Debian's PostgreSQL on a free loopback port
# (scripts/postgres.sh), builds and starts the Release server on it, creates the platform operator
# bench@example.com (password "bench password 123") and sets: base (the server's URL), key (the operator's API key),
# pg_port, and psql_ (psql on that database). Everything stops when the sourcing script exits.
# BENCH_CONNECTION_EXTRA=";Max Auto Prepare=0" is appended to the server's connection string (e.g. to compare a setting).
# BENCH_NODES=2 starts a second node on the same database once the first is up, and sets base2 and server2 (its pid).
source scripts/postgres.sh
dotnet build src/Gatehouse.Server -c Release -nologo -v quiet >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
base="http://127.0.0.1:$(free_port)"
pg_port=$(echo "$GATEHOUSE_TEST_POSTGRES" | sed 's/.*Port=\([0-9]*\).*/\1/')
psql_() { psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

log=$(mktemp)
# start_node URL LOG: a Release server on the benchmark's database; wait_node URL: until it answers.
start_node() {
  Gatehouse__Database=postgres Gatehouse__ConnectionString="$GATEHOUSE_TEST_POSTGRES${BENCH_CONNECTION_EXTRA:-}" Logging__LogLevel__Default=Warning \
    dotnet src/Gatehouse.Server/bin/Release/net10.0/gatehouse.dll --urls "$1" >"$2" 2>&1 &
}
wait_node() { for _ in $(seq 1 150); do curl -sf "$1/healthz" >/dev/null && break; sleep 0.2; done; }
start_node "$base" "$log"
server=$!
server2=
trap 'kill $server $server2 2>/dev/null; wait $server $server2 2>/dev/null; rm -f "$log"; stop_postgres' EXIT
wait_node "$base"
token=$(grep -o 'ghs_[A-Za-z0-9_-]*' "$log" | head -n 1)
key=$(curl -sf -X POST "$base/api/v1/setup" -H 'Content-Type: application/json' \
  -d "{\"token\":\"$token\",\"email\":\"bench@example.com\",\"firstName\":\"Bench\",\"lastName\":\"Operator\",\"password\":\"bench password 123\"}" \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['apiKey'])")
if [ "${BENCH_NODES:-1}" = 2 ]; then
  # After the first node migrated the database.
  base2="http://127.0.0.1:$(free_port)"
  start_node "$base2" /dev/null
  server2=$!
  wait_node "$base2"
fi
