#!/usr/bin/env bash
# Installs the third-party OpenID Connect clients the provider's tests run against (from npm, pinned) into .tools/ when
# they are missing: openid-client (OpenID certified, used by a node relying party the tests start), jose (its JWT
# library, to check tokens against the JWKS) and oidc-client-ts (loaded into Chromium by the browser app test).
# Exports GATEHOUSE_TEST_OIDC_CLIENTS, their node_modules folder. Source it: `source scripts/oidc-clients.sh`.
_gh_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_gh_modules="$_gh_root/.tools/oidc-clients/node_modules"
_gh_packages="openid-client@6.9.1 jose@6.2.19 oidc-client-ts@3.5.0"
if [ ! -f "$_gh_modules/.gatehouse-$(echo "$_gh_packages" | tr ' @/' '_-_')" ]; then
  if ! command -v npm >/dev/null; then
    echo "Installing Node.js and npm from Debian's packages (for the OpenID Connect client tests)…" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi
  fi
  # shellcheck disable=SC2086 # the list is the packages, one word each
  npm install --no-audit --no-fund --prefix "$_gh_root/.tools/oidc-clients" $_gh_packages >&2
  touch "$_gh_modules/.gatehouse-$(echo "$_gh_packages" | tr ' @/' '_-_')"
fi
export GATEHOUSE_TEST_OIDC_CLIENTS="$_gh_modules"
unset _gh_root _gh_modules _gh_packages
