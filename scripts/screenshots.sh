#!/usr/bin/env bash
# Retakes the console screenshots in docs/screenshots/ by running the seed browser tests (the OIDC clients page's, and the
# sample product's: sample-workshop-refused*.jpg) with
# GATEHOUSE_SCREENSHOTS set. Usage: scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh >/dev/null
source scripts/maildev.sh
export GATEHOUSE_SCREENSHOTS="$PWD/docs/screenshots"
dotnet test tests/Gatehouse.Server.Tests --filter "FullyQualifiedName~Console.Seed|FullyQualifiedName~Console.OidcClientPagesTests|FullyQualifiedName~Sdk.Sample.ConnectedWorkshopTests" -nologo
ls -l docs/screenshots
