# Get-ClusterParameter and Set-ClusterParameter (private properties of resources), with the three
# parameter sets of the real cmdlet. Every change goes to the resource library's
# CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES through the session, which answers its Win32 status.

# ClusterParameterType → the .NET type values of it have (as the real cmdlets return them).
$script:ParameterClrType = @{
    UInt32 = [uint32]; Int32 = [int32]; UInt64 = [uint64]; Int64 = [int64]
    String = [string]; ExpandString = [string]; StringCollection = [string[]]; ByteArray = [byte[]]
}

function ConvertFrom-CkWireValue([string] $Type, [object] $Value) {
    switch ($Type) {
        'ByteArray' { return , [Convert]::FromBase64String([string]$Value) }
        'UInt64' { return [uint64]::Parse([string]$Value, [cultureinfo]::InvariantCulture) }
        'Int64' { return [int64]::Parse([string]$Value, [cultureinfo]::InvariantCulture) }
        'StringCollection' { return , [string[]]@($Value) }
        default { return ($Value -as $script:ParameterClrType[$Type]) }
    }
}

function ConvertTo-CkWireValue([string] $Type, [object] $Value) {
    switch ($Type) {
        'ByteArray' { return [Convert]::ToBase64String([byte[]]$Value) }
        'UInt64' { return ([uint64]$Value).ToString([cultureinfo]::InvariantCulture) }
        'Int64' { return ([int64]$Value).ToString([cultureinfo]::InvariantCulture) }
        'StringCollection' { return , [string[]]@($Value) }
        default { return $Value }
    }
}

# The ClusterParameterType of a value given to -Create (no existing parameter to follow).
function Get-CkCreateType([object] $Value) {
    $v = if ($Value -is [psobject]) { $Value.psobject.BaseObject } else { $Value }
    switch ($true) {
        ($v -is [byte[]]) { return 'ByteArray' }
        ($v -is [array]) { return 'StringCollection' }
        ($v -is [uint32] -or $v -is [bool] -or $v -is [uint16] -or $v -is [byte]) { return 'UInt32' }
        ($v -is [int32] -or $v -is [int16] -or $v -is [sbyte]) { return 'Int32' }
        ($v -is [uint64]) { return 'UInt64' }
        ($v -is [int64]) { return 'Int64' }
        ($v -is [string]) { return 'String' }
    }
    throw ("Cannot create a cluster parameter from a value of type " + $v.GetType().FullName + '; use UInt32, Int32, UInt64, Int64, String, String[] or Byte[].')
}

# The resource an -InputObject names (ClusterResource, or a ClusterParameter of one).
function Resolve-CkParameterOwner([object] $InputObject, [string] $Cmdlet) {
    $base = if ($null -ne $InputObject) { $InputObject.psobject.BaseObject } else { $null }
    if ($base -is [Microsoft.FailoverClusters.PowerShell.ClusterParameter]) { $base = $base.ClusterObject }
    if ($base -is [Microsoft.FailoverClusters.PowerShell.ClusterResource]) { return $base }
    $what = if ($null -eq $base) { 'the cluster itself' } else { $base.GetType().Name }
    throw ($Cmdlet + ': the local cluster keeps private properties of resources only, not of ' + $what + '; pipe a ClusterResource (Get-ClusterResource <name> | ' + $Cmdlet + ').')
}

function Get-CkParameters([Microsoft.FailoverClusters.PowerShell.ClusterResource] $Resource) {
    foreach ($p in @(Invoke-CkRequest @{ command = 'get-parameters'; resource = $Resource.Name })) {
        [Microsoft.FailoverClusters.PowerShell.ClusterParameter]::new(
            $Resource, $p['name'], (ConvertFrom-CkWireValue $p['type'] $p['value']), [bool]$p['readOnly'],
            [Microsoft.FailoverClusters.PowerShell.ClusterParameterType]$p['type'])
    }
}

function Get-ClusterParameter {
    [CmdletBinding()]
    [OutputType([Microsoft.FailoverClusters.PowerShell.ClusterParameter])]
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
        $resource = Resolve-CkParameterOwner $InputObject 'Get-ClusterParameter'
        $all = @(Get-CkParameters $resource)
        if (-not $Name) { return $all }
        foreach ($n in $Name) {
            $found = @($all | Where-Object { $_.Name -eq $n })
            if ($found) { $found } else {
                $PSCmdlet.WriteError((New-CkErrorRecord ("Parameter '" + $n + "' does not exist on the cluster object '" + $resource.Name + "'.") `
                    @{ code = 1168; name = 'ERROR_NOT_FOUND'; message = 'Element not found.' } 'Get-ClusterParameter' ObjectNotFound $n -Plain))
            }
        }
    }
}

function Set-ClusterParameter {
    [CmdletBinding(DefaultParameterSetName = 'NoMultiple')]
    param(
        [Parameter(ValueFromPipeline)]
        [ValidateNotNull()]
        [psobject] $InputObject,
        [Parameter(ParameterSetName = 'Single Parameter', Position = 0)]
        [ValidateNotNullOrEmpty()]
        [string] $Name,
        [Parameter(ParameterSetName = 'Multiple Parameter', Position = 0)]
        [ValidateNotNull()]
        [hashtable] $Multiple,
        [Parameter(ParameterSetName = 'Single Parameter', Position = 1)]
        [psobject] $Value,
        [switch] $Create,
        [switch] $Delete,
        [ValidateNotNullOrEmpty()]
        [string] $Cluster
    )
    begin {
        Assert-CkCluster $Cluster
        if ($Delete) { throw 'Set-ClusterParameter -Delete: the local cluster cannot delete private properties (the resource library owns them).' }
        # NoMultiple: ClusterParameter objects piped in are set together, per resource, at the end.
        $piped = [ordered]@{}
    }
    process {
        $resource = Resolve-CkParameterOwner $InputObject 'Set-ClusterParameter'
        switch ($PSCmdlet.ParameterSetName) {
            'Single Parameter' { Set-CkParameters $PSCmdlet $resource ([ordered]@{ $Name = $Value }) $Create }
            'Multiple Parameter' { Set-CkParameters $PSCmdlet $resource $Multiple $Create }
            default {
                $p = $InputObject.psobject.BaseObject
                if ($p -isnot [Microsoft.FailoverClusters.PowerShell.ClusterParameter]) {
                    throw 'Set-ClusterParameter: give -Name and -Value, or -Multiple, or pipe ClusterParameter objects.'
                }
                if (-not $piped.Contains($resource.Name)) { $piped[$resource.Name] = @{ Resource = $resource; Values = [ordered]@{} } }
                $piped[$resource.Name].Values[$p.Name] = $p.Value
            }
        }
    }
    end {
        foreach ($entry in $piped.Values) { Set-CkParameters $PSCmdlet $entry.Resource $entry.Values $Create }
    }
}

# Converts each value to the type of the parameter it sets (or, with -Create, of the value),
# sends them as one list, and reports the answer as Windows does.
function Set-CkParameters($Cmdlet, [Microsoft.FailoverClusters.PowerShell.ClusterResource] $Resource, [System.Collections.IDictionary] $Values, [bool] $Create) {
    # The library declares every property it knows with its format, set or not.
    $declared = @{}
    foreach ($f in @(Invoke-CkRequest @{ command = 'get-parameter-formats'; resource = $Resource.Name })) { $declared[$f['name']] = $f }
    $list = foreach ($key in $Values.Keys) {
        $name = [string]$key
        $type = if ($declared.ContainsKey($name)) { [string]$declared[$name]['type'] } elseif ($Create) { Get-CkCreateType $Values[$key] } else {
            $Cmdlet.ThrowTerminatingError((New-CkErrorRecord ("Parameter '" + $name + "' does not exist on the cluster object '" + $Resource.Name + "'. If you are trying to create a new parameter, use the -Create switch.") `
                @{ code = 1168; name = 'ERROR_NOT_FOUND'; message = 'Element not found.' } 'Set-ClusterParameter' ObjectNotFound $name -Plain))
        }
        if ($declared.ContainsKey($name)) { $name = [string]$declared[$name]['name'] }
        try {
            $typed = [System.Management.Automation.LanguagePrimitives]::ConvertTo($Values[$key], $script:ParameterClrType[$type])
        } catch {
            $Cmdlet.ThrowTerminatingError((New-CkErrorRecord ("Cannot convert the value of parameter '" + $name + "' to " + $type + ': ' + ($_.Exception.InnerException ?? $_.Exception).Message) `
                $null 'Set-ClusterParameter' InvalidArgument $name -Plain))
        }
        [ordered]@{ name = $name; type = $type; value = (ConvertTo-CkWireValue $type $typed) }
    }
    $answer = Invoke-CkRequest @{ command = 'set-parameters'; resource = $Resource.Name; parameters = @($list) }
    if ($answer['code'] -eq 5024) {
        Write-Warning ('The properties were stored, but not all changes will take effect until ' + $Resource.Name + ' is taken offline and then online again.')
    } elseif ($answer['code'] -ne 0) {
        if ($answer['reason']) { Write-Verbose ('The resource library refused the change: ' + $answer['reason']) }
        $Cmdlet.ThrowTerminatingError((New-CkErrorRecord ("Unable to save property changes for '" + $Resource.Name + "'.") `
            $answer 'Set-ClusterParameter' InvalidArgument $Resource))
    }
}
