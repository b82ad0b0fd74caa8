#Requires -Version 5.1
#Requires -RunAsAdministrator
# PowerShell Remoting Security Guide - rollback script
# Ruleset 2026.11.1. Generated from:
# https://psremoting-guide.example/recommendation?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no&target=app01.corp.example.com&resource=files01.corp.example.com&adminSubnet=10.0.50.0%2F24
# Recommendation: authentication kerberos, transport http (port 5985), endpoint default, second hop
# rbkcd.
# Run on: each computer where you ran one of the other scripts (the server, each client, and the
# computer where you ran the resource script), in an elevated PowerShell session. It undoes what
# those scripts recorded on that computer, one run at a time.
# Run order: 1) the target script (target.ps1) on the server (app01.corp.example.com)  2) the second
# computer script (resource.ps1) on an admin workstation with the ActiveDirectory module  3) the
# client script (client.ps1) on each computer you administer from
# This script:
#   - lists the runs of the target, client and resource scripts on this computer, and rolls back
#     one: $RunId, or by default the newest one that changed something and is not restored yet (run
#     it again for the one before)
#   - reads only backups that SYSTEM and Administrators (root on Linux) alone can write, and refuses
#     the others
#   - on the server: restores every WinRM setting the target script changed to its saved previous
#     value, except that it never turns unencrypted traffic, Basic, Digest or CredSSP back on (it
#     warns instead)
#   - on the server: removes the guide firewall rules and re-enables the built-in rules it disabled
#   - on the server: restores script block logging to its previous state
#   - on a client: restores the client settings and the WinRM service state
#   - on the computer where the resource script ran: removes only the target from the second
#     computer's PrincipalsAllowedToDelegateToAccount (principals added by others are kept), then
#     tells you to purge the target's tickets (klist purge -li 0x3e7 on the target)
#   - renames the run folder it has restored to restored-<name>, only when every step worked;
#     otherwise it lists what failed and stops with an error, and running it again retries (the
#     steps that worked are checked and skipped)
# It stops with a clear message before changing anything if a pre-flight check fails. Review every
# line before you run it in production; paste it whole or run it as a .ps1 file.

# ---- Edit these values -----------------------------------------------------------------------
# The run to roll back: '' for the newest run on this computer that changed something and is not
# restored yet, or the name of a run folder from the list this script prints (for example
# 'target-20250101-120000').
$RunId = ''

& {
    $ErrorActionPreference = 'Stop'
    $GuideExampleValues = @('srv01.contoso.com', 'srv01.fabrikam.com', '192.0.2.10', 'srv02.contoso.com', '192.0.2.0/24', 'PASTE-THE-THUMBPRINT-PRINTED-BY-THE-OTHER-SCRIPT')

    # ---- Pre-flight checks: nothing is changed here ------------------------------------------
    if ($PSVersionTable.PSVersion.Major -lt 5 -or ($PSVersionTable.PSVersion.Major -eq 5 -and $PSVersionTable.PSVersion.Minor -lt 1)) {
        throw ('This script needs Windows PowerShell 5.1 or PowerShell 7; this is {0}. Nothing was changed.' -f $PSVersionTable.PSVersion)
    }
    # $IsWindows is $null in Windows PowerShell 5.1, which only runs on Windows (edition Desktop).
    $GuideOnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
    if ($GuideOnWindows) {
        $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
        if (-not ([Security.Principal.WindowsPrincipal]$guideIdentity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
            throw 'Run this script in an elevated PowerShell session (Run as administrator). Nothing was changed.'
        }
    }
    elseif ((id -u) -ne '0') {
        throw 'Run this script as root (sudo pwsh). Nothing was changed.'
    }
    if ($GuideOnWindows) { $GuideBackupRoot = Join-Path -Path $env:ProgramData -ChildPath 'PSRemotingGuide' }
    else { $GuideBackupRoot = '/var/lib/psremoting-guide' }

    # ---- The runs on this computer, and the one to roll back ---------------------------------
    if ($null -ne $PSSenderInfo) {
        throw 'Run the rollback in a local session (console or RDP): it may remove listeners, firewall rules or endpoints and restart WinRM or sshd, which would cut this remote session off halfway. Nothing was changed.'
    }
    if (-not (Test-Path -LiteralPath $GuideBackupRoot)) {
        throw ('No backup of this guide was found in {0}, so there is nothing to roll back on this computer. The target, client and resource scripts save their backups on the computer where they run: run this script there. If you removed the backup, restore the settings by hand (see the guide). Nothing was changed.' -f $GuideBackupRoot)
    }
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
    Initialize-GuideBackupRoot
    $runs = [System.Collections.Generic.List[object]]::new()
    foreach ($folder in @(Get-ChildItem -LiteralPath $GuideBackupRoot -Directory -Force)) {
        if ($folder.Name -notmatch '^(restored-)?((target|client|resource)-([0-9]{8}-[0-9]{6}))$') { continue }
        $run = [pscustomobject]@{ Name = $Matches[2]; Role = $Matches[3]; Stamp = $Matches[4]; Restored = [bool]$Matches[1]; Folder = $folder.FullName; Changes = @() }
        $statePath = Join-Path -Path $folder.FullName -ChildPath 'changes.clixml'
        if (-not (Test-Path -LiteralPath $statePath)) { continue }
        # Checked before Import-Clixml: a log that someone else could write would make this script run their changes as administrator.
        $unsafe = Get-GuideUnsafeReason -Path $folder.FullName
        if (-not $unsafe) { $unsafe = Get-GuideUnsafeReason -Path $statePath }
        if ($unsafe) {
            Write-Warning ('Skipped {0}: {1}. Only SYSTEM and Administrators (root on Linux) may own or write a backup, so this one is not read. Find out who created it.' -f $folder.FullName, $unsafe)
            continue
        }
        $state = Import-Clixml -LiteralPath $statePath
        if ($state.Guide -ne 'PowerShell Remoting Security Guide') {
            Write-Warning ('Skipped {0}: it is not a backup of this guide.' -f $folder.FullName)
            continue
        }
        $run.Changes = @($state.Changes)
        $runs.Add($run)
    }
    $runs = @($runs | Sort-Object -Property Stamp -Descending)
    if ($runs.Count -eq 0) {
        throw ('No readable backup of this guide was found in {0}, so there is nothing to roll back on this computer. Nothing was changed.' -f $GuideBackupRoot)
    }
    Write-Host ('Runs of the guide''s scripts on this computer (newest first), in {0}:' -f $GuideBackupRoot)
    foreach ($run in $runs) {
        $status = 'not restored'
        if ($run.Restored) { $status = 'restored' }
        elseif ($run.Changes.Count -eq 0) { $status = 'changed nothing' }
        Write-Host ('  {0}  {1} change(s)  {2}' -f $run.Name, $run.Changes.Count, $status)
    }
    $pending = @($runs | Where-Object { -not $_.Restored -and $_.Changes.Count -gt 0 })
    if ($RunId -eq '') {
        if ($pending.Count -eq 0) {
            Write-Host 'Nothing to roll back: every run that changed something is restored.'
            return
        }
        $chosen = $pending[0]
    }
    else {
        $chosen = $runs | Where-Object { $_.Name -eq $RunId -or ('restored-' + $_.Name) -eq $RunId } | Select-Object -First 1
        if (-not $chosen) {
            throw ('There is no run {0} in {1}: set $RunId to one of the runs listed above, or to '''' for the newest. Nothing was changed.' -f $RunId, $GuideBackupRoot)
        }
        if ($chosen.Restored) {
            Write-Host ('{0} is already restored. Nothing was changed.' -f $chosen.Name)
            return
        }
        if ($chosen.Changes.Count -eq 0) {
            Write-Host ('{0} changed nothing, so there is nothing to roll back.' -f $chosen.Name)
            return
        }
    }
    # A newer run of the same script changed the same settings again: undoing the older one first would leave them wrong.
    $newer = @($pending | Where-Object { $_.Role -eq $chosen.Role -and $_.Stamp -gt $chosen.Stamp })
    if ($newer.Count -gt 0) {
        throw ('Roll back {0} first: it is newer than {1} and changed the same settings. Leave $RunId empty to take the newest. Nothing was changed.' -f (($newer | ForEach-Object { $_.Name }) -join ', '), $chosen.Name)
    }

    # ---- Undo functions: each checks the current state first, so that running it again is safe ----
    function Undo-GuideWSManSetting {
        param([Parameter(Mandatory = $true)]$Change)
        $current = [string](Get-Item -Path $Change.Path).Value
        if ($current -eq [string]$Change.Previous) {
            Write-Host ('Unchanged: {0} is already {1}' -f $Change.Path, $Change.Previous)
            return
        }
        if ([string]$Change.Previous -eq 'true' -and [string]$Change.Path -match '\\(AllowUnencrypted|Auth\\Basic|Auth\\Digest|Auth\\CredSSP)$') {
            Write-Warning ('{0} was {1} before the guide ran. The rollback leaves it at {2}: turning unencrypted traffic, Basic, Digest or CredSSP back on weakens every connection. Set it by hand if something really needs it.' -f $Change.Path, $Change.Previous, $current)
            return
        }
        Set-Item -Path $Change.Path -Value ([string]$Change.Previous) -Force
        Write-Host ('Restored {0} = {1}' -f $Change.Path, $Change.Previous)
    }
    function Undo-GuideFirewallRuleCreated {
        param([Parameter(Mandatory = $true)]$Change)
        if (-not (Get-NetFirewallRule -Name $Change.Name -ErrorAction SilentlyContinue)) {
            Write-Host ('Unchanged: there is no firewall rule {0}' -f $Change.Name)
            return
        }
        Remove-NetFirewallRule -Name $Change.Name
        Write-Host ('Removed the firewall rule {0}' -f $Change.Name)
    }
    function Undo-GuideFirewallRuleUpdated {
        param([Parameter(Mandatory = $true)]$Change)
        Set-NetFirewallRule -Name $Change.Name -RemoteAddress ([string[]]$Change.PreviousRemoteAddress) -Profile ([string]$Change.PreviousProfile) -Enabled ([string]$Change.PreviousEnabled)
        Write-Host ('Restored the firewall rule {0}' -f $Change.Name)
    }
    function Undo-GuideFirewallRuleDisabled {
        param([Parameter(Mandatory = $true)]$Change)
        Enable-NetFirewallRule -Name $Change.Name
        Write-Host ('Re-enabled the built-in firewall rule {0}' -f $Change.Name)
    }
    function Test-GuideEmptyRegistryKey {
        param([Parameter(Mandatory = $true)][string]$Path)
        return (@((Get-Item -Path $Path).Property).Count -eq 0) -and (@(Get-ChildItem -Path $Path).Count -eq 0)
    }
    function Undo-GuideRegistryValue {
        param([Parameter(Mandatory = $true)]$Change)
        $keyExists = Test-Path -Path $Change.Path
        if ($null -ne $Change.Previous) {
            Set-ItemProperty -Path $Change.Path -Name $Change.Name -Value $Change.Previous
            Write-Host ('Restored {0}\{1} = {2}' -f $Change.Path, $Change.Name, $Change.Previous)
            return
        }
        if ($keyExists -and $null -ne (Get-ItemProperty -Path $Change.Path -Name $Change.Name -ErrorAction SilentlyContinue)) {
            Remove-ItemProperty -Path $Change.Path -Name $Change.Name
        }
        if (-not $Change.KeyExisted -and $keyExists -and (Test-GuideEmptyRegistryKey -Path $Change.Path)) {
            Remove-Item -Path $Change.Path -Force
        }
        Write-Host ('Restored {0}\{1} (not set)' -f $Change.Path, $Change.Name)
    }
    function Undo-GuideRegistryKeyCreated {
        param([Parameter(Mandatory = $true)]$Change)
        if (-not (Test-Path -Path $Change.Path)) {
            Write-Host ('Unchanged: the registry key {0} is gone' -f $Change.Path)
            return
        }
        if (-not (Test-GuideEmptyRegistryKey -Path $Change.Path)) {
            Write-Warning ('The registry key {0} holds values or subkeys that the guide did not write, so it is kept.' -f $Change.Path)
            return
        }
        Remove-Item -Path $Change.Path -Force
        Write-Host ('Removed the registry key {0}' -f $Change.Path)
    }
    function Undo-GuideServiceState {
        param([Parameter(Mandatory = $true)]$Change)
        $service = Get-Service -Name $Change.Name
        if ([string]$Change.PreviousStatus -ne 'Running' -and $service.Status -ne 'Stopped') { Stop-Service -Name $Change.Name -Force }
        if ([string]$service.StartType -ne [string]$Change.PreviousStartType) { Set-Service -Name $Change.Name -StartupType ([string]$Change.PreviousStartType) }
        Write-Host ('Restored the {0} service ({1}, start type {2})' -f $Change.Name, $Change.PreviousStatus, $Change.PreviousStartType)
    }
    function Undo-GuideADDelegation {
        param([Parameter(Mandatory = $true)]$Change)
        if (-not $Change.Added) {
            throw ('This change was recorded by an earlier version of the resource script, which did not save the entry it added. Remove the target computer from PrincipalsAllowedToDelegateToAccount of {0} by hand; the list before was: {1}' -f $Change.Identity, (@($Change.Previous) -join '; '))
        }
        Import-Module ActiveDirectory
        # Read the list now and remove only the target: principals others added since are kept.
        $resource = Get-ADComputer -Identity $Change.Identity -Properties PrincipalsAllowedToDelegateToAccount
        $current = @($resource.PrincipalsAllowedToDelegateToAccount | Where-Object { $_ })
        $kept = @($current | Where-Object { [string]$_ -ne [string]$Change.Added })
        if ($kept.Count -eq $current.Count) {
            Write-Host ('Unchanged: {0} is no longer allowed to delegate to {1}' -f $Change.Added, $Change.Identity)
            return
        }
        if ($kept.Count -eq 0) {
            Set-ADComputer -Identity $Change.Identity -PrincipalsAllowedToDelegateToAccount $null
        }
        else {
            Set-ADComputer -Identity $Change.Identity -PrincipalsAllowedToDelegateToAccount ([string[]]$kept)
        }
        Write-Host ('Removed {0} from PrincipalsAllowedToDelegateToAccount of {1} (the other principals are kept)' -f $Change.Added, $Change.Identity)
        # The target keeps the service tickets it already obtained until they expire (up to 10 hours).
        Write-Warning ('On {0} (the target), run as administrator: klist purge -li 0x3e7. It drops the tickets it obtained for the second computer, so the delegation ends now rather than when they expire.' -f $Change.TargetName)
    }

    # ---- Roll back the chosen run, newest change first ---------------------------------------
    $GuideUndo = @{}
    $GuideUndo['WSManSetting'] = ${function:Undo-GuideWSManSetting}
    $GuideUndo['FirewallRuleCreated'] = ${function:Undo-GuideFirewallRuleCreated}
    $GuideUndo['FirewallRuleUpdated'] = ${function:Undo-GuideFirewallRuleUpdated}
    $GuideUndo['FirewallRuleDisabled'] = ${function:Undo-GuideFirewallRuleDisabled}
    $GuideUndo['RegistryValue'] = ${function:Undo-GuideRegistryValue}
    $GuideUndo['RegistryKeyCreated'] = ${function:Undo-GuideRegistryKeyCreated}
    $GuideUndo['ServiceState'] = ${function:Undo-GuideServiceState}
    $GuideUndo['ADDelegation'] = ${function:Undo-GuideADDelegation}
    function Get-GuideChangeLabel {
        param([Parameter(Mandatory = $true)]$Change)
        foreach ($property in @('Path', 'Name', 'Entry', 'Added', 'Identity', 'Transport')) {
            if ($Change.$property) { return ('{0} {1}' -f $Change.Kind, $Change.$property) }
        }
        return [string]$Change.Kind
    }
    $changes = @($chosen.Changes)
    [array]::Reverse($changes)
    Write-Host ''
    Write-Host ('Rolling back {0}: {1} change(s), newest first' -f $chosen.Name, $changes.Count)
    # The WSMan: drive needs the WinRM service. A rerun may find it stopped (the run's own
    # ServiceState undo stops it last): start it for the rollback and leave it as it was found.
    $winrmFound = $null
    $wsmanKinds = @('WSManSetting', 'TrustedHosts', 'CredSSPEnabled', 'CredSSPDelegation', 'ListenerCreated', 'ListenerRemoved', 'ListenerUpdated', 'ClientCertificateMapping')
    if ($GuideOnWindows -and @($changes | Where-Object { $wsmanKinds -contains [string]$_.Kind }).Count -gt 0) {
        $winrm = Get-Service -Name WinRM -ErrorAction SilentlyContinue
        if ($winrm -and [string]$winrm.Status -ne 'Running') {
            $winrmFound = [pscustomobject]@{ StartType = [string]$winrm.StartType }
            if ($winrmFound.StartType -eq 'Disabled') { Set-Service -Name WinRM -StartupType Manual }
            Start-Service -Name WinRM
            Write-Host 'Started the WinRM service for the WSMan: drive; it is stopped again at the end'
        }
    }
    $failures = [System.Collections.Generic.List[string]]::new()
    foreach ($change in $changes) {
        $label = Get-GuideChangeLabel -Change $change
        try {
            $kind = [string]$change.Kind
            if (-not $GuideUndo.ContainsKey($kind)) {
                throw ('this rollback does not know the change kind {0}; restore it by hand' -f $kind)
            }
            & $GuideUndo[$kind] -Change $change
        }
        catch {
            $failures.Add(('{0}: {1}' -f $label, $_.Exception.Message))
            Write-Warning ('Could not undo {0}: {1}' -f $label, $_.Exception.Message)
        }
    }
    if ($winrmFound) {
        $winrm = Get-Service -Name WinRM
        if ([string]$winrm.Status -ne 'Stopped') { Stop-Service -Name WinRM -Force }
        if ([string]$winrm.StartType -ne $winrmFound.StartType) { Set-Service -Name WinRM -StartupType $winrmFound.StartType }
    }
    Write-Host ''
    if ($failures.Count -gt 0) {
        Write-Host ('{0} of {1} change(s) of {2} could not be undone:' -f $failures.Count, $changes.Count, $chosen.Name)
        foreach ($failure in $failures) { Write-Host ('  - {0}' -f $failure) }
        throw ('The rollback of {0} is not complete: {1} step(s) failed (listed above). Fix the cause and run this script again with the same $RunId: the steps that worked are checked and skipped. The run stays marked as not restored.' -f $chosen.Name, $failures.Count)
    }
    Rename-Item -LiteralPath $chosen.Folder -NewName ('restored-' + $chosen.Name)
    Write-Host ('Rolled back {0}. Its folder is now restored-{0}, kept for reference. Run this script again to roll back the run before it, if there is one.' -f $chosen.Name)
}
