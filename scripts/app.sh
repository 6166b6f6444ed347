#!/usr/bin/env bash
# Runs the desktop app where Electron's binary can be had and a display exists; otherwise the headless
# gateway with its web panel and demo data (same gateway, same data folder, a browser instead of a window).
set -euo pipefail
cd "$(dirname "$0")/.."

has_display() { [ "$(uname)" != Linux ] || [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; }
has_electron() { timeout 300 node -e "require('electron')" >/dev/null 2>&1; }

if has_display && has_electron; then
  npm run --silent build
  exec npx electron-vite preview
fi
why="Electron's binary is not installed (it downloads from GitHub, unreachable here)"
has_display || why="there is no display"
echo "Desktop app unavailable: $why. Starting the headless gateway with its web panel and demo data instead." >&2
npx electron-vite build >/dev/null
exec node bin/studio-gateway.js serve --demo "$@"
