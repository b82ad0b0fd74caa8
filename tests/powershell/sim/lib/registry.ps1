# The simulated registry (HKLM:, HKCU:): keys in $State.Registry keyed by upper-case path, each
# @{ Path; Values = @{ UPPERNAME = @{ Name; Kind; Value } } }. Group Policy lives here too
# (HKLM:\SOFTWARE\Policies\...), and the WSMan: drive reads its policy values from it.

function ConvertTo-SimRegistryPath {
    param([Parameter(Mandatory = $true)][string]$Path)
    $r = Resolve-SimPath -Path $Path
    if ($r.Drive -notin @('HKLM', 'HKCU')) { throw "SimHost: not a registry path: $Path" }
    $r
}

function Get-SimRegistryKey {
    param([Parameter(Mandatory = $true)][string]$Path)
    $r = ConvertTo-SimRegistryPath -Path $Path
    (Get-SimState).Registry[$r.Key]
}

function New-SimRegistryKey {
    param([Parameter(Mandatory = $true)][string]$Path, [switch]$Force)
    $s = Get-SimState
    $r = ConvertTo-SimRegistryPath -Path $Path
    $current = $r.Drive + ':'
    for ($i = 0; $i -lt $r.Parts.Count; $i++) {
        $current = $current + '\' + $r.Parts[$i]
        $k = $current.ToUpperInvariant()
        if (-not $s.Registry.ContainsKey($k)) {
            if ($i -lt $r.Parts.Count - 1 -and -not $Force) { throw [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$current' because it does not exist.") }
            $s.Registry[$k] = @{ Path = $current; Values = @{} }
        }
    }
    $s.Registry[$r.Key]
}

function Get-SimRegistryValue {
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][string]$Name)
    $key = Get-SimRegistryKey -Path $Path
    if (-not $key) { return $null }
    $key.Values[$Name.ToUpperInvariant()]
}

function Set-SimRegistryValue {
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][string]$Name, [AllowNull()]$Value, [string]$Kind = 'String', [switch]$CreateKey)
    $key = Get-SimRegistryKey -Path $Path
    if (-not $key) {
        if (-not $CreateKey) { throw [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$Path' because it does not exist.") }
        $key = New-SimRegistryKey -Path $Path -Force
    }
    $key.Values[$Name.ToUpperInvariant()] = @{ Name = $Name; Kind = $Kind; Value = (ConvertTo-SimRegistryData -Value $Value -Kind $Kind) }
}

function Remove-SimRegistryValue {
    param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][string]$Name)
    $key = Get-SimRegistryKey -Path $Path
    if ($key) { $key.Values.Remove($Name.ToUpperInvariant()) }
}

function ConvertTo-SimRegistryData {
    param([AllowNull()]$Value, [string]$Kind)
    switch ($Kind) {
        'DWord' { return [int]$Value }
        'QWord' { return [long]$Value }
        'MultiString' { return @($Value | ForEach-Object { [string]$_ }) }
        'Binary' { return @($Value | ForEach-Object { [int]$_ }) }
        default { return [string]$Value }
    }
}

function Get-SimRegistrySubkeys {
    param([Parameter(Mandatory = $true)][string]$Key)
    $prefix = $Key.TrimEnd('\') + '\'
    $reg = (Get-SimState).Registry
    foreach ($k in @($reg.Keys)) {
        if ($k.StartsWith($prefix, [StringComparison]::Ordinal) -and $k.IndexOf('\', $prefix.Length) -lt 0) { $reg[$k] }
    }
}

function Remove-SimRegistryKey {
    param([Parameter(Mandatory = $true)][string]$Key, [switch]$Recurse)
    $reg = (Get-SimState).Registry
    $prefix = $Key.TrimEnd('\') + '\'
    $children = @($reg.Keys | Where-Object { $_.StartsWith($prefix, [StringComparison]::Ordinal) })
    if ($children.Count -and -not $Recurse) { return $false }
    foreach ($k in $children) { $reg.Remove($k) }
    $reg.Remove($Key)
    $true
}

function ConvertTo-SimRegistryKeyObject {
    param([Parameter(Mandatory = $true)][hashtable]$Key)
    $native = $Key.Path -replace '^HKLM:', 'HKEY_LOCAL_MACHINE' -replace '^HKCU:', 'HKEY_CURRENT_USER'
    $values = $Key.Values
    $o = [pscustomobject]@{
        PSTypeName    = 'SimHost#Microsoft.Win32.RegistryKey'
        Name          = $native
        Property      = @($values.Values | ForEach-Object { $_.Name } | Sort-Object)
        ValueCount    = $values.Count
        SubKeyCount   = @(Get-SimRegistrySubkeys -Key $Key.Path.ToUpperInvariant()).Count
        PSPath        = 'Microsoft.PowerShell.Core\Registry::' + $native
        PSParentPath  = 'Microsoft.PowerShell.Core\Registry::' + ($native.Substring(0, [Math]::Max(0, $native.LastIndexOf('\'))))
        PSChildName   = Get-SimLeafName -Full $Key.Path
        PSDrive       = ($Key.Path -split ':')[0]
        PSProvider    = 'Microsoft.PowerShell.Core\Registry'
        PSIsContainer = $true
    }
    $o | Add-Member -MemberType ScriptMethod -Name GetValue -Value { param($name, $default) $v = $values[([string]$name).ToUpperInvariant()]; if ($v) { $v.Value } else { $default } }.GetNewClosure()
    $o | Add-Member -MemberType ScriptMethod -Name GetValueNames -Value { @($values.Values | ForEach-Object { $_.Name }) }.GetNewClosure()
    $o | Add-Member -MemberType ScriptMethod -Name GetValueKind -Value { param($name) $v = $values[([string]$name).ToUpperInvariant()]; if ($v) { $v.Kind } else { throw 'The specified registry key does not exist.' } }.GetNewClosure()
    $o
}

# Get-ItemProperty output: one object with a property per value, plus the PS* properties.
function ConvertTo-SimRegistryPropertyObject {
    param([Parameter(Mandatory = $true)][hashtable]$Key, [string[]]$Names)
    $native = $Key.Path -replace '^HKLM:', 'HKEY_LOCAL_MACHINE' -replace '^HKCU:', 'HKEY_CURRENT_USER'
    $h = [ordered]@{}
    $names = [string[]]@($Key.Values.Keys)
    [Array]::Sort($names, [StringComparer]::Ordinal)
    foreach ($n in $names) {
        $v = $Key.Values[$n]
        if ($Names) {
            $wanted = $false
            foreach ($pattern in $Names) { if ($v.Name -like $pattern) { $wanted = $true; break } }
            if (-not $wanted) { continue }
        }
        $h[$v.Name] = $v.Value
    }
    $h['PSPath'] = 'Microsoft.PowerShell.Core\Registry::' + $native
    $h['PSParentPath'] = 'Microsoft.PowerShell.Core\Registry::' + ($native.Substring(0, [Math]::Max(0, $native.LastIndexOf('\'))))
    $h['PSChildName'] = Get-SimLeafName -Full $Key.Path
    $h['PSDrive'] = ($Key.Path -split ':')[0]
    $h['PSProvider'] = 'Microsoft.PowerShell.Core\Registry'
    [pscustomobject]$h
}
