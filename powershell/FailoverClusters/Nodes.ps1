# Get-ClusterNode, Get-ClusterGroup, Move-ClusterGroup.

function Get-ClusterNode {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterNode])]
    param(
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty()]
        [System.Collections.Specialized.StringCollection] $Name,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    process {
        Assert-CkCluster $Cluster
        $nodes = @(Invoke-CkRequest @{ command = 'get-nodes' } | ForEach-Object { ConvertTo-CkNode $_ })
        if ($InputObject -and $InputObject.psobject.BaseObject -is [Microsoft.FailoverClusters.PowerShell.ClusterGroup]) {
            $nodes = @($nodes | Where-Object { $_.Name -eq [string]$InputObject.OwnerNode })
        }
        if (-not $Name) { return $nodes }
        foreach ($n in $Name) {
            $found = @($nodes | Where-Object { $_.Name -eq $n })
            if ($found) { $found } else {
                $PSCmdlet.WriteError((New-CkErrorRecord ("The cluster node '" + $n + "' was not found.") `
                    @{ code = 5042; name = 'ERROR_CLUSTER_NODE_NOT_FOUND'; message = 'The cluster node was not found.' } `
                    'Get-ClusterNode' ObjectNotFound $n))
            }
        }
    }
}

function Get-ClusterGroup {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterGroup])]
    param(
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty()]
        [System.Collections.Specialized.StringCollection] $Name,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    process {
        Assert-CkCluster $Cluster
        $groups = @(Invoke-CkRequest @{ command = 'get-groups' } | ForEach-Object { ConvertTo-CkGroup $_ })
        if ($InputObject -and $InputObject.psobject.BaseObject -is [Microsoft.FailoverClusters.PowerShell.ClusterNode]) {
            $groups = @($groups | Where-Object { [string]$_.OwnerNode -eq $InputObject.Name })
        }
        if (-not $Name) { return $groups }
        foreach ($n in $Name) {
            $found = @($groups | Where-Object { $_.Name -eq $n })
            if ($found) { $found } else {
                $PSCmdlet.WriteError((New-CkErrorRecord ("An error occurred opening cluster group '" + $n + "'.") `
                    @{ code = 5013; name = 'ERROR_GROUP_NOT_FOUND'; message = 'The cluster group could not be found.' } `
                    'Get-ClusterGroup' ObjectNotFound $n))
            }
        }
    }
}

function Move-ClusterGroup {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterGroup])]
    param(
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $Node,
        [switch] $IgnoreLocked,
        [int] $Wait,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    process {
        Assert-CkCluster $Cluster
        $group = if ($Name) { $Name } elseif ($InputObject) { [string]$InputObject.Name } else { '' }
        if (-not $group) { throw 'Move-ClusterGroup: give -Name or pipe a ClusterGroup.' }
        $request = [ordered]@{ command = 'move-group'; name = $group }
        if ($Node) { $request['node'] = $Node }
        try {
            ConvertTo-CkGroup (Invoke-CkRequest $request)
        } catch {
            $PSCmdlet.ThrowTerminatingError((New-CkErrorRecord ("An error occurred while moving the clustered role '" + $group + "'.") `
                $_ 'Move-ClusterGroup' InvalidOperation $group))
        }
    }
}
