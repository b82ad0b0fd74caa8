/**
 * Sections of the SSH target script (render-ssh.ts puts them in order). The script runs in
 * PowerShell 7 on Windows or Linux; every platform branch tests $GuideOnWindows, set once from
 * the edition and $IsWindows, because $IsWindows does not exist in Windows PowerShell 5.1.
 *
 * sshd_config rules the design rests on (sshd_config(5), servconf.c): for most keywords the first
 * value sshd reads wins, so the guide's block goes at the very top, before any Include; AllowGroups,
 * AllowUsers, DenyGroups and DenyUsers lines are combined instead, so the script looks at the
 * configuration sshd would really run (sshd -T, which reads Include files) and stops when another
 * line would widen or narrow who may log on.
 */
import type { FirewallProfile } from '../model';
import { SSH } from '../rules/constants';
import { writePlatformTest } from './backup-store';
import { writeNetworkProfileCheck } from './common';
import { q } from './quote';
import { ps, type PsWriter } from './writer';

/** Platform, privileges, and the values of the edit block that need no sshd to check. */
export function writeSshPlatformPreflight(w: PsWriter, profiles: readonly FirewallProfile[]): void {
  writePlatformTest(w);
  w.code(ps`
    if ($IsMacOS) {
        throw 'On macOS, enable Remote Login and add the powershell subsystem to /etc/ssh/sshd_config by hand (see the SSH remoting page of the guide). Nothing was changed.'
    }
    if ($SshPort -isnot [int] -or $SshPort -lt 1 -or $SshPort -gt 65535) {
        throw ('$SshPort must be the TCP port sshd listens on (1-65535); it is ''{0}''. Nothing was changed.' -f $SshPort)
    }
    if (@($SshAllowGroups | Where-Object { $_ }).Count -eq 0) {
        throw '$SshAllowGroups must name at least one group: the people who may log on over SSH. Nothing was changed.'
    }
  `);
  w.indented('if ($GuideOnWindows) {', () => {
    w.code(ps`
      $guideIdentity = [Security.Principal.WindowsIdentity]::GetCurrent()
      if (-not ([Security.Principal.WindowsPrincipal]$guideIdentity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
          throw 'Run this script in an elevated PowerShell 7 session (Run as administrator). Nothing was changed.'
      }
      if (-not (Get-Module -ListAvailable -Name NetSecurity)) {
          throw 'The NetSecurity module (firewall cmdlets) is not available. Nothing was changed.'
      }
    `);
    writeNetworkProfileCheck(w, profiles);
    w.code(ps`$sshdExe = Join-Path -Path $env:SystemRoot -ChildPath ${q(SSH.windowsSshd)}`);
  });
  w.code(ps`
    else {
        if ((id -u) -ne '0') {
            throw 'Run this script as root (sudo pwsh). Nothing was changed.'
        }
        $sshdExe = ${q(SSH.linuxSshd)}
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
  `);
}

/**
 * Defect 11: AllowGroups admits only members of the listed groups, so the person running the script
 * must be in one of them, or the next SSH logon (theirs included) is refused. Windows: the user
 * running the script, as a direct member (by SID) or through a nested group (the logon token).
 * Linux: $SUDO_USER under sudo, else the user running it (root when run directly as root).
 */
export function writeSshAllowGroupsCheck(w: PsWriter): void {
  w.code(ps`
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
  `);
}

/**
 * Defect 11: the pwsh that sshd starts must exist, and its path must have no space (sshd_config's
 * Subsystem line cannot take one on Windows). On Windows the 8.3 short path is looked up, not
 * assumed: 8.3 names can be turned off per volume.
 */
export function writeSubsystemPathCheck(w: PsWriter): void {
  w.code(ps`
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
  `);
}

/**
 * Functions that read sshd's effective configuration (sshd -T on a temporary copy) and plan the new
 * file: the guide block first, the rest of the file byte for byte as it was, in its own line
 * endings and encoding. Get-GuideSshdPlan stops (with $guideStopNote) when the result would change
 * who may log on in a way the user did not ask for, or when sshd rejects it.
 */
export function writeSshdConfigFunctions(w: PsWriter): void {
  w.code(ps`
    $blockStart = ${q(SSH.blockStart)}
    $blockEnd = ${q(SSH.blockEnd)}
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
  `);
  writePlanFunction(w);
}

function writePlanFunction(w: PsWriter): void {
  w.code(ps`
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
  `);
}

/** Windows: installs and starts OpenSSH Server when it is missing or stopped, recording both. */
export function writeOpenSshServerWindows(w: PsWriter): void {
  w.code(ps`
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
  `);
}

/**
 * Writes the planned file (recording the change and keeping a copy of the original first), checks
 * the written file with sshd -t -f, restores the original byte for byte if sshd rejects it, and
 * then reloads sshd.
 */
export function writeSshdConfigApply(w: PsWriter): void {
  w.code(ps`
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
  `);
}

/** Where keys go. The icacls hint names Administrators and SYSTEM by SID: names are localized. */
export function writeKeysHelp(w: PsWriter): void {
  w.code(ps`
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
  `);
}
