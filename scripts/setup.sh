#!/usr/bin/env bash
# One-time setup on a fresh machine: system packages, then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
npm ci
