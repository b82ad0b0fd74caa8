# Active Directory objects the resource script reads and writes (ActiveDirectory module):
# computer accounts and their PrincipalsAllowedToDelegateToAccount (resource-based KCD).
#
# $State.AD = @{ Domain; Objects = @{ DN-upper = @{ Class; Name; SamAccountName; DistinguishedName;
#   DNSHostName; Sid; ObjectGUID; Enabled; PrincipalsAllowedToDelegateToAccount = @(DNs);
#   TrustedForDelegation; TrustedToAuthForDelegation } } }

function Assert-SimActiveDirectory {
    param($Cmdlet)
    $s = Get-SimState
    if (-not $s.AD) { Stop-SimCommand -Cmdlet $Cmdlet -Message 'Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running.' -Id 'ActiveDirectoryServer:0' -Category ResourceUnavailable }
    if (-not ($s.Modules.Loaded -contains 'ActiveDirectory')) {
        if ($s.Modules.Available -contains 'ActiveDirectory') { $s.Modules.Loaded.Add('ActiveDirectory') }
        else { Stop-SimCommand -Cmdlet $Cmdlet -Message "The term '$($Cmdlet.MyInvocation.MyCommand.Name)' is not recognized (the ActiveDirectory module is not installed)." -Id 'CommandNotFoundException' -Category ObjectNotFound }
    }
}

function Find-SimADObject {
    param([Parameter(Mandatory = $true)]$Identity, [string]$Class)
    $s = Get-SimState
    $id = if ($Identity -is [string]) { $Identity } elseif ($Identity.PSObject.Properties['DistinguishedName']) { [string]$Identity.DistinguishedName } else { [string]$Identity }
    foreach ($o in $s.AD.Objects.Values) {
        if ($Class -and $o.Class -ne $Class) { continue }
        if ($o.DistinguishedName -ieq $id -or $o.Sid -eq $id -or $o.ObjectGUID -eq $id -or $o.SamAccountName -ieq $id -or ($o.Class -eq 'computer' -and $o.SamAccountName -ieq ($id + '$')) -or $o.Name -ieq $id) { return $o }
    }
    $null
}

function ConvertTo-SimADObject {
    param([hashtable]$Object, [string[]]$Properties)
    $h = [ordered]@{
        PSTypeName        = $(if ($Object.Class -eq 'computer') { 'SimHost#Microsoft.ActiveDirectory.Management.ADComputer' } else { 'SimHost#Microsoft.ActiveDirectory.Management.ADPrincipal' })
        DistinguishedName = $Object.DistinguishedName
        DNSHostName       = $Object.DNSHostName
        Enabled           = [bool]$Object.Enabled
        Name              = $Object.Name
        ObjectClass       = $Object.Class
        ObjectGUID        = $Object.ObjectGUID
        SamAccountName    = $Object.SamAccountName
        SID               = [SimSecurityIdentifier]::new($Object.Sid)
        UserPrincipalName = $null
    }
    $all = $Properties -contains '*'
    foreach ($p in @('PrincipalsAllowedToDelegateToAccount', 'TrustedForDelegation', 'TrustedToAuthForDelegation', 'msDS-AllowedToDelegateTo')) {
        if ($all -or ($Properties | Where-Object { $_ -ieq $p })) {
            $v = $Object[$p]
            $h[$p] = if ($v -is [array] -or $v -is [System.Collections.IList]) { [string[]]@($v) } else { $v }
        }
    }
    $o = [pscustomobject]$h
    $dn = $Object.DistinguishedName
    $o | Add-Member -MemberType ScriptMethod -Name ToString -Value { $dn }.GetNewClosure() -Force
    $o
}

# Evaluates an ActiveDirectory -Filter string ('Name -eq $x -and Enabled -eq $true').
function Test-SimADFilter {
    param([hashtable]$Object, [string]$Filter, $CallerState)
    $clauses = [regex]::Split($Filter.Trim(), '\s+-(and|or)\s+', 'IgnoreCase')
    $result = $null; $op = 'and'
    for ($i = 0; $i -lt $clauses.Count; $i++) {
        $c = $clauses[$i]
        if ($i % 2 -eq 1) { $op = $c.ToLowerInvariant(); continue }
        if ($c.Trim() -eq '*') { $value = $true }
        else {
            if ($c -notmatch '^\s*\(?\s*([A-Za-z-]+)\s+-(eq|ne|like|notlike)\s+(.+?)\s*\)?\s*$') { throw [System.ArgumentException]::new("Error parsing query: '$Filter'") }
            $attr = $Matches[1]; $cmp = $Matches[2].ToLowerInvariant(); $raw = $Matches[3].Trim()
            $expected = if ($raw -match '^\$(\w+)$') { $CallerState.PSVariable.GetValue($Matches[1]) }
            elseif ($raw -match "^'(.*)'$" -or $raw -match '^"(.*)"$') { $Matches[1] }
            elseif ($raw -eq '$true') { $true } elseif ($raw -eq '$false') { $false } else { $raw }
            $actual = $null
            foreach ($k in $Object.Keys) { if ($k -ieq $attr) { $actual = $Object[$k] } }
            if ($attr -ieq 'ObjectClass') { $actual = $Object.Class }
            $value = switch ($cmp) {
                'eq' { [string]$actual -ieq [string]$expected }
                'ne' { [string]$actual -ine [string]$expected }
                'like' { [string]$actual -like [string]$expected }
                'notlike' { [string]$actual -notlike [string]$expected }
            }
        }
        $result = if ($null -eq $result) { $value } elseif ($op -eq 'and') { $result -and $value } else { $result -or $value }
    }
    [bool]$result
}

function Get-ADComputer {
    [CmdletBinding(DefaultParameterSetName = 'Filter')]
    param(
        [ValidateSet('Negotiate', 'Basic')][string]$AuthType,
        [pscredential]$Credential,
        [Parameter(ParameterSetName = 'Filter', Mandatory = $true)][string]$Filter,
        [Parameter(ParameterSetName = 'Identity', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$Identity,
        [Parameter(ParameterSetName = 'LdapFilter', Mandatory = $true)][string]$LDAPFilter,
        [Parameter(ParameterSetName = 'Identity')][string]$Partition,
        [Alias('Property')][ValidateNotNullOrEmpty()][string[]]$Properties,
        [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][int]$ResultPageSize,
        [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][Nullable[int]]$ResultSetSize,
        [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][string]$SearchBase,
        [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][ValidateSet('Base', 'OneLevel', 'Subtree')][string]$SearchScope,
        [string]$Server
    )
    process {
        Add-SimCall -Name 'Get-ADComputer' -Bound $PSBoundParameters
        Assert-SimActiveDirectory -Cmdlet $PSCmdlet
        $s = Get-SimState
        if ($Server -and $Server -notin @($s.AD.Domain, $s.AD.Dc)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "Unable to contact the server $Server." -Id 'ActiveDirectoryServer:0' -Category ResourceUnavailable }
        switch ($PSCmdlet.ParameterSetName) {
            'Identity' {
                $o = Find-SimADObject -Identity $Identity -Class 'computer'
                if (-not $o) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "Cannot find an object with identity: '$Identity' under: '$($s.AD.BaseDN)'." -Id 'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException,Microsoft.ActiveDirectory.Management.Commands.GetADComputer' -Category ObjectNotFound -Target $Identity }
                ConvertTo-SimADObject -Object $o -Properties $Properties
            }
            'Filter' {
                foreach ($o in @($s.AD.Objects.Values | Where-Object { $_.Class -eq 'computer' } | Sort-Object { $_.DistinguishedName })) {
                    $hit = $false
                    try { $hit = Test-SimADFilter -Object $o -Filter $Filter -CallerState $PSCmdlet.SessionState } catch { Stop-SimCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Id 'ActiveDirectoryCmdlet:System.ArgumentException' -Category ParserError }
                    if ($hit) { ConvertTo-SimADObject -Object $o -Properties $Properties }
                }
            }
            default { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: -LDAPFilter is not simulated.' -Id 'NotSimulated' }
        }
    }
}

function Set-ADComputer {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Identity')]
    param(
        [hashtable]$Add,
        [string[]]$Clear,
        [hashtable]$Remove,
        [hashtable]$Replace,
        [ValidateSet('Negotiate', 'Basic')][string]$AuthType,
        [pscredential]$Credential,
        [string]$Description,
        [string]$DisplayName,
        [string]$DNSHostName,
        [bool]$Enabled,
        [Parameter(ParameterSetName = 'Identity', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$Identity,
        [Parameter(ParameterSetName = 'Instance', Mandatory = $true)][object]$Instance,
        [string]$Partition,
        [switch]$PassThru,
        [AllowNull()][object[]]$PrincipalsAllowedToDelegateToAccount,
        [string]$Server,
        [bool]$TrustedForDelegation,
        [hashtable]$ServicePrincipalNames
    )
    process {
        Add-SimCall -Name 'Set-ADComputer' -Bound $PSBoundParameters
        Assert-SimActiveDirectory -Cmdlet $PSCmdlet
        $s = Get-SimState
        if ($PSCmdlet.ParameterSetName -eq 'Instance') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: Set-ADComputer -Instance is not simulated.' -Id 'NotSimulated' }
        $o = Find-SimADObject -Identity $Identity -Class 'computer'
        if (-not $o) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "Cannot find an object with identity: '$Identity' under: '$($s.AD.BaseDN)'." -Id 'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException,Microsoft.ActiveDirectory.Management.Commands.SetADComputer' -Category ObjectNotFound -Target $Identity }
        if ($PSBoundParameters.ContainsKey('PrincipalsAllowedToDelegateToAccount')) {
            $dns = [System.Collections.Generic.List[string]]::new()
            foreach ($p in @($PrincipalsAllowedToDelegateToAccount | Where-Object { $null -ne $_ })) {
                $target = Find-SimADObject -Identity $p
                if (-not $target) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "Cannot find an object with identity: '$p' under: '$($s.AD.BaseDN)'." -Id 'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException' -Category ObjectNotFound -Target $p }
                if (-not $dns.Contains($target.DistinguishedName)) { $dns.Add($target.DistinguishedName) }
            }
            $o.PrincipalsAllowedToDelegateToAccount = @($dns)
        }
        if ($PSBoundParameters.ContainsKey('TrustedForDelegation')) { $o.TrustedForDelegation = $TrustedForDelegation }
        if ($PSBoundParameters.ContainsKey('Description')) { $o.Description = $Description }
        foreach ($attr in @($Add.Keys) + @($Remove.Keys) + @($Replace.Keys) + @($Clear)) {
            if ($attr) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: Set-ADComputer -Add/-Remove/-Replace/-Clear ($attr) is not simulated." -Id 'NotSimulated' }
        }
        if ($PassThru) { ConvertTo-SimADObject -Object $o -Properties @() }
    }
}
