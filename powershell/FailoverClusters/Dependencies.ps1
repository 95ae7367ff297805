# Add-ClusterResourceDependency: a resource depends on a provider in its group.

function Add-ClusterResourceDependency {
    [CmdletBinding(DefaultParameterSetName = 'InputObject')]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterResource])]
    param(
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Resource,
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty()]
        [string] $Provider,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    process {
        Assert-CkCluster $Cluster
        $n = if ($Resource) { $Resource } else { Get-CkInputName $InputObject }
        if (-not $n -or -not $Provider) { throw 'Add-ClusterResourceDependency: give -Resource (or pipe a ClusterResource) and -Provider.' }
        try {
            Invoke-CkRequest @{ command = 'add-dependency'; resource = $n; provider = $Provider } | Out-Null
        } catch {
            $PSCmdlet.ThrowTerminatingError((New-CkErrorRecord ("An error occurred adding a dependency between resource '" + $n + "' and resource '" + $Provider + "'.") `
                $_ 'Add-ClusterResourceDependency' InvalidOperation $n))
        }
        Get-CkResourceByName $n
    }
}
