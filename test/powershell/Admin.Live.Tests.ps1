# The generated admin module of a real type (test/fixtures/handlers/p-every-kind.ts: every property
# kind, a required property, read-only ones, a cross-field validate()) run against `clusterkit run`
# through the local FailoverClusters module: every exported function, every property kind, types as
# the cluster returns them, -WhatIf/-Confirm, pipeline input, range, type and library errors, help,
# and Register/Unregister with the per-node copy redirected by CLUSTERKIT_TEST_SHARE_ROOT.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-LocalFailoverClustersPath
    Import-Module FailoverClusters -Force
    $script:Temp = New-TestFolder 'ck-admin-live-'
    $out = Get-FixtureOut 'p-every-kind'
    Start-ClusterkitRun -Handler (Get-FixtureHandler 'p-every-kind') -OutDir $out -Unregistered -TimeScale 0.05 `
        -LogFile (Join-Path $script:Temp 'cluster.log') | Out-Null
    # clusterkit run built the type, and with it the admin module under test.
    Import-Module (Join-Path $out 'PEveryKind.psd1') -Force
    # A package folder as `clusterkit package --target windows` lays it out. The library and node.exe
    # are stand-in files: what is checked here is where Register copies them.
    $script:Package = Join-Path $script:Temp 'package'
    New-Item -ItemType Directory -Path (Join-Path $script:Package 'windows') | Out-Null
    Set-Content -LiteralPath (Join-Path $script:Package 'windows/PEveryKind.dll') -Value 'library'
    Set-Content -LiteralPath (Join-Path $script:Package 'windows/node.exe') -Value 'node'
    Copy-Item -LiteralPath (Join-Path $out 'PEveryKind.handler.js') -Destination $script:Package
    $script:Shares = Join-Path $script:Temp 'shares'
    $env:CLUSTERKIT_TEST_SHARE_ROOT = $script:Shares
    $script:Install = 'C:\ClusterTypes\PEveryKind'
    function script:Get-Installed([string] $Node, [string] $Relative) {
        Join-Path $script:Shares (Join-Path $Node (Join-Path 'C$' (Join-Path 'ClusterTypes/PEveryKind' $Relative)))
    }
}

AfterAll {
    Stop-ClusterkitRun
    Remove-Item Env:CLUSTERKIT_TEST_SHARE_ROOT -ErrorAction SilentlyContinue
    Remove-Module PEveryKind, FailoverClusters -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $script:Temp -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Register-PEveryKindResourceType' {
    It 'copies nothing and registers nothing with -WhatIf' {
        Register-PEveryKindResourceType -SourcePath $script:Package -InstallPath $script:Install -WhatIf
        Test-Path -LiteralPath $script:Shares | Should -BeFalse
        Get-ClusterResourceType | Should -BeNullOrEmpty
    }

    It 'refuses a package folder without the library' {
        $empty = New-TestFolder 'ck-empty-'
        { Register-PEveryKindResourceType -SourcePath $empty -InstallPath $script:Install } |
            Should -Throw '*windows\PEveryKind.dll is missing from*'
    }

    It 'copies the package to InstallPath on every node and registers the type once' {
        Register-PEveryKindResourceType -SourcePath $script:Package -InstallPath $script:Install
        foreach ($node in 'node1', 'node2') {
            Get-Content -LiteralPath (Get-Installed $node 'windows/PEveryKind.dll') | Should -Be 'library'
            Get-Content -LiteralPath (Get-Installed $node 'windows/node.exe') | Should -Be 'node'
            Test-Path -LiteralPath (Get-Installed $node 'PEveryKind.handler.js') | Should -BeTrue
        }
        $type = Get-ClusterResourceType -Name 'PEveryKind'
        $type | Should -BeOfType ([Microsoft.FailoverClusters.PowerShell.ClusterResourceType])
        $type.DllName | Should -Be 'C:\ClusterTypes\PEveryKind\windows\PEveryKind.dll'
        $type.DisplayName | Should -Be 'Every property kind fixture'
    }

    It 'leaves an existing registration alone, with a warning' {
        Register-PEveryKindResourceType -SourcePath $script:Package -InstallPath $script:Install -WarningVariable w 3>$null
        "$w" | Should -BeLike '*already registered*'
        @(Get-ClusterResourceType).Count | Should -Be 1
    }
}

Describe 'New-PEveryKindResource' {
    It 'creates a resource with every property kind, typed as the cluster returns them' {
        $r = New-PEveryKindResource -Name 'E 1' -Owner 'ops' -Port 8080 -Offset -7 -VerboseProperty $true -Greeting "hi 'there' Ω" `
            -DataDir '%TEMP%\data' -Peers 'a', 'b' -Blob ([byte[]](0, 255, 7)) -Quota 999999999999 -Delta -999999999999
        $r.Name | Should -Be 'E 1'
        $r.State | Should -Be 'Offline'
        $r.OwnerGroup | Should -Be 'E 1'
        $r.Port | Should -BeOfType [uint32]
        $r.Port | Should -Be 8080
        $r.Offset | Should -BeOfType [int32]
        $r.Offset | Should -Be -7
        $r.VerboseProperty | Should -BeTrue
        $r.Greeting | Should -BeExactly "hi 'there' Ω"
        $r.DataDir | Should -BeExactly '%TEMP%\data'
        , $r.Peers | Should -BeOfType [string[]]
        $r.Peers | Should -Be @('a', 'b')
        , $r.Blob | Should -BeOfType [byte[]]
        $r.Blob | Should -Be @(0, 255, 7)
        $r.Quota | Should -BeOfType [uint64]
        $r.Quota | Should -Be 999999999999
        $r.Delta | Should -BeOfType [int64]
        $r.Delta | Should -Be -999999999999
        $r.Resource | Should -BeOfType ([Microsoft.FailoverClusters.PowerShell.ClusterResource])
    }

    It 'stores each value with the cluster type of its kind (Get-ClusterParameter)' {
        $p = @{}
        Get-ClusterResource 'E 1' | Get-ClusterParameter | ForEach-Object { $p[$_.Name] = $_ }
        $expected = @{ Port = 'UInt32'; Offset = 'Int32'; Verbose = 'UInt32'; Greeting = 'String'; DataDir = 'ExpandString'
            Peers = 'StringCollection'; Blob = 'ByteArray'; Quota = 'UInt64'; Delta = 'Int64'; Owner = 'String' }
        foreach ($name in $expected.Keys) { [string]$p[$name].ParameterType | Should -Be $expected[$name] -Because $name }
        $p['Verbose'].Value | Should -BeOfType [uint32]
        $p['Verbose'].Value | Should -Be 1
        , $p['Peers'].Value | Should -BeOfType [string[]]
        $p['Quota'].Value | Should -BeOfType [uint64]
        $p['Delta'].Value | Should -BeOfType [int64]
        $p['Offset'].Value | Should -BeOfType [int32]
    }

    It 'creates nothing with -WhatIf' {
        New-PEveryKindResource -Name 'E whatif' -Owner 'x' -WhatIf | Should -BeNullOrEmpty
        Get-ClusterResource -Name 'E whatif' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'has -Confirm, and -Confirm:$false proceeds even with $ConfirmPreference Low' {
        (Get-Command New-PEveryKindResource).Parameters.ContainsKey('Confirm') | Should -BeTrue
        $ConfirmPreference = 'Low'
        $r = New-PEveryKindResource -Name 'E 2' -Owner 'x' -Group 'E 1' -Confirm:$false
        $r.OwnerGroup | Should -Be 'E 1'
    }

    It 'makes required properties mandatory' {
        (Get-Command New-PEveryKindResource).Parameters['Owner'].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } |
            ForEach-Object Mandatory | Should -Contain $true
    }

    It 'refuses out-of-range values before anything reaches the cluster: <Name> <Value>' -ForEach @(
        @{ Name = 'Port'; Value = 0 }, @{ Name = 'Port'; Value = 70000 }, @{ Name = 'Offset'; Value = 0 },
        @{ Name = 'Quota'; Value = 1000000000001 }, @{ Name = 'Delta'; Value = -1000000000001 }
    ) {
        $splat = @{ Name = 'E range'; Owner = 'x'; $Name = $Value }
        { New-PEveryKindResource @splat } | Should -Throw -ErrorId 'ParameterArgumentValidationError,New-PEveryKindResource'
        Get-ClusterResource -Name 'E range' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses values of the wrong type: <Name> <Value>' -ForEach @(
        @{ Name = 'Port'; Value = 'abc' }, @{ Name = 'Port'; Value = -1 }, @{ Name = 'Quota'; Value = -5 }, @{ Name = 'Offset'; Value = 'x' }
    ) {
        $splat = @{ Name = 'E type'; Owner = 'x'; $Name = $Value }
        { New-PEveryKindResource @splat } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,New-PEveryKindResource'
    }

    It 'removes the new resource again when the library refuses its values' {
        $err = $null
        try { New-PEveryKindResource -Name 'E bad' -Owner 'x' -VerboseProperty $true -Port 80 } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -BeLike "Unable to save property changes for 'E bad'.*The parameter is incorrect"
        $err.Exception.InnerException.NativeErrorCode | Should -Be 87
        $err.Exception.Reason | Should -BeLike '*Verbose logging needs a Port of 1024 or more*'
        Get-ClusterResource -Name 'E bad' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'New-PEveryKindResource -DependsOn (the type requires an IP Address)' {
    BeforeAll {
        # clusterkit run stands in for the built-in types a type depends on.
        Add-ClusterResource -Name 'Ip 1' -ResourceType 'IP Address' | Out-Null
        Add-ClusterResource -Name 'Ip other' -ResourceType 'IP Address' | Out-Null
    }
    AfterAll {
        foreach ($n in 'E dep', 'E nodep', 'Ip 1', 'Ip other') {
            if (Get-ClusterResource -Name $n -ErrorAction SilentlyContinue) { Remove-ClusterResource -Name $n -Force }
        }
    }

    It 'creates the resource in the provider''s group, depending on it: Online brings the provider up first' {
        $r = New-PEveryKindResource -Name 'E dep' -Owner 'ops' -DependsOn 'Ip 1' -WarningVariable w 3>$null
        $w | Should -BeNullOrEmpty
        $r.OwnerGroup | Should -Be 'Ip 1'
        Start-ClusterResource -Name 'E dep' | Out-Null
        (Get-ClusterResource -Name 'Ip 1').State | Should -Be 'Online'
        (Get-PEveryKindResource -Name 'E dep').State | Should -Be 'Online'
    }

    It 'warns, naming the required type and the cmdlet to add it, when the dependency is left out' {
        New-PEveryKindResource -Name 'E nodep' -Owner 'ops' -WarningVariable w 3>$null | Out-Null
        "$w" | Should -BeLike "*E nodep will not come online until it depends on a resource of type 'IP Address'*Add-ClusterResourceDependency -Resource 'E nodep'*"
    }

    It 'refuses a provider that does not exist before creating anything' {
        { New-PEveryKindResource -Name 'E ghost' -Owner 'ops' -DependsOn 'No such disk' } | Should -Throw "*An error occurred opening resource 'No such disk'*"
        Get-ClusterResource -Name 'E ghost' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'removes the new resource again when the cluster refuses the dependency' {
        $err = $null
        try { New-PEveryKindResource -Name 'E cross' -Owner 'ops' -Group 'Ip 1' -DependsOn 'Ip other' } catch { $err = $_ }
        $err.Exception.Message | Should -BeLike "An error occurred adding a dependency between resource 'E cross' and resource 'Ip other'.*"
        Get-ClusterResource -Name 'E cross' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'shows -DependsOn and every mandatory parameter in its example' {
        $example = Get-Help New-PEveryKindResource -Examples | Out-String
        $example | Should -BeLike "*New-PEveryKindResource -Name 'Resource1' -Group 'Group1' -Owner '<text>' -DependsOn '<provider resource>'*"
    }
}

Describe 'Get-PEveryKindResource' {
    It 'lists every resource of the type, and only the named ones with -Name' {
        @(Get-PEveryKindResource).Name | Sort-Object | Should -Be @('E 1', 'E 2')
        @(Get-PEveryKindResource -Name 'E 2').Name | Should -Be @('E 2')
        Get-PEveryKindResource -Name 'nope' | Should -BeNullOrEmpty
    }

    It 'takes names from the pipeline by property name' {
        @([pscustomobject]@{ Name = 'E 2' } | Get-PEveryKindResource).Name | Should -Be @('E 2')
    }

    It 'keeps a one-element list a list' {
        Set-PEveryKindResource -Name 'E 2' -Peers 'only'
        $r = Get-PEveryKindResource -Name 'E 2'
        , $r.Peers | Should -BeOfType [string[]]
        $r.Peers.Count | Should -Be 1
    }
}

Describe 'Set-PEveryKindResource' {
    It 'changes only the properties given, from piped objects' {
        Get-PEveryKindResource -Name 'E 1' | Set-PEveryKindResource -Port 9000 -Blob ([byte[]](9))
        $r = Get-PEveryKindResource -Name 'E 1'
        $r.Port | Should -Be 9000
        $r.Blob | Should -Be @(9)
        $r.Greeting | Should -BeExactly "hi 'there' Ω"
    }

    It 'changes nothing with -WhatIf' {
        Set-PEveryKindResource -Name 'E 1' -Port 9100 -WhatIf
        (Get-PEveryKindResource -Name 'E 1').Port | Should -Be 9000
    }

    It 'warns that a change to an Online resource applies at the next Online, and reads the handler''s values' {
        Start-ClusterResource -Name 'E 1' | Out-Null
        Set-PEveryKindResource -Name 'E 1' -Greeting 'later' -WarningVariable w 3>$null
        "$w" | Should -Be 'The properties were stored, but not all changes will take effect until E 1 is taken offline and then online again.'
        $r = Get-PEveryKindResource -Name 'E 1'
        $r.State | Should -Be 'Online'
        $r.Status | Should -Be 'online'
        $r.SeenPort | Should -Be 9000
        $r.SeenName | Should -Be 'E 1'
    }

    It 'surfaces a refusal of the library as the Windows error, changing nothing' {
        $err = $null
        try { Set-PEveryKindResource -Name 'E 1' -Port 80 } catch { $err = $_ }
        $err.Exception.Message | Should -BeLike "Unable to save property changes for 'E 1'.*"
        $err.Exception.InnerException.NativeErrorCode | Should -Be 87
        $err.Exception.Reason | Should -BeLike '*Verbose logging needs*'
        (Get-PEveryKindResource -Name 'E 1').Port | Should -Be 9000
    }

    It 'refuses a resource of another type and warns when nothing is given' {
        Set-PEveryKindResource -Name 'E 1' -WarningVariable w 3>$null
        "$w" | Should -BeLike '*no property was given*'
        { Set-PEveryKindResource -Name 'nope' -Port 1 } | Should -Throw "*An error occurred opening resource 'nope'*"
    }
}

Describe 'Get-Help of the generated cmdlets' {
    It 'documents every parameter of <_>' -ForEach @('Register-PEveryKindResourceType', 'Unregister-PEveryKindResourceType',
        'New-PEveryKindResource', 'Get-PEveryKindResource', 'Set-PEveryKindResource') {
        $command = Get-Command $_
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($name in $command.Parameters.Keys | Where-Object { $common -notcontains $_ }) {
            $help = Get-Help $_ -Parameter $name
            ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name of $_"
        }
        (Get-Help $_).Synopsis | Should -Not -BeLike "$_*"
    }

    It 'shows the schema description, kind, default and range of a property' {
        $text = (Get-Help New-PEveryKindResource -Parameter Owner).description | Out-String
        $text | Should -BeLike '*Who runs it*Cluster private property ''Owner'' (string, `[string`]); required.*'
        $port = (Get-Help Set-PEveryKindResource -Parameter Port).description | Out-String
        $port | Should -BeLike '*default 8000; minimum 1; maximum 65535*'
    }
}

Describe 'Unregister-PEveryKindResourceType' {
    It 'refuses while resources of the type exist, and says which' {
        { Unregister-PEveryKindResourceType -InstallPath $script:Install -RemoveFiles } |
            Should -Throw '*resources of this type still exist (E 1, E 2)*'
        Get-ClusterResourceType -Name 'PEveryKind' | Should -Not -BeNullOrEmpty
        Test-Path -LiteralPath (Get-Installed 'node1' 'windows/PEveryKind.dll') | Should -BeTrue
    }

    It 'removes the type and, with -RemoveFiles, the files on every node' {
        Get-PEveryKindResource | ForEach-Object Resource | Remove-ClusterResource -Force
        Unregister-PEveryKindResourceType -InstallPath $script:Install -RemoveFiles -Confirm:$false
        Get-ClusterResourceType | Should -BeNullOrEmpty
        foreach ($node in 'node1', 'node2') { Test-Path -LiteralPath (Get-Installed $node '') | Should -BeFalse }
    }
}
