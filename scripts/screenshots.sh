#!/usr/bin/env bash
# Retakes the console screenshots in docs/screenshots/ by running the seed browser tests on SQLite with
# GATEHOUSE_SCREENSHOTS set. Usage: scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh >/dev/null
source scripts/maildev.sh
export GATEHOUSE_SCREENSHOTS="$PWD/docs/screenshots"
dotnet test tests/Gatehouse.Server.Tests --filter "FullyQualifiedName~Console.Seed" -nologo
ls -l docs/screenshots
