# A LOCAL FailoverClusters module for trials and tests only, shipped with clusterkit: the cmdlet
# names, parameter sets and output objects of the real module, for the subset an administrator
# of a clusterkit type uses, acting on a local cluster started with Start-ClusterkitRun
# (clusterkit run --json). Never install it on a real cluster node: it would shadow the real one.
Set-StrictMode -Version 3.0

if (-not ('Microsoft.FailoverClusters.PowerShell.ClusterParameter' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'ClusterTypes.cs') -WarningAction SilentlyContinue
}

foreach ($part in 'Session', 'Objects', 'Nodes', 'Resources', 'Dependencies', 'ResourceTypes', 'Parameters') {
    . (Join-Path $PSScriptRoot ($part + '.ps1'))
}

# Leaving the module (or the session) stops the local cluster, so nothing keeps running.
$ExecutionContext.SessionState.Module.OnRemove = { Stop-ClusterkitRun }
