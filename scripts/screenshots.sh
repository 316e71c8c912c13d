#!/usr/bin/env bash
# Retakes the console screenshots in docs/screenshots/ by running the seed browser tests (and the other browser tests that
# take one: OIDC clients, product support, member details, profile time zone, dev mailbox, setup, and the sample product's
# sample-workshop-refused*.jpg) with GATEHOUSE_SCREENSHOTS set. Usage: scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh >/dev/null
source scripts/maildev.sh
export GATEHOUSE_SCREENSHOTS="$PWD/docs/screenshots"
dotnet test tests/Gatehouse.Server.Tests --filter "FullyQualifiedName~Console.Seed|FullyQualifiedName~Console.OidcClientPagesTests|FullyQualifiedName~Console.PlatformPagesTests|FullyQualifiedName~Console.MemberPageTests|FullyQualifiedName~Accounts.TimeZonePreferenceTests|FullyQualifiedName~Email.DevMailboxBrowserTests|FullyQualifiedName~Hosting.SetupPageBrowserTests|FullyQualifiedName~Sdk.Sample.ConnectedWorkshopTests" -nologo
ls -l docs/screenshots
