# Accounts: well-known SIDs, local users and groups, domain principals this host can resolve,
# and the identity of the user running the script. Shadows: Get-LocalUser, Get-LocalGroup,
# Get-LocalGroupMember.

$script:SimWellKnown = [ordered]@{
    'S-1-1-0'      = 'Everyone'
    'S-1-3-0'      = 'CREATOR OWNER'
    'S-1-3-1'      = 'CREATOR GROUP'
    'S-1-5-2'      = 'NT AUTHORITY\NETWORK'
    'S-1-5-4'      = 'NT AUTHORITY\INTERACTIVE'
    'S-1-5-11'     = 'NT AUTHORITY\Authenticated Users'
    'S-1-5-18'     = 'NT AUTHORITY\SYSTEM'
    'S-1-5-19'     = 'NT AUTHORITY\LOCAL SERVICE'
    'S-1-5-20'     = 'NT AUTHORITY\NETWORK SERVICE'
    'S-1-5-32-544' = 'BUILTIN\Administrators'
    'S-1-5-32-545' = 'BUILTIN\Users'
    'S-1-5-32-546' = 'BUILTIN\Guests'
    'S-1-5-32-555' = 'BUILTIN\Remote Desktop Users'
    'S-1-5-32-573' = 'BUILTIN\Event Log Readers'
    'S-1-5-32-580' = 'BUILTIN\Remote Management Users'
    'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464' = 'NT SERVICE\TrustedInstaller'
}
$script:SimSddlAliases = @{
    'WD' = 'S-1-1-0'; 'CO' = 'S-1-3-0'; 'CG' = 'S-1-3-1'; 'NU' = 'S-1-5-2'; 'IU' = 'S-1-5-4'; 'AU' = 'S-1-5-11'; 'SY' = 'S-1-5-18'
    'LS' = 'S-1-5-19'; 'NS' = 'S-1-5-20'; 'BA' = 'S-1-5-32-544'; 'BU' = 'S-1-5-32-545'; 'BG' = 'S-1-5-32-546'; 'RD' = 'S-1-5-32-555'
    'RM' = 'S-1-5-32-580'; 'ER' = 'S-1-5-32-573'
}

function Get-SimBuiltinGroupSid {
    param([string]$Name)
    foreach ($sid in $script:SimWellKnown.Keys) {
        $full = $script:SimWellKnown[$sid]
        if ($full -ieq $Name -or ($full -match '\\(.+)$' -and $Matches[1] -ieq $Name)) { return $sid }
    }
    $null
}

function Find-SimLocalPrincipal {
    param([string]$Name)
    $s = Get-SimState
    foreach ($u in $s.Accounts.LocalUsers) { if ($u.Name -ieq $Name) { return @{ Kind = 'User'; Item = $u } } }
    foreach ($g in $s.Accounts.LocalGroups) { if ($g.Name -ieq $Name) { return @{ Kind = 'Group'; Item = $g } } }
    $null
}

# Name -> SID, as LookupAccountName would on this host; $null when unknown.
function Resolve-SimAccountSid {
    param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Name)
    $s = Get-SimState
    $n = $Name.Trim()
    if ($n -match '^\*?(S-1-\d+(-\d+)*)$') { $sid = $Matches[1].ToUpperInvariant(); if (Resolve-SimSidName -Sid $sid) { return $sid }; return $null }
    if ($n -match '^(.+)@(.+)$') {
        foreach ($p in $s.Accounts.Domain) { if ($p.ContainsKey('Upn') -and $p.Upn -ieq $n) { return $p.Sid } }
        return $null
    }
    $domainPart = $null
    $account = $n
    if ($n.Contains('\')) { $domainPart, $account = $n.Split('\', 2) }
    if ($null -eq $domainPart -or $domainPart -in @('.', 'BUILTIN', 'NT AUTHORITY', 'NT SERVICE') -or $domainPart -ieq $s.Host.Name) {
        if ($null -eq $domainPart -or $domainPart -in @('BUILTIN', 'NT AUTHORITY', 'NT SERVICE')) {
            $builtin = Get-SimBuiltinGroupSid -Name $(if ($domainPart) { $n } else { $account })
            if ($builtin) { return $builtin }
        }
        if ($null -eq $domainPart -or $domainPart -eq '.' -or $domainPart -ieq $s.Host.Name) {
            $local = Find-SimLocalPrincipal -Name $account
            if ($local) { return $local.Item.Sid }
        }
        if ($null -ne $domainPart) { return $null }
    }
    foreach ($p in $s.Accounts.Domain) {
        if ($p.Name -ieq $n) { return $p.Sid }
        if ($null -eq $domainPart -and ($p.Name -split '\\')[-1] -ieq $account) { return $p.Sid }
    }
    $null
}

# SID -> name ('DOMAIN\name'); $null when unknown (or the SID itself with -OrSid).
function Resolve-SimSidName {
    param([Parameter(Mandatory = $true)][string]$Sid, [switch]$OrSid)
    $s = Get-SimState
    $u = $Sid.ToUpperInvariant()
    if ($script:SimWellKnown.Contains($u)) { return $script:SimWellKnown[$u] }
    foreach ($x in $s.Accounts.LocalUsers) { if ($x.Sid -eq $u) { return $s.Host.Name + '\' + $x.Name } }
    foreach ($x in $s.Accounts.LocalGroups) { if ($x.Sid -eq $u) { if ($x.ContainsKey('Builtin') -and $x.Builtin) { return 'BUILTIN\' + $x.Name } return $s.Host.Name + '\' + $x.Name } }
    foreach ($p in $s.Accounts.Domain) { if ($p.Sid -eq $u) { return $p.Name } }
    if ($OrSid) { return $u }
    $null
}

function ConvertTo-SimSid {
    param([Parameter(Mandatory = $true)]$Identity)
    if ($Identity -is [SimSecurityIdentifier]) { return $Identity.Value }
    $name = if ($Identity -is [SimNTAccount]) { $Identity.Value } else { [string]$Identity }
    $sid = Resolve-SimAccountSid -Name $name
    if (-not $sid) { throw [System.Management.Automation.RuntimeException]::new('Some or all identity references could not be translated.') }
    $sid
}

# SIDs in the running user's token.
function Get-SimUserGroupSids {
    $s = Get-SimState
    $u = $s.User
    $sids = [System.Collections.Generic.List[string]]::new()
    $sids.Add($u.Sid)
    foreach ($g in @($u.DomainGroups)) { if ($g) { $sids.Add($g) } }
    $sids.Add('S-1-1-0'); $sids.Add('S-1-5-11'); $sids.Add('S-1-5-32-545')
    if ($s.Session) { $sids.Add('S-1-5-2') } else { $sids.Add('S-1-5-4') }
    foreach ($g in $s.Accounts.LocalGroups) {
        foreach ($m in $g.Members) { if ($sids.Contains($m)) { if (-not $sids.Contains($g.Sid)) { $sids.Add($g.Sid) }; break } }
    }
    [System.Linq.Enumerable]::ToArray([System.Linq.Enumerable]::Distinct([string[]]$sids.ToArray()))
}

function Test-SimUserInGroup {
    param([Parameter(Mandatory = $true)][string]$Sid)
    @(Get-SimUserGroupSids) -contains $Sid
}

# ---------------------------------------------------------------------------------------------
# Objects as Microsoft.PowerShell.LocalAccounts returns them.

function ConvertTo-SimLocalUserObject {
    param($User)
    [pscustomobject]@{
        PSTypeName      = 'SimHost#Microsoft.PowerShell.Commands.LocalUser'
        Name            = $User.Name
        Enabled         = [bool]$User.Enabled
        Description     = [string]$User.Description
        SID             = [SimSecurityIdentifier]::new($User.Sid)
        PrincipalSource = 'Local'
        ObjectClass     = 'User'
    }
}

function ConvertTo-SimLocalGroupObject {
    param($Group)
    [pscustomobject]@{
        PSTypeName      = 'SimHost#Microsoft.PowerShell.Commands.LocalGroup'
        Name            = $Group.Name
        Description     = [string]$Group.Description
        SID             = [SimSecurityIdentifier]::new($Group.Sid)
        PrincipalSource = 'Local'
        ObjectClass     = 'Group'
    }
}

function Get-LocalUser {
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    param(
        [Parameter(ParameterSetName = 'Default', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][ValidateNotNull()][string[]]$Name,
        [Parameter(ParameterSetName = 'InputObject', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][ValidateNotNull()][object[]]$InputObject,
        [Parameter(ParameterSetName = 'SecurityIdentifier', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][ValidateNotNull()][SimSecurityIdentifier[]]$SID
    )
    process {
        Add-SimCall -Name 'Get-LocalUser' -Bound $PSBoundParameters
        $s = Get-SimState
        if ($PSCmdlet.ParameterSetName -eq 'SecurityIdentifier') {
            foreach ($sid in $SID) {
                $u = @($s.Accounts.LocalUsers | Where-Object { $_.Sid -eq $sid.Value })
                if ($u) { ConvertTo-SimLocalUserObject $u[0] } else { Write-SimError -Cmdlet $PSCmdlet -Message "User $($sid.Value) was not found." -Id 'UserNotFound' -Category ObjectNotFound -Target $sid }
            }
            return
        }
        if (-not $Name) { foreach ($u in $s.Accounts.LocalUsers) { ConvertTo-SimLocalUserObject $u }; return }
        foreach ($n in $Name) {
            $found = @($s.Accounts.LocalUsers | Where-Object { $_.Name -like $n })
            if ($found.Count) { foreach ($u in $found) { ConvertTo-SimLocalUserObject $u } }
            elseif (-not (Test-SimWildcard $n)) { Write-SimError -Cmdlet $PSCmdlet -Message "User $n was not found." -Id 'UserNotFound' -Category ObjectNotFound -Target $n }
        }
    }
}

function Get-LocalGroup {
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    param(
        [Parameter(ParameterSetName = 'Default', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][ValidateNotNull()][string[]]$Name,
        [Parameter(ParameterSetName = 'SecurityIdentifier', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][ValidateNotNull()][SimSecurityIdentifier[]]$SID
    )
    process {
        Add-SimCall -Name 'Get-LocalGroup' -Bound $PSBoundParameters
        $s = Get-SimState
        if ($PSCmdlet.ParameterSetName -eq 'SecurityIdentifier') {
            foreach ($sid in $SID) {
                $g = @($s.Accounts.LocalGroups | Where-Object { $_.Sid -eq $sid.Value })
                if ($g) { ConvertTo-SimLocalGroupObject $g[0] } else { Write-SimError -Cmdlet $PSCmdlet -Message "Group $($sid.Value) was not found." -Id 'GroupNotFound' -Category ObjectNotFound -Target $sid }
            }
            return
        }
        if (-not $Name) { foreach ($g in $s.Accounts.LocalGroups) { ConvertTo-SimLocalGroupObject $g }; return }
        foreach ($n in $Name) {
            $found = @($s.Accounts.LocalGroups | Where-Object { $_.Name -like $n })
            if ($found.Count) { foreach ($g in $found) { ConvertTo-SimLocalGroupObject $g } }
            elseif (-not (Test-SimWildcard $n)) { Write-SimError -Cmdlet $PSCmdlet -Message "Group $n was not found." -Id 'GroupNotFound' -Category ObjectNotFound -Target $n }
        }
    }
}

function Get-LocalGroupMember {
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    param(
        [Parameter(ParameterSetName = 'Group', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][ValidateNotNull()][object]$Group,
        [Parameter(ParameterSetName = 'Default', Mandatory = $true, Position = 0)][ValidateNotNull()][string]$Name,
        [Parameter(ParameterSetName = 'SecurityIdentifier', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][ValidateNotNull()][SimSecurityIdentifier]$SID,
        [Parameter(Position = 1)][ValidateNotNullOrEmpty()][string]$Member
    )
    process {
        Add-SimCall -Name 'Get-LocalGroupMember' -Bound $PSBoundParameters
        $s = Get-SimState
        $g = $null
        switch ($PSCmdlet.ParameterSetName) {
            'Group' { $gn = if ($Group -is [string]) { $Group } else { [string]$Group.Name }; $g = @($s.Accounts.LocalGroups | Where-Object { $_.Name -ieq $gn })[0] }
            'Default' { $g = @($s.Accounts.LocalGroups | Where-Object { $_.Name -ieq $Name })[0] }
            'SecurityIdentifier' { $g = @($s.Accounts.LocalGroups | Where-Object { $_.Sid -eq $SID.Value })[0] }
        }
        if (-not $g) {
            $label = if ($PSCmdlet.ParameterSetName -eq 'SecurityIdentifier') { $SID.Value } elseif ($PSCmdlet.ParameterSetName -eq 'Group') { [string]$Group } else { $Name }
            Write-SimError -Cmdlet $PSCmdlet -Message "Group $label was not found." -Id 'GroupNotFound' -Category ObjectNotFound -Target $label
            return
        }
        foreach ($m in $g.Members) {
            $memberName = Resolve-SimSidName -Sid $m -OrSid
            if ($Member -and $memberName -notlike $Member -and ($memberName -split '\\')[-1] -notlike $Member) { continue }
            $isLocal = @($s.Accounts.LocalUsers | Where-Object { $_.Sid -eq $m }).Count -gt 0 -or @($s.Accounts.LocalGroups | Where-Object { $_.Sid -eq $m }).Count -gt 0
            $domainPrincipal = @($s.Accounts.Domain | Where-Object { $_.Sid -eq $m })
            $class = if ($domainPrincipal.Count) { $domainPrincipal[0].Class } elseif (@($s.Accounts.LocalGroups | Where-Object { $_.Sid -eq $m }).Count) { 'Group' } else { 'User' }
            [pscustomobject]@{
                PSTypeName      = 'SimHost#Microsoft.PowerShell.Commands.LocalPrincipal'
                Name            = $memberName
                SID             = [SimSecurityIdentifier]::new($m)
                PrincipalSource = if ($isLocal) { 'Local' } else { 'ActiveDirectory' }
                ObjectClass     = $class
            }
        }
    }
}
