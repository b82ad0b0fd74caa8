/**
 * Target and client scripts for PowerShell remoting over SSH. They are PowerShell 7 scripts that
 * run on Windows and Linux (the target may be either); macOS targets are configured by hand.
 */
import { BUILTIN_OPENSSH_RULE, GUIDE_NAME, SSH } from '../rules/constants';
import {
  writeAdminSubnetCheck,
  writeBackup,
  writeDone,
  writeExampleCheck,
  writeFirewallHelper,
  writeHeader,
  writePrologue,
  writeVariables,
  writeVersionCheck,
  type ScriptModel,
} from './common';
import { bool, num, q, qList } from './quote';
import { PsWriter, ps } from './writer';

export function renderSshTarget(m: ScriptModel): string {
  const w = new PsWriter();
  writeHeader(w, m, {
    role: 'target',
    title: 'target script (SSH)',
    requiresAdmin: true,
    requiresVersion: '7.0',
    runOn: `the server you connect to (${m.hosts.target.value}), Windows or Linux, in PowerShell 7 (pwsh) as Administrator or root. Keep your current session open until a new logon works.`,
    does: [
      'on Windows: installs and starts OpenSSH Server if needed',
      'adds a marked block at the top of sshd_config: key authentication, AllowGroups $SshAllowGroups, the powershell subsystem, and (once $DisablePasswordAuthentication is $true) no passwords',
      'checks the new configuration with sshd -t before restarting sshd, and restores the previous file if the check fails',
      `on Windows: limits the firewall to $AdminSubnet (TCP 22) and disables the built-in rule ${BUILTIN_OPENSSH_RULE}; on Linux it tells you what to allow`,
    ],
  });
  writeVariables(w, [
    { name: 'Target', value: q(m.hosts.target.value), comment: 'The name or address clients use to reach this server.' },
    {
      name: 'AdminSubnet',
      value: q(m.firewall.remoteAddress.example),
      comment: "The addresses you administer from: a CIDR subnet, a range, or 'LocalSubnet'; several as @('10.0.50.0/24', '10.0.51.0/24'). Never Any.",
    },
    {
      name: 'SshAllowGroups',
      value: q(SSH.linuxAllowGroup),
      comment: `The group(s) whose members may log on over SSH (all SSH logons, not only PowerShell). On Windows the default below is "${SSH.windowsAllowGroup}".`,
    },
    {
      name: 'DisablePasswordAuthentication',
      value: bool(false),
      comment: 'Set to $true and run this script again once key logon works for everyone who needs it.',
    },
  ]);
  w.code(ps`
    if ($IsWindows -and $SshAllowGroups -eq ${q(SSH.linuxAllowGroup)}) { $SshAllowGroups = ${q(SSH.windowsAllowGroup)} }
  `);

  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    w.section('Pre-flight checks: nothing is changed here');
    writeVersionCheck(w, '7.0');
    w.code(ps`
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
          $pwshPath = ${q(SSH.windowsPwshPath)}
          if (-not (Test-Path -Path $pwshPath)) {
              throw ('PowerShell 7 was not found at {0}; the powershell subsystem needs it there (the path in sshd_config cannot contain spaces, so it uses the 8.3 name). Install PowerShell 7 (MSI), then run this script again. Nothing was changed.' -f $pwshPath)
          }
          $subsystemLine = ${q(`Subsystem powershell ${SSH.windowsSubsystem}`)}
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
    `);
    writeExampleCheck(w, 'Target');
    writeAdminSubnetCheck(w);

    writeBackup(w, m, 'target', { winrmConfig: false, root: 'cross-platform' });
    writeFirewallHelper(w);

    w.section('OpenSSH server (Windows)');
    w.code(ps`
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
    `);

    w.section('sshd_config');
    w.code(ps`
      $blockStart = ${q(`# BEGIN ${GUIDE_NAME}`)}
      $blockEnd = ${q(`# END ${GUIDE_NAME}`)}
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
    `);

    w.section('Firewall: SSH only from $AdminSubnet');
    w.indented('if ($IsWindows) {', () => {
      for (const rule of m.firewall.rules) {
        w.code(ps`Set-GuideFirewallRule -Name ${q(rule.name)} -DisplayName ${q(rule.displayName)} -Port ${num(rule.port)} -Profiles @(${qList(rule.profiles)})`);
      }
      w.code(ps`Disable-GuideBuiltInFirewallRule -Name ${q(BUILTIN_OPENSSH_RULE)}`);
    });
    w.code(ps`
      else {
          Write-Warning ('Allow TCP 22 only from {0} with your firewall, for example: ufw allow from <subnet> to any port 22 proto tcp, or a firewalld rich rule. This script does not change the Linux firewall.' -f ($AdminSubnet -join ', '))
      }
    `);

    w.section('Keys');
    w.code(ps`
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
    `);
    writeDone(w, 'Next: run the client script on each computer you administer from, add its public key here, and test.');
  });
  return w.toString();
}

export function renderSshClient(m: ScriptModel): string {
  const w = new PsWriter();
  writeHeader(w, m, {
    role: 'client',
    title: 'client script (SSH)',
    requiresAdmin: false,
    requiresVersion: '7.0',
    runOn: 'each computer you administer from (Windows, Linux or macOS), in PowerShell 7 (pwsh) as yourself. It changes nothing system-wide.',
    does: [
      'checks for PowerShell 7 and the ssh client',
      'creates an Ed25519 key pair for you if you have none (ssh-keygen asks for a passphrase)',
      'shows the public key to add on the server, then tests the connection',
    ],
  });
  const vars = [
    { name: 'Target', value: q(m.hosts.target.value), comment: 'The server you connect to.' },
    { name: 'UserName', value: q(SSH.exampleUser), comment: 'Your account on the server (for a domain account on Windows: user@domain).' },
  ];
  if (m.hosts.resource) vars.push({ name: 'Resource', value: q(m.hosts.resource.value), comment: 'The second computer that commands on the server reach (only used in the example at the end).' });
  writeVariables(w, vars);

  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    w.section('Pre-flight checks: nothing is changed here');
    writeVersionCheck(w, '7.0');
    writeExampleCheck(w, 'Target');
    w.code(ps`
      if (-not (Get-Command -Name ssh -ErrorAction SilentlyContinue)) {
          throw 'The ssh client was not found. On Windows it is the optional feature OpenSSH.Client; on Linux and macOS install openssh. Nothing was changed.'
      }
      if (-not (Get-Command -Name ssh-keygen -ErrorAction SilentlyContinue)) {
          throw 'ssh-keygen was not found. Nothing was changed.'
      }
    `);
    w.section('Your key pair');
    w.code(ps`
      $sshFolder = Join-Path -Path $HOME -ChildPath '.ssh'
      $keyFile = Join-Path -Path $sshFolder -ChildPath 'id_ed25519'
      if (Test-Path -Path $keyFile) {
          Write-Host ('Using your existing key {0}' -f $keyFile)
      }
      else {
          $null = New-Item -Path $sshFolder -ItemType Directory -Force
          ssh-keygen -t ed25519 -f $keyFile
          if ($LASTEXITCODE -ne 0) { throw 'ssh-keygen failed.' }
          Write-Host ('Created the key pair {0} (it is yours; the rollback script does not remove it)' -f $keyFile)
      }
      Write-Host 'Add this public key on the server (see the target script output for where):'
      Get-Content -Path ($keyFile + '.pub') | Write-Host
      Write-Host 'On the first connection, compare the host key fingerprint ssh shows with the one on the server before you accept it.'
    `);
    w.section('Test the connection');
    w.code(ps`
      try {
          $result = Invoke-Command -HostName $Target -UserName $UserName -KeyFilePath $keyFile -ScriptBlock { [Environment]::MachineName } -ErrorAction Stop
          Write-Host ('Connected to {0}' -f $result)
      }
      catch {
          Write-Warning ('The test connection failed: {0}. Is the public key on the server, and are you in $SshAllowGroups there?' -f $_.Exception.Message)
      }
      Write-Host ('Connect with: Enter-PSSession -HostName {0} -UserName {1} -KeyFilePath {2}' -f $Target, $UserName, $keyFile)
    `);
  });
  if (m.secondHop === 'explicit-credentials') {
    w.blank();
    w.comment('Second hop: pass a least-privilege credential for the second computer into the remote command. From a Windows server, for example:');
    w.commentLine('  $cred = Get-Credential');
    if (m.answers.hop === 'remoting') {
      w.commentLine('  Invoke-Command -HostName $Target -UserName $UserName -KeyFilePath ~/.ssh/id_ed25519 -ScriptBlock { Invoke-Command -ComputerName $Using:Resource -Credential $Using:cred -ScriptBlock { hostname } }');
      w.comment('Nested SSH sessions from the server (PowerShell 7.1 and later) need a key for the second computer on the server instead.');
    } else {
      w.commentLine("  Invoke-Command -HostName $Target -UserName $UserName -KeyFilePath ~/.ssh/id_ed25519 -ScriptBlock { New-PSDrive -Name T -PSProvider FileSystem -Root ('\\\\' + $Using:Resource + '\\Tools') -Credential $Using:cred }");
    }
  }
  return w.toString();
}
