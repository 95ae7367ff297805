# Get-ClusterResource, Add-ClusterResource, Remove-ClusterResource, Start-/Stop-ClusterResource.

# The resource name an -InputObject stands for (a ClusterResource, or anything with a Name).
function Get-CkInputName([object] $InputObject) {
    if ($null -eq $InputObject) { return '' }
    $base = $InputObject.psobject.BaseObject
    if ($base -is [string]) { return $base }
    [string]$InputObject.Name
}

function Get-ClusterResource {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterResource])]
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
        $resources = @(Get-CkResources)
        if ($InputObject) {
            $base = $InputObject.psobject.BaseObject
            if ($base -is [Microsoft.FailoverClusters.PowerShell.ClusterGroup]) {
                $resources = @($resources | Where-Object { [string]$_.OwnerGroup -eq $base.Name })
            } elseif ($base -is [Microsoft.FailoverClusters.PowerShell.ClusterNode]) {
                $resources = @($resources | Where-Object { [string]$_.OwnerNode -eq $base.Name })
            } elseif ($base -is [Microsoft.FailoverClusters.PowerShell.ClusterResourceType]) {
                $resources = @($resources | Where-Object { $_.ResourceType.Name -eq $base.Name })
            }
        }
        if (-not $Name) { return $resources }
        foreach ($n in $Name) {
            $found = @($resources | Where-Object { $_.Name -eq $n })
            if ($found) { $found } else {
                $PSCmdlet.WriteError((New-CkErrorRecord ("An error occurred opening resource '" + $n + "'.") `
                    @{ code = 5007; name = 'ERROR_RESOURCE_NOT_FOUND'; message = 'The cluster resource could not be found.' } `
                    'Get-ClusterResource' ObjectNotFound $n))
            }
        }
    }
}

function Add-ClusterResource {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterResource])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $Group,
        [Parameter(Mandatory, Position = 2)]
        [Alias('ResType', 'Type')]
        [ValidateNotNullOrEmpty()]
        [string] $ResourceType,
        [switch] $SeparateMonitor,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    process {
        Assert-CkCluster $Cluster
        $request = [ordered]@{ command = 'add-resource'; name = $Name; type = $ResourceType }
        # A piped ClusterGroup is the group to create the resource in.
        if ($Group) { $request['group'] = $Group }
        elseif ($InputObject -and $InputObject.psobject.BaseObject -is [Microsoft.FailoverClusters.PowerShell.ClusterGroup]) {
            $request['group'] = $InputObject.Name
        }
        if ($SeparateMonitor) { $request['separateMonitor'] = $true }
        try {
            Invoke-CkRequest $request | Out-Null
        } catch {
            $PSCmdlet.ThrowTerminatingError((New-CkErrorRecord ("An error occurred creating resource '" + $Name + "'.") `
                $_ 'Add-ClusterResource' InvalidOperation $Name))
        }
        Get-CkResourceByName $Name
    }
}

function Remove-ClusterResource {
    [CmdletBinding(DefaultParameterSetName = 'InputObject', SupportsShouldProcess, ConfirmImpact = 'Medium')]
    param(
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty()]
        [System.Collections.Specialized.StringCollection] $Name,
        [switch] $Force,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    process {
        Assert-CkCluster $Cluster
        $names = if ($Name) { @($Name) } else { @(Get-CkInputName $InputObject) }
        foreach ($n in $names) {
            if (-not $n) { throw 'Remove-ClusterResource: give -Name or pipe a ClusterResource.' }
            if (-not $PSCmdlet.ShouldProcess($n, 'Remove-ClusterResource')) { continue }
            if (-not $Force -and -not $PSCmdlet.ShouldContinue(("Are you sure you want to remove cluster resource '" + $n + "'?"), 'Remove-ClusterResource')) { continue }
            try {
                Invoke-CkRequest @{ command = 'remove-resource'; name = $n } | Out-Null
            } catch {
                $PSCmdlet.WriteError((New-CkErrorRecord ("An error occurred deleting resource '" + $n + "'.") `
                    $_ 'Remove-ClusterResource' InvalidOperation $n))
            }
        }
    }
}

function Start-ClusterResource {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterResource])]
    param(
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,
        [switch] $IgnoreLocked,
        [switch] $ChooseBestNode,
        [int] $Wait,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    process { Set-CkResourceState $PSCmdlet 'online-resource' 'online' $Name $InputObject $Cluster }
}

function Stop-ClusterResource {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterResource])]
    param(
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,
        [switch] $IgnoreLocked,
        [int] $Wait,
        [switch] $Force,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    process { Set-CkResourceState $PSCmdlet 'offline-resource' 'offline' $Name $InputObject $Cluster }
}

# Online or Offline; the session answers once the resource got there (or failed).
function Set-CkResourceState($Cmdlet, [string] $Command, [string] $Target, [string] $Name, [object] $InputObject, [string] $Cluster) {
    Assert-CkCluster $Cluster
    $n = if ($Name) { $Name } else { Get-CkInputName $InputObject }
    if (-not $n) { throw ($Cmdlet.MyInvocation.MyCommand.Name + ': give -Name or pipe a ClusterResource.') }
    try {
        Invoke-CkRequest @{ command = $Command; name = $n } | Out-Null
    } catch {
        $Cmdlet.ThrowTerminatingError((New-CkErrorRecord ("Failed to bring resource '" + $n + "' " + $Target + '.') `
            $_ $Cmdlet.MyInvocation.MyCommand.Name InvalidOperation $n))
    }
    Get-CkResourceByName $n
}

# What ClusterResourceControl (clusapi.dll) does on Windows, for the local cluster only: a custom
# control code sent to the resource's library. Not a FailoverClusters cmdlet (that module has none
# for it); the generated admin modules call it when it exists, and clusapi.dll otherwise.
function Invoke-ClusterkitResourceControl {
    [CmdletBinding()]
    [OutputType([byte[]])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,
        [Parameter(Mandatory, Position = 1)]
        [uint32] $ControlCode,
        [AllowEmptyCollection()]
        [byte[]] $InputBytes = @(),
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    Assert-CkCluster $Cluster
    $answer = Invoke-CkRequest @{ command = 'control'; resource = $Name; code = $ControlCode; input = [Convert]::ToBase64String($InputBytes) }
    if ($answer['code'] -ne 0) {
        $PSCmdlet.ThrowTerminatingError((New-CkErrorRecord ("The control code 0x" + $ControlCode.ToString('x8') + " failed on the resource '" + $Name + "'.") `
            $answer 'Invoke-ClusterkitResourceControl' InvalidOperation $Name))
    }
    , [Convert]::FromBase64String([string]$answer['data'])
}
