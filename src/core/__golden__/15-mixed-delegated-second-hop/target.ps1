#Requires -Version 7.0
#Requires -RunAsAdministrator
# PowerShell Remoting Security Guide - target script (SSH)
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=mixed&network=private&who=delegated&hop=remoting
# Recommendation: authentication ssh, transport ssh (port 22), endpoint default, second hop
# explicit-credentials.
# Run on: the server you connect to (srv01.contoso.com), Windows or Linux, in PowerShell 7 (pwsh) as
# Administrator or root. Keep your current session open until a new logon works.
# Run order: 1) target script on the server (srv01.contoso.com)  2) client script on each computer
# you administer from
# This script:
#   - on Windows: installs and starts OpenSSH Server if needed
#   - adds a marked block at the top of sshd_config: key authentication, AllowGroups
#     $SshAllowGroups, the powershell subsystem, and (once $DisablePasswordAuthentication is $true)
#     no passwords
#   - checks the new configuration with sshd -t before restarting sshd, and restores the previous
#     file if the check fails
#   - on Windows: limits the firewall to $AdminSubnet (TCP 22) and disables the built-in rule
#     OpenSSH-Server-In-TCP; on Linux it tells you what to allow
# It stops with a clear message before changing anything if a pre-flight check fails. Review every
# line before you run it in production; paste it whole or run it as a .ps1 file.

# ---- Edit these values -----------------------------------------------------------------------
# The name or address clients use to reach this server.
$Target = 'srv01.contoso.com'
# The addresses you administer from: a CIDR subnet, a range, or 'LocalSubnet'; several as
# @('10.0.50.0/24', '10.0.51.0/24'). Never Any.
$AdminSubnet = '192.0.2.0/24'
# The group(s) whose members may log on over SSH (all SSH logons, not only PowerShell). On Windows
# the default below is "openssh users".
$SshAllowGroups = 'psremoting'
# Set to $true and run this script again once key logon works for everyone who needs it.
$DisablePasswordAuthentication = $false
if ($IsWindows -and $SshAllowGroups -eq 'psremoting') { $SshAllowGroups = 'openssh users' }

& {
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @('srv01.contoso.com', 'srv01.fabrikam.com', '192.0.2.10', 'srv02.contoso.com', '192.0.2.0/24', 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT')
    $GuideRefusedAddresses = @('Any', '*', '0.0.0.0/0', '::/0', '0.0.0.0-255.255.255.255', 'Internet')

    # ---- Pre-flight checks: nothing is changed here ------------------------------------------
    if ($PSVersionTable.PSVersion.Major -lt 7) {
        throw ('This script needs PowerShell 7 (pwsh); this is {0}. Install PowerShell 7 and run it with pwsh. Nothing was changed.' -f $PSVersionTable.PSVersion)
    }
    if ($IsMacOS) {
        throw 'On macOS, enable Remote Login and add the powershell subsystem to /etc/ssh/sshd_config by hand (see the SSH remoting page of the guide). Nothing was changed.'
    }
    if ($IsWindows) {
        $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
        if (-not ([Security.Principal.WindowsPrincipal]$guideIdentity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
            throw 'Run this script in an elevated PowerShell 7 session (Run as administrator). Nothing was changed.'
        }
        $sshdConfig = Join-Path -Path $env:ProgramData -ChildPath 'ssh\sshd_config'
        $sshdExe = Join-Path -Path $env:SystemRoot -ChildPath 'System32\OpenSSH\sshd.exe'
        $pwshPath = 'C:\Program Files\PowerShell\7\pwsh.exe'
        if (-not (Test-Path -Path $pwshPath)) {
            throw ('PowerShell 7 was not found at {0}; the powershell subsystem needs it there (the path in sshd_config cannot contain spaces, so it uses the 8.3 name). Install PowerShell 7 (MSI), then run this script again. Nothing was changed.' -f $pwshPath)
        }
        $subsystemLine = 'Subsystem powershell c:/progra~1/powershell/7/pwsh.exe -sshs'
        if (-not (Get-Module -ListAvailable -Name NetSecurity)) {
            throw 'The NetSecurity module (firewall cmdlets) is not available. Nothing was changed.'
        }
        foreach ($group in @($SshAllowGroups)) {
            $localGroup = Get-LocalGroup -Name $group -ErrorAction SilentlyContinue
            if (-not $localGroup) {
                throw ('The local group ''{0}'' ($SshAllowGroups) does not exist. Create it (New-LocalGroup -Name ''{0}''), add the people who connect, then run this script again. Nothing was changed.' -f $group)
            }
            if (@(Get-LocalGroupMember -Group $group -ErrorAction SilentlyContinue).Count -eq 0) {
                throw ('The group ''{0}'' has no members: after this script nobody could log on over SSH. Add the people who connect (Add-LocalGroupMember), then run this script again. Nothing was changed.' -f $group)
            }
        }
    }
    else {
        if ((id -u) -ne '0') {
            throw 'Run this script as root (sudo pwsh). Nothing was changed.'
        }
        $sshdConfig = '/etc/ssh/sshd_config'
        $sshdExe = '/usr/sbin/sshd'
        if (-not (Test-Path -Path $sshdConfig) -or -not (Test-Path -Path $sshdExe)) {
            throw 'OpenSSH server is not installed (no /etc/ssh/sshd_config or /usr/sbin/sshd). Install it with your package manager (for example openssh-server), then run this script again. Nothing was changed.'
        }
        $pwshPath = Join-Path -Path $PSHOME -ChildPath 'pwsh'
        if ($pwshPath.Contains(' ')) {
            throw ('The pwsh path {0} contains a space, which sshd_config cannot use. Nothing was changed.' -f $pwshPath)
        }
        $subsystemLine = 'Subsystem powershell ' + $pwshPath + ' -sshs'
        foreach ($group in @($SshAllowGroups)) {
            getent group $group | Out-Null
            if ($LASTEXITCODE -ne 0) {
                throw ('The group ''{0}'' ($SshAllowGroups) does not exist. Create it (groupadd {0}) and add the people who connect (usermod -aG {0} <user>), then run this script again. Nothing was changed.' -f $group)
            }
        }
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
    foreach ($guideAddress in @($AdminSubnet)) {
        if ([string]::IsNullOrWhiteSpace($guideAddress) -or $GuideRefusedAddresses -contains $guideAddress) {
            throw ('$AdminSubnet must list the addresses you administer from (for example 10.0.50.0/24 or LocalSubnet); ''{0}'' would admit too much. Nothing was changed.' -f $guideAddress)
        }
    }

    # ---- Backup: saved before any change -----------------------------------------------------
    $GuideBackupRoot = '/var/lib/psremoting-guide'
    if ($IsWindows) { $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide' }
    $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('target-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    while (Test-Path -Path $GuideBackupFolder) {
        Start-Sleep -Seconds 1
        $GuideBackupFolder = Join-Path -Path $GuideBackupRoot -ChildPath ('target-' + (Get-Date -Format 'yyyyMMdd-HHmmss'))
    }
    $null = New-Item -Path $GuideBackupFolder -ItemType Directory -Force
    $GuideState = [pscustomobject]@{
        Guide          = 'PowerShell Remoting Security Guide'
        Role           = 'target'
        RulesetVersion = '2026.11.1'
        Computer       = [Environment]::MachineName
        Created        = (Get-Date).ToString('o')
        Changes        = [System.Collections.Generic.List[object]]::new()
    }
    $GuideStatePath = Join-Path -Path $GuideBackupFolder -ChildPath 'changes.clixml'
    Export-Clixml -InputObject $GuideState -Path $GuideStatePath -Depth 5 -Force
    function Save-GuideChange {
        param([Parameter(Mandatory = $true)][hashtable]$Change)
        $GuideState.Changes.Add([pscustomobject]$Change)
        Export-Clixml -InputObject $GuideState -Path $GuideStatePath -Depth 5 -Force
    }
    Write-Host ('Backup and change log: {0}' -f $GuideBackupFolder)
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
    if ($IsWindows) {
        if (-not (Get-Service -Name sshd -ErrorAction SilentlyContinue)) {
            Save-GuideChange @{ Kind = 'WindowsCapability'; Name = 'OpenSSH.Server~~~~0.0.1.0' }
            $null = Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0
            Write-Host 'Installed OpenSSH Server'
        }
        $sshdService = Get-Service -Name sshd
        if ([string]$sshdService.StartType -ne 'Automatic' -or $sshdService.Status -ne 'Running') {
            Save-GuideChange @{ Kind = 'ServiceState'; Name = 'sshd'; PreviousStatus = [string]$sshdService.Status; PreviousStartType = [string]$sshdService.StartType }
            Set-Service -Name sshd -StartupType Automatic
            Start-Service -Name sshd
            Write-Host 'Started the sshd service (start type Automatic)'
        }
    }

    # ---- sshd_config -------------------------------------------------------------------------
    $blockStart = '# BEGIN PowerShell Remoting Security Guide'
    $blockEnd = '# END PowerShell Remoting Security Guide'
    Copy-Item -Path $sshdConfig -Destination (Join-Path -Path $GuideBackupFolder -ChildPath 'sshd_config') -Force
    $original = [System.IO.File]::ReadAllText($sshdConfig)
    $newLine = [Environment]::NewLine
    $lines = [System.Collections.Generic.List[string]]::new()
    $inBlock = $false
    foreach ($line in ($original -split '\r?\n')) {
        if ($line -eq $blockStart) { $inBlock = $true; continue }
        if ($line -eq $blockEnd) { $inBlock = $false; continue }
        if (-not $inBlock) { $lines.Add($line) }
    }
    $subsystemDefined = @($lines | Where-Object { $_ -match '^\s*Subsystem\s+powershell\s' }).Count -gt 0
    # Windows OpenSSH compares group names in lower case; Linux group names are case-sensitive.
    $quotedGroups = @($SshAllowGroups | ForEach-Object { if ($IsWindows) { '"' + $_.ToLowerInvariant() + '"' } else { '"' + $_ + '"' } }) -join ' '
    $block = [System.Collections.Generic.List[string]]::new()
    $block.Add($blockStart)
    $block.Add('# Added by the target script. sshd uses the first value of each keyword, so this block comes first.')
    $block.Add('PubkeyAuthentication yes')
    $block.Add('AllowGroups ' + $quotedGroups)
    if ($DisablePasswordAuthentication) {
        $block.Add('PasswordAuthentication no')
        $block.Add('ChallengeResponseAuthentication no')
    }
    if (-not $subsystemDefined) { $block.Add($subsystemLine) }
    $block.Add($blockEnd)
    $updated = (@($block) + @($lines)) -join $newLine
    if ($updated -eq $original) {
        Write-Host 'Unchanged: sshd_config already has this configuration'
    }
    else {
        Save-GuideChange @{ Kind = 'SshdConfigBlock'; Path = $sshdConfig; Start = $blockStart; End = $blockEnd }
        [System.IO.File]::WriteAllText($sshdConfig, $updated)
        & $sshdExe -t -f $sshdConfig
        if ($LASTEXITCODE -ne 0) {
            [System.IO.File]::WriteAllText($sshdConfig, $original)
            throw ('sshd -t rejected the new configuration, so the previous sshd_config was restored. Check {0}.' -f $sshdConfig)
        }
        if ($IsWindows) {
            Restart-Service -Name sshd
        }
        else {
            $unit = @('sshd', 'ssh') | Where-Object { (systemctl show -p LoadState --value $_) -eq 'loaded' } | Select-Object -First 1
            if (-not $unit) { throw 'Could not find the sshd or ssh systemd unit; restart the SSH daemon yourself.' }
            systemctl restart $unit
            if ($LASTEXITCODE -ne 0) { throw ('systemctl restart {0} failed.' -f $unit) }
        }
        Write-Host ('Updated {0} and restarted sshd' -f $sshdConfig)
    }
    if ($subsystemDefined) {
        Write-Host 'Note: sshd_config already defines a powershell subsystem; it was kept.'
    }

    # ---- Firewall: SSH only from $AdminSubnet ------------------------------------------------
    if ($IsWindows) {
        Set-GuideFirewallRule -Name 'PSRemotingGuide-SSH-In-TCP' -DisplayName 'PowerShell Remoting Guide: SSH (22) from admin hosts' -Port 22 -Profiles @('Domain', 'Private')
        Disable-GuideBuiltInFirewallRule -Name 'OpenSSH-Server-In-TCP'
    }
    else {
        Write-Warning ('Allow TCP 22 only from {0} with your firewall, for example: ufw allow from <subnet> to any port 22 proto tcp, or a firewalld rich rule. This script does not change the Linux firewall.' -f ($AdminSubnet -join ', '))
    }

    # ---- Keys --------------------------------------------------------------------------------
    if ($IsWindows) {
        Write-Host 'Keys of administrators go in C:\ProgramData\ssh\administrators_authorized_keys (ACL: Administrators and SYSTEM only):'
        Write-Host '  icacls.exe C:\ProgramData\ssh\administrators_authorized_keys /inheritance:r /grant Administrators:F /grant SYSTEM:F'
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
    Write-Host ('Next: run the client script on each computer you administer from, add its public key here, and test.' -f $Target)
}
