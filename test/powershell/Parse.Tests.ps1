# Every generated .ps1/.psm1/.psd1 parses with PowerShell's own parser, and Test-ModuleManifest
# accepts each manifest: the goldens, modules generated now from their schemas, and the kit's own
# PowerShell files.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $kit = Get-KitRoot
    $out = New-TestFolder 'ck-parse-'
    $generated = foreach ($schema in Get-ChildItem (Join-Path $kit 'test/golden/admin') -Filter '*.schema.json') {
        $dir = Join-Path $out $schema.BaseName
        Split-Path (New-GeneratedModule $schema.FullName $dir) -Parent
    }
    $folders = @($generated) + @(Get-ChildItem (Join-Path $kit 'test/golden/admin') -Directory | ForEach-Object FullName)
    $script:Files = @(foreach ($f in $folders) { Get-ChildItem $f -File | Where-Object Extension -in '.ps1', '.psm1', '.psd1' }) +
        @(Get-ChildItem (Join-Path $kit 'powershell') -Recurse -File | Where-Object Extension -in '.ps1', '.psm1', '.psd1') +
        @(Get-ChildItem $PSScriptRoot -File | Where-Object Extension -in '.ps1', '.psm1')
    $script:Manifests = @($script:Files | Where-Object Extension -eq '.psd1')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-LocalFailoverClustersPath
}

Describe 'PowerShell parser' {
    It 'parses <_.Name> (<_.Directory.Name>) with no errors' -ForEach $script:Files {
        $tokens = $null
        $errors = $null
        [System.Management.Automation.Language.Parser]::ParseFile($_.FullName, [ref]$tokens, [ref]$errors) | Out-Null
        $errors | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Message)" } | Should -BeNullOrEmpty
    }
}

Describe 'Test-ModuleManifest' {
    It 'accepts <_.Name> (<_.Directory.Name>)' -ForEach $script:Manifests {
        $m = Test-ModuleManifest -Path $_.FullName -ErrorAction Stop
        $m.Name | Should -Be $_.BaseName
        @($m.ExportedFunctions.Keys).Count | Should -BeGreaterThan 0
    }
}
