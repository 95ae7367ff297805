#!/usr/bin/env bash
# System packages the kit's build and tests need (Debian 12), installed with apt-get as root.
# chromium: the web console tests (test/console) drive Debian's Chromium with playwright-core.
set -euo pipefail
pkgs=(cmake gcc make binutils clang libclang-rt-14-dev llvm unzip python3 gcc-mingw-w64-x86-64 wine wine64 resource-agents pacemaker pacemaker-cli-utils corosync libxml2-utils pcs iproute2 procps util-linux mount hostname chromium)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ "$(id -u)" -ne 0 ]; then
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "missing packages: ${missing[*]}; as root run: apt-get update && apt-get install ${missing[*]}" >&2
    exit 1
  fi
  exit 0
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}"
