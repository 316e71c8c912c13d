# Sourced by oidc.sh and product.sh (also build_bench and free_port, below). start_oidc_server WORK BASE [DLL] starts the Release server (or DLL) on SQLite in the
# folder WORK, listening on BASE, with the OpenID Connect provider enabled, its public URL on that loopback address, a
# throwaway key-ring certificate (Production refuses the provider without one) and the rate limits raised; sets $server
# to its process id. Its log is WORK/server.log.
start_oidc_server() {
  local work=$1 base=$2 dll=${3:-src/Gatehouse.Server/bin/Release/net10.0/gatehouse.dll}
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=gatehouse-bench-key-ring" \
    -keyout "$work/key-ring.key" -out "$work/key-ring.crt" 2>/dev/null
  Gatehouse__ConnectionString="Data Source=$work/gatehouse.db" \
    Gatehouse__KeyRing__CertificatePath="$work/key-ring.crt" \
    Gatehouse__KeyRing__KeyPath="$work/key-ring.key" \
    Gatehouse__PublicUrl="$base" \
    Gatehouse__Oidc__Enabled=true \
    Gatehouse__AnonymousRequestsPerMinute=100000000 \
    Gatehouse__Accounts__SignInAttemptsPerMinute=100000000 \
    Gatehouse__Accounts__MaxFailedSignIns=100000000 \
    Logging__LogLevel__Default=Warning \
    dotnet "$dll" --urls "$base" --preset default >"$work/server.log" 2>&1 &
  server=$!
}

# build_bench builds the Release server and the bench tools and sets $tools to the latter's command line.
build_bench() {
  dotnet build src/Gatehouse.Server -c Release -nologo -v quiet >/dev/null
  dotnet build bench/Gatehouse.Benchmarks -c Release -nologo -v quiet >/dev/null
  tools="dotnet bench/Gatehouse.Benchmarks/bin/Release/net10.0/Gatehouse.Benchmarks.dll"
}

# free_port prints a TCP port free on the loopback address.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
