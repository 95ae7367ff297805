# LOCAL stand-in for FailoverClusters, shipped with clusterkit for local trials and tests only.
@{
    RootModule           = 'FailoverClusters.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '6d0f1c57-3c1e-4d4b-9a49-6b1f0f1f2c01'
    Author               = 'clusterkit'
    Description          = 'LOCAL FailoverClusters for clusterkit trials and tests: acts on clusterkit run, not on a Windows cluster.'
    PowerShellVersion    = '7.2'
    FormatsToProcess     = @('FailoverClusters.Format.ps1xml')
    FunctionsToExport    = @(
        'Get-ClusterNode', 'Get-ClusterGroup', 'Move-ClusterGroup',
        'Get-ClusterResource', 'Add-ClusterResource', 'Remove-ClusterResource',
        'Start-ClusterResource', 'Stop-ClusterResource', 'Add-ClusterResourceDependency',
        'Get-ClusterParameter', 'Set-ClusterParameter',
        'Add-ClusterResourceType', 'Get-ClusterResourceType', 'Remove-ClusterResourceType',
        'Start-ClusterkitRun', 'Stop-ClusterkitRun', 'Get-ClusterkitRunEvent'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{ PSData = @{ Tags = @('clusterkit', 'local-only') } }
}
