# Security descriptors of simulated files and folders: SDDL, inheritance as NTFS does it, access
# checks, and the Get-Acl / Set-Acl shadows.
#
# A descriptor: @{ Owner = SID; Group = SID; Protected = bool; Aces = List of
#   @{ Type = 'Allow'|'Deny'; Sid; Mask = int; OI; CI; IO; NP; Inherited } }

$script:SimRightLetters = [ordered]@{
    'FA' = 0x1F01FF; 'FR' = 0x120089; 'FW' = 0x120116; 'FX' = 0x1200A0
    'GA' = 0x10000000L; 'GR' = 0x80000000L; 'GW' = 0x40000000L; 'GX' = 0x20000000L
    'RC' = 0x20000; 'SD' = 0x10000; 'WD' = 0x40000; 'WO' = 0x80000
    'CC' = 0x1; 'DC' = 0x2; 'LC' = 0x4; 'SW' = 0x8; 'RP' = 0x10; 'WP' = 0x20; 'DT' = 0x40; 'LO' = 0x80; 'CR' = 0x100
}

function ConvertTo-SimSpecificMask {
    param([long]$Mask)
    $m = $Mask -band 0x0FFFFFFFL
    if ($Mask -band 0x10000000L) { $m = $m -bor 0x1F01FF }
    if ($Mask -band 0x80000000L) { $m = $m -bor 0x120089 }
    if ($Mask -band 0x40000000L) { $m = $m -bor 0x120116 }
    if ($Mask -band 0x20000000L) { $m = $m -bor 0x1200A0 }
    [long]$m
}

function ConvertTo-SimFileRights {
    param([long]$Mask)
    [int](ConvertTo-SimSpecificMask -Mask $Mask)
}

function Get-SimAceInheritance {
    param($Ace)
    $f = @()
    if ($Ace.CI) { $f += 'ContainerInherit' }
    if ($Ace.OI) { $f += 'ObjectInherit' }
    if (-not $f) { return 'None' }
    $f -join ', '
}

function Get-SimAcePropagation {
    param($Ace)
    $f = @()
    if ($Ace.NP) { $f += 'NoPropagateInherit' }
    if ($Ace.IO) { $f += 'InheritOnly' }
    if (-not $f) { return 'None' }
    $f -join ', '
}

function New-SimAce {
    param([string]$Type = 'Allow', [string]$Sid, [long]$Mask, [switch]$OI, [switch]$CI, [switch]$IO, [switch]$NP, [switch]$Inherited)
    @{ Type = $Type; Sid = $Sid.ToUpperInvariant(); Mask = [long]$Mask; OI = [bool]$OI; CI = [bool]$CI; IO = [bool]$IO; NP = [bool]$NP; Inherited = [bool]$Inherited }
}

function Copy-SimSd {
    param([Parameter(Mandatory = $true)][hashtable]$Sd)
    $aces = [System.Collections.Generic.List[object]]::new()
    foreach ($a in $Sd.Aces) { $aces.Add(@{ Type = $a.Type; Sid = $a.Sid; Mask = [long]$a.Mask; OI = $a.OI; CI = $a.CI; IO = $a.IO; NP = $a.NP; Inherited = $a.Inherited }) }
    @{ Owner = $Sd.Owner; Group = $Sd.Group; Protected = [bool]$Sd.Protected; Aces = $aces }
}

function ConvertTo-SimSddlSid {
    param([string]$Sid)
    foreach ($k in $script:SimSddlAliases.Keys) { if ($script:SimSddlAliases[$k] -eq $Sid) { return $k } }
    $Sid
}

function ConvertTo-SimSddl {
    param([Parameter(Mandatory = $true)][hashtable]$Sd)
    $sb = [System.Text.StringBuilder]::new()
    if ($Sd.Owner) { [void]$sb.Append('O:' + (ConvertTo-SimSddlSid $Sd.Owner)) }
    if ($Sd.Group) { [void]$sb.Append('G:' + (ConvertTo-SimSddlSid $Sd.Group)) }
    [void]$sb.Append('D:')
    if ($Sd.Protected) { [void]$sb.Append('P') }
    [void]$sb.Append('AI')
    foreach ($a in $Sd.Aces) {
        $flags = ''
        if ($a.OI) { $flags += 'OI' }
        if ($a.CI) { $flags += 'CI' }
        if ($a.NP) { $flags += 'NP' }
        if ($a.IO) { $flags += 'IO' }
        if ($a.Inherited) { $flags += 'ID' }
        $rights = if ($a.Mask -eq 0x1F01FF) { 'FA' } elseif ($a.Mask -eq 0x10000000) { 'GA' } else { '0x' + ([long]$a.Mask).ToString('x') }
        $type = if ($a.Type -eq 'Deny') { 'D' } else { 'A' }
        [void]$sb.Append("($type;$flags;$rights;;;$(ConvertTo-SimSddlSid $a.Sid))")
    }
    $sb.ToString()
}

function ConvertFrom-SimSddlSid {
    param([string]$Text)
    if ($script:SimSddlAliases.ContainsKey($Text.ToUpperInvariant())) { return $script:SimSddlAliases[$Text.ToUpperInvariant()] }
    if ($Text -match '^S-1-') { return $Text.ToUpperInvariant() }
    throw [System.ArgumentException]::new("SimHost: SDDL trustee '$Text' is not simulated.")
}

function ConvertFrom-SimSddl {
    param([Parameter(Mandatory = $true)][string]$Sddl)
    $sd = @{ Owner = $null; Group = $null; Protected = $false; Aces = [System.Collections.Generic.List[object]]::new() }
    $rest = $Sddl.Trim()
    if ($rest -match '^O:([A-Z]{2}|S-1-[0-9-]+)') { $sd.Owner = ConvertFrom-SimSddlSid $Matches[1]; $rest = $rest.Substring($Matches[0].Length) }
    if ($rest -match '^G:([A-Z]{2}|S-1-[0-9-]+)') { $sd.Group = ConvertFrom-SimSddlSid $Matches[1]; $rest = $rest.Substring($Matches[0].Length) }
    if ($rest -match '^D:([A-Z]*)') {
        $sd.Protected = $Matches[1].Contains('P')
        $rest = $rest.Substring($Matches[0].Length)
        foreach ($m in [regex]::Matches($rest, '\(([^)]*)\)')) {
            $f = $m.Groups[1].Value.Split(';')
            if ($f.Count -lt 6) { throw [System.ArgumentException]::new("The SDDL form of a security descriptor object is invalid.") }
            $type = switch ($f[0]) { 'A' { 'Allow' } 'D' { 'Deny' } default { throw [System.ArgumentException]::new("SimHost: ACE type '$($f[0])' is not simulated.") } }
            $flags = $f[1]
            $mask = 0L
            if ($f[2] -match '^0x([0-9a-fA-F]+)$') { $mask = [Convert]::ToInt64($Matches[1], 16) }
            else {
                for ($i = 0; $i -lt $f[2].Length; $i += 2) {
                    $code = $f[2].Substring($i, 2).ToUpperInvariant()
                    if (-not $script:SimRightLetters.Contains($code)) { throw [System.ArgumentException]::new("The SDDL form of a security descriptor object is invalid.") }
                    $mask = $mask -bor [long]$script:SimRightLetters[$code]
                }
            }
            $sd.Aces.Add((New-SimAce -Type $type -Sid (ConvertFrom-SimSddlSid $f[5]) -Mask $mask -OI:($flags.Contains('OI')) -CI:($flags.Contains('CI')) -IO:($flags.Contains('IO')) -NP:($flags.Contains('NP')) -Inherited:($flags.Contains('ID'))))
        }
    }
    $sd
}

# The ACEs a new (or re-inheriting) child gets from its parent's descriptor.
function Get-SimInheritedAces {
    param([Parameter(Mandatory = $true)][hashtable]$ParentSd, [bool]$IsContainer, [string]$ChildOwner, [string]$ChildGroup)
    $out = [System.Collections.Generic.List[object]]::new()
    foreach ($a in $ParentSd.Aces) {
        if ($IsContainer) {
            if ($a.CI) {
                if ($a.Sid -eq 'S-1-3-0' -or $a.Sid -eq 'S-1-3-1') {
                    $sid = if ($a.Sid -eq 'S-1-3-0') { $ChildOwner } else { $ChildGroup }
                    if ($sid) { $out.Add(@{ Type = $a.Type; Sid = $sid; Mask = (ConvertTo-SimSpecificMask $a.Mask); OI = $false; CI = $false; IO = $false; NP = $false; Inherited = $true }) }
                    if (-not $a.NP) { $out.Add(@{ Type = $a.Type; Sid = $a.Sid; Mask = [long]$a.Mask; OI = [bool]$a.OI; CI = $true; IO = $true; NP = $false; Inherited = $true }) }
                }
                elseif ($a.NP) { $out.Add(@{ Type = $a.Type; Sid = $a.Sid; Mask = (ConvertTo-SimSpecificMask $a.Mask); OI = $false; CI = $false; IO = $false; NP = $false; Inherited = $true }) }
                else { $out.Add(@{ Type = $a.Type; Sid = $a.Sid; Mask = [long]$a.Mask; OI = [bool]$a.OI; CI = $true; IO = $false; NP = $false; Inherited = $true }) }
            }
            elseif ($a.OI -and -not $a.NP) {
                $out.Add(@{ Type = $a.Type; Sid = $a.Sid; Mask = [long]$a.Mask; OI = $true; CI = $false; IO = $true; NP = $false; Inherited = $true })
            }
        }
        elseif ($a.OI) {
            $sid = if ($a.Sid -eq 'S-1-3-0') { $ChildOwner } elseif ($a.Sid -eq 'S-1-3-1') { $ChildGroup } else { $a.Sid }
            if ($sid) { $out.Add(@{ Type = $a.Type; Sid = $sid; Mask = (ConvertTo-SimSpecificMask $a.Mask); OI = $false; CI = $false; IO = $false; NP = $false; Inherited = $true }) }
        }
    }
    # Merge duplicates the way Windows presents them (same trustee, type and flags).
    $merged = [System.Collections.Generic.List[object]]::new()
    foreach ($a in $out) {
        $same = $null
        foreach ($b in $merged) { if ($b.Sid -eq $a.Sid -and $b.Type -eq $a.Type -and $b.OI -eq $a.OI -and $b.CI -eq $a.CI -and $b.IO -eq $a.IO -and $b.NP -eq $a.NP) { $same = $b; break } }
        if ($same) { $same.Mask = $same.Mask -bor $a.Mask } else { $merged.Add($a) }
    }
    , $merged
}

# Canonical order: explicit deny, explicit allow, inherited (in parent order).
function Set-SimCanonicalOrder {
    param([hashtable]$Sd)
    $ordered = [System.Collections.Generic.List[object]]::new()
    foreach ($a in $Sd.Aces) { if (-not $a.Inherited -and $a.Type -eq 'Deny') { $ordered.Add($a) } }
    foreach ($a in $Sd.Aces) { if (-not $a.Inherited -and $a.Type -ne 'Deny') { $ordered.Add($a) } }
    foreach ($a in $Sd.Aces) { if ($a.Inherited) { $ordered.Add($a) } }
    $Sd.Aces = $ordered
}

function Set-SimSdProtection {
    param([hashtable]$Sd, [bool]$Protected, [bool]$Preserve)
    if ($Protected) {
        if ($Preserve) { foreach ($a in $Sd.Aces) { $a.Inherited = $false } }
        else { $Sd.Aces = [System.Collections.Generic.List[object]]@($Sd.Aces | Where-Object { -not $_.Inherited }) }
    }
    $Sd.Protected = $Protected
    Set-SimCanonicalOrder -Sd $Sd
}

function ConvertTo-SimAceFromRule {
    param($Rule)
    $sid = ConvertTo-SimSid -Identity $Rule.IdentityReference
    $inh = [string]$Rule.InheritanceFlags
    $prop = [string]$Rule.PropagationFlags
    New-SimAce -Type ([string]$Rule.AccessControlType) -Sid $sid -Mask ([long][int]$Rule.FileSystemRights) -OI:($inh -match 'ObjectInherit') -CI:($inh -match 'ContainerInherit') -IO:($prop -match 'InheritOnly') -NP:($prop -match 'NoPropagateInherit')
}

function Add-SimSdRule {
    param([hashtable]$Sd, $Rule, [ValidateSet('Add', 'Set', 'Reset')][string]$Mode)
    $ace = ConvertTo-SimAceFromRule -Rule $Rule
    if ($Mode -eq 'Set') { $Sd.Aces = [System.Collections.Generic.List[object]]@($Sd.Aces | Where-Object { $_.Inherited -or $_.Sid -ne $ace.Sid -or $_.Type -ne $ace.Type }) }
    if ($Mode -eq 'Reset') { $Sd.Aces = [System.Collections.Generic.List[object]]@($Sd.Aces | Where-Object { $_.Inherited -or $_.Sid -ne $ace.Sid }) }
    $same = $null
    foreach ($b in $Sd.Aces) { if (-not $b.Inherited -and $b.Sid -eq $ace.Sid -and $b.Type -eq $ace.Type -and $b.OI -eq $ace.OI -and $b.CI -eq $ace.CI -and $b.IO -eq $ace.IO -and $b.NP -eq $ace.NP) { $same = $b; break } }
    if ($same) { $same.Mask = $same.Mask -bor $ace.Mask } else { $Sd.Aces.Add($ace) }
    Set-SimCanonicalOrder -Sd $Sd
}

function Remove-SimSdRule {
    param([hashtable]$Sd, $Rule, [ValidateSet('Specific', 'All')][string]$Mode)
    $ace = ConvertTo-SimAceFromRule -Rule $Rule
    $before = $Sd.Aces.Count
    if ($Mode -eq 'All') {
        $Sd.Aces = [System.Collections.Generic.List[object]]@($Sd.Aces | Where-Object { $_.Inherited -or $_.Sid -ne $ace.Sid -or $_.Type -ne $ace.Type })
    }
    else {
        $Sd.Aces = [System.Collections.Generic.List[object]]@($Sd.Aces | Where-Object { $_.Inherited -or -not ($_.Sid -eq $ace.Sid -and $_.Type -eq $ace.Type -and $_.Mask -eq $ace.Mask -and $_.OI -eq $ace.OI -and $_.CI -eq $ace.CI -and $_.IO -eq $ace.IO -and $_.NP -eq $ace.NP) })
    }
    $Sd.Aces.Count -ne $before
}

# Does a token (list of SIDs) get all of $Mask on an object with this descriptor?
function Test-SimAccess {
    param([Parameter(Mandatory = $true)][hashtable]$Sd, [Parameter(Mandatory = $true)][string[]]$Sids, [Parameter(Mandatory = $true)][long]$Mask)
    $allowed = 0L
    $denied = 0L
    foreach ($a in $Sd.Aces) {
        if ($a.IO) { continue }
        if ($Sids -notcontains $a.Sid) { continue }
        $m = ConvertTo-SimSpecificMask $a.Mask
        if ($a.Type -eq 'Deny') { $denied = $denied -bor ($m -band -bnot $allowed) }
        else { $allowed = $allowed -bor ($m -band -bnot $denied) }
    }
    if ($Sd.Owner -and $Sids -contains $Sd.Owner) { $allowed = $allowed -bor 0x60000 }
    (($allowed -band $Mask) -eq $Mask)
}

# ---------------------------------------------------------------------------------------------
# Get-Acl / Set-Acl for the file system.

function Get-Acl {
    [CmdletBinding(DefaultParameterSetName = 'ByPath')]
    param(
        [Parameter(ParameterSetName = 'ByPath', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'ByInputObject', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][psobject]$InputObject,
        [Parameter(ParameterSetName = 'ByLiteralPath', ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [switch]$Audit,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude
    )
    process {
        Add-SimCall -Name 'Get-Acl' -Bound $PSBoundParameters
        $paths = if ($PSCmdlet.ParameterSetName -eq 'ByLiteralPath') { $LiteralPath } elseif ($PSCmdlet.ParameterSetName -eq 'ByInputObject') { @([string]$InputObject.PSPath) } else { $Path }
        foreach ($p in $paths) {
            $r = Resolve-SimPath -Path $p
            if ($r.Drive.Length -ne 1) { Write-SimError -Cmdlet $PSCmdlet -Message "SimHost: Get-Acl is only simulated for the file system ($p)." -Id 'NotSimulated'; continue }
            $entry = Get-SimFsEntry -Key $r.Key
            if (-not $entry) { Write-SimError -Cmdlet $PSCmdlet -Message "Cannot find path '$($r.Full)' because it does not exist." -Id 'PathNotFound' -Category ObjectNotFound -Target $p; continue }
            [SimFileSecurity]::new($entry.Acl, 'Microsoft.PowerShell.Core\FileSystem::' + $entry.Path)
        }
    }
}

function Set-Acl {
    [CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'ByPath')]
    param(
        [Parameter(ParameterSetName = 'ByPath', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
        [Parameter(ParameterSetName = 'ByInputObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][psobject]$InputObject,
        [Parameter(ParameterSetName = 'ByLiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath', 'LP')][string[]]$LiteralPath,
        [Parameter(Mandatory = $true, Position = 1, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][object]$AclObject,
        [switch]$ClearCentralAccessPolicy,
        [switch]$Passthru,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude
    )
    process {
        Add-SimCall -Name 'Set-Acl' -Bound $PSBoundParameters
        if ($AclObject -isnot [SimFileSecurity]) { Stop-SimCommand -Cmdlet $PSCmdlet -Message 'SimHost: -AclObject must come from Get-Acl or a DirectorySecurity/FileSecurity object.' -Id 'NotSimulated' }
        $paths = if ($PSCmdlet.ParameterSetName -eq 'ByLiteralPath') { $LiteralPath } elseif ($PSCmdlet.ParameterSetName -eq 'ByInputObject') { @([string]$InputObject.PSPath) } else { $Path }
        foreach ($p in $paths) {
            $r = Resolve-SimPath -Path $p
            $entry = Get-SimFsEntry -Key $r.Key
            if (-not $entry) { Write-SimError -Cmdlet $PSCmdlet -Message "Cannot find path '$($r.Full)' because it does not exist." -Id 'PathNotFound' -Category ObjectNotFound -Target $p; continue }
            $new = Copy-SimSd -Sd $AclObject.GetSimSd()
            if (-not $new.Owner) { $new.Owner = $entry.Acl.Owner }
            if (-not $new.Group) { $new.Group = $entry.Acl.Group }
            if ($new.Owner -ne $entry.Acl.Owner) {
                $s = Get-SimState
                # Without SeRestorePrivilege (which Set-Acl does not enable) an administrator can
                # only make itself or the Administrators group the owner.
                $mayOwn = @($s.User.Sid) + $(if ($s.User.Elevated -and (Test-SimUserInGroup -Sid 'S-1-5-32-544')) { @('S-1-5-32-544') } else { @() })
                if ($s.User.Sid -ne 'S-1-5-18' -and $mayOwn -notcontains $new.Owner) {
                    Write-SimError -Cmdlet $PSCmdlet -Message 'The security identifier is not allowed to be the owner of this object.' -Id 'SetAcl_OwnerNotAllowed' -Category InvalidOperation -Target $p
                    continue
                }
            }
            Set-SimFsAcl -Entry $entry -Sd $new
            if ($Passthru) { [SimFileSecurity]::new($entry.Acl, 'Microsoft.PowerShell.Core\FileSystem::' + $entry.Path) }
        }
    }
}
