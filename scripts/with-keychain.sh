#!/usr/bin/env bash
# Runs the given command with a real, private keychain, so keytar works in tests (and never touches the user's own):
# a private D-Bus session (dbus-run-session) with a gnome-keyring daemon on it whose fresh keyring is unlocked.
#   scripts/with-keychain.sh npx vitest run
# The command keeps HOME (npm and its caches live there); only the keyring daemon gets a temp data folder.
# Its exit code passes through. Without dbus/gnome-keyring the command runs as is, and keychain tests skip.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1 || ! command -v dbus-daemon >/dev/null 2>&1; then
  echo '*** No keychain for this run (install dbus and gnome-keyring): tests that need one will skip. ***' >&2
  exec "$@"
fi

T="$(mktemp -d "${TMPDIR:-/tmp}/sg-keychain.XXXXXX")"
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -m 700 "$T/data" "$T/run"

# Inside the session: start the keyring daemon with its own data and runtime folders (not the user's), unlocked with
# a password on stdin (an empty one makes it ask through a GUI prompt instead), then export what it prints
# (GNOME_KEYRING_CONTROL) next to DBUS_SESSION_BUS_ADDRESS (set by dbus-run-session) and run the command.
inner='
  T="$1"; shift
  if env=$(printf "studio" | XDG_DATA_HOME="$T/data" XDG_RUNTIME_DIR="$T/run" gnome-keyring-daemon --unlock --components=secrets 2>"$T/keyring.log"); then
    while IFS= read -r line; do
      case "$line" in [A-Z_]*=*) export "${line?}" ;; esac
    done <<<"$env"
  else
    echo "*** The keychain (gnome-keyring-daemon) did not start: tests that need one will skip. ***" >&2
    cat "$T/keyring.log" >&2 || true
  fi
  exec "$@"
'
# dbus-daemon, run as root in a container, says "Failed to set fd limit to 65536: Operation not permitted" on every
# start (it cannot raise the hard limit). Harmless: that one line is dropped from stderr; every other line passes.
status=0
dbus-run-session -- bash -c "$inner" with-keychain "$T" "$@" 2> >(grep -v --line-buffered 'Failed to set fd limit' >&2) || status=$?
exit "$status"
