#!/usr/bin/env bash
# One-time setup on a fresh machine: system packages, the npm dependencies, then PowerShell and
# Pester for the PowerShell suite (scripts/install-powershell.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh
npm ci
bash scripts/install-powershell.sh
