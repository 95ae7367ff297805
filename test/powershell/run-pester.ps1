# Runs the Pester files of test/powershell with Pester 6.2.0 from the NuGet package folder
# (scripts/install-powershell.sh restores it) and writes the counts as JSON to -ResultFile:
# {"passed":N,"failed":N,"skipped":N,"seconds":S}. Exit code 0 only when nothing failed.
param(
    [string] $ResultFile,
    [string[]] $Path = @($PSScriptRoot)
)
$ErrorActionPreference = 'Stop'

# Pester is found at $env:CLUSTERKIT_PESTER (a Pester.psd1), else in the NuGet global packages
# folder ($env:NUGET_PACKAGES or ~/.nuget/packages): pester/6.2.0/tools/Pester.psd1.
$pester = $env:CLUSTERKIT_PESTER
if (-not $pester) {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME (Join-Path '.nuget' 'packages') }
    $pester = Join-Path $packages (Join-Path 'pester' (Join-Path '6.2.0' (Join-Path 'tools' 'Pester.psd1')))
}
if (-not (Test-Path -LiteralPath $pester -PathType Leaf)) {
    throw ('Pester 6.2.0 not found at ' + $pester + '; run bash scripts/install-powershell.sh (or set CLUSTERKIT_PESTER).')
}
Import-Module $pester -Force

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$started = Get-Date
$result = Invoke-Pester -Configuration $config
$summary = [ordered]@{
    passed = $result.PassedCount
    failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    skipped = $result.SkippedCount + $result.NotRunCount
    seconds = [math]::Round(((Get-Date) - $started).TotalSeconds, 1)
}
if ($ResultFile) { $summary | ConvertTo-Json | Set-Content -LiteralPath $ResultFile -Encoding utf8 }
Write-Host ('PowerShell suite: ' + $summary.passed + ' passed, ' + $summary.failed + ' failed, ' + $summary.skipped + ' skipped in ' + $summary.seconds + ' s')
if ($summary.failed -gt 0) { exit 1 }
