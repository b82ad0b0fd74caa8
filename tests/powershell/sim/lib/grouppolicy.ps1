# The GroupPolicy module over a domain GPO store, and firewall rules written into a GPO.
#
# The store lives in the state of a domain-joined host (the computer gpo.ps1 runs on), as
# $s.GroupPolicy = @{ Domain; DomainDn; Gpos = @{ <GUID> = GPO }; Links = @{ <OU DN upper> = @(<GUID>...) };
# Ous = @(<DN>...) }. A GPO: @{ Id; DisplayName; Comment; Owner; Registry = @{ '<KEY>|<NAME>' (upper) =
# @{ Key; ValueName; Type; Value } }; Firewall = @{ <RULE NAME upper> = rule as in firewall.ps1 };
# Permissions = @(@{ Sid; Name; Type; Permission }) }. Backups are folders {<id>} with bkupInfo.json
# in the simulated file system. Not modelled: replication, the SYSVOL files themselves, WMI
# filters, security filtering, GPO versions; Group Policy processing on the servers is
# Invoke-SimGpoApply (registry values and firewall rules copied at once).

function New-SimGroupPolicyStore {
    param([string]$DnsDomain, [string]$DomainSid, [string]$NetBIOSDomain)
    $dn = (@($DnsDomain.Split('.') | ForEach-Object { "DC=$_" }) -join ',')
    @{
        Domain    = $DnsDomain
        DomainDn  = $dn
        DomainSid = $DomainSid
        NetBIOS   = $NetBIOSDomain
        Gpos      = @{}
        Links     = @{}
        Ous       = @("OU=Servers,$dn", "OU=Admin Workstations,$dn")
    }
}

function Get-SimGpoStore {
    param($Cmdlet, [string]$Domain)
    $s = Get-SimState
    $store = $s['GroupPolicy']
    if (-not $store -or ($Domain -and $Domain -ine $store.Domain)) {
        $name = if ($Domain) { $Domain } else { '(the domain of this account)' }
        Stop-SimCommand -Cmdlet $Cmdlet -Message ("The specified domain either does not exist or could not be contacted. ($name)") -Id 'GpoDomainNotFound' -Category ObjectNotFound -Target $name
    }
    $store
}

function ConvertTo-SimGpoObject {
    param([hashtable]$Store, [hashtable]$Gpo)
    [pscustomobject]@{
        PSTypeName       = 'SimHost#Microsoft.GroupPolicy.Gpo'
        Id               = [guid]$Gpo.Id
        DisplayName      = $Gpo.DisplayName
        Path             = "cn={$($Gpo.Id)},cn=policies,cn=system,$($Store.DomainDn)"
        Owner            = $Gpo.Owner
        DomainName       = $Store.Domain
        Description      = [string]$Gpo.Comment
        GpoStatus        = 'AllSettingsEnabled'
        CreationTime     = $Gpo.Created
        ModificationTime = $Gpo.Modified
        WmiFilter        = $null
    }
}

function Find-SimGpo {
    param($Cmdlet, [hashtable]$Store, [string]$Name, $Guid)
    if ($null -ne $Guid -and [string]$Guid) {
        $g = $Store.Gpos[([string]$Guid).ToUpperInvariant()]
        if (-not $g) { Stop-SimCommand -Cmdlet $Cmdlet -Message ("A GPO with ID {{{0}}} was not found in the {1} domain." -f $Guid, $Store.Domain) -Id 'GpoWithIdNotFound' -Category ObjectNotFound -Target $Guid }
        return $g
    }
    $found = @($Store.Gpos.Values | Where-Object { $_.DisplayName -eq $Name })
    if ($found.Count -eq 0) { Stop-SimCommand -Cmdlet $Cmdlet -Message ("GPO with name '{0}' was not found in the {1} domain." -f $Name, $Store.Domain) -Id 'GpoWithNameNotFound' -Category ObjectNotFound -Target $Name }
    if ($found.Count -gt 1) { Stop-SimCommand -Cmdlet $Cmdlet -Message ("There is more than one GPO with the name '{0}' in the {1} domain. Use the Guid parameter." -f $Name, $Store.Domain) -Id 'AmbiguousGpoName' -Category InvalidArgument -Target $Name }
    $found[0]
}

function Set-SimGpoModified {
    param([hashtable]$Gpo)
    $Gpo.Modified = (Get-SimNow).ToString('o')
}

# A GPO's permissions as GPMC sets them, with the creator (or a given owner) able to edit it.
function New-SimGpoPermissions {
    param([hashtable]$Store, [string]$CreatorSid, [string]$CreatorName)
    $list = [System.Collections.Generic.List[object]]::new()
    $list.Add(@{ Sid = "$($Store.DomainSid)-512"; Name = "$($Store.NetBIOS)\Domain Admins"; Type = 'Group'; Permission = 'GpoEditDeleteModifySecurity' })
    $list.Add(@{ Sid = "$($Store.DomainSid)-519"; Name = "$($Store.NetBIOS)\Enterprise Admins"; Type = 'Group'; Permission = 'GpoEditDeleteModifySecurity' })
    $list.Add(@{ Sid = 'S-1-5-18'; Name = 'NT AUTHORITY\SYSTEM'; Type = 'WellKnownGroup'; Permission = 'GpoEditDeleteModifySecurity' })
    $list.Add(@{ Sid = 'S-1-5-11'; Name = 'NT AUTHORITY\Authenticated Users'; Type = 'WellKnownGroup'; Permission = 'GpoApply' })
    $list.Add(@{ Sid = 'S-1-5-9'; Name = 'NT AUTHORITY\ENTERPRISE DOMAIN CONTROLLERS'; Type = 'WellKnownGroup'; Permission = 'GpoRead' })
    if ($CreatorSid -and -not ($list | Where-Object { $_.Sid -eq $CreatorSid })) { $list.Add(@{ Sid = $CreatorSid; Name = $CreatorName; Type = 'User'; Permission = 'GpoEditDeleteModifySecurity' }) }
    , $list
}

# A GPO placed in the store by a test (an existing GPO the script finds).
function Add-SimGpo {
    param([Parameter(Mandatory = $true)][hashtable]$State, [Parameter(Mandatory = $true)][string]$Name, [hashtable[]]$Values = @(), [string[]]$LinkedTo = @(), [switch]$ReadOnly)
    $store = $State.GroupPolicy
    $id = (New-SimGuidText -Seed "gpo|$($store.Domain)|$Name")
    $perms = New-SimGpoPermissions -Store $store
    if ($ReadOnly) { $perms = [System.Collections.Generic.List[object]]@($perms | Where-Object { $_.Sid -notlike "$($store.DomainSid)-5*" }) }
    $gpo = @{ Id = $id; DisplayName = $Name; Comment = ''; Owner = "$($store.NetBIOS)\Domain Admins"; Created = $State.Clock.ToString('o'); Modified = $State.Clock.ToString('o'); Registry = @{}; Firewall = @{}; Permissions = $perms }
    foreach ($v in $Values) { $gpo.Registry[('{0}|{1}' -f $v.Key, $v.ValueName).ToUpperInvariant()] = @{ Key = $v.Key; ValueName = $v.ValueName; Type = $v.Type; Value = $v.Value } }
    $store.Gpos[$id.ToUpperInvariant()] = $gpo
    foreach ($ou in $LinkedTo) { $store.Links[$ou.ToUpperInvariant()] = @(@($store.Links[$ou.ToUpperInvariant()]) + $id | Where-Object { $_ }) }
    $id
}

function New-SimGuidText {
    param([string]$Seed)
    $h = (New-SimHex -Seed $Seed -Length 32).ToLowerInvariant()
    '{0}-{1}-{2}-{3}-{4}' -f $h.Substring(0, 8), $h.Substring(8, 4), $h.Substring(12, 4), $h.Substring(16, 4), $h.Substring(20, 12)
}

function Test-SimGpoEditRight {
    param($Cmdlet, [hashtable]$Gpo)
    $sids = @((Get-SimState).User.Sid) + @(Get-SimUserGroupSids)
    $ok = @($Gpo.Permissions | Where-Object { $sids -contains $_.Sid -and $_.Permission -in 'GpoEdit', 'GpoEditDeleteModifySecurity' }).Count -gt 0
    if (-not $ok) { Stop-SimCommand -Cmdlet $Cmdlet -Message 'Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))' -Id 'UnauthorizedAccess' -Category PermissionDenied -Target $Gpo.DisplayName }
}

function Get-GPO {
    [CmdletBinding(DefaultParameterSetName = 'ByGUID')]
    param(
        [Parameter(ParameterSetName = 'ByGUID', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('Id')][guid]$Guid,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [Parameter(ParameterSetName = 'All', Mandatory = $true)][switch]$All,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server
    )
    process {
        Add-SimCall -Name 'Get-GPO' -Bound $PSBoundParameters
        $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
        if ($All) {
            foreach ($g in @($store.Gpos.Values | Sort-Object { $_.DisplayName })) { ConvertTo-SimGpoObject -Store $store -Gpo $g }
            return
        }
        ConvertTo-SimGpoObject -Store $store -Gpo (Find-SimGpo -Cmdlet $PSCmdlet -Store $store -Name $Name -Guid $Guid)
    }
}

function New-GPO {
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [string]$Comment,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server,
        [string]$StarterGpoName,
        [guid]$StarterGpoGuid
    )
    Add-SimCall -Name 'New-GPO' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    if (@($store.Gpos.Values | Where-Object { $_.DisplayName -eq $Name }).Count) {
        Stop-SimCommand -Cmdlet $PSCmdlet -Message ("A GPO named '{0}' already exists in the {1} domain." -f $Name, $store.Domain) -Id 'GpoAlreadyExists' -Category ResourceExists -Target $Name
    }
    $u = (Get-SimState).User
    $id = New-SimGuidText -Seed ("gpo|$($store.Domain)|$Name|" + (New-SimCounter -Name 'gpo'))
    $gpo = @{ Id = $id; DisplayName = $Name; Comment = [string]$Comment; Owner = $u.Name; Created = (Get-SimNow).ToString('o'); Modified = (Get-SimNow).ToString('o'); Registry = @{}; Firewall = @{}; Permissions = (New-SimGpoPermissions -Store $store -CreatorSid $u.Sid -CreatorName $u.Name) }
    $store.Gpos[$id.ToUpperInvariant()] = $gpo
    ConvertTo-SimGpoObject -Store $store -Gpo $gpo
}

function Remove-GPO {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByGUID')]
    param(
        [Parameter(ParameterSetName = 'ByGUID', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('Id')][guid]$Guid,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server,
        [switch]$KeepLinks
    )
    Add-SimCall -Name 'Remove-GPO' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    $gpo = Find-SimGpo -Cmdlet $PSCmdlet -Store $store -Name $Name -Guid $Guid
    Test-SimGpoEditRight -Cmdlet $PSCmdlet -Gpo $gpo
    $store.Gpos.Remove($gpo.Id.ToUpperInvariant())
    if (-not $KeepLinks) {
        foreach ($ou in @($store.Links.Keys)) {
            $store.Links[$ou] = @($store.Links[$ou] | Where-Object { $_ -ne $gpo.Id })
            if ($store.Links[$ou].Count -eq 0) { $store.Links.Remove($ou) }
        }
    }
}

function ConvertTo-SimRegistrySettingObject {
    param([hashtable]$Entry)
    $hive, $rest = $Entry.Key -split '\\', 2
    [pscustomobject]@{
        PSTypeName  = 'SimHost#Microsoft.GroupPolicy.PolicyRegistrySetting'
        PolicyState = 'Set'
        Hive        = $(if ($hive -ieq 'HKLM') { 'LocalMachine' } else { 'CurrentUser' })
        KeyPath     = $rest
        FullKeyPath = $Entry.Key
        ValueName   = $Entry.ValueName
        Type        = [Microsoft.Win32.RegistryValueKind]$Entry.Type
        Value       = $Entry.Value
        HasValue    = $true
    }
}

function Get-GPRegistryValue {
    [CmdletBinding(DefaultParameterSetName = 'ByGUID')]
    param(
        [Parameter(ParameterSetName = 'ByGUID', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('Id')][guid]$Guid,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [Parameter(Mandatory = $true)][Alias('FullKeyPath')][string]$Key,
        [string]$ValueName,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server
    )
    Add-SimCall -Name 'Get-GPRegistryValue' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    $gpo = Find-SimGpo -Cmdlet $PSCmdlet -Store $store -Name $Name -Guid $Guid
    $found = @($gpo.Registry.Values | Where-Object { $_.Key -ieq $Key -and (-not $ValueName -or $_.ValueName -ieq $ValueName) } | Sort-Object { $_.ValueName })
    if ($found.Count -eq 0) {
        Write-SimError -Cmdlet $PSCmdlet -Message ("The following Group Policy registry setting was not found: ""{0}"" {1}." -f $Key, $ValueName) -Id 'RegistryValueNotFound' -Category ObjectNotFound -Target $Key
        return
    }
    foreach ($e in $found) { ConvertTo-SimRegistrySettingObject -Entry $e }
}

function Set-GPRegistryValue {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByGUID')]
    param(
        [Parameter(ParameterSetName = 'ByGUID', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('Id')][guid]$Guid,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [Parameter(Mandatory = $true)][Alias('FullKeyPath')][string]$Key,
        [string[]]$ValueName,
        [psobject]$Value,
        [Microsoft.Win32.RegistryValueKind]$Type,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server,
        [switch]$Additive,
        [switch]$Disable,
        [string]$ValuePrefix
    )
    Add-SimCall -Name 'Set-GPRegistryValue' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    $gpo = Find-SimGpo -Cmdlet $PSCmdlet -Store $store -Name $Name -Guid $Guid
    Test-SimGpoEditRight -Cmdlet $PSCmdlet -Gpo $gpo
    if ($Key -notmatch '^(?i)(HKLM|HKCU)\\') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The registry key '$Key' is not in HKLM or HKCU." -Id 'InvalidRegistryKey' -Category InvalidArgument -Target $Key }
    if ($Disable -or $ValuePrefix -or $Additive -or @($ValueName).Count -ne 1) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: only one value set with -ValueName, -Type and -Value is simulated.' -Id 'NotSimulated' }
    if (-not $PSBoundParameters.ContainsKey('Type') -or -not $PSBoundParameters.ContainsKey('Value')) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The Type and Value parameters must be specified to set a registry value.' -Id 'MissingTypeOrValue' -Category InvalidArgument }
    $data = $Value.PSObject.BaseObject
    switch ([string]$Type) {
        'DWord' { if ($data -isnot [int] -and $data -isnot [long] -and $data -isnot [uint32]) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The value '$data' is not valid for the DWord type." -Id 'InvalidValue' -Category InvalidArgument }; $data = [int]$data }
        'String' { $data = [string]$data }
        default { Stop-SimCommand -Cmdlet $PSCmdlet -Message "SimHost: type $Type is not simulated." -Id 'NotSimulated' }
    }
    $gpo.Registry[('{0}|{1}' -f $Key, $ValueName[0]).ToUpperInvariant()] = @{ Key = $Key; ValueName = $ValueName[0]; Type = [string]$Type; Value = $data }
    Set-SimGpoModified -Gpo $gpo
    ConvertTo-SimGpoObject -Store $store -Gpo $gpo
}

function Remove-GPRegistryValue {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByGUID')]
    param(
        [Parameter(ParameterSetName = 'ByGUID', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('Id')][guid]$Guid,
        [Parameter(ParameterSetName = 'ByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [Parameter(Mandatory = $true)][Alias('FullKeyPath')][string]$Key,
        [string[]]$ValueName,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server,
        [string]$ValuePrefix
    )
    Add-SimCall -Name 'Remove-GPRegistryValue' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    $gpo = Find-SimGpo -Cmdlet $PSCmdlet -Store $store -Name $Name -Guid $Guid
    Test-SimGpoEditRight -Cmdlet $PSCmdlet -Gpo $gpo
    foreach ($k in @($gpo.Registry.Keys)) {
        $e = $gpo.Registry[$k]
        if ($e.Key -ieq $Key -and (-not $ValueName -or $ValueName -contains $e.ValueName)) { $gpo.Registry.Remove($k) }
    }
    Set-SimGpoModified -Gpo $gpo
    ConvertTo-SimGpoObject -Store $store -Gpo $gpo
}

function Backup-GPO {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'BackupByGuid')]
    param(
        [Parameter(ParameterSetName = 'BackupByGuid', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('Id')][guid]$Guid,
        [Parameter(ParameterSetName = 'BackupByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [Parameter(ParameterSetName = 'BackupAll', Mandatory = $true)][switch]$All,
        [Parameter(Mandatory = $true)][Alias('BackupLocation', 'BackupDirectory')][string]$Path,
        [string]$Comment,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server
    )
    Add-SimCall -Name 'Backup-GPO' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    if ($All) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: Backup-GPO -All is not simulated.' -Id 'NotSimulated' }
    $gpo = Find-SimGpo -Cmdlet $PSCmdlet -Store $store -Name $Name -Guid $Guid
    $r = Resolve-SimPath -Path $Path
    $dir = Get-SimFsEntry -Key $r.Key
    if (-not $dir -or $dir.Type -ne 'Directory') { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The backup directory '$Path' does not exist." -Id 'BackupDirectoryNotFound' -Category ObjectNotFound -Target $Path }
    $backupId = New-SimGuidText -Seed ("backup|$($gpo.Id)|" + (New-SimCounter -Name 'gpobackup'))
    $folder = "$($r.Full)\{$($backupId.ToUpperInvariant())}"
    $null = New-SimFsEntry -Full $folder -Type Directory
    $copy = Copy-SimObject $gpo
    Write-SimFileText -Path "$folder\bkupInfo.json" -Text ([SimHost.SimNative]::CanonicalJson(@{ BackupId = $backupId; Domain = $store.Domain; Comment = [string]$Comment; Gpo = $copy }))
    [pscustomobject]@{
        PSTypeName      = 'SimHost#Microsoft.GroupPolicy.GpoBackup'
        Id              = [guid]$backupId
        DisplayName     = $gpo.DisplayName
        GpoId           = [guid]$gpo.Id
        DomainName      = $store.Domain
        CreationTime    = Get-SimNow
        BackupDirectory = $r.Full
        Comment         = [string]$Comment
    }
}

function Restore-GPO {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'RestoreFromBackupId')]
    param(
        [Parameter(ParameterSetName = 'RestoreFromBackupId', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('Id')][guid]$BackupId,
        [Parameter(ParameterSetName = 'RestoreFromGpo(GUID)', Mandatory = $true)][guid]$Guid,
        [Parameter(ParameterSetName = 'RestoreFromGpo(Name)', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [Parameter(ParameterSetName = 'RestoreAll', Mandatory = $true)][switch]$All,
        [Parameter(Mandatory = $true)][Alias('BackupLocation', 'BackupDirectory')][string]$Path,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server
    )
    Add-SimCall -Name 'Restore-GPO' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    if ($PSCmdlet.ParameterSetName -ne 'RestoreFromBackupId') { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: only Restore-GPO -BackupId is simulated.' -Id 'NotSimulated' }
    $r = Resolve-SimPath -Path $Path
    $file = "$($r.Full)\{$(([string]$BackupId).ToUpperInvariant())}\bkupInfo.json"
    if (-not (Test-SimFile -Path $file)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The backup {$BackupId} was not found in '$Path'." -Id 'BackupNotFound' -Category ObjectNotFound -Target $BackupId }
    $info = (Read-SimFileText -Path $file) | ConvertFrom-Json -AsHashtable
    if ($info.Domain -ine $store.Domain) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'The backup is of a GPO of another domain.' -Id 'WrongDomain' }
    $saved = $info.Gpo
    $gpo = $store.Gpos[$saved.Id.ToUpperInvariant()]
    if (-not $gpo) { Stop-SimCommand -Cmdlet $PSCmdlet -Message ("The GPO {{{0}}} no longer exists in the {1} domain: use Import-GPO." -f $saved.Id, $store.Domain) -Id 'GpoNotFound' -Category ObjectNotFound }
    Test-SimGpoEditRight -Cmdlet $PSCmdlet -Gpo $gpo
    foreach ($k in 'DisplayName', 'Comment', 'Modified') { $gpo[$k] = $saved[$k] }
    foreach ($part in 'Registry', 'Firewall') {
        $table = @{}
        foreach ($k in @($saved[$part].Keys)) { $table[$k] = $saved[$part][$k] }
        $gpo[$part] = $table
    }
    ConvertTo-SimGpoObject -Store $store -Gpo $gpo
}

function Test-SimOuExists {
    param([hashtable]$Store, [string]$Target)
    @($Store.Ous | Where-Object { $_ -ieq $Target }).Count -gt 0 -or $Target -ieq $Store.DomainDn
}

function New-GPLink {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'LinkByGuid')]
    param(
        [Parameter(ParameterSetName = 'LinkByGuid', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('Id')][guid]$Guid,
        [Parameter(ParameterSetName = 'LinkByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [Parameter(Mandatory = $true)][Alias('Path')][string]$Target,
        [ValidateSet('Unspecified', 'No', 'Yes')][string]$LinkEnabled = 'Yes',
        [int]$Order,
        [ValidateSet('Unspecified', 'No', 'Yes')][string]$Enforced = 'No',
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server
    )
    Add-SimCall -Name 'New-GPLink' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    $gpo = Find-SimGpo -Cmdlet $PSCmdlet -Store $store -Name $Name -Guid $Guid
    if (-not (Test-SimOuExists -Store $store -Target $Target)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The Active Directory container '$Target' was not found." -Id 'SomNotFound' -Category ObjectNotFound -Target $Target }
    $key = $Target.ToUpperInvariant()
    $links = @($store.Links[$key] | Where-Object { $_ })
    if ($links -contains $gpo.Id) { Stop-SimCommand -Cmdlet $PSCmdlet -Message ("The GPO named '{0}' is already linked to a Scope of Management with Path '{1}'." -f $gpo.DisplayName, $Target) -Id 'GpoLinkAlreadyExists' -Category ResourceExists }
    $store.Links[$key] = @($links) + $gpo.Id
    [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.GroupPolicy.GpoLink'; GpoId = [guid]$gpo.Id; DisplayName = $gpo.DisplayName; Enabled = ($LinkEnabled -ne 'No'); Enforced = ($Enforced -eq 'Yes'); Target = $Target; Order = $store.Links[$key].Count }
}

function Remove-GPLink {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'LinkByGuid')]
    param(
        [Parameter(ParameterSetName = 'LinkByGuid', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('Id')][guid]$Guid,
        [Parameter(ParameterSetName = 'LinkByName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [Parameter(Mandatory = $true)][Alias('Path')][string]$Target,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server
    )
    Add-SimCall -Name 'Remove-GPLink' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    $gpo = Find-SimGpo -Cmdlet $PSCmdlet -Store $store -Name $Name -Guid $Guid
    $key = $Target.ToUpperInvariant()
    $links = @($store.Links[$key] | Where-Object { $_ })
    if ($links -notcontains $gpo.Id) { Stop-SimCommand -Cmdlet $PSCmdlet -Message ("The GPO named '{0}' is not linked to '{1}'." -f $gpo.DisplayName, $Target) -Id 'GpoLinkNotFound' -Category ObjectNotFound }
    $rest = @($links | Where-Object { $_ -ne $gpo.Id })
    if ($rest.Count) { $store.Links[$key] = $rest } else { $store.Links.Remove($key) }
}

function Get-GPInheritance {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)][Alias('Path')][string]$Target,
        [Alias('DomainName')][string]$Domain,
        [Alias('DC')][string]$Server
    )
    Add-SimCall -Name 'Get-GPInheritance' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $Domain
    if (-not (Test-SimOuExists -Store $store -Target $Target)) { Stop-SimCommand -Cmdlet $PSCmdlet -Message "The Active Directory container '$Target' was not found." -Id 'SomNotFound' -Category ObjectNotFound -Target $Target }
    $order = 0
    $links = foreach ($id in @($store.Links[$Target.ToUpperInvariant()] | Where-Object { $_ })) {
        $order++
        $g = $store.Gpos[$id.ToUpperInvariant()]
        [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.GroupPolicy.GpoLink'; GpoId = [guid]$id; DisplayName = $(if ($g) { $g.DisplayName } else { '' }); Enabled = $true; Enforced = $false; Target = $Target; Order = $order }
    }
    [pscustomobject]@{ PSTypeName = 'SimHost#Microsoft.GroupPolicy.Som'; Name = (($Target -split ',')[0] -replace '^[A-Za-z]+=', ''); ContainerType = $(if ($Target -imatch '^OU=') { 'OU' } else { 'Domain' }); Path = $Target; GpoInheritanceBlocked = $false; GpoLinks = @($links); InheritedGpoLinks = @($links) }
}

function Get-GPPermission {
    [CmdletBinding(DefaultParameterSetName = 'SourcebyGUID')]
    param(
        [Parameter(ParameterSetName = 'SourcebyGUID', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('ID')][guid]$Guid,
        [Parameter(ParameterSetName = 'SourcebyName', Mandatory = $true, Position = 0)][Alias('DisplayName')][string]$Name,
        [string]$TargetName,
        [ValidateSet('Computer', 'User', 'Group')][string]$TargetType,
        [Alias('Domain')][string]$DomainName,
        [Alias('DC')][string]$Server,
        [switch]$All
    )
    Add-SimCall -Name 'Get-GPPermission' -Bound $PSBoundParameters
    $store = Get-SimGpoStore -Cmdlet $PSCmdlet -Domain $DomainName
    $gpo = Find-SimGpo -Cmdlet $PSCmdlet -Store $store -Name $Name -Guid $Guid
    foreach ($p in $gpo.Permissions) {
        if (-not $All -and $TargetName -and $p.Name -ine $TargetName -and ($p.Name -split '\\')[-1] -ine $TargetName) { continue }
        [pscustomobject]@{
            PSTypeName  = 'SimHost#Microsoft.GroupPolicy.GPPermission'
            Trustee     = [pscustomobject]@{ Name = ($p.Name -split '\\')[-1]; Domain = $(if ($p.Name.Contains('\')) { ($p.Name -split '\\')[0] } else { '' }); Sid = [SimSecurityIdentifier]::new($p.Sid); SidType = $p.Type }
            TrusteeType = $p.Type
            Permission  = $p.Permission
            Inherited   = $false
            Denied      = $false
        }
    }
}

# ---------------------------------------------------------------------------------------------
# Firewall rules in a GPO: New-/Get-/Set-NetFirewallRule -PolicyStore '<domain>\<GPO name>'.

# The rule table a firewall cmdlet acts on: the host's own, or a GPO's. Returns @{ Rules; Store } (Store '' = local).
function Get-SimFirewallStore {
    param($Cmdlet, [string]$PolicyStore)
    if (-not $PolicyStore -or $PolicyStore -in @('PersistentStore', 'ActiveStore', 'localhost', 'SystemDefaults', 'StaticServiceStore', 'ConfigurableServiceStore')) {
        return @{ Rules = (Get-SimState).Firewall.Rules; Store = '' }
    }
    $domain, $gpoName = $PolicyStore -split '\\', 2
    if (-not $gpoName) { Stop-SimCommand -Cmdlet $Cmdlet -Message "The policy store '$PolicyStore' is not valid: use <domain>\<GPO name>." -Id 'InvalidPolicyStore' -Category InvalidArgument -Target $PolicyStore }
    $store = Get-SimGpoStore -Cmdlet $Cmdlet -Domain $domain
    $gpo = @($store.Gpos.Values | Where-Object { $_.DisplayName -eq $gpoName })
    if ($gpo.Count -ne 1) { Stop-SimCommand -Cmdlet $Cmdlet -Message "The Group Policy Object '$PolicyStore' was not found." -Id 'GpoNotFound' -Category ObjectNotFound -Target $PolicyStore }
    @{ Rules = $gpo[0].Firewall; Store = $PolicyStore; Gpo = $gpo[0] }
}

# ---------------------------------------------------------------------------------------------
# Public helpers for the tests.

# The domain store (GPOs and links) as canonical JSON, for exact comparison.
function Get-SimGpoStoreJson {
    param([Parameter(Mandatory = $true)][hashtable]$State)
    $store = $State.GroupPolicy
    [SimHost.SimNative]::CanonicalJson(@{ Gpos = $store.Gpos; Links = $store.Links })
}

# Group Policy processing on a server, at once: the GPO's registry values written under HKLM, its
# firewall rules added to the server's rules.
function Invoke-SimGpoApply {
    param([Parameter(Mandatory = $true)][hashtable]$From, [Parameter(Mandatory = $true)][string]$GpoName, [Parameter(Mandatory = $true)][hashtable]$To)
    $gpo = @($From.GroupPolicy.Gpos.Values | Where-Object { $_.DisplayName -eq $GpoName })
    if ($gpo.Count -ne 1) { throw "SimHost: no GPO named '$GpoName'." }
    $previous = [SimContext]::State
    [SimContext]::State = $To
    try {
        foreach ($e in $gpo[0].Registry.Values) {
            if ($e.Key -notmatch '^(?i)HKLM\\(.+)$') { continue }
            Set-SimRegistryValue -Path ('HKLM:\' + $Matches[1]) -Name $e.ValueName -Value $e.Value -Kind $e.Type -CreateKey
        }
        foreach ($r in $gpo[0].Firewall.Values) {
            $copy = Copy-SimObject $r
            $To.Firewall.Rules[$r.Name.ToUpperInvariant()] = $copy
        }
    }
    finally { [SimContext]::State = $previous }
}
