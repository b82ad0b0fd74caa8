#Requires -Version 5.1
#Requires -RunAsAdministrator
# PowerShell Remoting Security Guide - target script
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=same&address=name&assurance=high&network=public&who=admins&hop=none
# Recommendation: authentication kerberos, transport https (port 5986), endpoint default, second hop
# none.
# Run on: the server you connect to (srv01.contoso.com), in an elevated Windows PowerShell 5.1 or
# PowerShell 7 session at its console or over RDP (not over remoting).
# Run order: 1) the target script (target.ps1) on the server (srv01.contoso.com)  2) the client
# script (client.ps1) on each computer you administer from
# This script:
#   - saves the WinRM configuration and the previous value of everything it changes
#   - uses an installed certificate from your enterprise CA for $Target, or requests one
#     (Get-Certificate -Template $CertificateTemplate; a pending request is retrieved on the next
#     run)
#   - creates the HTTPS listener on port 5986, or changes the existing one in place (never from a
#     remote session using it)
#   - turns off unencrypted traffic and Basic authentication on the WinRM service, and sets channel
#     binding to Strict
#   - turns off CredSSP on the service
#   - limits the firewall to $AdminSubnet (TCP 5986) and disables the built-in WinRM HTTP rules
#   - removes the HTTP listener (5985), after the firewall rule for HTTPS exists
#   - turns on script block logging (unless $EnableScriptBlockLogging is $false)
#   - warns (without changing it) if LocalAccountTokenFilterPolicy is 1
# It stops with a clear message before changing anything if a pre-flight check fails. Review every
# line before you run it in production; paste it whole or run it as a .ps1 file.

# ---- Edit these values -----------------------------------------------------------------------
# The name or address clients use to reach this server (the certificate is issued for it).
$Target = 'srv01.contoso.com'
# The addresses you administer from: a CIDR subnet, a range, or 'LocalSubnet'; several as
# @('10.0.50.0/24', '10.0.51.0/24'). Never Any.
$AdminSubnet = '192.0.2.0/24'
# Your enterprise CA's template for server certificates (the name may differ in your CA); only used
# if no valid certificate is installed.
$CertificateTemplate = 'WebServer'
# Set to $false if Group Policy already manages PowerShell logging.
$EnableScriptBlockLogging = $true

& {
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @('srv01.contoso.com', 'srv01.fabrikam.com', '192.0.2.10', 'srv02.contoso.com', '192.0.2.0/24', 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT')

    # ---- Pre-flight checks: nothing is changed here ------------------------------------------
    $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
    if (-not ([Security.Principal.WindowsPrincipal]$guideIdentity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw 'Run this script in an elevated PowerShell session (Run as administrator). Nothing was changed.'
    }
    if ($PSVersionTable.PSVersion.Major -lt 5 -or ($PSVersionTable.PSVersion.Major -eq 5 -and $PSVersionTable.PSVersion.Minor -lt 1)) {
        throw ('This script needs Windows PowerShell 5.1 or PowerShell 7; this is {0}. Nothing was changed.' -f $PSVersionTable.PSVersion)
    }
    foreach ($guideValue in @($Target)) {
        if ($GuideExampleValues -contains $guideValue) {
            throw ('Edit the line $Target = ... at the top of this script: ''{0}'' is an example value. Nothing was changed.' -f $guideValue)
        }
    }
    foreach ($guideValue in @($AdminSubnet)) {
        if ($GuideExampleValues -contains $guideValue) {
            throw ('Edit the line $AdminSubnet = ... at the top of this script: ''{0}'' is an example value. Nothing was changed.' -f $guideValue)
        }
    }
    $guideAdminKeywords = @('LocalSubnet')
    function Get-GuideAddressBytes {
        param([string]$Text)
        # Only dotted-quad IPv4 without leading zeros (TryParse also reads '10.1' and octal) and IPv6 without a zone id.
        $parsed = $null
        $isIPv4 = $Text -match '^(0|[1-9][0-9]{0,2})([.](0|[1-9][0-9]{0,2})){3}$'
        $isIPv6 = $Text.Contains(':') -and $Text -match '^[0-9A-Fa-f:.]+$'
        if (($isIPv4 -or $isIPv6) -and [System.Net.IPAddress]::TryParse($Text, [ref]$parsed)) {
            return ,$parsed.GetAddressBytes()
        }
        return $null
    }
    function Test-GuideRangeWithinPrefix {
        param([byte[]]$Low, [byte[]]$High, [int]$PrefixLength)
        # High - Low, byte by byte: the range fits in a prefix of that length when the difference has no bit set above it.
        $difference = New-Object -TypeName byte[] -ArgumentList $Low.Length
        $borrow = 0
        for ($i = $Low.Length - 1; $i -ge 0; $i--) {
            $digit = [int]$High[$i] - [int]$Low[$i] - $borrow
            $borrow = 0
            if ($digit -lt 0) { $digit += 256; $borrow = 1 }
            $difference[$i] = [byte]$digit
        }
        if ($borrow -ne 0) { return $false }
        for ($bit = 0; $bit -lt $PrefixLength; $bit++) {
            if (($difference[$bit -shr 3] -band (0x80 -shr ($bit -band 7))) -ne 0) { return $false }
        }
        return $true
    }
    function Get-GuideAdminAddressProblem {
        param([string]$Entry)
        if ([string]::IsNullOrWhiteSpace($Entry)) { return 'is empty' }
        if ($guideAdminKeywords -contains $Entry) { return $null }
        $minimum = @{ 4 = 8; 16 = 48 }
        if ($Entry.Contains('-')) {
            $ends = @($Entry -split '-')
            $low = $null
            $high = $null
            if ($ends.Count -eq 2) {
                $low = Get-GuideAddressBytes -Text $ends[0]
                $high = Get-GuideAddressBytes -Text $ends[1]
            }
            if ($null -eq $low -or $null -eq $high -or $low.Length -ne $high.Length) { return 'is not a range of two addresses of the same family (for example 10.0.50.10-10.0.50.20)' }
            if (-not (Test-GuideRangeWithinPrefix -Low $low -High $high -PrefixLength 0)) { return 'ends before it starts' }
            if (-not (Test-GuideRangeWithinPrefix -Low $low -High $high -PrefixLength $minimum[$low.Length])) { return ('admits too much: it is larger than a /{0}' -f $minimum[$low.Length]) }
            return $null
        }
        if ($Entry.Contains('/')) {
            $parts = @($Entry -split '/')
            if ($parts.Count -ne 2 -or $parts[1] -notmatch '^[0-9]{1,3}$') { return 'is not a prefix: write address/length (for example 10.0.50.0/24), not a subnet mask' }
            $bytes = Get-GuideAddressBytes -Text $parts[0]
            if ($null -eq $bytes) { return 'does not start with an IPv4 or IPv6 address' }
            $length = [int]$parts[1]
            if ($length -gt $bytes.Length * 8) { return ('has a prefix length above {0}' -f ($bytes.Length * 8)) }
            if ($length -lt $minimum[$bytes.Length]) { return ('admits too much: the largest prefix accepted is /{0}' -f $minimum[$bytes.Length]) }
            return $null
        }
        $bytes = Get-GuideAddressBytes -Text $Entry
        if ($null -eq $bytes) { return 'is not an IP address, a prefix, a range or LocalSubnet (keywords such as Any, Internet or Intranet admit far too much)' }
        if (@($bytes | Where-Object { $_ -ne 0 }).Count -eq 0) { return 'is the unspecified address, which no computer connects from' }
        return $null
    }
    $guideAdminEntries = @($AdminSubnet)
    if ($guideAdminEntries.Count -eq 0) {
        throw '$AdminSubnet is empty: list the addresses you administer from (for example 10.0.50.0/24 or LocalSubnet). Nothing was changed.'
    }
    foreach ($guideAddress in $guideAdminEntries) {
        $guideProblem = Get-GuideAdminAddressProblem -Entry ([string]$guideAddress)
        if ($guideProblem) {
            throw ('$AdminSubnet entry ''{0}'' {1}. List the addresses you administer from: addresses, prefixes (at most /8 for IPv4, /48 for IPv6), ranges no larger than that, or LocalSubnet. Nothing was changed.' -f $guideAddress, $guideProblem)
        }
    }
    $guideTargetBytes = Get-GuideAddressBytes -Text ([string]$Target).Trim('[', ']')
    if ($null -ne $guideTargetBytes) {
        $guideFamilyCovered = $false
        foreach ($guideAddress in $guideAdminEntries) {
            $guideFirst = Get-GuideAddressBytes -Text (([string]$guideAddress) -split '[-/]')[0]
            if ($guideAdminKeywords -contains $guideAddress -or ($null -ne $guideFirst -and $guideFirst.Length -eq $guideTargetBytes.Length)) { $guideFamilyCovered = $true }
        }
        if (-not $guideFamilyCovered) {
            $guideFamily = 'IPv4'
            if ($guideTargetBytes.Length -eq 16) { $guideFamily = 'IPv6' }
            throw ('$Target is the {0} address {1}, but $AdminSubnet has no {0} entry: the firewall rule would block every client that reaches this server over {0}, you included. Add the {0} addresses you administer from (or LocalSubnet). Nothing was changed.' -f $guideFamily, $Target)
        }
    }
    $winrmService = Get-Service -Name WinRM -ErrorAction SilentlyContinue
    if (-not $winrmService) {
        throw 'The WinRM service is not installed on this computer. Nothing was changed.'
    }
    if ($winrmService.Status -ne 'Running') {
        throw 'The WinRM service is not running. Enable remoting first with Enable-PSRemoting -Force (on a client edition on a Public network: Enable-PSRemoting -SkipNetworkProfileCheck -Force), then run this script again. Nothing was changed.'
    }
    if (-not (Get-Module -ListAvailable -Name 'NetSecurity')) {
        throw ('The PowerShell module {0} is not available on this computer. It provides the firewall cmdlets (Windows 8 / Server 2012 and later). Nothing was changed.' -f 'NetSecurity')
    }
    if (-not (Get-Module -ListAvailable -Name 'NetConnection')) {
        throw ('The PowerShell module {0} is not available on this computer. It provides Get-NetConnectionProfile (Windows 8 / Server 2012 and later). Nothing was changed.' -f 'NetConnection')
    }
    if (-not (Get-Module -ListAvailable -Name 'PKI')) {
        throw ('The PowerShell module {0} is not available on this computer. It provides the certificate cmdlets (Windows 8 / Server 2012 and later). Nothing was changed.' -f 'PKI')
    }
    $guidePolicyChecks = @(
        @{ Path = 'WSMan:\localhost\Service\AllowUnencrypted'; Value = 'false'; Policy = 'the policy "Allow unencrypted traffic" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service'; Name = 'AllowUnencryptedTraffic' }
        @{ Path = 'WSMan:\localhost\Service\Auth\Basic'; Value = 'false'; Policy = 'the policy "Allow Basic authentication" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service'; Name = 'AllowBasic' }
        @{ Path = 'WSMan:\localhost\Service\Auth\CbtHardeningLevel'; Value = 'Strict'; Policy = 'the policy "Specify channel binding token hardening level" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service'; Name = 'CBTHardeningLevelStatus' }
        @{ Path = 'WSMan:\localhost\Service\Auth\CredSSP'; Value = 'false'; Policy = 'the policy "Allow CredSSP authentication" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service)'; Key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service'; Name = 'AllowCredSSP' }
    )
    foreach ($guideCheck in $guidePolicyChecks) {
        $guideItem = Get-Item -Path $guideCheck.Path
        if ($null -ne $guideCheck.Value -and [string]$guideItem.Value -eq $guideCheck.Value) { continue }
        $guidePolicyValue = $null
        if ($guideCheck.Name) {
            $guidePolicyValue = Get-ItemProperty -Path $guideCheck.Key -Name $guideCheck.Name -ErrorAction SilentlyContinue
        }
        if ([string]$guideItem.SourceOfValue -eq 'GPO' -or $null -ne $guidePolicyValue) {
            throw ('{0} is controlled by Group Policy: {1}. This script would change it from {2}. Change that policy, or ask whoever manages it, then run this script again. Nothing was changed.' -f $guideCheck.Path, $guideCheck.Policy, $guideItem.Value)
        }
    }
    $guideRuleProfiles = @('Domain', 'Private', 'Public')
    foreach ($guideConnection in @(Get-NetConnectionProfile)) {
        $guideProfile = [string]$guideConnection.NetworkCategory
        if ($guideProfile -eq 'DomainAuthenticated') { $guideProfile = 'Domain' }
        if ($guideRuleProfiles -notcontains $guideProfile) {
            throw ('The network connection ''{0}'' ({1}) is on the {2} profile, but the firewall rule this script creates covers {3} only, and the script disables the built-in rules: remoting over that connection would stop. If it is a network you trust, make it Private (Set-NetConnectionProfile -InterfaceIndex {4} -NetworkCategory Private) and run this script again; if this server is reachable from networks you do not control, answer the guide''s network question with "public" to get a rule that covers the Public profile. Nothing was changed.' -f $guideConnection.Name, $guideConnection.InterfaceAlias, $guideProfile, ($guideRuleProfiles -join ', '), $guideConnection.InterfaceIndex)
        }
    }
    $guideTargetAddress = $null
    $targetIsAddress = (($Target -match '^[0-9.]+$') -or $Target.Contains(':')) -and [System.Net.IPAddress]::TryParse($Target, [ref]$guideTargetAddress)
    $guideRenewalDays = 60
    function Test-GuideSanAddress {
        param([Parameter(Mandatory = $true)]$Certificate, [Parameter(Mandatory = $true)][byte[]]$Address)
        # An iPAddress entry of the SAN is the tag 0x87, the length, then the address bytes.
        $needle = @(0x87, $Address.Length) + $Address
        foreach ($extension in @($Certificate.Extensions | Where-Object { $_.Oid.Value -eq '2.5.29.17' })) {
            $raw = $extension.RawData
            for ($i = 0; $i -le $raw.Length - $needle.Length; $i++) {
                $found = $true
                for ($j = 0; $j -lt $needle.Length; $j++) {
                    if ($raw[$i + $j] -ne $needle[$j]) { $found = $false; break }
                }
                if ($found) { return $true }
            }
        }
        return $false
    }
    function Test-GuideServerCertificate {
        param([Parameter(Mandatory = $true)]$Certificate, [int]$ValidDays)
        if (-not $Certificate.HasPrivateKey) { return $false }
        if ($Certificate.NotBefore -gt (Get-Date) -or $Certificate.NotAfter -le (Get-Date).AddDays($ValidDays)) { return $false }
        if (@($Certificate.EnhancedKeyUsageList.ObjectId) -notcontains '1.3.6.1.5.5.7.3.1') { return $false }
        if ($Certificate.Issuer -eq $Certificate.Subject) { return $false }
        if ($targetIsAddress) { return (Test-GuideSanAddress -Certificate $Certificate -Address $guideTargetAddress.GetAddressBytes()) }
        return (@($Certificate.DnsNameList | ForEach-Object { [string]$_.Unicode }) -contains $Target)
    }
    $serverCertificate = Get-ChildItem -Path Cert:\LocalMachine\My | Where-Object { Test-GuideServerCertificate -Certificate $_ -ValidDays $guideRenewalDays } | Sort-Object -Property NotAfter -Descending | Select-Object -First 1
    $httpsListener = Get-WSManInstance -ResourceURI winrm/config/Listener -Enumerate | Where-Object { $_.Transport -eq 'HTTPS' -and $_.Address -eq '*' } | Select-Object -First 1
    $guideKeepListenerCertificate = $false
    $pendingRequest = $null
    if (-not $serverCertificate) {
        # A request the CA has not issued yet (Get-Certificate said Pending): retrieve it rather than submit another.
        $pendingRequest = Get-ChildItem -Path Cert:\LocalMachine\Request | Where-Object { $_.Subject -eq ('CN=' + $Target) } | Sort-Object -Property NotBefore -Descending | Select-Object -First 1
    }
    if (-not $serverCertificate -and ($targetIsAddress -or -not (Get-CimInstance -ClassName Win32_ComputerSystem).PartOfDomain)) {
        throw ('No valid certificate for {0} is installed in Cert:\LocalMachine\My, and this script can only request one for a DNS name on a domain-joined computer. Install a certificate from your CA (SAN entry {0}, Server Authentication EKU, with its private key), then run this script again. Nothing was changed.' -f $Target)
    }
    $guideListenerChanges = $false
    if ($httpsListener -and -not $guideKeepListenerCertificate) {
        $guideListenerChanges = (-not $serverCertificate) -or $httpsListener.CertificateThumbprint -ne $serverCertificate.Thumbprint -or $httpsListener.Hostname -ne $Target
    }
    if ($null -ne $PSSenderInfo) {
        throw 'Run this script in a local session (console or RDP): it restarts WinRM or removes the HTTP listener, which would cut this remote session off halfway. Nothing was changed.'
    }
    if ((Get-ItemProperty -Path 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service' -Name AllowAutoConfig -ErrorAction SilentlyContinue).AllowAutoConfig -eq 1) {
        throw 'The HTTP listener is created by Group Policy: the policy "Allow remote server management through WinRM" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service) is enabled, so this script cannot remove it. Change that policy for this server (or leave its IPv4/IPv6 filters empty), then run this script again. Nothing was changed.'
    }

    # ---- Backup: saved before any change -----------------------------------------------------
    # $IsWindows is $null in Windows PowerShell 5.1, which only runs on Windows (edition Desktop).
    $GuideOnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
    $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide'
    function Get-GuideUnsafeReason {
        param([Parameter(Mandatory = $true)][string]$Path)
        $item = Get-Item -LiteralPath $Path -Force
        if ($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) { return 'it is a link (reparse point)' }
        if ($GuideOnWindows) {
            $trusted = @('S-1-5-18', 'S-1-5-32-544')
            $acl = Get-Acl -LiteralPath $Path
            $owner = $acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value
            if ($trusted -notcontains $owner) { return ('its owner is {0}, not SYSTEM or Administrators' -f $owner) }
            foreach ($rule in @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]))) {
                if ([string]$rule.AccessControlType -eq 'Allow' -and $trusted -notcontains $rule.IdentityReference.Value) {
                    return ('{0} has access to it' -f $rule.IdentityReference.Value)
                }
            }
            return ''
        }
        $stat = [string](stat -c '%u %a' $Path)
        if ($LASTEXITCODE -ne 0) { return 'stat could not read its owner and mode' }
        $owner, $mode = $stat.Trim() -split ' '
        if ($owner -ne '0') { return ('its owner is uid {0}, not root' -f $owner) }
        if (([Convert]::ToInt32($mode, 8) -band 63) -ne 0) { return ('its mode is {0}: group or others have access' -f $mode) }
        return ''
    }
    function Protect-GuideBackupPath {
        param([Parameter(Mandatory = $true)][string]$Path)
        $item = Get-Item -LiteralPath $Path -Force
        if ($item.Attributes -band [System.IO.FileAttributes]::ReparsePoint) {
            throw ('{0} is a link (reparse point), not a folder this guide created. Check it and remove it, then run this script again.' -f $Path)
        }
        if ($GuideOnWindows) {
            $sddl = 'O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)'
            if (-not $item.PSIsContainer) { $sddl = 'O:BAD:PAI(A;;FA;;;SY)(A;;FA;;;BA)' }
            $acl = Get-Acl -LiteralPath $Path
            $acl.SetSecurityDescriptorSddlForm($sddl, [System.Security.AccessControl.AccessControlSections]'Owner, Access')
            Set-Acl -LiteralPath $Path -AclObject $acl
            return
        }
        $owner = [string](stat -c '%u' $Path)
        if ($owner.Trim() -ne '0') {
            throw ('{0} belongs to uid {1}, not root: this guide did not create it. Check it and remove it, then run this script again.' -f $Path, $owner.Trim())
        }
        $mode = '700'
        if (-not $item.PSIsContainer) { $mode = '600' }
        chmod $mode $Path
        if ($LASTEXITCODE -ne 0) { throw ('chmod {0} {1} failed.' -f $mode, $Path) }
    }
    function Initialize-GuideBackupRoot {
        # An existing store with a weaker ACL (an earlier version of this guide, or created by
        # someone else) is repaired rather than refused: after the repair nobody else can write
        # in it, and the rollback never reads a run folder or change log it does not trust.
        $problem = Get-GuideUnsafeReason -Path $GuideBackupRoot
        if (-not $problem) { return }
        Protect-GuideBackupPath -Path $GuideBackupRoot
        $remaining = Get-GuideUnsafeReason -Path $GuideBackupRoot
        if ($remaining) {
            throw ('Could not make {0} private ({1}). Fix its permissions (SYSTEM and Administrators only, or root only), then run this script again.' -f $GuideBackupRoot, $remaining)
        }
        Write-Host ('Restricted the backup folder {0} to SYSTEM and Administrators (root only on Linux); before, {1}' -f $GuideBackupRoot, $problem)
    }
    if (-not (Test-Path -LiteralPath $GuideBackupRoot)) { $null = New-Item -Path $GuideBackupRoot -ItemType Directory -Force }
    Initialize-GuideBackupRoot
    $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('target-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    while (Test-Path -LiteralPath $GuideBackupFolder) {
        Start-Sleep -Seconds 1
        $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('target-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    }
    $null = New-Item -Path $GuideBackupFolder -ItemType Directory
    Protect-GuideBackupPath -Path $GuideBackupFolder
    winrm get winrm/config | Out-File -FilePath (Join-Path -Path $GuideBackupFolder -ChildPath 'winrm-config.txt') -Encoding utf8
    Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate | Format-List -Property * | Out-File -FilePath (Join-Path -Path $GuideBackupFolder -ChildPath 'listeners.txt') -Encoding utf8
    $GuideState = [pscustomobject]@{
        Guide          = 'PowerShell Remoting Security Guide'
        Role           = 'target'
        RulesetVersion = '2026.11.1'
        Computer       = [Environment]::MachineName
        Created        = (Get-Date).ToString('o')
        Changes        = [System.Collections.Generic.List[object]]::new()
    }
    $GuideStatePath = Join-Path -Path $GuideBackupFolder -ChildPath 'changes.clixml'
    Export-Clixml -InputObject $GuideState -LiteralPath $GuideStatePath -Depth 5 -Force
    Protect-GuideBackupPath -Path $GuideStatePath
    function Save-GuideChange {
        param([Parameter(Mandatory = $true)][hashtable]$Change)
        $GuideState.Changes.Add([pscustomobject]$Change)
        Export-Clixml -InputObject $GuideState -LiteralPath $GuideStatePath -Depth 5 -Force
    }
    function New-GuideRegistryKey {
        param([Parameter(Mandatory = $true)][string]$Path)
        # One level at a time, each recorded: New-Item -Force would also create missing parent keys,
        # which the rollback would then leave behind.
        $missing = [System.Collections.Generic.List[string]]::new()
        $current = $Path
        while (-not (Test-Path -Path $current)) {
            $missing.Insert(0, $current)
            $cut = $current.LastIndexOf('\')
            if ($cut -lt 0) { break }
            $current = $current.Substring(0, $cut)
        }
        foreach ($key in $missing) {
            Save-GuideChange @{ Kind = 'RegistryKeyCreated'; Path = $key }
            $null = New-Item -Path $key
        }
    }
    Write-Host ('Backup and change log: {0}' -f $GuideBackupFolder)
    function Set-GuideWSManSetting {
        param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][string]$Value)
        $item = Get-Item -Path $Path
        $current = [string]$item.Value
        if ($current -eq $Value) {
            Write-Host ('Unchanged: {0} is already {1}' -f $Path, $Value)
            return
        }
        if ($item.SourceOfValue -eq 'GPO') {
            throw ('{0} is set to {1} by Group Policy. Change the policy, then run this script again. Changes made so far are recorded in {2}.' -f $Path, $current, $GuideBackupFolder)
        }
        Save-GuideChange @{ Kind = 'WSManSetting'; Path = $Path; Previous = $current; New = $Value }
        Set-Item -Path $Path -Value $Value -Force
        Write-Host ('Changed: {0} = {1} (was {2})' -f $Path, $Value, $current)
    }
    function ConvertTo-GuideFirewallAddress {
        param([Parameter(Mandatory = $true)][string]$Address)
        $parts = $Address.Split('/')
        $ip = $null
        $length = 0
        if ($parts.Count -eq 2 -and [int]::TryParse($parts[1], [ref]$length) -and [System.Net.IPAddress]::TryParse($parts[0], [ref]$ip) -and $ip.AddressFamily -eq [System.Net.Sockets.AddressFamily]::InterNetwork -and $length -ge 0 -and $length -le 32) {
            $bits = ([string]'1' * $length).PadRight(32, '0')
            $mask = (0, 8, 16, 24 | ForEach-Object { [Convert]::ToInt32($bits.Substring($_, 8), 2) }) -join '.'
            return ('{0}/{1}' -f $ip, $mask)
        }
        return $Address.ToLowerInvariant()
    }
    function Set-GuideFirewallRule {
        param(
            [Parameter(Mandatory = $true)][string]$Name,
            [Parameter(Mandatory = $true)][string]$DisplayName,
            [Parameter(Mandatory = $true)][int]$Port,
            [Parameter(Mandatory = $true)][string[]]$Profiles
        )
        $existing = Get-NetFirewallRule -Name $Name -ErrorAction SilentlyContinue
        if ($existing) {
            $filter = $existing | Get-NetFirewallAddressFilter
            # Windows shows IPv4 prefixes as masks (10.0.50.0/255.255.255.0): compare like with like, so that a rerun changes nothing.
            $wantedAddresses = @($AdminSubnet | ForEach-Object { ConvertTo-GuideFirewallAddress -Address ([string]$_) } | Sort-Object -Unique)
            $currentAddresses = @($filter.RemoteAddress | ForEach-Object { ConvertTo-GuideFirewallAddress -Address ([string]$_) } | Sort-Object -Unique)
            $currentProfiles = @(([string]$existing.Profile -split ',\s*') | Sort-Object -Unique)
            $sameAddresses = ($wantedAddresses -join ',') -eq ($currentAddresses -join ',')
            $sameProfiles = (@($Profiles | Sort-Object -Unique) -join ',') -eq ($currentProfiles -join ',')
            if ($sameAddresses -and $sameProfiles -and [string]$existing.Enabled -eq 'True') {
                Write-Host ('Unchanged: the firewall rule {0} already admits TCP {1} from {2} only' -f $Name, $Port, ($AdminSubnet -join ', '))
                return
            }
            Save-GuideChange @{ Kind = 'FirewallRuleUpdated'; Name = $Name; PreviousRemoteAddress = [string[]]$filter.RemoteAddress; PreviousProfile = [string]$existing.Profile; PreviousEnabled = [string]$existing.Enabled }
            Set-NetFirewallRule -Name $Name -RemoteAddress $AdminSubnet -Profile $Profiles -Enabled True
            Write-Host ('Updated the firewall rule {0}: TCP {1} from {2}' -f $Name, $Port, ($AdminSubnet -join ', '))
        }
        else {
            Save-GuideChange @{ Kind = 'FirewallRuleCreated'; Name = $Name }
            $null = New-NetFirewallRule -Name $Name -DisplayName $DisplayName -Direction Inbound -Protocol TCP -LocalPort $Port -Action Allow -Profile $Profiles -RemoteAddress $AdminSubnet
            Write-Host ('Created the firewall rule {0}: TCP {1} from {2}' -f $Name, $Port, ($AdminSubnet -join ', '))
        }
    }
    function Disable-GuideBuiltInFirewallRule {
        param([Parameter(Mandatory = $true)][string]$Name)
        foreach ($rule in @(Get-NetFirewallRule -Name $Name -ErrorAction SilentlyContinue)) {
            if ([string]$rule.Enabled -eq 'True') {
                Save-GuideChange @{ Kind = 'FirewallRuleDisabled'; Name = $rule.Name }
                Disable-NetFirewallRule -Name $rule.Name
                Write-Host ('Disabled the built-in firewall rule {0}; the guide rule replaces it' -f $rule.Name)
            }
        }
    }

    # ---- Server certificate ------------------------------------------------------------------
    if ($serverCertificate) {
        Write-Host ('Using the certificate {0} for {1} (expires {2:yyyy-MM-dd})' -f $serverCertificate.Thumbprint, $Target, $serverCertificate.NotAfter)
    }
    else {
        if ($pendingRequest) {
            Write-Host ('Retrieving the pending certificate request {0} from the CA' -f $pendingRequest.Thumbprint)
            $certificateRequest = Get-Certificate -Request $pendingRequest
        }
        else {
            $guideRequestsBefore = @(Get-ChildItem -Path Cert:\LocalMachine\Request | ForEach-Object { $_.Thumbprint })
            $certificateRequest = Get-Certificate -Template $CertificateTemplate -DnsName $Target -SubjectName ('CN=' + $Target) -CertStoreLocation Cert:\LocalMachine\My
        }
        $guideEnrollmentStatus = [string]$certificateRequest.Status
        if ($guideEnrollmentStatus -eq 'Pending') {
            if (-not $pendingRequest) {
                foreach ($guideRequest in @(Get-ChildItem -Path Cert:\LocalMachine\Request | Where-Object { $guideRequestsBefore -notcontains $_.Thumbprint })) {
                    Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\LocalMachine\Request\' + $guideRequest.Thumbprint) }
                }
            }
            throw ('The certificate request for {0} (template {1}) is pending: it waits for approval by a CA manager. Once it is issued, run this script again: it retrieves this request (Cert:\LocalMachine\Request) instead of submitting a new one. Changes made so far are recorded in {2}.' -f $Target, $CertificateTemplate, $GuideBackupFolder)
        }
        if ($guideEnrollmentStatus -ne 'Issued') {
            throw ('The CA answered {0} to the certificate request for {1} (template {2}). Check the template and your enrollment rights; remove a refused request from Cert:\LocalMachine\Request (Remove-Item -Path Cert:\LocalMachine\Request\<thumbprint> -DeleteKey), then run this script again. Changes made so far are recorded in {3}.' -f $guideEnrollmentStatus, $Target, $CertificateTemplate, $GuideBackupFolder)
        }
        $serverCertificate = $certificateRequest.Certificate
        Save-GuideChange @{ Kind = 'CertificateCreated'; Path = ('Cert:\LocalMachine\My\' + $serverCertificate.Thumbprint) }
        Write-Host ('Enrolled the certificate {0} for {1} (valid until {2:yyyy-MM-dd})' -f $serverCertificate.Thumbprint, $Target, $serverCertificate.NotAfter)
    }

    # ---- WinRM service hardening -------------------------------------------------------------
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Service\AllowUnencrypted' -Value 'false'
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Service\Auth\Basic' -Value 'false'
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Service\Auth\CbtHardeningLevel' -Value 'Strict'
    Set-GuideWSManSetting -Path 'WSMan:\localhost\Service\Auth\CredSSP' -Value 'false'

    # ---- HTTPS listener ----------------------------------------------------------------------
    $guideListenerSelector = @{ Address = '*'; Transport = 'HTTPS' }
    if ($guideKeepListenerCertificate) {
        Write-Host ('Unchanged: the HTTPS listener keeps the certificate {0} until the clients trust its successor' -f $httpsListener.CertificateThumbprint)
    }
    elseif (-not $httpsListener) {
        Save-GuideChange @{ Kind = 'ListenerCreated'; Address = '*'; Transport = 'HTTPS' }
        $null = New-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $guideListenerSelector -ValueSet @{ Hostname = $Target; CertificateThumbprint = $serverCertificate.Thumbprint }
        Write-Host ('Created the HTTPS listener on port 5986 for {0}' -f $Target)
    }
    elseif ($httpsListener.CertificateThumbprint -eq $serverCertificate.Thumbprint -and $httpsListener.Hostname -eq $Target) {
        Write-Host 'Unchanged: the HTTPS listener already uses this certificate'
    }
    else {
        # Changed in place: removing and re-creating it would drop every session that uses it.
        Save-GuideChange @{ Kind = 'ListenerUpdated'; Address = '*'; Transport = 'HTTPS'; PreviousHostname = [string]$httpsListener.Hostname; PreviousCertificateThumbprint = [string]$httpsListener.CertificateThumbprint }
        $null = Set-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $guideListenerSelector -ValueSet @{ Hostname = $Target; CertificateThumbprint = $serverCertificate.Thumbprint }
        Write-Host ('Updated the HTTPS listener in place: certificate {0} (was {1}), host name {2}' -f $serverCertificate.Thumbprint, $httpsListener.CertificateThumbprint, $Target)
    }

    # ---- Firewall: remoting only from $AdminSubnet -------------------------------------------
    Set-GuideFirewallRule -Name 'PSRemotingGuide-WinRM-HTTPS-In-TCP' -DisplayName 'PowerShell Remoting Guide: WinRM HTTPS (5986) from admin hosts' -Port 5986 -Profiles @('Domain', 'Private', 'Public')
    Disable-GuideBuiltInFirewallRule -Name 'WINRM-HTTP-In-TCP*'

    # ---- HTTP listener -----------------------------------------------------------------------
    foreach ($listener in @(Get-WSManInstance -ResourceURI winrm/config/Listener -Enumerate | Where-Object { $_.Transport -eq 'HTTP' })) {
        Save-GuideChange @{ Kind = 'ListenerRemoved'; Address = [string]$listener.Address; Transport = 'HTTP'; Port = [string]$listener.Port; Hostname = [string]$listener.Hostname; CertificateThumbprint = '' }
        Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{ Address = [string]$listener.Address; Transport = 'HTTP' }
        Write-Host ('Removed the HTTP listener on {0} (port {1})' -f $listener.Address, $listener.Port)
    }
    Write-Host 'No HTTP listener is left (5985). Enable-PSRemoting, winrm quickconfig and the AllowAutoConfig policy would re-create it.'

    # ---- Logging -----------------------------------------------------------------------------
    if ($EnableScriptBlockLogging) {
        $loggingKey = 'HKLM:\Software\Policies\Microsoft\Windows\PowerShell\ScriptBlockLogging'
        $loggingValue = (Get-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -ErrorAction SilentlyContinue).EnableScriptBlockLogging
        if ($loggingValue -eq 1) {
            Write-Host 'Unchanged: script block logging is already on'
        }
        else {
            $keyExisted = Test-Path -Path $loggingKey
            New-GuideRegistryKey -Path $loggingKey
            Save-GuideChange @{ Kind = 'RegistryValue'; Path = $loggingKey; Name = 'EnableScriptBlockLogging'; Previous = $loggingValue; KeyExisted = $keyExisted }
            $null = New-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -Value 1 -PropertyType DWord -Force
            Write-Host 'Turned on script block logging (event 4104 in Microsoft-Windows-PowerShell/Operational)'
        }
    }
    $tokenFilterPolicy = (Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' -Name LocalAccountTokenFilterPolicy -ErrorAction SilentlyContinue).LocalAccountTokenFilterPolicy
    if ($tokenFilterPolicy -eq 1) {
        Write-Warning 'LocalAccountTokenFilterPolicy is 1: UAC remote restrictions are off for every local account (Enable-PSRemoting or winrm quickconfig may have set it). Baselines want 0. This script leaves it unchanged; set it to 0 unless something relies on it.'
    }

    # ---- Done --------------------------------------------------------------------------------
    Write-Host ''
    Write-Host ('Finished. {0} change(s) recorded in {1}' -f $GuideState.Changes.Count, $GuideStatePath)
    Write-Host ('Next: run the client script (client.ps1) on each computer you administer from.' -f $Target)
    Write-Host ('The server certificate {0} expires on {1:yyyy-MM-dd}. To renew it, run this script again in the {2} days before that date: it enrolls a new certificate and updates the listener in place.' -f $serverCertificate.Thumbprint, $serverCertificate.NotAfter, $guideRenewalDays)
}
