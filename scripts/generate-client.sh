#!/usr/bin/env bash
# Regenerates src/Gatehouse.Client/Generated/GatehouseClient.g.cs from the OpenAPI document the Release server serves.
# Run it after changing the API; ClientInStepTests fails until you do. Needs only the .NET SDK (no global tool):
# it builds the server and tools/Gatehouse.ClientGenerator (NSwag, from NuGet), starts the server on a free loopback
# port with a throwaway SQLite database, hands /openapi/v1.json to the generator and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

dotnet build src/Gatehouse.Server -c Release -nologo -v quiet
dotnet build tools/Gatehouse.ClientGenerator -c Release -nologo -v quiet

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Port 0: the server takes a free port and says which in its log.
(cd "$work" && Gatehouse__ConnectionString="Data Source=$work/gatehouse.db" ASPNETCORE_URLS="http://127.0.0.1:0" \
  exec dotnet "$root/src/Gatehouse.Server/bin/Release/net10.0/gatehouse.dll" >"$work/server.log" 2>&1) &
server=$!

url=""
for _ in $(seq 1 120); do
  url="$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$work/server.log" | head -n1 | sed 's/Now listening on: //' || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; echo "The server stopped before it listened." >&2; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { cat "$work/server.log" >&2; echo "The server did not listen within 60 seconds." >&2; exit 1; }

dotnet tools/Gatehouse.ClientGenerator/bin/Release/net10.0/Gatehouse.ClientGenerator.dll "$url/openapi/v1.json" \
  src/Gatehouse.Client/Generated/GatehouseClient.g.cs
git --no-pager diff --stat -- src/Gatehouse.Client/Generated 2>/dev/null || true
