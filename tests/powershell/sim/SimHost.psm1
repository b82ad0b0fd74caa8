<#
  SimHost: a simulated Windows host for running the guide's generated scripts under PowerShell 7
  on Linux. All state of one host lives in one hashtable (New-SimState); the cmdlets, native
  commands and Windows-only .NET types the scripts use are shadowed by functions and classes
  that act on that state. See tests/powershell/README.md for what is and is not modelled.

  The classes live here (not in the dot-sourced files) so that every file can use them; the
  Windows-only .NET type names the scripts use are pointed at them with type accelerators.
#>
Set-StrictMode -Version 1.0

# NetSecurity's Profile and Enabled parameter types (same names and values as the real enums).
[Flags()] enum SimFirewallProfile { Any = 0; Domain = 1; Private = 2; Public = 4; NotApplicable = 1073741824 }
enum SimFirewallEnabled { True = 1; False = 2 }

# ---------------------------------------------------------------------------------------------
# The host a shadow acts on: set by Invoke-SimScript / Use-SimHost.
class SimContext {
    static [hashtable] $State
}

class SimSecurityIdentifier {
    [string] $Value
    SimSecurityIdentifier([string] $sddlForm) {
        if ($sddlForm -notmatch '^S-1-\d+(-\d+)*$') {
            throw [System.ArgumentException]::new("Value was invalid. (Parameter 'sddlForm')")
        }
        $this.Value = $sddlForm.ToUpperInvariant()
    }
    [object] Translate([type] $targetType) {
        if ($targetType.Name -eq 'SimSecurityIdentifier') { return $this }
        $name = Resolve-SimSidName -Sid $this.Value
        if (-not $name) { throw [System.Management.Automation.RuntimeException]::new('Some or all identity references could not be translated.') }
        return [SimNTAccount]::new($name)
    }
    [bool] IsValidTargetType([type] $targetType) { return $targetType.Name -in 'SimSecurityIdentifier', 'SimNTAccount' }
    [bool] Equals([object] $other) { return ($null -ne $other) -and ($other -is [SimSecurityIdentifier]) -and $other.Value -eq $this.Value }
    [int] GetHashCode() { return $this.Value.GetHashCode() }
    [string] ToString() { return $this.Value }
}

class SimNTAccount {
    [string] $Value
    SimNTAccount([string] $name) { $this.Value = $name }
    SimNTAccount([string] $domainName, [string] $accountName) { $this.Value = $domainName + '\' + $accountName }
    [object] Translate([type] $targetType) {
        if ($targetType.Name -eq 'SimNTAccount') { return $this }
        $sid = Resolve-SimAccountSid -Name $this.Value
        if (-not $sid) { throw [System.Management.Automation.RuntimeException]::new('Some or all identity references could not be translated.') }
        return [SimSecurityIdentifier]::new($sid)
    }
    [bool] IsValidTargetType([type] $targetType) { return $targetType.Name -in 'SimSecurityIdentifier', 'SimNTAccount' }
    [bool] Equals([object] $other) { return ($null -ne $other) -and ($other -is [SimNTAccount]) -and $other.Value -eq $this.Value }
    [int] GetHashCode() { return $this.Value.ToUpperInvariant().GetHashCode() }
    [string] ToString() { return $this.Value }
}

class SimWindowsIdentity {
    [string] $Name
    [SimSecurityIdentifier] $User
    [SimSecurityIdentifier] $Owner
    [object[]] $Groups
    [bool] $IsAuthenticated = $true
    [bool] $IsSystem
    [bool] $IsAnonymous = $false
    [bool] $IsGuest = $false
    [string] $AuthenticationType = 'Kerberos'
    hidden [bool] $Elevated
    static [SimWindowsIdentity] GetCurrent() {
        $u = [SimContext]::State.User
        $id = [SimWindowsIdentity]::new()
        $id.Name = $u.Name
        $id.User = [SimSecurityIdentifier]::new($u.Sid)
        $id.Owner = [SimSecurityIdentifier]::new($(if ($u.Elevated -and (Test-SimUserInGroup -Sid 'S-1-5-32-544')) { 'S-1-5-32-544' } else { $u.Sid }))
        $id.Groups = @(Get-SimUserGroupSids | ForEach-Object { [SimSecurityIdentifier]::new($_) })
        $id.IsSystem = $u.Sid -eq 'S-1-5-18'
        $id.Elevated = [bool]$u.Elevated
        return $id
    }
    static [SimWindowsIdentity] GetCurrent([bool] $ifImpersonating) { return [SimWindowsIdentity]::GetCurrent() }
    [string] ToString() { return $this.Name }
}

class SimWindowsPrincipal {
    [SimWindowsIdentity] $Identity
    SimWindowsPrincipal([SimWindowsIdentity] $ntIdentity) { $this.Identity = $ntIdentity }
    [bool] IsInRole([object] $role) {
        $sid = $null
        if ($role -is [System.Security.Principal.WindowsBuiltInRole]) {
            $map = @{ Administrator = 'S-1-5-32-544'; User = 'S-1-5-32-545'; Guest = 'S-1-5-32-546'; PowerUser = 'S-1-5-32-547'; AccountOperator = 'S-1-5-32-548'; SystemOperator = 'S-1-5-32-549'; PrintOperator = 'S-1-5-32-550'; BackupOperator = 'S-1-5-32-551'; Replicator = 'S-1-5-32-552' }
            $sid = $map[[string]$role]
        }
        elseif ($role -is [SimSecurityIdentifier]) { $sid = $role.Value }
        elseif ($role -is [int]) { $sid = 'S-1-5-32-' + $role }
        else { $sid = Resolve-SimAccountSid -Name ([string]$role) }
        if (-not $sid) { return $false }
        # UAC: a filtered (non-elevated) token has Administrators as deny-only.
        if ($sid -eq 'S-1-5-32-544' -and -not $this.Identity.Elevated) { return $false }
        return @($this.Identity.Groups | Where-Object { $_.Value -eq $sid }).Count -gt 0 -or $this.Identity.User.Value -eq $sid
    }
}

# X509Certificate2 as the scripts see it: certificates in Cert:\ and loaded from .cer files.
# DnsNameList, EnhancedKeyUsageList and Extensions are computed when read (type data below).
class SimCertExtension {
    [pscustomobject] $Oid
    [bool] $Critical
    [byte[]] $RawData = [byte[]]@()
    hidden [string] $Text
    [string] Format([bool] $multiLine) { return $this.Text }
}

class SimEnhancedKeyUsageExtension : SimCertExtension {
    [object[]] $EnhancedKeyUsages
}

class SimCertificate {
    [string] $Thumbprint
    [string] $Subject
    [string] $Issuer
    [datetime] $NotBefore
    [datetime] $NotAfter
    [bool] $HasPrivateKey
    [string] $SerialNumber
    [string] $FriendlyName = ''
    [string] $PSPath
    [string] $PSParentPath
    [string] $PSChildName
    [bool] $PSIsContainer = $false
    hidden [hashtable] $Record

    SimCertificate() { }
    # [X509Certificate2]::new($path): reads a certificate file from the simulated file system.
    SimCertificate([string] $fileName) { $this.Load((Read-SimCertificateFile -Path $fileName), '') }
    SimCertificate([byte[]] $rawData) { throw [System.NotSupportedException]::new('SimHost: certificates from raw bytes are not simulated.') }

    [void] Load([hashtable] $record, [string] $storePath) {
        $this.Record = $record
        $this.Thumbprint = $record.Thumbprint
        $this.Subject = $record.Subject
        $this.Issuer = $record.Issuer
        $this.NotBefore = [datetime]::Parse($record.NotBefore, [cultureinfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::RoundtripKind)
        $this.NotAfter = [datetime]::Parse($record.NotAfter, [cultureinfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::RoundtripKind)
        $this.HasPrivateKey = [bool]$record.HasPrivateKey
        $this.SerialNumber = $record.SerialNumber
        if ($record.ContainsKey('FriendlyName')) { $this.FriendlyName = [string]$record.FriendlyName }
        if ($storePath) {
            $this.PSPath = 'Microsoft.PowerShell.Security\Certificate::' + $storePath + '\' + $record.Thumbprint
            $this.PSParentPath = 'Microsoft.PowerShell.Security\Certificate::' + $storePath
            $this.PSChildName = $record.Thumbprint
        }
    }
    [string] GetNameInfo([System.Security.Cryptography.X509Certificates.X509NameType] $nameType, [bool] $forIssuer) {
        $dn = if ($forIssuer) { $this.Issuer } else { $this.Subject }
        $cn = if ($dn -match '(?:^|,\s*)CN=([^,]+)') { $Matches[1] } else { '' }
        switch ([string]$nameType) {
            'SimpleName' { return $cn }
            'DnsName' {
                if (-not $forIssuer -and @($this.Record.Dns).Count -gt 0 -and @($this.Record.Dns)[0]) { return @($this.Record.Dns)[0] }
                return $cn
            }
            'UpnName' { if (-not $forIssuer -and @($this.Record.Upns).Count) { return @($this.Record.Upns)[0] } return '' }
        }
        return $cn
    }
    [string] GetCertHashString() { return $this.Thumbprint }
    hidden [object[]] ReadDnsNameList() { return @(@($this.Record.Dns) + @($this.Record.Ips) | Where-Object { $_ } | ForEach-Object { [pscustomobject]@{ Unicode = $_; Punycode = $_ } }) }
    hidden [object[]] ReadEkuList() { return @(@($this.Record.Eku) | Where-Object { $_ } | ForEach-Object { [pscustomobject]@{ FriendlyName = (Get-SimEkuName -Oid $_); ObjectId = $_ } }) }
    hidden [object[]] ReadExtensions() { return (Get-SimCertificateExtensions -Record $this.Record) }
    [bool] Verify() { return Test-SimCertificateChain -Record $this.Record }
    [string] ToString() { return "[Subject]`n  $($this.Subject)`n`n[Issuer]`n  $($this.Issuer)`n`n[Thumbprint]`n  $($this.Thumbprint)" }
}

# System.IO.File for the scripts: reads and writes the simulated file system.
class SimFileApi {
    static [string] ReadAllText([string] $path) { return Read-SimFileText -Path $path -Caller 'System.IO.File]::ReadAllText' }
    static [string] ReadAllText([string] $path, [object] $encoding) { return Read-SimFileText -Path $path -Caller 'System.IO.File]::ReadAllText' }
    static [string[]] ReadAllLines([string] $path) { return @((Read-SimFileText -Path $path -Caller 'System.IO.File]::ReadAllLines') -split '\r?\n') }
    static [void] WriteAllText([string] $path, [string] $contents) { Write-SimFileText -Path $path -Text $contents -Caller 'System.IO.File]::WriteAllText' }
    static [void] WriteAllText([string] $path, [string] $contents, [object] $encoding) { Write-SimFileText -Path $path -Text $contents -Caller 'System.IO.File]::WriteAllText' }
    static [void] WriteAllLines([string] $path, [string[]] $contents) { Write-SimFileText -Path $path -Text (($contents -join "`r`n") + "`r`n") -Caller 'System.IO.File]::WriteAllLines' }
    static [void] AppendAllText([string] $path, [string] $contents) {
        $old = if (Test-SimFile -Path $path) { Read-SimFileText -Path $path -Caller 'System.IO.File]::AppendAllText' } else { '' }
        Write-SimFileText -Path $path -Text ($old + $contents) -Caller 'System.IO.File]::AppendAllText'
    }
    static [bool] Exists([string] $path) { return Test-SimFile -Path $path }
    static [byte[]] ReadAllBytes([string] $path) { return [System.Text.Encoding]::UTF8.GetBytes((Read-SimFileText -Path $path -Caller 'System.IO.File]::ReadAllBytes')) }
    static [void] WriteAllBytes([string] $path, [byte[]] $bytes) { Write-SimFileText -Path $path -Text ([System.Text.Encoding]::UTF8.GetString($bytes)) -Caller 'System.IO.File]::WriteAllBytes' }
    static [void] Delete([string] $path) { Remove-SimFsFile -Path $path }
}

# File-system security descriptors (Get-Acl / Set-Acl / DirectorySecurity / FileSystemAccessRule).
class SimFileSystemAccessRule {
    [object] $IdentityReference
    [System.Security.AccessControl.FileSystemRights] $FileSystemRights
    [System.Security.AccessControl.AccessControlType] $AccessControlType
    [System.Security.AccessControl.InheritanceFlags] $InheritanceFlags
    [System.Security.AccessControl.PropagationFlags] $PropagationFlags
    [bool] $IsInherited
    SimFileSystemAccessRule([object] $identity, [System.Security.AccessControl.FileSystemRights] $fileSystemRights, [System.Security.AccessControl.AccessControlType] $type) {
        $this.Init($identity, $fileSystemRights, 'None', 'None', $type)
    }
    SimFileSystemAccessRule([object] $identity, [System.Security.AccessControl.FileSystemRights] $fileSystemRights, [System.Security.AccessControl.InheritanceFlags] $inheritanceFlags, [System.Security.AccessControl.PropagationFlags] $propagationFlags, [System.Security.AccessControl.AccessControlType] $type) {
        $this.Init($identity, $fileSystemRights, $inheritanceFlags, $propagationFlags, $type)
    }
    hidden [void] Init([object] $identity, $rights, $inheritance, $propagation, $type) {
        if ($identity -is [string]) { $identity = [SimNTAccount]::new($identity) }
        if ($identity -isnot [SimNTAccount] -and $identity -isnot [SimSecurityIdentifier]) { throw [System.ArgumentException]::new('SimHost: identity must be an NTAccount, a SecurityIdentifier or a name.') }
        $this.IdentityReference = $identity
        $this.FileSystemRights = $rights
        $this.InheritanceFlags = $inheritance
        $this.PropagationFlags = $propagation
        $this.AccessControlType = $type
        $this.IsInherited = $false
    }
}

# Owner, Group, Sddl, AreAccessRulesProtected and Access are computed when read (type data below).
class SimFileSecurity {
    [string] $Path
    hidden [hashtable] $Sd
    SimFileSecurity() { $this.Sd = @{ Owner = $null; Group = $null; Protected = $false; Aces = [System.Collections.Generic.List[object]]::new() }; $this.Refresh() }
    SimFileSecurity([hashtable] $sd, [string] $path) { $this.Sd = Copy-SimSd -Sd $sd; $this.Path = $path; $this.Refresh() }
    hidden [void] Refresh() { }
    hidden [string] ReadOwner() { if ($this.Sd.Owner) { return (Resolve-SimSidName -Sid $this.Sd.Owner -OrSid) } return $null }
    hidden [string] ReadGroup() { if ($this.Sd.Group) { return (Resolve-SimSidName -Sid $this.Sd.Group -OrSid) } return $null }
    hidden [string] ReadSddl() { return (ConvertTo-SimSddl -Sd $this.Sd) }
    [object] GetOwner([type] $targetType) {
        if (-not $this.Sd.Owner) { return $null }
        $sid = [SimSecurityIdentifier]::new($this.Sd.Owner)
        return $sid.Translate($targetType)
    }
    [object] GetGroup([type] $targetType) {
        if (-not $this.Sd.Group) { return $null }
        return ([SimSecurityIdentifier]::new($this.Sd.Group)).Translate($targetType)
    }
    [void] SetOwner([object] $identity) { $this.Sd.Owner = ConvertTo-SimSid -Identity $identity; $this.Refresh() }
    [void] SetGroup([object] $identity) { $this.Sd.Group = ConvertTo-SimSid -Identity $identity; $this.Refresh() }
    [object[]] GetAccessRules([bool] $includeExplicit, [bool] $includeInherited, [type] $targetType) {
        $out = [System.Collections.Generic.List[object]]::new()
        foreach ($ace in $this.Sd.Aces) {
            if ($ace.Inherited -and -not $includeInherited) { continue }
            if (-not $ace.Inherited -and -not $includeExplicit) { continue }
            $sid = [SimSecurityIdentifier]::new($ace.Sid)
            $id = if ($targetType.Name -eq 'SimNTAccount') { $n = Resolve-SimSidName -Sid $ace.Sid; if ($n) { [SimNTAccount]::new($n) } else { $sid } } else { $sid }
            $rule = [SimFileSystemAccessRule]::new($id, [System.Security.AccessControl.FileSystemRights](ConvertTo-SimFileRights -Mask $ace.Mask), [System.Security.AccessControl.InheritanceFlags](Get-SimAceInheritance -Ace $ace), [System.Security.AccessControl.PropagationFlags](Get-SimAcePropagation -Ace $ace), [System.Security.AccessControl.AccessControlType]$ace.Type)
            $rule.IsInherited = [bool]$ace.Inherited
            $out.Add($rule)
        }
        return $out.ToArray()
    }
    [void] SetAccessRuleProtection([bool] $isProtected, [bool] $preserveInheritance) {
        Set-SimSdProtection -Sd $this.Sd -Protected $isProtected -Preserve $preserveInheritance
        $this.Refresh()
    }
    [void] AddAccessRule([object] $rule) { Add-SimSdRule -Sd $this.Sd -Rule $rule -Mode 'Add'; $this.Refresh() }
    [void] SetAccessRule([object] $rule) { Add-SimSdRule -Sd $this.Sd -Rule $rule -Mode 'Set'; $this.Refresh() }
    [void] ResetAccessRule([object] $rule) { Add-SimSdRule -Sd $this.Sd -Rule $rule -Mode 'Reset'; $this.Refresh() }
    [bool] RemoveAccessRule([object] $rule) { $r = Remove-SimSdRule -Sd $this.Sd -Rule $rule -Mode 'Specific'; $this.Refresh(); return $r }
    [void] RemoveAccessRuleAll([object] $rule) { $null = Remove-SimSdRule -Sd $this.Sd -Rule $rule -Mode 'All'; $this.Refresh() }
    [void] PurgeAccessRules([object] $identity) { $sid = ConvertTo-SimSid -Identity $identity; $this.Sd.Aces.RemoveAll([Predicate[object]] { param($a) -not $a.Inherited -and $a.Sid -eq $sid }) | Out-Null; $this.Refresh() }
    [void] SetSecurityDescriptorSddlForm([string] $sddlForm) { $this.Sd = ConvertFrom-SimSddl -Sddl $sddlForm; $this.Refresh() }
    [void] SetSecurityDescriptorSddlForm([string] $sddlForm, [object] $includeSections) {
        $parsed = ConvertFrom-SimSddl -Sddl $sddlForm
        $sections = [string]$includeSections
        if ($sections -match 'All') { $this.Sd = $parsed; $this.Refresh(); return }
        if ($sections -match 'Owner' -and $parsed.Owner) { $this.Sd.Owner = $parsed.Owner }
        if ($sections -match 'Group' -and $parsed.Group) { $this.Sd.Group = $parsed.Group }
        if ($sections -match 'Access') { $this.Sd.Aces = $parsed.Aces; $this.Sd.Protected = $parsed.Protected }
        $this.Refresh()
    }
    [string] GetSecurityDescriptorSddlForm([object] $includeSections) { return ConvertTo-SimSddl -Sd $this.Sd }
    [hashtable] GetSimSd() { return $this.Sd }
}

$SimFileSecurityMembers = @{
    Owner                   = { $this.ReadOwner() }
    Group                   = { $this.ReadGroup() }
    Sddl                    = { $this.ReadSddl() }
    AreAccessRulesProtected = { [bool]$this.Sd.Protected }
    Access                  = { , $this.GetAccessRules($true, $true, [SimNTAccount]) }
}
$SimFileSecurityMembers['__cert'] = $null
$SimCertificateMembers = @{
    DnsNameList          = { , $this.ReadDnsNameList() }
    EnhancedKeyUsageList = { , $this.ReadEkuList() }
    Extensions           = { , $this.ReadExtensions() }
}
foreach ($member in $SimCertificateMembers.Keys) {
    Update-TypeData -TypeName 'SimCertificate' -MemberType ScriptProperty -MemberName $member -Value $SimCertificateMembers[$member] -Force
}
$SimFileSecurityMembers.Remove('__cert')
foreach ($member in $SimFileSecurityMembers.Keys) {
    Update-TypeData -TypeName 'SimFileSecurity' -MemberType ScriptProperty -MemberName $member -Value $SimFileSecurityMembers[$member] -Force
}

# ---------------------------------------------------------------------------------------------
$SimRoot = $PSScriptRoot
if (-not ('SimHost.SimNative' -as [type])) {
    Add-Type -Path "$SimRoot/lib/SimNative.cs" -ReferencedAssemblies @('System.Text.Json', 'System.Text.Encodings.Web', 'System.Linq', 'System.Collections', 'System.Collections.Specialized', 'System.Runtime', 'System.Memory', 'System.Linq.Expressions', 'System.ComponentModel.Primitives', 'System.Management.Automation')
}
foreach ($file in @('core', 'accounts', 'acl', 'files', 'registry', 'wsman', 'certificates', 'firewall', 'grouppolicy', 'services', 'sessionconfig', 'ad', 'native', 'items', 'misc', 'features', 'state', 'runner', 'program')) {
    . "$SimRoot/lib/$file.ps1"
}

$SimAccelerators = @{
    'Security.Principal.WindowsIdentity'                               = [SimWindowsIdentity]
    'System.Security.Principal.WindowsIdentity'                        = [SimWindowsIdentity]
    'Security.Principal.WindowsPrincipal'                              = [SimWindowsPrincipal]
    'System.Security.Principal.WindowsPrincipal'                       = [SimWindowsPrincipal]
    'Security.Principal.NTAccount'                                     = [SimNTAccount]
    'System.Security.Principal.NTAccount'                              = [SimNTAccount]
    'Security.Principal.SecurityIdentifier'                            = [SimSecurityIdentifier]
    'System.Security.Principal.SecurityIdentifier'                     = [SimSecurityIdentifier]
    'Security.Cryptography.X509Certificates.X509Certificate2'          = [SimCertificate]
    'System.Security.Cryptography.X509Certificates.X509Certificate2'   = [SimCertificate]
    'Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension'        = [SimEnhancedKeyUsageExtension]
    'System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension' = [SimEnhancedKeyUsageExtension]
    'IO.File'                                                          = [SimFileApi]
    'System.IO.File'                                                   = [SimFileApi]
    'Security.AccessControl.FileSystemAccessRule'                      = [SimFileSystemAccessRule]
    'System.Security.AccessControl.FileSystemAccessRule'               = [SimFileSystemAccessRule]
    'Security.AccessControl.DirectorySecurity'                         = [SimFileSecurity]
    'System.Security.AccessControl.DirectorySecurity'                  = [SimFileSecurity]
    'Security.AccessControl.FileSecurity'                              = [SimFileSecurity]
    'System.Security.AccessControl.FileSecurity'                       = [SimFileSecurity]
}
$SimTypeAccelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
foreach ($name in $SimAccelerators.Keys) { $null = $SimTypeAccelerators::Add($name, $SimAccelerators[$name]) }
# `& $sshdExe` runs C:\Windows\System32\OpenSSH\sshd.exe by path: map it to the sshd shadow.
$ExecutionContext.InvokeCommand.CommandNotFoundAction = {
    param($name, $lookup)
    if ($name -match '(?i)\\OpenSSH\\sshd(\.exe)?$') {
        $lookup.Command = Microsoft.PowerShell.Core\Get-Command -Name sshd -CommandType Function
        $lookup.StopSearch = $true
    }
}
$ExecutionContext.SessionState.Module.OnRemove = {
    $ExecutionContext.InvokeCommand.CommandNotFoundAction = $null
    foreach ($name in $SimAccelerators.Keys) { $null = $SimTypeAccelerators::Remove($name) }
}

Export-ModuleMember -Function (Get-SimExportedFunctions) -Alias *
