#Requires -Version 7.0
#Requires -RunAsAdministrator
# PowerShell Remoting Security Guide - target script (SSH)
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=same&address=ip&pki=none&network=public&who=admins&hop=none
# Recommendation: authentication ssh, transport ssh (port 22), endpoint default, second hop none.
# Run on: the server you connect to (192.0.2.10), Windows or Linux, in PowerShell 7 (pwsh) as
# Administrator or root. Keep your current session open until a new logon works.
# Run order: 1) the target script (target.ps1) on the server (192.0.2.10)  2) the client script
# (client.ps1) on each computer you administer from
# This script:
#   - checks first that you (under sudo: $SUDO_USER) are in $SshAllowGroups, that the pwsh sshd will
#     start exists at a path without spaces, and that no other AllowGroups or AllowUsers line in
#     sshd_config changes who may log on
#   - on Windows: installs and starts OpenSSH Server if needed
#   - adds a marked block at the top of $SshdConfigPath: key authentication, AllowGroups
#     $SshAllowGroups, the powershell subsystem, and (once $DisablePasswordAuthentication is $true)
#     no passwords; the rest of the file stays byte for byte
#   - checks the new file with sshd -T before writing it and with sshd -t after, restores the
#     original byte for byte if sshd rejects it, keeps a copy of the original in the backup folder,
#     then reloads sshd
#   - on Windows: limits the firewall to $AdminSubnet (TCP $SshPort) and disables the built-in rule
#     OpenSSH-Server-In-TCP; on Linux it tells you what to allow
#   - turns on PowerShell 7 script block logging (unless $EnableScriptBlockLogging is $false)
# It stops with a clear message before changing anything if a pre-flight check fails. Review every
# line before you run it in production; paste it whole or run it as a .ps1 file.

# ---- Edit these values -----------------------------------------------------------------------
# The name or address clients use to reach this server.
$Target = '192.0.2.10'
# The addresses you administer from: a CIDR subnet, a range, or 'LocalSubnet'; several as
# @('10.0.50.0/24', '10.0.51.0/24'). Never Any.
$AdminSubnet = '192.0.2.0/24'
# The group(s) whose members may log on over SSH (every SSH logon, not only PowerShell); several as
# @('a', 'b'). You must be in one of them (under sudo: $SUDO_USER). Defaults: "openssh users" on
# Windows, psremoting on Linux.
$SshAllowGroups = if (($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows) { 'openssh users' } else { 'psremoting' }
# Set to $true and run this script again once key logon works for everyone who needs it.
$DisablePasswordAuthentication = $false
# The sshd configuration file. Defaults: $env:ProgramData\ssh\sshd_config on Windows,
# /etc/ssh/sshd_config on Linux.
$SshdConfigPath = if (($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows) { Join-Path -Path $env:ProgramData -ChildPath 'ssh\sshd_config' } else { '/etc/ssh/sshd_config' }
# The port sshd listens on (Port in sshd_config, default 22). The script checks it and scopes the
# firewall rule to it; it does not change it.
$SshPort = 22
# The pwsh that sshd starts for PowerShell sessions, as a path without spaces. Empty: this
# PowerShell 7 (on Windows by its 8.3 short path, which the script looks up).
$SubsystemPwshPath = ''
# PowerShell 7 script block logging (Windows: the PowerShellCore policy key; Linux:
# powershell.config.json in $PSHOME). Set to $false if Group Policy or your configuration management
# sets it.
$EnableScriptBlockLogging = $true

& {
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @('srv01.contoso.com', 'srv01.fabrikam.com', '192.0.2.10', 'srv02.contoso.com', '192.0.2.0/24', 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT')

    # ---- Pre-flight checks: nothing is changed here ------------------------------------------
    if ($PSVersionTable.PSVersion.Major -lt 7) {
        throw ('This script needs PowerShell 7 (pwsh); this is {0}. Install PowerShell 7 and run it with pwsh. Nothing was changed.' -f $PSVersionTable.PSVersion)
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
    # $IsWindows is $null in Windows PowerShell 5.1, which only runs on Windows (edition Desktop).
    $GuideOnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
    if ($IsMacOS) {
        throw 'On macOS, enable Remote Login and add the powershell subsystem to /etc/ssh/sshd_config by hand (see the SSH remoting page of the guide). Nothing was changed.'
    }
    if ($SshPort -isnot [int] -or $SshPort -lt 1 -or $SshPort -gt 65535) {
        throw ('$SshPort must be the TCP port sshd listens on (1-65535); it is ''{0}''. Nothing was changed.' -f $SshPort)
    }
    if (@($SshAllowGroups | Where-Object { $_ }).Count -eq 0) {
        throw '$SshAllowGroups must name at least one group: the people who may log on over SSH. Nothing was changed.'
    }
    if ($GuideOnWindows) {
        $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
        if (-not ([Security.Principal.WindowsPrincipal]$guideIdentity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
            throw 'Run this script in an elevated PowerShell 7 session (Run as administrator). Nothing was changed.'
        }
        if (-not (Get-Module -ListAvailable -Name NetSecurity)) {
            throw 'The NetSecurity module (firewall cmdlets) is not available. Nothing was changed.'
        }
        $guideRuleProfiles = @('Domain', 'Private', 'Public')
        foreach ($guideConnection in @(Get-NetConnectionProfile)) {
            $guideProfile = [string]$guideConnection.NetworkCategory
            if ($guideProfile -eq 'DomainAuthenticated') { $guideProfile = 'Domain' }
            if ($guideRuleProfiles -notcontains $guideProfile) {
                throw ('The network connection ''{0}'' ({1}) is on the {2} profile, but the firewall rule this script creates covers {3} only, and the script disables the built-in rules: remoting over that connection would stop. If it is a network you trust, make it Private (Set-NetConnectionProfile -InterfaceIndex {4} -NetworkCategory Private) and run this script again; if this server is reachable from networks you do not control, answer the guide''s network question with "public" to get a rule that covers the Public profile. Nothing was changed.' -f $guideConnection.Name, $guideConnection.InterfaceAlias, $guideProfile, ($guideRuleProfiles -join ', '), $guideConnection.InterfaceIndex)
            }
        }
        $sshdExe = Join-Path -Path $env:SystemRoot -ChildPath 'System32\OpenSSH\sshd.exe'
    }
    else {
        if ((id -u) -ne '0') {
            throw 'Run this script as root (sudo pwsh). Nothing was changed.'
        }
        $sshdExe = '/usr/sbin/sshd'
        if (-not (Test-Path -LiteralPath $sshdExe -PathType Leaf)) {
            throw ('OpenSSH server is not installed (no {0}). Install it with your package manager (for example openssh-server), then run this script again. Nothing was changed.' -f $sshdExe)
        }
        if (-not (Test-Path -LiteralPath $SshdConfigPath -PathType Leaf)) {
            throw ('{0} ($SshdConfigPath) does not exist. Set $SshdConfigPath to the file sshd reads, then run this script again. Nothing was changed.' -f $SshdConfigPath)
        }
        if (-not (Get-Command -Name systemctl -ErrorAction SilentlyContinue)) {
            throw 'systemctl was not found: this script reloads sshd through systemd. Nothing was changed.'
        }
        $sshdUnit = @('sshd', 'ssh') | Where-Object { (systemctl show -p LoadState --value $_) -eq 'loaded' } | Select-Object -First 1
        if (-not $sshdUnit) {
            throw 'Neither an sshd nor an ssh systemd unit was found, so sshd could not be reloaded after the change. Nothing was changed.'
        }
    }
    $guideInGroup = $false
    if ($GuideOnWindows) {
        $guideTokenGroups = @($guideIdentity.Groups | ForEach-Object { $_.Value })
        foreach ($group in @($SshAllowGroups)) {
            if ($group -match '["\r\n]') { throw ('The group name ''{0}'' in $SshAllowGroups contains a quote or a line break. Nothing was changed.' -f $group) }
            $localGroup = Get-LocalGroup -Name $group -ErrorAction SilentlyContinue
            if (-not $localGroup) {
                throw ('The local group ''{0}'' ($SshAllowGroups) does not exist. Create it (New-LocalGroup -Name ''{0}''), add the people who connect, then run this script again. Nothing was changed.' -f $group)
            }
            # Get-LocalGroupMember fails on groups holding orphaned SIDs; the logon token still answers then.
            try { $memberSids = @(Get-LocalGroupMember -Group $group -ErrorAction Stop | ForEach-Object { [string]$_.SID }) }
            catch { $memberSids = @() }
            if ($memberSids -contains $guideIdentity.User.Value -or $guideTokenGroups -contains $localGroup.SID.Value) { $guideInGroup = $true }
        }
        $guideUser = $guideIdentity.Name
        $guideAddHint = 'Add-LocalGroupMember -Group ''{1}'' -Member ''{0}'''
    }
    else {
        # The person who will log on: the sudo caller, or root when the script runs directly as root.
        $guideUser = $env:SUDO_USER
        if (-not $guideUser) { $guideUser = [string](id -un) }
        $guideUserGroups = @(([string](id -Gn $guideUser)) -split ' ' | Where-Object { $_ })
        foreach ($group in @($SshAllowGroups)) {
            if ($group -match '["\s]') { throw ('The group name ''{0}'' in $SshAllowGroups contains a quote or a space. Nothing was changed.' -f $group) }
            $null = getent group $group
            if ($LASTEXITCODE -ne 0) {
                throw ('The group ''{0}'' ($SshAllowGroups) does not exist. Create it (groupadd {0}) and add the people who connect (usermod -aG {0} <user>), then run this script again. Nothing was changed.' -f $group)
            }
            if ($guideUserGroups -ccontains $group) { $guideInGroup = $true }
        }
        $guideAddHint = 'usermod -aG {1} {0}'
    }
    if (-not $guideInGroup) {
        throw (('You ({0}) are in none of the groups in $SshAllowGroups ({2}). With AllowGroups set, sshd would refuse your own SSH logon. Add yourself (' + $guideAddHint + ') and everyone else who connects, then run this script again. Nothing was changed.') -f $guideUser, @($SshAllowGroups)[0], (@($SshAllowGroups) -join ', '))
    }
    $subsystemPwsh = $SubsystemPwshPath
    if (-not $subsystemPwsh) {
        $subsystemPwsh = Join-Path -Path $PSHOME -ChildPath 'pwsh'
        if ($GuideOnWindows) { $subsystemPwsh = Join-Path -Path $PSHOME -ChildPath 'pwsh.exe' }
    }
    if (-not (Test-Path -LiteralPath $subsystemPwsh -PathType Leaf)) {
        throw ('PowerShell 7 was not found at {0}, the program sshd would start for PowerShell sessions. Set $SubsystemPwshPath to pwsh, then run this script again. Nothing was changed.' -f $subsystemPwsh)
    }
    if ($GuideOnWindows -and $subsystemPwsh.Contains(' ')) {
        $pwshFolder = Split-Path -Path $subsystemPwsh -Parent
        $pwshFolderInfo = Get-CimInstance -ClassName Win32_Directory -Filter ("Name = '{0}'" -f $pwshFolder.Replace('\', '\\').Replace("'", "\'"))
        $shortPwsh = ''
        if ($pwshFolderInfo.EightDotThreeFileName) {
            $shortPwsh = Join-Path -Path $pwshFolderInfo.EightDotThreeFileName -ChildPath (Split-Path -Path $subsystemPwsh -Leaf)
        }
        if (-not $shortPwsh -or $shortPwsh.Contains(' ') -or -not (Test-Path -LiteralPath $shortPwsh -PathType Leaf)) {
            throw ('The path {0} contains a space and has no 8.3 short name (8.3 names are off on its volume), so sshd cannot start it. Create a link without spaces, for example New-Item -ItemType SymbolicLink -Path C:\ProgramData\ssh\pwsh.exe -Value ''{0}'', set $SubsystemPwshPath to that link, then run this script again. Nothing was changed.' -f $subsystemPwsh)
        }
        $subsystemPwsh = $shortPwsh
    }
    if ($subsystemPwsh.Contains(' ')) {
        throw ('The path {0} contains a space, which the Subsystem line of sshd_config cannot take. Set $SubsystemPwshPath to a path without spaces (for example a symbolic link to pwsh), then run this script again. Nothing was changed.' -f $subsystemPwsh)
    }
    $subsystemCommand = $subsystemPwsh.Replace('\', '/') + ' -sshs'
    $blockStart = '# BEGIN PowerShell Remoting Security Guide'
    $blockEnd = '# END PowerShell Remoting Security Guide'
    $guideStopNote = 'Nothing was changed.'
    function Get-GuideSha256 {
        param([Parameter(Mandatory = $true)][AllowEmptyCollection()][byte[]]$Bytes)
        $sha = [System.Security.Cryptography.SHA256]::Create()
        try { return [System.BitConverter]::ToString($sha.ComputeHash($Bytes)).Replace('-', '') }
        finally { $sha.Dispose() }
    }
    function Get-GuideSshdSettings {
        # sshd -T on a temporary copy: the settings sshd would run with, as keyword -> list of values.
        param([Parameter(Mandatory = $true)][AllowEmptyString()][string]$Text)
        $file = New-TemporaryFile
        try {
            [System.IO.File]::WriteAllText($file.FullName, $Text)
            # sshd's messages are read, not thrown: PowerShell 7.0 and 7.1 stop on native stderr under 'Stop'.
            $output = @(& { $ErrorActionPreference = 'Continue'; & $sshdExe -T -f $file.FullName 2>&1 } | ForEach-Object { ([string]$_).Replace($file.FullName, $SshdConfigPath) })
            $exitCode = $LASTEXITCODE
        }
        finally {
            Remove-Item -LiteralPath $file.FullName -Force
        }
        if ($exitCode -ne 0) { return [pscustomobject]@{ Error = ($output -join ' '); Settings = @{} } }
        $settings = @{}
        foreach ($line in $output) {
            $keyword, $value = $line -split ' ', 2
            if (-not $settings.ContainsKey($keyword)) { $settings[$keyword] = [System.Collections.Generic.List[string]]::new() }
            $settings[$keyword].Add([string]$value)
        }
        return [pscustomobject]@{ Error = $null; Settings = $settings }
    }
    function Get-GuideSshdValues {
        param([Parameter(Mandatory = $true)]$Sshd, [Parameter(Mandatory = $true)][string]$Keyword)
        return @($Sshd.Settings[$Keyword] | Where-Object { $_ })
    }
    function Test-GuideGroupListed {
        param([Parameter(Mandatory = $true)][string]$Name)
        # Windows group names are case-insensitive (OpenSSH for Windows lowercases them); Linux names are not.
        if ($GuideOnWindows) { return @($SshAllowGroups) -contains $Name }
        return @($SshAllowGroups) -ccontains $Name
    }
    function Get-GuideSshdPlan {
        if (-not (Test-Path -LiteralPath $SshdConfigPath -PathType Leaf)) {
            throw ('{0} ($SshdConfigPath) does not exist. Set $SshdConfigPath to the file sshd reads, then run this script again. {1}' -f $SshdConfigPath, $guideStopNote)
        }
        $originalBytes = [System.IO.File]::ReadAllBytes($SshdConfigPath)
        $hasBom = $originalBytes.Length -ge 3 -and $originalBytes[0] -eq 0xEF -and $originalBytes[1] -eq 0xBB -and $originalBytes[2] -eq 0xBF
        $encoding = [System.Text.UTF8Encoding]::new($hasBom, $true)
        try { $original = $encoding.GetString($originalBytes) }
        catch { throw ('{0} is not UTF-8 (or ASCII) text, which this script edits byte for byte. {1}' -f $SshdConfigPath, $guideStopNote) }
        if ($hasBom) { $original = $original.Substring(1) }
        $lf = [string][char]10
        $crlf = [string][char]13 + [char]10
        $newLine = $lf
        if ($original.Contains($crlf) -or (-not $original.Contains($lf) -and $GuideOnWindows)) { $newLine = $crlf }
        $blockPattern = '(?m)^' + [regex]::Escape($blockStart) + '\r?$[\s\S]*?^' + [regex]::Escape($blockEnd) + '\r?(\n|$)'
        $rest = [regex]::Replace($original, $blockPattern, '')
        if ([regex]::IsMatch($rest, '(?m)^(' + [regex]::Escape($blockStart) + '|' + [regex]::Escape($blockEnd) + ')\r?$')) {
            throw ('{0} has a BEGIN or END line of the guide block without the other. Remove the rest of that block by hand, then run this script again. {1}' -f $SshdConfigPath, $guideStopNote)
        }
        $others = Get-GuideSshdSettings -Text $rest
        if ($others.Error) {
            throw ('sshd rejects the present configuration: {0} Fix {1} first, then run this script again. {2}' -f $others.Error, $SshdConfigPath, $guideStopNote)
        }
        $ports = @(Get-GuideSshdValues -Sshd $others -Keyword 'port')
        if ($ports -notcontains [string]$SshPort) {
            throw ('sshd listens on port {0}, not on $SshPort ({1}). Set $SshPort to the port clients use (this script does not change Port), then run it again. {2}' -f ($ports -join ', '), $SshPort, $guideStopNote)
        }
        $unlistedGroups = @(Get-GuideSshdValues -Sshd $others -Keyword 'allowgroups' | Where-Object { -not (Test-GuideGroupListed -Name $_) })
        if ($unlistedGroups.Count -gt 0) {
            throw ('{0} (or a file it includes) already has AllowGroups {1}. sshd combines every AllowGroups line, so members of those groups would keep SSH access next to $SshAllowGroups. Add them to $SshAllowGroups if they should keep it, or remove that line, then run this script again. {2}' -f $SshdConfigPath, ($unlistedGroups -join ' '), $guideStopNote)
        }
        $allowUsers = @(Get-GuideSshdValues -Sshd $others -Keyword 'allowusers')
        if ($allowUsers.Count -gt 0) {
            throw ('{0} (or a file it includes) has AllowUsers {1}. sshd admits a user only when AllowUsers and AllowGroups both allow them, so those of them outside $SshAllowGroups would be locked out. Put the users who connect in $SshAllowGroups and remove the AllowUsers line, then run this script again. {2}' -f $SshdConfigPath, ($allowUsers -join ' '), $guideStopNote)
        }
        foreach ($keyword in @('denyusers', 'denygroups')) {
            $denied = @(Get-GuideSshdValues -Sshd $others -Keyword $keyword)
            if ($denied.Count -gt 0) { Write-Host ('Note: {0} {1} in {2} still applies.' -f $keyword, ($denied -join ' '), $SshdConfigPath) }
        }
        $existingSubsystem = @(Get-GuideSshdValues -Sshd $others -Keyword 'subsystem' | Where-Object { $_ -match '^powershell\s' }) | Select-Object -First 1
        if ($existingSubsystem) {
            $existingPwsh = @(($existingSubsystem -replace '^powershell\s+', '') -split '\s+')[0]
            if (-not (Test-Path -LiteralPath $existingPwsh -PathType Leaf)) {
                throw ('{0} already defines the powershell subsystem as {1}, but {2} does not exist, so PowerShell sessions would fail. Correct or remove that Subsystem line, then run this script again. {3}' -f $SshdConfigPath, $existingSubsystem, $existingPwsh, $guideStopNote)
            }
        }
        $quotedGroups = @($SshAllowGroups | ForEach-Object { if ($GuideOnWindows) { '"' + $_.ToLowerInvariant() + '"' } else { '"' + $_ + '"' } }) -join ' '
        $block = [System.Collections.Generic.List[string]]::new()
        $block.Add($blockStart)
        $block.Add('# Added by the target script of the guide; its rollback script takes it out again. For most keywords')
        $block.Add('# sshd uses the first value it reads, so this block comes first. AllowGroups and AllowUsers lines are')
        $block.Add('# combined instead: the script checked that no other such line changes who may log on.')
        $block.Add('PubkeyAuthentication yes')
        $block.Add('AllowGroups ' + $quotedGroups)
        if ($DisablePasswordAuthentication) {
            $block.Add('PasswordAuthentication no')
            $block.Add('KbdInteractiveAuthentication no')
            $block.Add('# OpenSSH before 8.7 has a separate switch under the old name; 8.7 and later read it as the line above.')
            $block.Add('ChallengeResponseAuthentication no')
        }
        if (-not $existingSubsystem) { $block.Add('Subsystem powershell ' + $subsystemCommand) }
        $block.Add($blockEnd)
        $text = ($block -join $newLine) + $newLine + $rest
        $result = Get-GuideSshdSettings -Text $text
        if ($result.Error) {
            throw ('sshd rejects the configuration this script would write: {0} {1}' -f $result.Error, $guideStopNote)
        }
        $newBytes = $encoding.GetBytes($text)
        if ($hasBom) { $newBytes = [byte[]](@(0xEF, 0xBB, 0xBF) + $newBytes) }
        if ($existingSubsystem) { Write-Host ('Note: {0} already defines the powershell subsystem ({1}); it is kept.' -f $SshdConfigPath, $existingSubsystem) }
        return [pscustomobject]@{
            Unchanged      = $text -ceq $original
            OriginalBytes  = $originalBytes
            NewBytes       = $newBytes
            OriginalSha256 = Get-GuideSha256 -Bytes $originalBytes
            NewSha256      = Get-GuideSha256 -Bytes $newBytes
        }
    }
    $sshdPlan = $null
    # On Windows before OpenSSH Server is installed or first started there is no sshd_config yet: checked after the install below.
    if ((Test-Path -LiteralPath $sshdExe -PathType Leaf) -and (Test-Path -LiteralPath $SshdConfigPath -PathType Leaf)) { $sshdPlan = Get-GuideSshdPlan }
    if ($EnableScriptBlockLogging -and -not $GuideOnWindows) {
        $pwshConfigPath = Join-Path -Path $PSHOME -ChildPath 'powershell.config.json'
        $pwshConfigText = ''
        if (Test-Path -LiteralPath $pwshConfigPath) { $pwshConfigText = [System.IO.File]::ReadAllText($pwshConfigPath) }
        if ($pwshConfigText.Trim()) {
            try { $null = $pwshConfigText | ConvertFrom-Json -AsHashtable }
            catch { throw ('{0} is not valid JSON, so the script cannot add script block logging to it. Fix or remove it, or set $EnableScriptBlockLogging = $false, then run this script again. Nothing was changed.' -f $pwshConfigPath) }
        }
    }

    # ---- Backup: saved before any change -----------------------------------------------------
    # $IsWindows is $null in Windows PowerShell 5.1, which only runs on Windows (edition Desktop).
    $GuideOnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
    if ($GuideOnWindows) { $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide' }
    else { $GuideBackupRoot = '/var/lib/psremoting-guide' }
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

    # ---- OpenSSH server (Windows) ------------------------------------------------------------
    if ($GuideOnWindows) {
        if (-not (Get-Service -Name sshd -ErrorAction SilentlyContinue)) {
            # Its first start creates %ProgramData%\ssh (sshd_config, host keys, logs), which removing the capability leaves behind.
            $sshConfigFolder = Join-Path -Path $env:ProgramData -ChildPath 'ssh'
            Save-GuideChange @{ Kind = 'WindowsCapability'; Name = 'OpenSSH.Server~~~~0.0.1.0'; ConfigFolder = $sshConfigFolder; ConfigFolderExisted = (Test-Path -LiteralPath $sshConfigFolder); KeepConfigFolderIn = (Join-Path -Path $GuideBackupFolder -ChildPath 'ProgramData-ssh') }
            $null = Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0
            Write-Host 'Installed OpenSSH Server'
        }
        $sshdService = Get-Service -Name sshd
        if ([string]$sshdService.StartType -ne 'Automatic' -or $sshdService.Status -ne 'Running') {
            Save-GuideChange @{ Kind = 'ServiceState'; Name = 'sshd'; PreviousStatus = [string]$sshdService.Status; PreviousStartType = [string]$sshdService.StartType }
            Set-Service -Name sshd -StartupType Automatic
            Start-Service -Name sshd
            Write-Host 'Started the sshd service (start type Automatic); on its first start it creates sshd_config and its host keys'
        }
    }

    # ---- sshd_config -------------------------------------------------------------------------
    function Invoke-GuideSshdReload {
        if ($GuideOnWindows) {
            if ((Get-Service -Name sshd).Status -eq 'Running') { Restart-Service -Name sshd }
            return
        }
        # A reload (SIGHUP) keeps open sessions; try- does nothing when sshd is not running (socket activation), which reads the file when it starts.
        systemctl try-reload-or-restart $sshdUnit
        if ($LASTEXITCODE -ne 0) {
            throw ('systemctl try-reload-or-restart {0} failed. {1} is written and valid: reload sshd yourself. Changes are recorded in {2}.' -f $sshdUnit, $SshdConfigPath, $GuideBackupFolder)
        }
    }
    if (-not $sshdPlan) {
        # OpenSSH Server was installed or first started above, so only now can its configuration be read.
        $guideStopNote = ('Changes made so far are recorded in {0}.' -f $GuideBackupFolder)
        $sshdPlan = Get-GuideSshdPlan
    }
    $sshdBackupCopy = Join-Path -Path $GuideBackupFolder -ChildPath 'sshd_config'
    Copy-Item -LiteralPath $SshdConfigPath -Destination $sshdBackupCopy -Force
    if ($sshdPlan.Unchanged) {
        Write-Host ('Unchanged: {0} already has this configuration' -f $SshdConfigPath)
    }
    else {
        Save-GuideChange @{ Kind = 'SshdConfigBlock'; Path = $SshdConfigPath; Backup = $sshdBackupCopy; OriginalSha256 = $sshdPlan.OriginalSha256; WrittenSha256 = $sshdPlan.NewSha256; Start = $blockStart; End = $blockEnd; SshdExe = $sshdExe; Unit = $sshdUnit }
        [System.IO.File]::WriteAllBytes($SshdConfigPath, $sshdPlan.NewBytes)
        $sshdCheck = @(& { $ErrorActionPreference = 'Continue'; & $sshdExe -t -f $SshdConfigPath 2>&1 })
        if ($LASTEXITCODE -ne 0) {
            [System.IO.File]::WriteAllBytes($SshdConfigPath, $sshdPlan.OriginalBytes)
            throw ('sshd -t rejected the new {0} ({1}), so the previous file was restored byte for byte and sshd was not reloaded. Changes made so far are recorded in {2}.' -f $SshdConfigPath, ($sshdCheck -join ' '), $GuideBackupFolder)
        }
        Invoke-GuideSshdReload
        Write-Host ('Updated {0} (checked with sshd -t) and reloaded sshd' -f $SshdConfigPath)
    }

    # ---- Firewall: SSH only from $AdminSubnet ------------------------------------------------
    if ($GuideOnWindows) {
        Set-GuideFirewallRule -Name 'PSRemotingGuide-SSH-In-TCP' -DisplayName 'PowerShell Remoting Guide: SSH from admin hosts' -Port $SshPort -Profiles @('Domain', 'Private', 'Public')
        Disable-GuideBuiltInFirewallRule -Name 'OpenSSH-Server-In-TCP'
    }
    else {
        Write-Warning ('Allow TCP {0} only from {1} with your firewall, for example: ufw allow from <subnet> to any port {0} proto tcp, or a firewalld rich rule. This script does not change the Linux firewall.' -f $SshPort, ($AdminSubnet -join ', '))
    }

    # ---- PowerShell 7 script block logging ---------------------------------------------------
    if ($EnableScriptBlockLogging -and $GuideOnWindows) {
        $loggingKey = 'HKLM:\Software\Policies\Microsoft\PowerShellCore\ScriptBlockLogging'
        $loggingValue = (Get-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -ErrorAction SilentlyContinue).EnableScriptBlockLogging
        if ($loggingValue -eq 1) {
            Write-Host 'Unchanged: PowerShell 7 script block logging is already on'
        }
        else {
            $keyExisted = Test-Path -Path $loggingKey
            New-GuideRegistryKey -Path $loggingKey
            Save-GuideChange @{ Kind = 'RegistryValue'; Path = $loggingKey; Name = 'EnableScriptBlockLogging'; Previous = $loggingValue; KeyExisted = $keyExisted }
            $null = New-ItemProperty -Path $loggingKey -Name EnableScriptBlockLogging -Value 1 -PropertyType DWord -Force
            Write-Host 'Turned on PowerShell 7 script block logging (event 4104 in PowerShellCore/Operational once its event manifest is registered: RegisterManifest.ps1 in $PSHOME)'
        }
    }
    elseif ($EnableScriptBlockLogging) {
        $pwshConfig = @{}
        if ($pwshConfigText.Trim()) { $pwshConfig = $pwshConfigText | ConvertFrom-Json -AsHashtable }
        if ($pwshConfig.ScriptBlockLogging -is [System.Collections.IDictionary] -and $pwshConfig.ScriptBlockLogging.EnableScriptBlockLogging -eq $true) {
            Write-Host ('Unchanged: script block logging is already on in {0}' -f $pwshConfigPath)
        }
        else {
            if ($pwshConfig.ScriptBlockLogging -isnot [System.Collections.IDictionary]) { $pwshConfig.ScriptBlockLogging = @{} }
            $pwshConfig.ScriptBlockLogging.EnableScriptBlockLogging = $true
            $pwshConfigBytes = [System.Text.UTF8Encoding]::new($false).GetBytes(($pwshConfig | ConvertTo-Json -Depth 20) + [char]10)
            $pwshConfigExisted = Test-Path -LiteralPath $pwshConfigPath
            $pwshConfigBackup = Join-Path -Path $GuideBackupFolder -ChildPath 'powershell.config.json'
            if ($pwshConfigExisted) { Copy-Item -LiteralPath $pwshConfigPath -Destination $pwshConfigBackup -Force }
            Save-GuideChange @{ Kind = 'PwshConfigFile'; Path = $pwshConfigPath; Existed = $pwshConfigExisted; Backup = $pwshConfigBackup; WrittenSha256 = (Get-GuideSha256 -Bytes $pwshConfigBytes) }
            [System.IO.File]::WriteAllBytes($pwshConfigPath, $pwshConfigBytes)
            Write-Host ('Turned on script block logging in {0} (PowerShell logs to syslog / the systemd journal)' -f $pwshConfigPath)
        }
    }

    # ---- Keys --------------------------------------------------------------------------------
    if ($GuideOnWindows) {
        $adminKeys = Join-Path -Path $env:ProgramData -ChildPath 'ssh\administrators_authorized_keys'
        Write-Host ('Keys of administrators go in {0} (ACL: Administrators and SYSTEM only):' -f $adminKeys)
        Write-Host ('  icacls.exe "{0}" /inheritance:r /grant *S-1-5-32-544:F /grant *S-1-5-18:F' -f $adminKeys)
        Write-Host 'Keys of other users go in their own .ssh\authorized_keys.'
    }
    else {
        Write-Host 'Keys go in ~/.ssh/authorized_keys of each user who connects (mode 600).'
    }
    if (-not $DisablePasswordAuthentication) {
        Write-Warning 'Password logons are still allowed. Once key logon works, set $DisablePasswordAuthentication = $true and run this script again.'
    }

    # ---- Done --------------------------------------------------------------------------------
    Write-Host ''
    Write-Host ('Finished. {0} change(s) recorded in {1}' -f $GuideState.Changes.Count, $GuideStatePath)
    Write-Host ('Next: run the client script (client.ps1) on each computer you administer from, then add the public key it prints on this server.' -f $Target)
}
