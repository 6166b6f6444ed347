#!/usr/bin/env bash
# Installs what the app and the tests need: Debian packages (when root and missing), then npm dependencies.
# Idempotent and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
quiet=0; [ "${1:-}" = "--quiet" ] && quiet=1

# Debian packages: chromium drives the control panel in a real browser (Playwright); libsecret-1-dev and
# pkg-config build keytar; dbus and gnome-keyring give the tests a real keychain (Secret Service); radicale is a
# real CalDAV server for the Apple Calendar tests.
apt_packages=(chromium libsecret-1-dev pkg-config dbus dbus-bin gnome-keyring radicale)
missing=()
for p in "${apt_packages[@]+"${apt_packages[@]}"}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "Warning: missing system packages (${missing[*]}); tests that need them will say so and skip." >&2
  fi
fi

# Electron's binary comes from GitHub, which is not reachable everywhere: skip it; ./run app falls back to headless.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
stamp=node_modules/.install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ "$(cat "$stamp")" != "$(node --version)" ]; then
  [ $quiet = 1 ] || echo "Installing npm dependencies (npm ci) ..." >&2
  npm ci --no-audit --no-fund >&2
  node --version > "$stamp"
fi
