# The session with `clusterkit run --json`: one child process per PowerShell session, kept in
# module scope. Requests are JSON object lines on its stdin; answers are the
# {"kind":"command","id":...} events on its stdout (docs/rhs-behaviour.md, object commands).
# Every other event (state changes, log lines, ...) is kept for Get-ClusterkitRunEvent.

$script:Session = $null
$script:EventLimit = 2000

function Find-CkCli {
    if ($env:CLUSTERKIT_CLI) { return $env:CLUSTERKIT_CLI }
    $kitRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $cli = Join-Path $kitRoot (Join-Path 'dist' (Join-Path 'src' (Join-Path 'dev' (Join-Path 'cli' 'main.js'))))
    if (-not (Test-Path -LiteralPath $cli -PathType Leaf)) {
        throw ('clusterkit CLI not found at ' + $cli + '; run npm run build in the kit, or set CLUSTERKIT_CLI to its main.js.')
    }
    $cli
}

<#
.SYNOPSIS
    Starts a local cluster (`clusterkit run --json`) for this PowerShell session. Local trials
    and tests only: the FailoverClusters cmdlets of this module then act on it.
.PARAMETER Handler
    The handler file of the resource type (built by clusterkit run).
.PARAMETER OutDir
    Build output folder. Default: a folder 'dist' beside the handler's project (clusterkit's default).
.PARAMETER Node
    Node names, or one number (how many nodes). Default 2 (node1, node2).
.PARAMETER TimeScale
    Multiplies every RHS time value (0.05 = twenty times faster).
.PARAMETER Unregistered
    Start with the resource type not registered and no resources (as before Add-ClusterResourceType).
.PARAMETER Offline
    Create the configured resources but leave them offline.
.PARAMETER Name
    The cluster's name, which -Cluster arguments must match. Default 'clusterkit'.
.PARAMETER LogFile
    The cluster log file. Default: clusterkit's (.clusterkit/cluster.log under the current folder).
.PARAMETER TimeoutSeconds
    How long to wait for the cluster to start (it builds the type first). Default 300.
#>
function Start-ClusterkitRun {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Handler,
        [string] $OutDir,
        [string[]] $Node = @('2'),
        [double] $TimeScale = 1,
        [switch] $Unregistered,
        [switch] $Offline,
        [ValidateNotNullOrEmpty()]
        [string] $Name = 'clusterkit',
        [string] $LogFile,
        [ValidateRange(1, 3600)]
        [int] $TimeoutSeconds = 300
    )
    if ($script:Session) { throw ('A clusterkit run session (cluster ' + $script:Session.Name + ') is already open; Stop-ClusterkitRun first.') }
    $nodeExe = Get-Command -Name 'node' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $nodeExe) { throw 'Node.js (node) is not on PATH; clusterkit run needs it.' }
    $start = [System.Diagnostics.ProcessStartInfo]::new($nodeExe.Source)
    foreach ($arg in @((Find-CkCli), 'run', '--json', '--handler', (Resolve-Path -LiteralPath $Handler).ProviderPath,
            '--nodes', ($Node -join ','), '--time-scale', $TimeScale.ToString([cultureinfo]::InvariantCulture))) {
        $start.ArgumentList.Add([string]$arg)
    }
    if ($OutDir) { $start.ArgumentList.Add('--out'); $start.ArgumentList.Add($OutDir) }
    if ($LogFile) { $start.ArgumentList.Add('--log'); $start.ArgumentList.Add($LogFile) }
    if ($Unregistered) { $start.ArgumentList.Add('--unregistered') }
    if ($Offline) { $start.ArgumentList.Add('--offline') }
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $start.StandardInputEncoding = $utf8
    $start.StandardOutputEncoding = $utf8
    $start.StandardErrorEncoding = $utf8
    $start.WorkingDirectory = (Get-Location -PSProvider FileSystem).ProviderPath
    $process = [System.Diagnostics.Process]::Start($start)
    $process.StandardInput.AutoFlush = $true
    $script:Session = [pscustomobject]@{
        Name = $Name
        Process = $process
        # stderr is read to its end in the background, so the child never blocks on a full pipe.
        ErrorText = $process.StandardError.ReadToEndAsync()
        PendingLine = $null
        NextId = 0
        Events = [System.Collections.Generic.List[object]]::new()
    }
    try {
        # The first answer comes once the type is built and the cluster has started.
        $nodes = Invoke-CkRequest @{ command = 'get-nodes' } -TimeoutSeconds $TimeoutSeconds
    } catch {
        Stop-ClusterkitRun
        throw
    }
    [pscustomobject]@{ Cluster = $Name; ProcessId = $process.Id; Nodes = @($nodes | ForEach-Object { $_['name'] }) }
}

<#
.SYNOPSIS
    Stops the local cluster of this session: every monitor, handler host and application ends.
#>
function Stop-ClusterkitRun {
    [CmdletBinding()]
    param([ValidateRange(1, 600)][int] $TimeoutSeconds = 60)
    $s = $script:Session
    if (-not $s) { return }
    $script:Session = $null
    if (-not $s.Process.HasExited) {
        try { $s.Process.StandardInput.WriteLine('quit'); $s.Process.StandardInput.Close() } catch [System.IO.IOException] { }
        if (-not $s.Process.WaitForExit($TimeoutSeconds * 1000)) { $s.Process.Kill($true) }
    }
    $s.Process.WaitForExit()
    $s.Process.Dispose()
}

<#
.SYNOPSIS
    The events `clusterkit run` reported so far in this session (state changes, log lines, ...),
    oldest first, as hashtables; -Kind keeps only those kinds.
#>
function Get-ClusterkitRunEvent {
    [CmdletBinding()]
    param([string[]] $Kind)
    $s = Get-CkSession
    foreach ($e in $s.Events) { if (-not $Kind -or $Kind -contains $e['kind']) { $e } }
}

function Get-CkSession {
    if (-not $script:Session) {
        throw 'No local cluster: run Start-ClusterkitRun -Handler <handler file> first (this FailoverClusters module drives clusterkit run, for local trials and tests only).'
    }
    $script:Session
}

# One line of the child's stdout; $null when it has ended. Throws after the timeout, keeping the
# unfinished read for the next call so no line is ever lost.
function Read-CkLine([object] $Session, [int] $TimeoutSeconds) {
    if (-not $Session.PendingLine) { $Session.PendingLine = $Session.Process.StandardOutput.ReadLineAsync() }
    if (-not $Session.PendingLine.Wait([timespan]::FromSeconds($TimeoutSeconds))) {
        throw ('clusterkit run did not answer within ' + $TimeoutSeconds + ' s.')
    }
    $line = $Session.PendingLine.Result
    $Session.PendingLine = $null
    $line
}

# Sends one object command and returns its result; a refusal throws a ClusterCmdletException
# carrying the Win32 status the cluster answered.
function Invoke-CkRequest {
    param(
        [Parameter(Mandatory, Position = 0)] [System.Collections.IDictionary] $Request,
        [int] $TimeoutSeconds = 120
    )
    $s = Get-CkSession
    $s.NextId++
    $id = $s.NextId
    $body = [ordered]@{ id = $id }
    foreach ($key in $Request.Keys) { $body[$key] = $Request[$key] }
    try {
        $s.Process.StandardInput.WriteLine((ConvertTo-Json -InputObject $body -Compress -Depth 10))
    } catch [System.IO.IOException] {
        throw (New-CkSessionEndedError $s)
    }
    while ($true) {
        $line = Read-CkLine $s $TimeoutSeconds
        if ($null -eq $line) { throw (New-CkSessionEndedError $s) }
        $e = ConvertFrom-Json -InputObject $line -AsHashtable -NoEnumerate
        if ($e['kind'] -ne 'command' -or $e['id'] -ne $id) {
            $s.Events.Add($e)
            if ($s.Events.Count -gt $script:EventLimit) { $s.Events.RemoveAt(0) }
            continue
        }
        # A list result is unrolled into the pipeline (callers wrap it in @()).
        if ($e['ok']) { return $e['result'] }
        throw [Microsoft.FailoverClusters.PowerShell.ClusterCmdletException]::new(
            [string]$e['error'], [int]$e['win32'], [string]$e['win32Name'], [string]$e['win32Message'], [string]$e['error'])
    }
}

function New-CkSessionEndedError([object] $Session) {
    $Session.Process.WaitForExit(5000) | Out-Null
    $stderr = if ($Session.ErrorText.Wait(5000)) { $Session.ErrorText.Result.Trim() } else { '' }
    $script:Session = $null
    [System.InvalidOperationException]::new('clusterkit run has ended (exit code ' + $Session.Process.ExitCode + '): ' + $stderr)
}
