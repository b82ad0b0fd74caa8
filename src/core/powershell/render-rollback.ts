/**
 * The rollback script. It lists the runs of the guide's scripts on this computer (their change
 * logs in the backup store), picks one ($RunId, by default the newest one not yet restored that
 * changed something), and undoes its changes newest first. Each undo is idempotent and runs on its
 * own: a failure is reported and the others still run; the run is marked restored only when every
 * undo worked, and the script then exits with an error so that a rerun finishes the job. It never
 * reads a change log that someone other than SYSTEM and Administrators (root) could have written.
 */
import { GUIDE_NAME } from '../rules/constants';
import { writeBackupStoreFunctions, writeBackupRootPath, writePlatformTest } from './backup-store';
import { writeHeader, writePrologue, writeVariables, writeVersionCheck, type ScriptModel } from './common';
import { CREDSSP_POLICY, writeFreshCredentialsReader } from './credssp-policy';
import { num, q } from './quote';
import { writeSshConfigUndo } from './ssh-undo';
import { selectFunctions } from './function-selection';
import { PsWriter, ps, type PsCode } from './writer';

function rollbackDoes(m: ScriptModel): string[] {
  const does: string[] = [
    'lists the runs of the target, client and resource scripts on this computer, and rolls back one: $RunId, or by default the newest one that changed something and is not restored yet (run it again for the one before)',
    'reads only backups that SYSTEM and Administrators (root on Linux) alone can write, and refuses the others',
  ];
  if (m.transport === 'ssh') {
    does.push('on the server: puts sshd_config back byte for byte as it was before the target script (if it was changed since, takes out only the guide block), checks it with sshd -t and reloads sshd; restores PowerShell 7 script block logging as it was; on Windows also restores the firewall rules and the sshd service, and removes OpenSSH Server if the target script installed it');
  } else {
    does.push('on the server: restores every WinRM setting the target script changed to its saved previous value, except that it never turns unencrypted traffic, Basic, Digest or CredSSP back on (it warns instead)');
    if (m.transport === 'https') does.push('on the server: restores the HTTPS listener as it was (removes the one it created, re-creates or resets the one it replaced) and removes the certificate it created with its private key');
    does.push('on the server: removes the guide firewall rules and re-enables the built-in rules it disabled');
    if (m.endpoint === 'jea') does.push('on the server: unregisters the JEA endpoint and removes its files (transcripts are kept)');
    if (m.authentication === 'certificate') does.push('on the server: removes the certificate mapping and the imported client certificate');
    does.push('on the server: restores script block logging to its previous state');
    does.push(
      'on a client: restores the client settings' +
        (m.secondHop === 'credssp' ? ', removes only the CredSSP delegation to the target (delegations to other servers are kept)' : '') +
        ' and the WinRM service state' +
        (m.trustedHosts.length ? ', and removes the TrustedHosts entry it added (other entries are kept)' : ''),
    );
  }
  if (m.secondHop === 'rbkcd') {
    does.push("on the computer where the resource script ran: removes only the target from the second computer's PrincipalsAllowedToDelegateToAccount (principals added by others are kept), then tells you to purge the target's tickets (klist purge -li 0x3e7 on the target)");
  }
  if (m.secondHop === 'credssp') does.push('CredSSP: disables it on the server unless it was enabled before');
  does.push('renames the run folder it has restored to restored-<name>, only when every step worked; otherwise it lists what failed and stops with an error, and running it again retries (the steps that worked are checked and skipped)');
  return does;
}

/** The store's trust check, the list of runs and the choice of one (nothing changes here). */
function writeRunSelection(w: PsWriter): void {
  w.code(ps`
    if ($null -ne $PSSenderInfo) {
        throw 'Run the rollback in a local session (console or RDP): it may remove listeners, firewall rules or endpoints and restart WinRM or sshd, which would cut this remote session off halfway. Nothing was changed.'
    }
    if (-not (Test-Path -LiteralPath $GuideBackupRoot)) {
        throw ('No backup of this guide was found in {0}, so there is nothing to roll back on this computer. The target, client and resource scripts save their backups on the computer where they run: run this script there. If you removed the backup, restore the settings by hand (see the guide). Nothing was changed.' -f $GuideBackupRoot)
    }
  `);
  writeBackupStoreFunctions(w);
  w.code(ps`
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
        if ($state.Guide -ne ${q(GUIDE_NAME)}) {
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
  `);
}

function writeWSManUndo(w: PsWriter): void {
  writeFreshCredentialsReader(w);
  w.code(ps`
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
    function Undo-GuideTrustedHosts {
        param([Parameter(Mandatory = $true)]$Change)
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
    function Undo-GuideCredSSPEnabled {
        param([Parameter(Mandatory = $true)]$Change)
        if ([string]$Change.Role -eq 'Client') {
            # Recorded by an earlier version of the client script: undo it the way the current one is undone.
            Undo-GuideCredSSPDelegation -Change ([pscustomobject]@{ Entry = ${q(CREDSSP_POLICY.prefix)} + $Change.DelegateComputer; PreviousEntries = @() })
            if (-not $Change.PreviouslyEnabled) { Undo-GuideWSManSetting -Change ([pscustomobject]@{ Path = 'WSMan:\localhost\Client\Auth\CredSSP'; Previous = 'false' }) }
            return
        }
        if ($Change.PreviouslyEnabled) {
            Write-Warning 'CredSSP (Role Server) was already enabled before the guide ran, so it stays enabled. Review it with Get-WSManCredSSP.'
            return
        }
        if ([string](Get-Item -Path WSMan:\localhost\Service\Auth\CredSSP).Value -ne 'true') {
            Write-Host 'Unchanged: CredSSP is already disabled on the service'
            return
        }
        Disable-WSManCredSSP -Role Server
        Write-Host 'Disabled CredSSP on the service (Role Server)'
    }
    function Undo-GuideCredSSPDelegation {
        param([Parameter(Mandatory = $true)]$Change)
        $entry = [string]$Change.Entry
        if (@($Change.PreviousEntries) -contains $entry) {
            Write-Host ('Unchanged: CredSSP delegation to {0} was allowed before the guide ran' -f $entry)
            return
        }
        $entries = @(Get-GuideFreshCredentials)
        if ($entries -notcontains $entry) {
            Write-Host ('Unchanged: CredSSP no longer delegates to {0}' -f $entry)
            return
        }
        # Disable-WSManCredSSP -Role Client removes every wsman/ entry, other servers' too: those are added back at once.
        # Both cmdlets go through the local Group Policy object, which a direct registry edit would leave behind.
        $others = @($entries | Where-Object { $_ -like ${q(`${CREDSSP_POLICY.prefix}*`)} -and $_ -ne $entry } | ForEach-Object { $_.Substring(${num(CREDSSP_POLICY.prefix.length)}) })
        $clientCredSSP = [string](Get-Item -Path WSMan:\localhost\Client\Auth\CredSSP).Value
        Disable-WSManCredSSP -Role Client
        if ($others.Count -gt 0) {
            try {
                $null = Enable-WSManCredSSP -Role Client -DelegateComputer ([string[]]$others) -Force
            }
            catch {
                throw ('Removed {0}, but could not allow the other servers again ({1}). Run: Enable-WSManCredSSP -Role Client -DelegateComputer {2} -Force' -f $entry, $_.Exception.Message, (($others | ForEach-Object { "'" + ($_ -replace "'", "''") + "'" }) -join ','))
            }
        }
        # The two cmdlets also switch Client\Auth\CredSSP; its own change (if the guide made one) is undone separately.
        if ([string](Get-Item -Path WSMan:\localhost\Client\Auth\CredSSP).Value -ne $clientCredSSP) {
            Set-Item -Path WSMan:\localhost\Client\Auth\CredSSP -Value $clientCredSSP -Force
        }
        Write-Host ('Removed {0} from the CredSSP delegation policy (AllowFreshCredentials); the other entries are kept' -f $entry)
    }
  `);
}

function writeListenerUndo(w: PsWriter): void {
  w.code(ps`
    function Test-GuideListener {
        param([Parameter(Mandatory = $true)][hashtable]$Selector)
        try {
            return [bool](Get-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $Selector -ErrorAction Stop)
        }
        catch {
            return $false
        }
    }
    function Undo-GuideListenerCreated {
        param([Parameter(Mandatory = $true)]$Change)
        $selector = @{ Address = [string]$Change.Address; Transport = [string]$Change.Transport }
        if (-not (Test-GuideListener -Selector $selector)) {
            Write-Host ('Unchanged: there is no {0} listener on {1}' -f $Change.Transport, $Change.Address)
            return
        }
        Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector
        Write-Host ('Removed the {0} listener' -f $Change.Transport)
    }
    function Undo-GuideListenerRemoved {
        param([Parameter(Mandatory = $true)]$Change)
        $selector = @{ Address = [string]$Change.Address; Transport = [string]$Change.Transport }
        if (Test-GuideListener -Selector $selector) {
            Write-Host ('Unchanged: the {0} listener on {1} exists' -f $Change.Transport, $Change.Address)
            return
        }
        $values = @{}
        if ($Change.Port) { $values.Port = [string]$Change.Port }
        if ($Change.Hostname) { $values.Hostname = [string]$Change.Hostname }
        if ($Change.CertificateThumbprint) { $values.CertificateThumbprint = [string]$Change.CertificateThumbprint }
        $null = New-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector -ValueSet $values
        Write-Host ('Re-created the {0} listener on {1}' -f $Change.Transport, $Change.Address)
    }
    function Undo-GuideListenerUpdated {
        param([Parameter(Mandatory = $true)]$Change)
        # Changed in place (Set-WSManInstance), so that a session over it survives: set back the same way.
        $selector = @{ Address = [string]$Change.Address; Transport = [string]$Change.Transport }
        $listener = Get-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector
        $values = @{}
        if ([string]$listener.CertificateThumbprint -ne [string]$Change.PreviousCertificateThumbprint) { $values.CertificateThumbprint = [string]$Change.PreviousCertificateThumbprint }
        if ($null -ne $Change.PreviousHostname -and [string]$listener.Hostname -ne [string]$Change.PreviousHostname) { $values.Hostname = [string]$Change.PreviousHostname }
        if ($values.Count -eq 0) {
            Write-Host ('Unchanged: the {0} listener already uses certificate {1}' -f $Change.Transport, $Change.PreviousCertificateThumbprint)
            return
        }
        $null = Set-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector -ValueSet $values
        Write-Host ('Set the {0} listener back to certificate {1}' -f $Change.Transport, $Change.PreviousCertificateThumbprint)
    }
  `);
}

function writeFirewallUndo(w: PsWriter): void {
  w.code(ps`
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
  `);
}

function writeCertificateUndo(w: PsWriter): void {
  w.code(ps`
    function Undo-GuideCertificateCreated {
        param([Parameter(Mandatory = $true)]$Change)
        if (-not (Test-Path -Path $Change.Path)) {
            Write-Host ('Unchanged: the certificate {0} is gone' -f $Change.Path)
            return
        }
        # -DeleteKey: the guide created this key with the certificate; without it the private key stays on disk.
        Remove-Item -Path $Change.Path -DeleteKey -Force
        Write-Host ('Removed the certificate {0} and its private key (if it came from your CA, revoke it there if it is no longer needed)' -f $Change.Path)
    }
    function Undo-GuideCertificateImported {
        param([Parameter(Mandatory = $true)]$Change)
        if (-not (Test-Path -Path $Change.Path)) {
            Write-Host ('Unchanged: the certificate {0} is gone' -f $Change.Path)
            return
        }
        # A public certificate only; no -DeleteKey, which could take a key another store's copy still uses.
        Remove-Item -Path $Change.Path -Force
        Write-Host ('Removed the imported certificate {0}' -f $Change.Path)
    }
    function Undo-GuideCertificateRequestPending {
        param([Parameter(Mandatory = $true)]$Change)
        Write-Warning ('A certificate request was left pending at your CA ({0}). The rollback cannot withdraw it: ask the CA manager to deny it, and remove the pending request from Cert:\LocalMachine\REQUEST if it is still there.' -f ((@($Change.PSObject.Properties | Where-Object { $_.Name -ne 'Kind' } | ForEach-Object { '{0} {1}' -f $_.Name, $_.Value })) -join ', '))
    }
    function Undo-GuideClientCertificateMapping {
        param([Parameter(Mandatory = $true)]$Change)
        # Recorded before New-Item named it: found by subject and issuer (earlier versions recorded its path).
        $mappings = @()
        if ($Change.Path) {
            if (Test-Path -Path $Change.Path) { $mappings = @([string]$Change.Path) }
        }
        else {
            $mappings = @(foreach ($mapping in @(Get-ChildItem -Path WSMan:\localhost\ClientCertificate)) {
                $mappingPath = 'WSMan:\localhost\ClientCertificate\' + $mapping.Name
                if ([string](Get-Item -Path ($mappingPath + '\Subject')).Value -eq [string]$Change.Subject -and [string](Get-Item -Path ($mappingPath + '\Issuer')).Value -eq [string]$Change.Issuer) { $mappingPath }
            })
        }
        if ($mappings.Count -eq 0) {
            Write-Host ('Unchanged: there is no certificate mapping for {0}' -f (@($Change.Path, $Change.Subject) | Where-Object { $_ } | Select-Object -First 1))
            return
        }
        foreach ($mappingPath in $mappings) {
            Remove-Item -Path $mappingPath -Recurse -Force
            Write-Host ('Removed the certificate mapping {0}' -f $mappingPath)
        }
    }
    function Undo-GuideClientCertificateMappingReplaced {
        param([Parameter(Mandatory = $true)]$Change)
        # A mapping stores the mapped account's password, which the change log does not keep.
        $quote = { param($Text) "'" + ([string]$Text -replace "'", "''") + "'" }
        Write-Warning ('The target script replaced the certificate mapping {0}. Its password was not saved, so the rollback cannot re-create it. If you still need it, run: New-Item -Path WSMan:\localhost\ClientCertificate -Subject {1} -URI {2} -Issuer {3} -Credential (Get-Credential) -Force' -f $Change.Path, (& $quote $Change.Subject), (& $quote $Change.URI), (& $quote $Change.Issuer))
    }
  `);
}

function writeSystemUndo(w: PsWriter): void {
  w.code(ps`
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
    function Undo-GuideSessionConfiguration {
        param([Parameter(Mandatory = $true)]$Change)
        if (Get-PSSessionConfiguration -Name $Change.Name -ErrorAction SilentlyContinue) {
            Unregister-PSSessionConfiguration -Name $Change.Name -Force
        }
        foreach ($file in @($Change.Files)) {
            if ($file -and (Test-Path -LiteralPath $file)) { Remove-Item -LiteralPath $file -Force }
        }
        Write-Host ('Unregistered the endpoint {0} (its transcripts are kept)' -f $Change.Name)
    }
    function Undo-GuidePathCreated {
        param([Parameter(Mandatory = $true)]$Change)
        if (-not (Test-Path -LiteralPath $Change.Path)) {
            Write-Host ('Unchanged: {0} is gone' -f $Change.Path)
            return
        }
        Remove-Item -LiteralPath $Change.Path -Recurse -Force
        Write-Host ('Removed {0}' -f $Change.Path)
    }
    function Undo-GuidePrivateFolderCreated {
        param([Parameter(Mandatory = $true)]$Change)
        Undo-GuidePathCreated -Change $Change
    }
    function Undo-GuideServiceState {
        param([Parameter(Mandatory = $true)]$Change)
        $service = Get-Service -Name $Change.Name
        if ([string]$Change.PreviousStatus -ne 'Running' -and $service.Status -ne 'Stopped') { Stop-Service -Name $Change.Name -Force }
        if ([string]$service.StartType -ne [string]$Change.PreviousStartType) { Set-Service -Name $Change.Name -StartupType ([string]$Change.PreviousStartType) }
        Write-Host ('Restored the {0} service ({1}, start type {2})' -f $Change.Name, $Change.PreviousStatus, $Change.PreviousStartType)
    }
    function Undo-GuideNote {
        param([Parameter(Mandatory = $true)]$Change)
        Write-Warning $Change.Text
    }
  `);
}

/** SSH specifics (OpenSSH Server on Windows; sshd_config and powershell.config.json in ssh-undo.ts). */
function writeSshUndo(w: PsWriter): void {
  w.code(ps`
    function Undo-GuideWindowsCapability {
        param([Parameter(Mandatory = $true)]$Change)
        if ((Get-WindowsCapability -Online -Name $Change.Name).State -eq 'Installed') {
            $null = Remove-WindowsCapability -Online -Name $Change.Name
            Write-Host ('Removed the Windows capability {0}' -f $Change.Name)
        }
        else {
            Write-Host ('Unchanged: the Windows capability {0} is not installed' -f $Change.Name)
        }
        # The folder OpenSSH Server created on its first start holds its host keys: moved into the run's backup
        # folder (SYSTEM and Administrators only) rather than deleted, so nothing anyone put there is lost.
        if ($Change.ConfigFolder -and -not $Change.ConfigFolderExisted -and (Test-Path -LiteralPath $Change.ConfigFolder)) {
            if (Test-Path -LiteralPath $Change.KeepConfigFolderIn) {
                throw ('{0} is still there and {1} already exists, so it was not moved. Move or delete {0} yourself.' -f $Change.ConfigFolder, $Change.KeepConfigFolderIn)
            }
            Move-Item -LiteralPath $Change.ConfigFolder -Destination $Change.KeepConfigFolderIn
            Write-Host ('Moved {0}, which OpenSSH Server created on its first start (sshd_config, host keys), to {1}; delete it when you no longer need those host keys' -f $Change.ConfigFolder, $Change.KeepConfigFolderIn)
        }
    }
  `);
  writeSshConfigUndo(w);
}

function writeDelegationUndo(w: PsWriter): void {
  w.code(ps`
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
  `);
}

/** Every Undo-Guide<Kind> function above; a kind without one is reported as a failure. */
function writeUndoLoop(w: PsWriter, kinds: readonly string[]): void {
  // A table of the functions above, not a lookup by name at run time: a change log can only ever
  // reach a function written here for it.
  w.code(ps`$GuideUndo = @{}`);
  for (const kind of kinds) w.code({ lines: [`$GuideUndo['${kind}'] = \${function:Undo-Guide${kind}}`] });
  w.code(ps`
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
  `);
}

/** Every undo function the guide has, as one library (top-level functions only). */
function undoLibrary(): PsCode {
  const library = new PsWriter();
  writeWSManUndo(library);
  writeListenerUndo(library);
  writeFirewallUndo(library);
  writeCertificateUndo(library);
  writeSystemUndo(library);
  writeSshUndo(library);
  writeDelegationUndo(library);
  return { lines: library.toString().trimEnd().split('\n') };
}

/**
 * The undo functions for the kinds of change the recommendation's scripts record (and the helpers
 * they call); all of them when the kinds are not known. A change log of another recommendation's
 * script, with a kind left out here, is reported as a failed step and its run stays not restored.
 */
function writeUndoFunctions(w: PsWriter, recordedKinds: ReadonlySet<string> | undefined): string[] {
  const library = undoLibrary();
  const selected = recordedKinds ? selectFunctions(library, [...recordedKinds].map((kind) => `Undo-Guide${kind}`)) : library;
  w.code(selected);
  return selected.lines.flatMap((line) => /^function Undo-Guide([A-Za-z]+) \{$/.exec(line)?.[1] ?? []);
}

/**
 * `recordedKinds`: the kinds of change the other scripts of the recommendation record
 * (recordedChangeKinds); without it the rollback carries an undo for every kind.
 */
export function renderRollback(m: ScriptModel, recordedKinds?: ReadonlySet<string>): string {
  const w = new PsWriter();
  const ssh = m.transport === 'ssh';
  writeHeader(w, m, {
    role: 'rollback',
    title: 'rollback script',
    requiresAdmin: true,
    requiresVersion: ssh ? '7.0' : '5.1',
    runOn: `each computer where you ran one of the other scripts (the server, each client${m.secondHop === 'rbkcd' ? ', and the computer where you ran the resource script' : ''}), ${ssh ? 'in PowerShell 7 as Administrator or root' : 'in an elevated PowerShell session'}. It undoes what those scripts recorded on that computer, one run at a time.`,
    does: rollbackDoes(m),
  });
  writeVariables(w, [
    {
      name: 'RunId',
      value: q(''),
      comment: "The run to roll back: '' for the newest run on this computer that changed something and is not restored yet, or the name of a run folder from the list this script prints (for example 'target-20250101-120000').",
    },
  ]);
  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    w.section('Pre-flight checks: nothing is changed here');
    writeVersionCheck(w, ssh ? '7.0' : '5.1');
    writePlatformTest(w);
    w.code(ps`
      if ($GuideOnWindows) {
          $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
          if (-not ([Security.Principal.WindowsPrincipal]$guideIdentity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
              throw 'Run this script in an elevated PowerShell session (Run as administrator). Nothing was changed.'
          }
      }
      elseif ((id -u) -ne '0') {
          throw 'Run this script as root (sudo pwsh). Nothing was changed.'
      }
    `);
    writeBackupRootPath(w);
    w.section('The runs on this computer, and the one to roll back');
    writeRunSelection(w);
    w.section('Undo functions: each checks the current state first, so that running it again is safe');
    const kinds = writeUndoFunctions(w, recordedKinds);
    w.section('Roll back the chosen run, newest change first');
    writeUndoLoop(w, kinds);
  });
  return w.toString();
}
