# docs/admin.md's transcript is what scripts/admin-transcript.ps1 produces now: the script runs
# every command again against clusterkit run and compares.
Describe 'docs/admin.md transcript' {
    It 'is current' {
        $script = Join-Path $PSScriptRoot '../../scripts/admin-transcript.ps1'
        # This process may be the dotnet host of the pwsh tool: start pwsh by its own name.
        $tool = Join-Path $HOME '.dotnet/tools/pwsh'
        $pwsh = if (Test-Path -LiteralPath $tool) { $tool } else { (Get-Command pwsh -CommandType Application).Source }
        $output = & $pwsh -NoProfile -NonInteractive -File $script -Check 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
    }
}
