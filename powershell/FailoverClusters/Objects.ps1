# The session's answers as FailoverClusters objects, and refusals as the errors a Windows
# administrator sees (message, Win32 status in the inner exception).

function Get-CkCluster {
    $c = [Microsoft.FailoverClusters.PowerShell.Cluster]::new()
    $c.Name = (Get-CkSession).Name
    $c
}

# -Cluster must name this session's cluster: a script aimed at another cluster must not act here.
function Assert-CkCluster([string] $Cluster) {
    $s = Get-CkSession
    if ($Cluster -and $Cluster -ne $s.Name) {
        throw [Microsoft.FailoverClusters.PowerShell.ClusterCmdletException]::new(
            ("Failed to connect to cluster '" + $Cluster + "': the local cluster of this session is '" + $s.Name + "'."),
            1722, 'RPC_S_SERVER_UNAVAILABLE', 'The RPC server is unavailable.', '')
    }
}

function ConvertTo-CkNode([System.Collections.IDictionary] $View) {
    $n = [Microsoft.FailoverClusters.PowerShell.ClusterNode]::new()
    $n.Name = $View['name']
    $n.Id = [string]$View['id']
    $n.State = $View['state']
    $n.Cluster = Get-CkCluster
    $n
}

function ConvertTo-CkNodeByName([string] $Name) {
    if (-not $Name) { return $null }
    $n = [Microsoft.FailoverClusters.PowerShell.ClusterNode]::new()
    $n.Name = $Name
    $n.State = 'Up'
    $n.Cluster = Get-CkCluster
    $n
}

function ConvertTo-CkGroup([System.Collections.IDictionary] $View) {
    $g = [Microsoft.FailoverClusters.PowerShell.ClusterGroup]::new()
    $g.Name = $View['name']
    $g.OwnerNode = ConvertTo-CkNodeByName $View['ownerNode']
    $g.State = $View['state']
    $g.Cluster = Get-CkCluster
    $g
}

function ConvertTo-CkType([System.Collections.IDictionary] $View) {
    $t = [Microsoft.FailoverClusters.PowerShell.ClusterResourceType]::new()
    $t.Name = $View['name']
    $t.DisplayName = $View['displayName']
    $t.DllName = $View['dllName']
    foreach ($p in 'LooksAlivePollInterval', 'IsAlivePollInterval', 'PendingTimeout', 'DeadlockTimeout') {
        $t.$p = [uint32]$View[$p.Substring(0, 1).ToLowerInvariant() + $p.Substring(1)]
    }
    $t.Cluster = Get-CkCluster
    $t
}

function ConvertTo-CkResource([System.Collections.IDictionary] $View, [hashtable] $Groups, [hashtable] $Types) {
    $r = [Microsoft.FailoverClusters.PowerShell.ClusterResource]::new()
    $r.Name = $View['name']
    $r.State = $View['state']
    $r.OwnerGroup = $Groups[$View['group']]
    $r.OwnerNode = ConvertTo-CkNodeByName $View['ownerNode']
    $r.ResourceType = $Types[$View['type']]
    if (-not $r.ResourceType) {
        # The type was unregistered while the resource exists: the object still names it.
        $r.ResourceType = [Microsoft.FailoverClusters.PowerShell.ClusterResourceType]::new()
        $r.ResourceType.Name = $View['type']
    }
    $r.StatusInformation = $View['statusInformation']
    $r.SeparateMonitor = [bool]$View['separateMonitor']
    $r.MonitorProcessId = if ($null -ne $View['monitorProcessId']) { [uint32]$View['monitorProcessId'] } else { 0 }
    foreach ($p in 'RestartAction', 'RestartThreshold', 'RestartPeriod', 'RestartDelay', 'RetryPeriodOnFailure',
        'PendingTimeout', 'DeadlockTimeout', 'LooksAlivePollInterval', 'IsAlivePollInterval') {
        $r.$p = [uint32]$View[$p.Substring(0, 1).ToLowerInvariant() + $p.Substring(1)]
    }
    $r.Cluster = Get-CkCluster
    $r
}

# Every resource (or those named), as ClusterResource objects with their group and type objects.
function Get-CkResources {
    $groups = @{}
    foreach ($g in @(Invoke-CkRequest @{ command = 'get-groups' })) { $groups[$g['name']] = ConvertTo-CkGroup $g }
    $types = @{}
    foreach ($t in @(Invoke-CkRequest @{ command = 'get-types' })) { $types[$t['name']] = ConvertTo-CkType $t }
    foreach ($v in @(Invoke-CkRequest @{ command = 'get-resources' })) { ConvertTo-CkResource $v $groups $types }
}

function Get-CkResourceByName([string] $Name) {
    Get-CkResources | Where-Object { $_.Name -eq $Name } | Select-Object -First 1
}

# An ErrorRecord as FailoverClusters writes it: the message a Windows administrator sees, the
# Win32 status in the inner exception, the object it was about as the target.
function New-CkErrorRecord {
    param(
        [string] $Message,
        [object] $Cause,
        [string] $ErrorId,
        [System.Management.Automation.ErrorCategory] $Category = 'NotSpecified',
        [object] $Target,
        # The message alone, without the Win32 text under it (for refusals of the cmdlet itself).
        [switch] $Plain
    )
    $win32 = 87; $name = 'ERROR_INVALID_PARAMETER'; $text = 'The parameter is incorrect.'; $reason = ''
    $inner = if ($Cause -is [System.Management.Automation.ErrorRecord]) { $Cause.Exception } else { $Cause }
    if ($inner -is [Microsoft.FailoverClusters.PowerShell.ClusterCmdletException]) {
        $win32 = $inner.Win32Code; $name = $inner.Win32Name; $text = $inner.InnerException.Message; $reason = $inner.Reason
    } elseif ($inner -is [System.Collections.IDictionary]) {
        $win32 = [int]$inner['code']; $name = $inner['name']; $text = $inner['message']; $reason = $inner['reason']
    }
    $full = if ($Plain) { $Message } else { $Message + [Environment]::NewLine + '    ' + $text.TrimEnd('.') }
    $exception = [Microsoft.FailoverClusters.PowerShell.ClusterCmdletException]::new($full, $win32, $name, $text, $reason)
    [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $Target)
}
