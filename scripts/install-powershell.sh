#!/usr/bin/env bash
# PowerShell 7.6.10 (a .NET global tool: ~/.dotnet/tools/pwsh) and Pester 6.2.0 (a NuGet package
# restored by scripts/pester/pester.csproj into ~/.nuget/packages/pester/6.2.0/tools) for the
# PowerShell suite. Idempotent. 7.6.10 is pinned: 7.7.0 does not install from the registry here.
set -euo pipefail
cd "$(dirname "$0")/.."
PWSH_VERSION=7.6.10
PESTER_VERSION=6.2.0

if ! command -v dotnet >/dev/null; then
  echo "install-powershell.sh: dotnet is not installed; the PowerShell suite needs the .NET SDK" >&2
  exit 1
fi

if dotnet tool list --global | awk 'tolower($1) == "powershell" { print $2 }' | grep -qx "$PWSH_VERSION"; then
  echo "PowerShell $PWSH_VERSION already installed"
elif dotnet tool list --global | awk 'tolower($1) == "powershell"' | grep -q .; then
  dotnet tool update --global PowerShell --version "$PWSH_VERSION"
else
  dotnet tool install --global PowerShell --version "$PWSH_VERSION"
fi

packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
if [ -f "$packages/pester/$PESTER_VERSION/tools/Pester.psd1" ]; then
  echo "Pester $PESTER_VERSION already restored"
else
  # obj/ of the restore goes to a temporary folder, not into the repository.
  obj="$(mktemp -d)"
  trap 'rm -rf "$obj"' EXIT
  dotnet restore scripts/pester/pester.csproj -p:BaseIntermediateOutputPath="$obj/" -p:MSBuildProjectExtensionsPath="$obj/"
fi
"$HOME/.dotnet/tools/pwsh" -NoProfile -NonInteractive -Command \
  "Import-Module '$packages/pester/$PESTER_VERSION/tools/Pester.psd1'; 'PowerShell ' + \$PSVersionTable.PSVersion + ', Pester ' + (Get-Module Pester).Version"
