#!/usr/bin/env bash
# Installs maildev (an SMTP server with a REST API, from npm) into .tools/ when it is missing and exports
# GATEHOUSE_TEST_MAILDEV, the command the email tests start it with. Source it: `source scripts/maildev.sh`.
_gh_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_gh_maildev="$_gh_root/.tools/maildev/node_modules/.bin/maildev"
if [ ! -x "$_gh_maildev" ]; then
  if ! command -v npm >/dev/null; then
    echo "Installing Node.js and npm from Debian's packages (for maildev)…" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi
  fi
  npm install --no-audit --no-fund --prefix "$_gh_root/.tools/maildev" maildev@2.2.1 >&2
fi
export GATEHOUSE_TEST_MAILDEV="$_gh_maildev"
unset _gh_root _gh_maildev
