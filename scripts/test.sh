#!/usr/bin/env bash
# Runs every test of the solution. This is the README's test command and what CI runs (.ci/run).
# It installs what the tests need when it is missing, so it works on a machine with only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "The .NET SDK is required (see global.json)." >&2; exit 1; }

results="$(pwd)/.tmp/test-results"
rm -rf "$results"
mkdir -p "$results"

# A real PostgreSQL for the server's integration tests, stopped when this script exits.
source scripts/postgres.sh

# A real SMTP server (maildev from npm) that the email tests start and stop on loopback.
source scripts/maildev.sh

# Redocly's OpenAPI linter (from npm), which the API description test runs on the served document.
source scripts/redocly.sh

# Third-party OpenID Connect clients (openid-client, oidc-client-ts from npm) the provider's tests run against.
source scripts/oidc-clients.sh

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  sudo_if() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if apt-get update -qq
  sudo_if apt-get install -y -qq chromium >/dev/null
fi

# The IANA time zone database (the console shows times in the viewer's zone; tests use Europe/Berlin and others).
if [ ! -e /usr/share/zoneinfo/Europe/Berlin ]; then
  echo "Installing tzdata for the time zone tests…"
  export DEBIAN_FRONTEND=noninteractive
  sudo_if() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if apt-get update -qq
  sudo_if apt-get install -y -qq tzdata >/dev/null
fi

dotnet build Gatehouse.slnx -c Release -nologo -v quiet

# The two NuGet packages (docs/sdk.md) pack, each with its README, version and licence.
packages="$(pwd)/.tmp/packages"
rm -rf "$packages"
for project in src/Gatehouse.Client src/Gatehouse.AspNetCore; do
  dotnet pack "$project" -c Release --no-build -nologo -v quiet -o "$packages"
done
python3 - "$packages" <<'PY'
import glob, re, sys, zipfile
found = sorted(glob.glob(sys.argv[1] + "/*.nupkg"))
assert len(found) == 2, f"expected two packages, found {found}"
for path in found:
    with zipfile.ZipFile(path) as package:
        spec = package.read(next(n for n in package.namelist() if n.endswith(".nuspec"))).decode()
        assert "README.md" in package.namelist() and "<readme>README.md</readme>" in spec, f"{path}: no README"
        assert '<license type="expression">Apache-2.0</license>' in spec, f"{path}: no licence"
        assert re.search(r"<version>\d+\.\d+\.\d+", spec), f"{path}: no version"
print("packages: " + ", ".join(p.rsplit("/", 1)[1] for p in found))
PY
dotnet test Gatehouse.slnx -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true

# One closing line that any CI reader understands.
cat "$results"/*.trx | awk '
  /<Counters / {
    if (match($0, / passed="[0-9]+"/)) { p += substr($0, RSTART + 9, RLENGTH - 10) }
    if (match($0, / failed="[0-9]+"/)) { f += substr($0, RSTART + 9, RLENGTH - 10) }
  }
  END { printf "%d passed, %d failed\n", p, f }' 
