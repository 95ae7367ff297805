# The paths of the generated module a local cluster cannot give: PowerShell remoting
# (Register -NodePath sets CLUSTERKIT_NODE with Invoke-Command on every node), copying this
# machine's node.exe, no Node.js anywhere, -Cluster passed through, and the real \\node\C$ path
# without the test seam. The FailoverClusters cmdlets are mocked inside the module.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-LocalFailoverClustersPath
    Import-Module FailoverClusters -Force
    $script:Temp = New-TestFolder 'ck-admin-mock-'
    $psd1 = New-GeneratedModule (Join-Path (Get-KitRoot) 'test/golden/admin/every-kind.schema.json') (Join-Path $script:Temp 'module')
    Import-Module $psd1 -Force
    # A package without node.exe beside the library.
    $script:Package = Join-Path $script:Temp 'package'
    New-Item -ItemType Directory -Path (Join-Path $script:Package 'windows') | Out-Null
    Set-Content -LiteralPath (Join-Path $script:Package 'windows/EveryKind.dll') -Value 'library'
    Set-Content -LiteralPath (Join-Path $script:Package 'EveryKind.handler.js') -Value 'bundle'
    $script:LocalNode = Join-Path $script:Temp 'node.exe'
    Set-Content -LiteralPath $script:LocalNode -Value 'this machine''s node'
}

AfterAll {
    Remove-Item Env:CLUSTERKIT_TEST_SHARE_ROOT -ErrorAction SilentlyContinue
    Remove-Module EveryKind, FailoverClusters -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $script:Temp -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Register-EveryKindResourceType with mocked cluster and remoting' {
    BeforeEach {
        $env:CLUSTERKIT_TEST_SHARE_ROOT = Join-Path $script:Temp ('shares-' + [guid]::NewGuid().ToString('n').Substring(0, 6))
        Mock -ModuleName EveryKind Get-ClusterNode { [pscustomobject]@{ Name = 'n1' }, [pscustomobject]@{ Name = 'n2' } }
        Mock -ModuleName EveryKind Get-ClusterResourceType { }
        Mock -ModuleName EveryKind Add-ClusterResourceType { }
        Mock -ModuleName EveryKind Invoke-Command { }
    }

    It 'with -NodePath copies no Node.js and sets CLUSTERKIT_NODE on every node by remoting' {
        Register-EveryKindResourceType -SourcePath $script:Package -InstallPath 'C:\ck' -NodePath 'C:\node\node.exe' -Cluster 'c1'
        Should -Invoke -ModuleName EveryKind Invoke-Command -Times 2 -Exactly
        foreach ($n in 'n1', 'n2') {
            Should -Invoke -ModuleName EveryKind Invoke-Command -Times 1 -Exactly -ParameterFilter {
                $ComputerName -eq $n -and $ArgumentList[0] -eq 'C:\node\node.exe' -and "$ScriptBlock" -like "*SetEnvironmentVariable('CLUSTERKIT_NODE', `$path, 'Machine')*"
            }
            Test-Path -LiteralPath (Join-Path $env:CLUSTERKIT_TEST_SHARE_ROOT "$n/C`$/ck/windows/node.exe") | Should -BeFalse
        }
        Should -Invoke -ModuleName EveryKind Add-ClusterResourceType -Times 1 -Exactly -ParameterFilter {
            $Name -eq 'Every Kind' -and $Dll -eq 'C:\ck\windows\EveryKind.dll' -and $DisplayName -eq 'Every Kind Demo' -and $Cluster -eq 'c1'
        }
        Should -Invoke -ModuleName EveryKind Get-ClusterNode -ParameterFilter { $Cluster -eq 'c1' }
    }

    It 'copies this machine''s node.exe beside the library when the package has none' {
        Mock -ModuleName EveryKind Get-Command { [pscustomobject]@{ Source = $script:LocalNode } } -ParameterFilter { $Name -eq 'node.exe' }
        Register-EveryKindResourceType -SourcePath $script:Package -InstallPath 'C:\ck'
        foreach ($n in 'n1', 'n2') {
            Get-Content -LiteralPath (Join-Path $env:CLUSTERKIT_TEST_SHARE_ROOT "$n/C`$/ck/windows/node.exe") | Should -Be 'this machine''s node'
        }
        Should -Invoke -ModuleName EveryKind Invoke-Command -Times 0 -Exactly
    }

    It 'stops before copying anything when Node.js is nowhere' {
        Mock -ModuleName EveryKind Get-Command { } -ParameterFilter { $Name -eq 'node.exe' }
        { Register-EveryKindResourceType -SourcePath $script:Package -InstallPath 'C:\ck' } | Should -Throw '*Node.js not found*'
        Test-Path -LiteralPath $env:CLUSTERKIT_TEST_SHARE_ROOT | Should -BeFalse
        Should -Invoke -ModuleName EveryKind Add-ClusterResourceType -Times 0 -Exactly
    }

    It 'refuses an InstallPath that is not an absolute Windows path' {
        { Register-EveryKindResourceType -SourcePath $script:Package -InstallPath 'relative\x' -NodePath 'C:\n.exe' } |
            Should -Throw '*InstallPath must be an absolute local path*'
    }
}

Describe 'The administrative share without the test seam' {
    It 'is the UNC path of the node''s administrative share' {
        Remove-Item Env:CLUSTERKIT_TEST_SHARE_ROOT -ErrorAction SilentlyContinue
        InModuleScope EveryKind { Get-CkNodeShare 'n1' 'C:\Program Files\clusterkit\EveryKind' } |
            Should -BeExactly '\\n1\C$\Program Files\clusterkit\EveryKind'
        InModuleScope EveryKind { $script:DefaultInstallPath } | Should -BeLike '*\clusterkit\EveryKind'
    }
}

Describe 'New-/Set-EveryKindResource pass -Cluster and typed values to FailoverClusters' {
    BeforeEach {
        $script:Sent = $null
        Mock -ModuleName EveryKind Add-ClusterResource { [pscustomobject]@{ Name = $Name } }
        Mock -ModuleName EveryKind Set-ClusterParameter { $script:Sent = $Multiple }
        Mock -ModuleName EveryKind Get-ClusterResource { }
    }

    It 'sends each value as the .NET type of its cluster kind, bool as UInt32 0/1' {
        New-EveryKindResource -Name 'r' -Cluster 'c1' -DataDir 'd' -VerboseProperty $true -Offset -3 -Quota 5 -Delta -5 -Peers 'x' -Token ([byte[]](1))
        Should -Invoke -ModuleName EveryKind Add-ClusterResource -Times 1 -Exactly -ParameterFilter { $Cluster -eq 'c1' -and $ResourceType -eq 'Every Kind' }
        $script:Sent['Verbose'] | Should -BeOfType [uint32]
        $script:Sent['Verbose'] | Should -Be 1
        $script:Sent['Offset'] | Should -BeOfType [int32]
        $script:Sent['Quota'] | Should -BeOfType [uint64]
        $script:Sent['Delta'] | Should -BeOfType [int64]
        , $script:Sent['Peers'] | Should -BeOfType [string[]]
        , $script:Sent['Token'] | Should -BeOfType [byte[]]
        $script:Sent['DataDir'] | Should -BeOfType [string]
    }

    It 'removes the resource it created when Set-ClusterParameter fails, and rethrows' {
        Mock -ModuleName EveryKind Set-ClusterParameter { throw 'refused' }
        Mock -ModuleName EveryKind Remove-ClusterResource { }
        { New-EveryKindResource -Name 'r' -DataDir 'd' -Port 5 } | Should -Throw '*refused*'
        Should -Invoke -ModuleName EveryKind Remove-ClusterResource -Times 1 -Exactly -ParameterFilter { $Force }
    }
}
