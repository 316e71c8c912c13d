#!/usr/bin/env bash
# Installs Redocly's OpenAPI linter (@redocly/cli from npm) into .tools/ when it is missing and exports
# GATEHOUSE_TEST_REDOCLY, the command the API description test runs. Source it: `source scripts/redocly.sh`.
_gh_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_gh_redocly="$_gh_root/.tools/redocly/node_modules/.bin/redocly"
if [ ! -x "$_gh_redocly" ]; then
  if ! command -v npm >/dev/null; then
    echo "Installing Node.js and npm from Debian's packages (for the OpenAPI linter)…" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi
  fi
  npm install --no-audit --no-fund --prefix "$_gh_root/.tools/redocly" @redocly/cli@2.77.0 >&2
fi
export GATEHOUSE_TEST_REDOCLY="$_gh_redocly"
unset _gh_root _gh_redocly
