# Hostile schema text (quotes, backticks, $(...), here-string ends, newlines, non-ASCII, 10 kB)
# goes through the generator and the module then runs: imported, every function called, help
# read. Each hostile fragment would create a marker file if PowerShell ever evaluated it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-LocalFailoverClustersPath
    Import-Module FailoverClusters -Force
    $script:Temp = New-TestFolder 'ck-hostile-'
    $script:Marker = Join-Path $script:Temp 'EVALUATED'
    $m = $script:Marker
    # Every way text could be evaluated: subexpressions, variables, a closed quote then a command,
    # a here-string terminator, a comment-block end, a backtick-escaped newline.
    $evil = @(
        "`$(New-Item -ItemType File -Path '$m')",
        "`"; New-Item -ItemType File -Path '$m'; `"",
        "'; New-Item -ItemType File -Path '$m'; '",
        "’; New-Item -ItemType File -Path '$m'; ‘",
        "`n'@`nNew-Item -ItemType File -Path '$m'`n@'",
        "`n`"@`nNew-Item -ItemType File -Path '$m'`n@`"",
        "#>`nNew-Item -ItemType File -Path '$m'`n<#",
        "`` `$x `${env:PATH} Ω 😀 é`r`n.EXAMPLE`nNew-Item -ItemType File -Path '$m'"
    ) -join ' | '
    $script:Long = ('0123456789 ' * 930) + $evil
    # A type name is at most 64 characters without \/:*?"<>| (src/bundle/sdk/names.ts): its payload creates
    # the marker through a global variable. Property names allow only [A-Za-z0-9_.- ].
    $global:CKMARK = $m
    $script:TypeName = "Evil 't' `$(ni `$CKMARK) ’‘ ``z Ω"
    $script:DisplayName = "Display $evil"
    $script:PropNames = @('Port.a-b c', 'List', 'Blob', 'Text')
    $schema = [ordered]@{
        schemaVersion = 1; type = $script:TypeName; displayName = $script:DisplayName; version = '1.0.0'
        properties = @(
            [ordered]@{ name = $script:PropNames[0]; kind = 'dword'; format = 2; required = $false; readOnly = $false; default = 5; min = 1; max = 9; description = $script:Long },
            [ordered]@{ name = $script:PropNames[1]; kind = 'multiString'; format = 5; required = $false; readOnly = $false; default = @($evil, 'b'); description = "List $evil" },
            [ordered]@{ name = $script:PropNames[2]; kind = 'binary'; format = 1; required = $false; readOnly = $false; description = "`$(New-Item '$m')" },
            [ordered]@{ name = $script:PropNames[3]; kind = 'string'; format = 3; required = $true; readOnly = $false; description = $evil }
        )
        typeProperties = @(); requiredDependencies = [ordered]@{ types = @($script:TypeName); classes = @() }
        characteristics = 0; resourceClass = 32768; resourceSubclass = 0; controls = @()
        timeouts = [ordered]@{ open = 5000; close = 5000; online = 300000; offline = 300000; terminate = 3000; looksAlive = 1000; isAlive = 5000; control = 10000; handshake = 10000 }
        pollIntervals = [ordered]@{ looksAlive = 5000; isAlive = 60000 }; progressInterval = 1000
    }
    $schemaFile = Join-Path $script:Temp 'hostile.schema.json'
    ConvertTo-Json $schema -Depth 10 | Set-Content -LiteralPath $schemaFile -Encoding utf8
    $script:Psd1 = New-GeneratedModule $schemaFile (Join-Path $script:Temp 'module')
    $script:Module = Import-Module $script:Psd1 -Force -PassThru
    $script:Id = $script:Module.Name
}

AfterAll {
    Remove-Item Env:CLUSTERKIT_TEST_SHARE_ROOT -ErrorAction SilentlyContinue
    Remove-Variable -Name CKMARK -Scope Global -ErrorAction SilentlyContinue
    Remove-Module $script:Id, FailoverClusters -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $script:Temp -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'A module generated from hostile schema text' {
    It 'starts from live payloads: evaluating the type name would create a marker (positive control)' {
        $script:Long.Length | Should -BeGreaterThan 10000
        $control = Join-Path $script:Temp 'CONTROL'
        $global:CKMARK = $control
        try {
            # Test scaffolding only: proves the payload works when evaluated, which the module never does.
            & ([scriptblock]::Create('"' + $script:TypeName.Replace('"', '`"') + '"')) | Out-Null
        } finally {
            $global:CKMARK = $script:Marker
        }
        Test-Path -LiteralPath $control | Should -BeTrue
    }

    It 'imports, parses and keeps the exact type name' {
        $script:Id | Should -Match '^[A-Za-z][A-Za-z0-9_]*$'
        & $script:Module { $script:TypeName } | Should -BeExactly $script:TypeName
        & $script:Module { $script:DisplayName } | Should -BeExactly $script:DisplayName
        Test-Path -LiteralPath $script:Marker | Should -BeFalse
    }

    It 'shows full help of every function without evaluating any of it' {
        foreach ($f in $script:Module.ExportedFunctions.Keys) {
            $text = Get-Help $f -Full | Out-String
            $text | Should -Not -BeNullOrEmpty
        }
        $port = (Get-Command "New-$($script:Id)Resource").Parameters.Keys | Where-Object { $_ -like 'Port*' } | Select-Object -First 1
        (Get-Help "New-$($script:Id)Resource" -Parameter $port).description | Out-String | Should -BeLike '*0123456789 0123456789*'
        Test-Path -LiteralPath $script:Marker | Should -BeFalse
    }

    It 'runs New-, Get-, Set-, Register- and Unregister- with the exact property names and values' {
        $sent = [System.Collections.Generic.List[hashtable]]::new()
        Mock -ModuleName $script:Id Add-ClusterResource { [pscustomobject]@{ Name = $Name; State = 'Offline'; OwnerGroup = 'g'; OwnerNode = 'n1'; ResourceType = [pscustomobject]@{ Name = $ResourceType } } }
        Mock -ModuleName $script:Id Set-ClusterParameter { $sent.Add($Multiple) }
        Mock -ModuleName $script:Id Get-ClusterResource {
            [pscustomobject]@{ Name = 'r'; State = 'Offline'; OwnerGroup = 'g'; OwnerNode = 'n1'; ResourceType = [pscustomobject]@{ Name = $script:TypeName } }
        }
        Mock -ModuleName $script:Id Get-ClusterParameter {
            [pscustomobject]@{ Name = $script:PropNames[3]; Value = $script:Long }
            [pscustomobject]@{ Name = $script:PropNames[1]; Value = [string[]]@($script:Long) }
        }
        Mock -ModuleName $script:Id Get-ClusterNode { [pscustomobject]@{ Name = 'n1' } }
        Mock -ModuleName $script:Id Get-ClusterResourceType { }
        Mock -ModuleName $script:Id Add-ClusterResourceType { }
        Mock -ModuleName $script:Id Remove-ClusterResourceType { }
        $cmd = Get-Command "New-$($script:Id)Resource"
        $params = @($cmd.Parameters.Keys)
        $text = $params | Where-Object { $_ -like 'Text*' } | Select-Object -First 1
        $list = $params | Where-Object { $_ -like 'List*' } | Select-Object -First 1
        $splat = @{ Name = 'r'; $text = $script:Long; $list = @($script:Long, '$(x)') }
        & "New-$($script:Id)Resource" @splat | Out-Null
        $sent[0][$script:PropNames[3]] | Should -BeExactly $script:Long
        $sent[0][$script:PropNames[1]] | Should -Be @($script:Long, '$(x)')
        $got = & "Get-$($script:Id)Resource"
        $got.$text | Should -BeExactly $script:Long
        $setSplat = @{ Name = 'r'; $text = "`$(New-Item '$($script:Marker)')" }
        & "Set-$($script:Id)Resource" @setSplat
        $sent[-1][$script:PropNames[3]] | Should -BeExactly "`$(New-Item '$($script:Marker)')"
        $env:CLUSTERKIT_TEST_SHARE_ROOT = Join-Path $script:Temp 'shares'
        $pkg = Join-Path $script:Temp 'pkg'
        New-Item -ItemType Directory -Path (Join-Path $pkg 'windows') -Force | Out-Null
        Set-Content -LiteralPath (Join-Path $pkg "windows/$($script:Id).dll") -Value 'x'
        Set-Content -LiteralPath (Join-Path $pkg "windows/node.exe") -Value 'x'
        Set-Content -LiteralPath (Join-Path $pkg "$($script:Id).handler.js") -Value 'x'
        & "Register-$($script:Id)ResourceType" -SourcePath $pkg -InstallPath 'C:\ck'
        Should -Invoke -ModuleName $script:Id Add-ClusterResourceType -Times 1 -Exactly -ParameterFilter { $Name -ceq $script:TypeName }
        Mock -ModuleName $script:Id Get-ClusterResource { }
        & "Unregister-$($script:Id)ResourceType" -InstallPath 'C:\ck' -RemoveFiles
        Should -Invoke -ModuleName $script:Id Remove-ClusterResourceType -Times 1 -Exactly -ParameterFilter { $Name -ceq $script:TypeName }
        Test-Path -LiteralPath $script:Marker | Should -BeFalse
    }
}
