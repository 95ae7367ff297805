# The local FailoverClusters module itself (powershell/FailoverClusters) against `clusterkit run`:
# the real cmdlets' parameter sets and output objects, Set-ClusterParameter's three sets, and
# refusals surfacing as a Windows administrator sees them.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-LocalFailoverClustersPath
    Import-Module FailoverClusters -Force
    $script:Temp = New-TestFolder 'ck-fc-'
    Start-ClusterkitRun -Handler (Get-FixtureHandler 'p-every-kind') -OutDir (Get-FixtureOut 'p-every-kind') -Unregistered `
        -TimeScale 0.05 -Node 'a', 'b' -Name 'lab' -LogFile (Join-Path $script:Temp 'cluster.log') | Out-Null
    Add-ClusterResourceType -Name 'PEveryKind' -Dll 'C:\ck\PEveryKind.dll' | Out-Null
    $script:R = Add-ClusterResource 'F 1' -Type 'PEveryKind'
}

AfterAll {
    Stop-ClusterkitRun
    Remove-Module FailoverClusters -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $script:Temp -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Cmdlet shapes' {
    It 'Set-ClusterParameter has the sets NoMultiple (default), Single Parameter and Multiple Parameter' {
        $c = Get-Command Set-ClusterParameter
        $c.DefaultParameterSet | Should -Be 'NoMultiple'
        @($c.ParameterSets.Name) | Sort-Object | Should -Be @('Multiple Parameter', 'NoMultiple', 'Single Parameter')
        $single = $c.ParameterSets | Where-Object Name -eq 'Single Parameter'
        ($single.Parameters | Where-Object Name -eq 'Name').Position | Should -Be 0
        ($single.Parameters | Where-Object Name -eq 'Value').Position | Should -Be 1
        (($c.ParameterSets | Where-Object Name -eq 'Multiple Parameter').Parameters | Where-Object Name -eq 'Multiple').Position | Should -Be 0
    }

    It 'Add-ClusterResource takes Name, Group, ResourceType at positions 0, 1, 2 (aliases ResType, Type)' {
        $p = (Get-Command Add-ClusterResource).Parameters
        $p['ResourceType'].Aliases | Should -Be @('ResType', 'Type')
        $pos = { param($n) ($p[$n].Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }).Position }
        & $pos 'Name' | Should -Be 0
        & $pos 'Group' | Should -Be 1
        & $pos 'ResourceType' | Should -Be 2
    }

    It 'returns the FailoverClusters objects, printing as their names' {
        $script:R | Should -BeOfType ([Microsoft.FailoverClusters.PowerShell.ClusterResource])
        $script:R.State | Should -Be ([Microsoft.FailoverClusters.PowerShell.ClusterResourceState]::Offline)
        $script:R.OwnerGroup | Should -BeOfType ([Microsoft.FailoverClusters.PowerShell.ClusterGroup])
        "$($script:R.OwnerGroup)" | Should -Be 'F 1'
        $script:R.ResourceType.Name | Should -Be 'PEveryKind'
        $script:R.ResourceType.DllName | Should -Be 'C:\ck\PEveryKind.dll'
        "$($script:R.Cluster)" | Should -Be 'lab'
        (Get-ClusterNode).Name | Should -Be @('a', 'b')
        (Get-ClusterNode 'a').State | Should -Be 'Up'
        (Get-ClusterGroup 'F 1').OwnerNode.Name | Should -Be 'a'
        @(Get-ClusterGroup 'F 1' | Get-ClusterResource).Name | Should -Be @('F 1')
    }
}

Describe 'Get-ClusterParameter' {
    It 'returns ClusterParameter objects typed as the cluster stores them' {
        $p = $script:R | Get-ClusterParameter -Name 'Port', 'Peers', 'Blob', 'Quota'
        $p | ForEach-Object { $_ | Should -BeOfType ([Microsoft.FailoverClusters.PowerShell.ClusterParameter]) }
        $p[0].ClusterObject.Name | Should -Be 'F 1'
        $p.ParameterType | ForEach-Object { "$_" } | Should -Be @('UInt32', 'StringCollection', 'ByteArray', 'UInt64')
        $p[0].Value | Should -BeOfType [uint32]
        , $p[1].Value | Should -BeOfType [string[]]
        , $p[2].Value | Should -BeOfType [byte[]]
        $p[3].Value | Should -BeOfType [uint64]
        $p.IsReadOnly | Should -Not -Contain $true
    }

    It 'writes a non-terminating error for a name that does not exist' {
        $got = $script:R | Get-ClusterParameter -Name 'Port', 'Nope' -ErrorVariable e -ErrorAction SilentlyContinue
        @($got).Name | Should -Be @('Port')
        "$e" | Should -BeLike "Parameter 'Nope' does not exist on the cluster object 'F 1'."
    }
}

Describe 'Set-ClusterParameter' {
    It 'sets one value (Single Parameter), converting it to the parameter''s type' {
        $script:R | Set-ClusterParameter Owner 'ops'
        $script:R | Set-ClusterParameter -Name Port -Value '8100'
        ($script:R | Get-ClusterParameter Port).Value | Should -Be 8100
    }

    It 'sets a hashtable at once (Multiple Parameter)' {
        $script:R | Set-ClusterParameter -Multiple @{ Greeting = 'hey'; Peers = @('x', 'y'); Quota = 42 }
        $p = $script:R | Get-ClusterParameter Greeting, Peers, Quota
        $p.Value[0] | Should -Be 'hey'
        $p[1].Value | Should -Be @('x', 'y')
        $p[2].Value | Should -Be 42
    }

    It 'sets piped ClusterParameter objects together (NoMultiple), for values valid only together' {
        $port = $script:R | Get-ClusterParameter Port
        $verbose = $script:R | Get-ClusterParameter Verbose
        $port.Value = 2000
        $verbose.Value = 1
        $port, $verbose | Set-ClusterParameter
        ($script:R | Get-ClusterParameter Verbose).Value | Should -Be 1
    }

    It 'surfaces the library''s refusal as the Windows error (87), with its reason' {
        $err = $null
        try { $script:R | Set-ClusterParameter Port 70000 } catch { $err = $_ }
        $err.Exception | Should -BeOfType ([Microsoft.FailoverClusters.PowerShell.ClusterCmdletException])
        $err.Exception.Message | Should -Be ("Unable to save property changes for 'F 1'." + [Environment]::NewLine + '    The parameter is incorrect')
        $err.Exception.InnerException | Should -BeOfType ([System.ComponentModel.Win32Exception])
        $err.Exception.InnerException.NativeErrorCode | Should -Be 87
        $err.Exception.Reason | Should -BeLike '*Port is 70000, out of range*'
        $err.FullyQualifiedErrorId | Should -BeLike 'Set-ClusterParameter,*'
        ($script:R | Get-ClusterParameter Port).Value | Should -Be 2000
    }

    It 'refuses a value that does not convert to the parameter''s type' {
        { $script:R | Set-ClusterParameter Port 'abc' } | Should -Throw "Cannot convert the value of parameter 'Port' to UInt32*"
        { $script:R | Set-ClusterParameter Port -1 } | Should -Throw "Cannot convert the value of parameter 'Port' to UInt32*"
    }

    It 'needs -Create for a parameter the resource does not declare; the library then refuses it' {
        { $script:R | Set-ClusterParameter Extra 1 } | Should -Throw "Parameter 'Extra' does not exist*use the -Create switch."
        $err = $null
        try { $script:R | Set-ClusterParameter Extra ([uint32]1) -Create } catch { $err = $_ }
        $err.Exception.InnerException.NativeErrorCode | Should -Be 87
        $err.Exception.Reason | Should -BeLike '*unknown property Extra*'
    }

    It 'refuses -Delete with a clear message' {
        { $script:R | Set-ClusterParameter -Delete } | Should -Throw '*cannot delete private properties*'
    }

    It 'warns, with the Windows text, when the resource is Online' {
        (Start-ClusterResource 'F 1').State | Should -Be 'Online'
        $script:R | Set-ClusterParameter Greeting 'later' -WarningVariable w 3>$null
        "$w" | Should -Be 'The properties were stored, but not all changes will take effect until F 1 is taken offline and then online again.'
    }
}

Describe 'Groups, nodes and state' {
    It 'moves a group with Move-ClusterGroup, keeping the properties' {
        $g = Move-ClusterGroup 'F 1' -Node 'b'
        $g.OwnerNode.Name | Should -Be 'b'
        $g.State | Should -Be 'Online'
        (Get-ClusterResource 'F 1').OwnerNode.Name | Should -Be 'b'
        ((Get-ClusterResource 'F 1') | Get-ClusterParameter Greeting).Value | Should -Be 'later'
    }

    It 'stops and starts a resource' {
        (Stop-ClusterResource 'F 1').State | Should -Be 'Offline'
        (Get-ClusterResource 'F 1' | Start-ClusterResource).State | Should -Be 'Online'
    }

    It 'reports a failed Online as an error' {
        Add-ClusterResource -Name 'F 2' -Group 'F 1' -ResourceType 'PEveryKind' | Out-Null
        { Start-ClusterResource 'F 2' } | Should -Throw "Failed to bring resource 'F 2' online.*"
    }
}

Describe 'Refusals' {
    It 'acts only on the cluster of the session (-Cluster)' {
        @(Get-ClusterNode -Cluster 'lab').Count | Should -Be 2
        { Get-ClusterNode -Cluster 'other' } | Should -Throw "Failed to connect to cluster 'other'*"
    }

    It 'writes ERROR_RESOURCE_NOT_FOUND for a missing resource, and goes on' {
        $got = Get-ClusterResource 'F 1', 'missing' -ErrorVariable e -ErrorAction SilentlyContinue
        @($got).Name | Should -Be @('F 1')
        $e[0].Exception.InnerException.NativeErrorCode | Should -Be 5007
        "$($e[0])" | Should -BeLike "An error occurred opening resource 'missing'.*The cluster resource could not be found"
    }

    It 'refuses a duplicate resource (5010) and a second registration of the type (183)' {
        { Add-ClusterResource 'f 1' -ResourceType 'PEveryKind' } | Should -Throw '*The object already exists*'
        { Add-ClusterResourceType 'PEveryKind' 'C:\x.dll' } | Should -Throw '*Cannot create a file when that file already exists*'
    }

    It 'refuses to remove a type in use (145), then removes resources and type' {
        $err = $null
        try { Remove-ClusterResourceType 'PEveryKind' -ErrorAction Stop } catch { $err = $_ }
        $err.Exception.InnerException.NativeErrorCode | Should -Be 145
        Get-ClusterResource | Remove-ClusterResource -Force
        Get-ClusterResource | Should -BeNullOrEmpty
        Remove-ClusterResourceType 'PEveryKind'
        Get-ClusterResourceType | Should -BeNullOrEmpty
    }

    It 'keeps the events it read past, for scripts that wait on them' {
        @(Get-ClusterkitRunEvent -Kind 'state' | Where-Object { $_['resource'] -eq 'F 1' -and $_['to'] -eq 'Online' }).Count |
            Should -BeGreaterOrEqual 2
    }
}
