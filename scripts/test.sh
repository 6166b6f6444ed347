#!/usr/bin/env bash
# The whole test suite: type checks, lint, then every test (ends with "N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent typecheck
npm run --silent lint
# The browser tests drive the built control panel.
npx electron-vite build >/dev/null
# A private, real keychain (D-Bus session + GNOME Keyring) for the credential vault and provider tests.
exec scripts/with-keychain.sh npx vitest run "$@"
