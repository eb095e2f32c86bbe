#!/usr/bin/env bash
# Installs the Prism mock server used by openai-contract-tests into <repo>/.prism (gitignored).
# Idempotent: does nothing when the pinned version is already there. Needs node and npm (Node 20 is enough
# for 5.14.2; later Prism versions need Node 24).
set -euo pipefail

PRISM_VERSION="5.14.2"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/.prism"
PKG="$DIR/node_modules/@stoplight/prism-cli/package.json"

installed_version() {
  [ -f "$PKG" ] || return 0
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$PKG" 2>/dev/null || true
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-prism: node and npm are required (Prism $PRISM_VERSION)" >&2
  exit 1
fi

if [ "$(installed_version)" = "$PRISM_VERSION" ] && [ -x "$DIR/node_modules/.bin/prism" ]; then
  echo "install-prism: Prism $PRISM_VERSION already installed in $DIR"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"
# npm init would reject the directory name ".prism"; a minimal private package.json is all npm needs.
[ -f package.json ] || printf '{\n  "name": "openai4k-prism",\n  "private": true\n}\n' > package.json
npm install --no-audit --no-fund --save-exact "@stoplight/prism-cli@$PRISM_VERSION"

if [ "$(installed_version)" != "$PRISM_VERSION" ]; then
  echo "install-prism: expected Prism $PRISM_VERSION, found '$(installed_version)'" >&2
  exit 1
fi
echo "install-prism: Prism $PRISM_VERSION installed in $DIR"
