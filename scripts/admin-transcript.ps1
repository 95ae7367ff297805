# Writes the session transcript of docs/admin.md: the generated module of examples/echo-server used
# against `clusterkit run` through the local FailoverClusters module. Every command below is run
# and its output captured. With -Check it only compares, and exits 1 when docs/admin.md is stale
# (test/powershell/Transcript.Tests.ps1 runs that). Needs `npm run build` first.
param([switch] $Check)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSStyle.OutputRendering = 'PlainText'
$kit = Split-Path $PSScriptRoot -Parent
$doc = Join-Path $kit (Join-Path 'docs' 'admin.md')
$out = Join-Path $kit (Join-Path 'build' (Join-Path 'pwsh' 'echo-server'))
$env:PSModulePath = (Join-Path $kit 'powershell') + [System.IO.Path]::PathSeparator + $env:PSModulePath
Import-Module FailoverClusters -Force

# The steps, as code: each prints as its text, then what it wrote (warnings and errors as the
# console shows them).
$steps = @(
    { Start-ClusterkitRun -Handler examples/echo-server/src/handler.ts -OutDir build/pwsh/echo-server -Unregistered -TimeScale 0.1 | Select-Object Cluster, Nodes }
    { Import-Module ./build/pwsh/echo-server/EchoServer.psd1 }
    { Add-ClusterResourceType -Name EchoServer -Dll 'C:\ClusterTypes\EchoServer\windows\EchoServer.dll' -DisplayName 'Echo Server' }
    { New-EchoServerResource -Name Echo1 -Port 7301 -Greeting 'hello from the transcript' | Format-List Name, State, OwnerGroup, OwnerNode, Port, Greeting, VerboseProperty }
    { Get-ClusterResource Echo1 | Get-ClusterParameter }
    { Start-ClusterResource Echo1 }
    { Set-EchoServerResource -Name Echo1 -VerboseProperty $true }
    { Set-EchoServerResource -Name Echo1 -Port 70000 }
    { Get-ClusterResource Echo1 | Set-ClusterParameter -Name Port -Value 0 }
    { Move-ClusterGroup Echo1 -Node node2 }
    { Get-EchoServerResource | Format-Table Name, State, OwnerNode, Port, VerboseProperty, Status }
    { Stop-ClusterResource Echo1 }
    { Remove-ClusterResource Echo1 -Force }
    { Stop-ClusterkitRun }
)

function Format-Record([object] $Item) {
    if ($Item -is [System.Management.Automation.WarningRecord]) { return 'WARNING: ' + $Item.Message }
    if ($Item -is [System.Management.Automation.ErrorRecord]) { return $Item.InvocationInfo.MyCommand.Name + ': ' + $Item.Exception.Message }
    $Item
}

$lines = [System.Collections.Generic.List[string]]::new()
Push-Location $kit
try {
    foreach ($step in $steps) {
        $lines.Add('PS> ' + $step.ToString().Trim())
        $text = try {
            & $step 3>&1 2>&1 | ForEach-Object { Format-Record $_ } | Out-String -Width 110
        } catch {
            Format-Record $_ | Out-String -Width 110
        }
        foreach ($l in ($text -split '\r?\n')) { $lines.Add($l.TrimEnd()) }
    }
} finally {
    Stop-ClusterkitRun
    Pop-Location
}
# Blank lines collapse to one, as on a console page.
$body = (($lines -join "`n") -replace "`n{3,}", "`n`n").Trim()
# Laid out as prettier formats Markdown, so formatting the docs keeps the section current.
$section = "<!-- transcript:start (scripts/admin-transcript.ps1 writes this; do not edit) -->`n`n``````text`n" + $body + "`n```````n`n<!-- transcript:end -->"
$current = [System.IO.File]::ReadAllText($doc)
$pattern = '(?s)<!-- transcript:start.*?<!-- transcript:end -->'
if ($current -notmatch $pattern) { throw 'docs/admin.md has no <!-- transcript:start --> ... <!-- transcript:end --> section.' }
$updated = [regex]::Replace($current, $pattern, { param($m) $section })
if ($Check) {
    if ($updated -ne $current) {
        Write-Host 'docs/admin.md: the transcript is not current; run pwsh scripts/admin-transcript.ps1'
        exit 1
    }
    Write-Host 'docs/admin.md: the transcript is current'
    exit 0
}
[System.IO.File]::WriteAllText($doc, $updated)
Write-Host 'docs/admin.md: transcript written'
