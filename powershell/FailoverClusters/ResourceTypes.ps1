# Add-ClusterResourceType, Get-ClusterResourceType, Remove-ClusterResourceType.

function Add-ClusterResourceType {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterResourceType])]
    param(
        [Parameter(Mandatory, Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,
        [Parameter(Mandatory, Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $Dll,
        [Parameter(Position = 2)]
        [ValidateNotNullOrEmpty()]
        [string] $DisplayName,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    process {
        Assert-CkCluster $Cluster
        $request = [ordered]@{ command = 'add-type'; name = $Name; dll = $Dll }
        if ($DisplayName) { $request['displayName'] = $DisplayName }
        try {
            ConvertTo-CkType (Invoke-CkRequest $request)
        } catch {
            $PSCmdlet.ThrowTerminatingError((New-CkErrorRecord ("An error occurred creating resource type '" + $Name + "'.") `
                $_ 'Add-ClusterResourceType' InvalidOperation $Name))
        }
    }
}

function Get-ClusterResourceType {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterResourceType])]
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
        $types = @(Invoke-CkRequest @{ command = 'get-types' } | ForEach-Object { ConvertTo-CkType $_ })
        if (-not $Name) { return $types }
        foreach ($n in $Name) {
            $found = @($types | Where-Object { $_.Name -eq $n })
            if ($found) { $found } else {
                $PSCmdlet.WriteError((New-CkErrorRecord ("An error occurred opening resource type '" + $n + "'.") `
                    @{ code = 5078; name = 'ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND'; message = 'The specified resource type was not found.' } `
                    'Get-ClusterResourceType' ObjectNotFound $n))
            }
        }
    }
}

function Remove-ClusterResourceType {
    [CmdletBinding(DefaultParameterSetName = 'InputObject', SupportsShouldProcess, ConfirmImpact = 'Medium')]
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
        $names = if ($Name) { @($Name) } else { @(Get-CkInputName $InputObject) }
        foreach ($n in $names) {
            if (-not $n) { throw 'Remove-ClusterResourceType: give -Name or pipe a ClusterResourceType.' }
            if (-not $PSCmdlet.ShouldProcess($n, 'Remove-ClusterResourceType')) { continue }
            try {
                Invoke-CkRequest @{ command = 'remove-type'; name = $n } | Out-Null
            } catch {
                $PSCmdlet.WriteError((New-CkErrorRecord ("An error occurred deleting resource type '" + $n + "'.") `
                    $_ 'Remove-ClusterResourceType' InvalidOperation $n))
            }
        }
    }
}
