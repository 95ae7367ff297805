# Shared by the Pester files of test/powershell: where the kit is, how to generate a module from a
# schema with the kit's generator, and how to start the local cluster on a fixture handler.
Set-StrictMode -Version 3.0

$script:KitRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath

function Get-KitRoot { $script:KitRoot }

# The local FailoverClusters module first on PSModulePath, so generated modules find it.
function Add-LocalFailoverClustersPath {
    $dir = Join-Path $script:KitRoot 'powershell'
    $parts = $env:PSModulePath -split [System.IO.Path]::PathSeparator
    if ($parts -notcontains $dir) { $env:PSModulePath = $dir + [System.IO.Path]::PathSeparator + $env:PSModulePath }
}

function Get-NodeExe {
    $n = Get-Command -Name 'node' -CommandType Application -ErrorAction Stop | Select-Object -First 1
    $n.Source
}

# Generates the admin module of a schema JSON file into $OutDir; returns the .psd1 path.
function New-GeneratedModule([string] $SchemaFile, [string] $OutDir) {
    $script = Join-Path $PSScriptRoot 'generate-module.mjs'
    $paths = & (Get-NodeExe) $script $SchemaFile $OutDir
    if ($LASTEXITCODE -ne 0) { throw ('generating the module from ' + $SchemaFile + ' failed') }
    @($paths) | Where-Object { $_ -like '*.psd1' } | Select-Object -First 1
}

# A fresh temporary folder under the system temp folder.
function New-TestFolder([string] $Prefix) {
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ($Prefix + [guid]::NewGuid().ToString('n').Substring(0, 8))
    New-Item -ItemType Directory -Path $path | Out-Null
    $path
}

# The build folder of a fixture handler, shared by the test files (clusterkit's build is incremental).
function Get-FixtureOut([string] $Name) {
    Join-Path $script:KitRoot (Join-Path 'build' (Join-Path 'pwsh' $Name))
}

function Get-FixtureHandler([string] $Name) {
    Join-Path $script:KitRoot (Join-Path 'test' (Join-Path 'fixtures' (Join-Path 'handlers' ($Name + '.ts'))))
}

Export-ModuleMember -Function *
