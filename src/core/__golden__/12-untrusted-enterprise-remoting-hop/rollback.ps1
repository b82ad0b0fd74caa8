#Requires -Version 5.1
#Requires -RunAsAdministrator
# PowerShell Remoting Security Guide - rollback script
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=untrusted&pki=enterprise&network=public&who=admins&hop=remoting
# Recommendation: authentication negotiate-https, transport https (port 5986), endpoint default,
# second hop explicit-credentials.
# Run on: each computer where you ran one of the other scripts (the server, each client), in an
# elevated PowerShell session. It undoes what those scripts recorded on that computer.
# Run order: 1) target script on the server (srv01.fabrikam.com)  2) client script on each computer
# you administer from
# This script:
#   - on the server: restores every WinRM setting the target script changed to its saved previous
#     value, except that it never turns unencrypted traffic, Basic, Digest or CredSSP back on (it
#     warns instead)
#   - on the server: removes the HTTPS listener it created (and re-creates any listener it replaced
#     or removed) and the certificate it created
#   - on the server: removes the guide firewall rules and re-enables the built-in rules it disabled
#   - on the server: restores script block logging to its previous state
#   - on a client: restores the client settings and the WinRM service state
#   - renames each backup folder it has restored to restored-<name>, so running it twice does
#     nothing more
# It stops with a clear message before changing anything if a pre-flight check fails. Review every
# line before you run it in production; paste it whole or run it as a .ps1 file.

& {
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @('srv01.contoso.com', 'srv01.fabrikam.com', '192.0.2.10', 'srv02.contoso.com', '192.0.2.0/24', 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT')
    $GuideRefusedAddresses = @('Any', '*', '0.0.0.0/0', '::/0', '0.0.0.0-255.255.255.255', 'Internet')

    # ---- Pre-flight checks: nothing is changed here ------------------------------------------
    if ($PSVersionTable.PSVersion.Major -lt 5 -or ($PSVersionTable.PSVersion.Major -eq 5 -and $PSVersionTable.PSVersion.Minor -lt 1)) {
        throw ('This script needs Windows PowerShell 5.1 or PowerShell 7; this is {0}. Nothing was changed.' -f $PSVersionTable.PSVersion)
    }
    $onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
    if ($onWindows) {
        $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
        if (-not ([Security.Principal.WindowsPrincipal]$guideIdentity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
            throw 'Run this script in an elevated PowerShell session (Run as administrator). Nothing was changed.'
        }
        $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide'
    }
    else {
        if ((id -u) -ne '0') { throw 'Run this script as root (sudo pwsh). Nothing was changed.' }
        $GuideBackupRoot = '/var/lib/psremoting-guide'
    }
    if ($null -ne $PSSenderInfo) {
        throw 'Run the rollback in a local session (console or RDP): it may remove listeners, firewall rules or endpoints and restart WinRM or sshd, which would cut this remote session off halfway. Nothing was changed.'
    }
    $backups = @()
    if (Test-Path -Path $GuideBackupRoot) {
        $backups = @(Get-ChildItem -Path $GuideBackupRoot -Directory | Where-Object {
            $_.Name -match '^(target|client|resource)-[0-9]{8}-[0-9]{6}$' -and (Test-Path -Path (Join-Path -Path $_.FullName -ChildPath 'changes.clixml'))
        } | Sort-Object -Property { $_.Name.Substring($_.Name.IndexOf('-') + 1) } -Descending)
    }
    if ($backups.Count -eq 0) {
        throw ('No backup of this guide was found in {0}, so there is nothing to roll back on this computer. The target, client and resource scripts save their backups on the computer where they run: run this script there. If you removed the backup, restore the settings by hand (see the guide). Nothing was changed.' -f $GuideBackupRoot)
    }
    foreach ($backup in $backups) {
        $state = Import-Clixml -Path (Join-Path -Path $backup.FullName -ChildPath 'changes.clixml')
        if ($state.Guide -ne 'PowerShell Remoting Security Guide') {
            throw ('{0} is not a backup of this guide. Move it away and run this script again. Nothing was changed.' -f $backup.FullName)
        }
        Write-Host ('Will restore {0}: {1} change(s) by the {2} script of ruleset {3}, made {4}' -f $backup.Name, @($state.Changes).Count, $state.Role, $state.RulesetVersion, $state.Created)
    }

    # ---- Undo functions ----------------------------------------------------------------------
    function Test-GuideListener {
        param([Parameter(Mandatory = $true)][hashtable]$Selector)
        try {
            return [bool](Get-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $Selector -ErrorAction Stop)
        }
        catch {
            return $false
        }
    }
    function Undo-GuideChange {
        param([Parameter(Mandatory = $true)]$Change)
        switch ([string]$Change.Kind) {
            'WSManSetting' {
                $weakening = [string]$Change.Previous -eq 'true' -and [string]$Change.Path -match '\\(AllowUnencrypted|Auth\\Basic|Auth\\Digest|Auth\\CredSSP)$'
                if ($weakening) {
                    Write-Warning ('{0} was {1} before the guide ran. The rollback leaves it at {2}: turning unencrypted traffic, Basic, Digest or CredSSP back on weakens every connection. Set it by hand if something really needs it.' -f $Change.Path, $Change.Previous, $Change.New)
                }
                else {
                    Set-Item -Path $Change.Path -Value $Change.Previous -Force
                    Write-Host ('Restored {0} = {1}' -f $Change.Path, $Change.Previous)
                }
            }
            'TrustedHosts' {
                # Remove only the entry the client script added; entries added since are kept.
                $entries = @([string](Get-Item -Path WSMan:\localhost\Client\TrustedHosts).Value -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
                $kept = @($entries | Where-Object { $_ -ne [string]$Change.Added })
                if ($kept.Count -eq $entries.Count) {
                    Write-Host ('Unchanged: {0} is no longer in TrustedHosts' -f $Change.Added)
                }
                elseif ($kept.Count -eq 0) {
                    Clear-Item -Path WSMan:\localhost\Client\TrustedHosts -Force
                    Write-Host ('Removed {0} from TrustedHosts (now empty)' -f $Change.Added)
                }
                else {
                    Set-Item -Path WSMan:\localhost\Client\TrustedHosts -Value ($kept -join ',') -Force
                    Write-Host ('Removed {0} from TrustedHosts (the other entries are kept)' -f $Change.Added)
                }
            }
            'CredSSPEnabled' {
                if ($Change.PreviouslyEnabled) {
                    Write-Warning ('CredSSP ({0}) was already enabled before the guide ran, so it stays enabled. Review it with Get-WSManCredSSP.' -f $Change.Role)
                }
                else {
                    Disable-WSManCredSSP -Role $Change.Role
                    Write-Host ('Disabled CredSSP (Role {0})' -f $Change.Role)
                }
            }
            'ListenerCreated' {
                $selector = @{ Address = [string]$Change.Address; Transport = [string]$Change.Transport }
                if (Test-GuideListener -Selector $selector) {
                    Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector
                }
                Write-Host ('Removed the {0} listener' -f $Change.Transport)
            }
            'ListenerRemoved' {
                $selector = @{ Address = [string]$Change.Address; Transport = [string]$Change.Transport }
                if (-not (Test-GuideListener -Selector $selector)) {
                    $values = @{}
                    if ($Change.Port) { $values.Port = [string]$Change.Port }
                    if ($Change.Hostname) { $values.Hostname = [string]$Change.Hostname }
                    if ($Change.CertificateThumbprint) { $values.CertificateThumbprint = [string]$Change.CertificateThumbprint }
                    $null = New-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector -ValueSet $values
                }
                Write-Host ('Re-created the {0} listener on {1}' -f $Change.Transport, $Change.Address)
            }
            'FirewallRuleCreated' {
                if (Get-NetFirewallRule -Name $Change.Name -ErrorAction SilentlyContinue) { Remove-NetFirewallRule -Name $Change.Name }
                Write-Host ('Removed the firewall rule {0}' -f $Change.Name)
            }
            'FirewallRuleUpdated' {
                Set-NetFirewallRule -Name $Change.Name -RemoteAddress ([string[]]$Change.PreviousRemoteAddress) -Profile ([string]$Change.PreviousProfile) -Enabled ([string]$Change.PreviousEnabled)
                Write-Host ('Restored the firewall rule {0}' -f $Change.Name)
            }
            'FirewallRuleDisabled' {
                Enable-NetFirewallRule -Name $Change.Name
                Write-Host ('Re-enabled the built-in firewall rule {0}' -f $Change.Name)
            }
            'CertificateCreated' {
                if (Test-Path -Path $Change.Path) { Remove-Item -Path $Change.Path -Force }
                Write-Host ('Removed the certificate {0} (if it came from your CA, revoke it there if it is no longer needed)' -f $Change.Path)
            }
            'CertificateImported' {
                if (Test-Path -Path $Change.Path) { Remove-Item -Path $Change.Path -Force }
                Write-Host ('Removed the imported certificate {0}' -f $Change.Path)
            }
            'ClientCertificateMapping' {
                if (Test-Path -Path $Change.Path) { Remove-Item -Path $Change.Path -Recurse -Force }
                Write-Host ('Removed the certificate mapping {0}' -f $Change.Path)
            }
            'RegistryValue' {
                if ($null -eq $Change.Previous) {
                    Remove-ItemProperty -Path $Change.Path -Name $Change.Name -ErrorAction SilentlyContinue
                    if (-not $Change.KeyExisted -and (Test-Path -Path $Change.Path) -and -not (Get-Item -Path $Change.Path).Property) {
                        Remove-Item -Path $Change.Path -Force
                    }
                }
                else {
                    Set-ItemProperty -Path $Change.Path -Name $Change.Name -Value $Change.Previous
                }
                Write-Host ('Restored {0}\{1}' -f $Change.Path, $Change.Name)
            }
            'SessionConfiguration' {
                if (Get-PSSessionConfiguration -Name $Change.Name -ErrorAction SilentlyContinue) {
                    Unregister-PSSessionConfiguration -Name $Change.Name -Force
                }
                foreach ($file in @($Change.Files)) {
                    if ($file -and (Test-Path -Path $file)) { Remove-Item -Path $file -Force }
                }
                Write-Host ('Unregistered the endpoint {0} (its transcripts are kept)' -f $Change.Name)
            }
            'PathCreated' {
                if (Test-Path -Path $Change.Path) { Remove-Item -Path $Change.Path -Recurse -Force }
                Write-Host ('Removed {0}' -f $Change.Path)
            }
            'ServiceState' {
                if ([string]$Change.PreviousStatus -ne 'Running') { Stop-Service -Name $Change.Name -Force }
                Set-Service -Name $Change.Name -StartupType ([string]$Change.PreviousStartType)
                Write-Host ('Restored the {0} service ({1}, start type {2})' -f $Change.Name, $Change.PreviousStatus, $Change.PreviousStartType)
            }
            'WindowsCapability' {
                $null = Remove-WindowsCapability -Online -Name $Change.Name
                Write-Host ('Removed the Windows capability {0}' -f $Change.Name)
            }
            'SshdConfigBlock' {
                $text = [System.IO.File]::ReadAllText($Change.Path)
                $kept = [System.Collections.Generic.List[string]]::new()
                $inBlock = $false
                foreach ($line in ($text -split '\r?\n')) {
                    if ($line -eq $Change.Start) { $inBlock = $true; continue }
                    if ($line -eq $Change.End) { $inBlock = $false; continue }
                    if (-not $inBlock) { $kept.Add($line) }
                }
                [System.IO.File]::WriteAllText($Change.Path, ($kept -join [Environment]::NewLine))
                if ($IsWindows) {
                    if ((Get-Service -Name sshd -ErrorAction SilentlyContinue).Status -eq 'Running') { Restart-Service -Name sshd }
                }
                else {
                    $unit = @('sshd', 'ssh') | Where-Object { (systemctl show -p LoadState --value $_) -eq 'loaded' } | Select-Object -First 1
                    if ($unit) { systemctl restart $unit }
                }
                Write-Host ('Removed the guide block from {0} and restarted sshd' -f $Change.Path)
            }
            'ADDelegation' {
                Import-Module ActiveDirectory
                $previous = @($Change.Previous | Where-Object { $_ })
                if ($previous.Count -eq 0) {
                    Set-ADComputer -Identity $Change.Identity -PrincipalsAllowedToDelegateToAccount $null
                }
                else {
                    Set-ADComputer -Identity $Change.Identity -PrincipalsAllowedToDelegateToAccount ([string[]]$previous)
                }
                Write-Host ('Restored PrincipalsAllowedToDelegateToAccount of {0}' -f $Change.Identity)
            }
            'Note' {
                Write-Warning $Change.Text
            }
            default {
                Write-Warning ('Unknown change kind {0}; restore it by hand.' -f $Change.Kind)
            }
        }
    }

    # ---- Roll back, newest backup first ------------------------------------------------------
    foreach ($backup in $backups) {
        $state = Import-Clixml -Path (Join-Path -Path $backup.FullName -ChildPath 'changes.clixml')
        $changes = @($state.Changes)
        [array]::Reverse($changes)
        Write-Host ('Restoring {0}' -f $backup.Name)
        foreach ($change in $changes) {
            Undo-GuideChange -Change $change
        }
        Rename-Item -Path $backup.FullName -NewName ('restored-' + $backup.Name)
    }
    Write-Host ''
    Write-Host 'Rollback finished. The restored backup folders were renamed to restored-<name> and kept for reference.'
}
