#!/usr/bin/env bash
# Creates a fresh, isolated Wine prefix set to Windows 10 (needed by node.exe 20.x) and
# prints its path on stdout. Usage: scripts/wine-prefix.sh [dir]
# Without dir a new temp dir is made; the caller removes it after `wineserver -k`.
# Everything else (progress, Wine's own chatter) goes to stderr.
set -euo pipefail

if ! command -v wine >/dev/null 2>&1; then
  echo "wine-prefix: wine is not installed; as root run: apt-get install --no-install-recommends wine wine64" >&2
  exit 2
fi

dir="${1:-}"
if [ -z "$dir" ]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/ck-wine-XXXXXX")"
fi
mkdir -p "$dir"
prefix="$(cd "$dir" && pwd)/prefix"

export WINEPREFIX="$prefix"
# -all keeps Wine quiet (including the "wine32 is missing" notice); the override
# skips the Mono and Gecko installers, which would need the network and a display.
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY

if [ ! -f "$prefix/system.reg" ]; then
  echo "wine-prefix: creating $prefix" >&2
  timeout 300 wine wineboot -i </dev/null >&2 2>&1 || {
    echo "wine-prefix: wineboot failed in $prefix" >&2
    exit 1
  }
fi
# Node.js 20 refuses to start on the Windows 7 that a new prefix reports.
timeout 120 wine winecfg -v win10 </dev/null >&2 2>&1
timeout 60 wineserver -w || true
echo "$prefix"
