/**
 * Target and client scripts for PowerShell remoting over SSH. They are PowerShell 7 scripts that
 * run on Windows and Linux (the target may be either); macOS targets are configured by hand. The
 * target's sections are in ssh-target-sections.ts.
 */
import { BUILTIN_OPENSSH_RULE, PORTS, SSH } from '../rules/constants';
import {
  writeAdminSubnetCheck,
  writeBackup,
  writeDone,
  RESOURCE_EXAMPLE_COMMENT,
  writeExampleCheck,
  writeFirewallHelper,
  writeHeader,
  writePrologue,
  writeVariables,
  writeVersionCheck,
  type ScriptModel,
} from './common';
import { adminSubnetValue } from './admin-subnet-value';
import { writePwshConfigPreflightLinux, writePwshScriptBlockLoggingLinux, writePwshScriptBlockLoggingWindows } from './pwsh-logging';
import { bool, num, q, qList, type PsFragment } from './quote';
import {
  writeKeysHelp,
  writeOpenSshServerWindows,
  writeSshAllowGroupsCheck,
  writeSshdConfigApply,
  writeSshdConfigFunctions,
  writeSshPlatformPreflight,
  writeSubsystemPathCheck,
} from './ssh-target-sections';
import { PsWriter, ps } from './writer';
import { LAST_SCRIPT_TEXT, nextStepLines } from '../rules/next-step';

/** A value that differs by platform, with the platform test of ssh-target-sections.ts (5.1-safe). */
function byPlatform(windows: PsFragment, linux: PsFragment): PsFragment {
  return { code: `if (($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows) { ${windows.code} } else { ${linux.code} }` };
}

function writeSshTargetVariables(w: PsWriter, m: ScriptModel): void {
  writeVariables(w, [
    { name: 'Target', value: q(m.hosts.target.value), comment: 'The name or address clients use to reach this server.' },
    {
      name: 'AdminSubnet',
      value: adminSubnetValue(m),
      comment: "The addresses you administer from: a CIDR subnet, a range, or 'LocalSubnet'; several as @('10.0.50.0/24', '10.0.51.0/24'). Never Any.",
    },
    {
      name: 'SshAllowGroups',
      value: byPlatform(q(SSH.windowsAllowGroup), q(SSH.linuxAllowGroup)),
      comment: `The group(s) whose members may log on over SSH (every SSH logon, not only PowerShell); several as @('a', 'b'). You must be in one of them (under sudo: $SUDO_USER). Defaults: "${SSH.windowsAllowGroup}" on Windows, ${SSH.linuxAllowGroup} on Linux.`,
    },
    {
      name: 'DisablePasswordAuthentication',
      value: bool(false),
      comment: 'Set to $true and run this script again once key logon works for everyone who needs it.',
    },
    {
      name: 'SshdConfigPath',
      value: byPlatform({ code: `Join-Path -Path $env:ProgramData -ChildPath ${q(SSH.windowsConfigInProgramData).code}` }, q(SSH.linuxConfigPath)),
      comment: `The sshd configuration file. Defaults: $env:ProgramData\\${SSH.windowsConfigInProgramData} on Windows, ${SSH.linuxConfigPath} on Linux.`,
    },
    {
      name: 'SshPort',
      value: num(PORTS.ssh),
      comment: 'The port sshd listens on (Port in sshd_config, default 22). The script checks it and scopes the firewall rule to it; it does not change it.',
    },
    {
      name: 'SubsystemPwshPath',
      value: q(''),
      comment: 'The pwsh that sshd starts for PowerShell sessions, as a path without spaces. Empty: this PowerShell 7 (on Windows by its 8.3 short path, which the script looks up).',
    },
    {
      name: 'EnableScriptBlockLogging',
      value: bool(true),
      comment: 'PowerShell 7 script block logging (Windows: the PowerShellCore policy key; Linux: powershell.config.json in $PSHOME). Set to $false if Group Policy or your configuration management sets it.',
    },
  ]);
}

export function renderSshTarget(m: ScriptModel): string {
  const w = new PsWriter();
  writeHeader(w, m, {
    role: 'target',
    title: 'target script (SSH)',
    requiresAdmin: true,
    requiresVersion: '7.0',
    runOn: `the server you connect to (${m.hosts.target.value}), Windows or Linux, in PowerShell 7 (pwsh) as Administrator or root. Keep your current session open until a new logon works.`,
    does: [
      'checks first that you (under sudo: $SUDO_USER) are in $SshAllowGroups, that the pwsh sshd will start exists at a path without spaces, and that no other AllowGroups or AllowUsers line in sshd_config changes who may log on',
      'on Windows: installs and starts OpenSSH Server if needed',
      'adds a marked block at the top of $SshdConfigPath: key authentication, AllowGroups $SshAllowGroups, the powershell subsystem, and (once $DisablePasswordAuthentication is $true) no passwords; the rest of the file stays byte for byte',
      'checks the new file with sshd -T before writing it and with sshd -t after, restores the original byte for byte if sshd rejects it, keeps a copy of the original in the backup folder, then reloads sshd',
      `on Windows: limits the firewall to $AdminSubnet (TCP $SshPort) and disables the built-in rule ${BUILTIN_OPENSSH_RULE}; on Linux it tells you what to allow`,
      'turns on PowerShell 7 script block logging (unless $EnableScriptBlockLogging is $false)',
    ],
  });
  writeSshTargetVariables(w, m);

  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    w.section('Pre-flight checks: nothing is changed here');
    writeVersionCheck(w, '7.0');
    writeExampleCheck(w, 'Target');
    writeAdminSubnetCheck(w);
    writeSshPlatformPreflight(w, m.firewall.profiles);
    writeSshAllowGroupsCheck(w);
    writeSubsystemPathCheck(w);
    writeSshdConfigFunctions(w);
    w.code(ps`
      $sshdPlan = $null
      # On Windows before OpenSSH Server is installed or first started there is no sshd_config yet: checked after the install below.
      if ((Test-Path -LiteralPath $sshdExe -PathType Leaf) -and (Test-Path -LiteralPath $SshdConfigPath -PathType Leaf)) { $sshdPlan = Get-GuideSshdPlan }
    `);
    w.indented('if ($EnableScriptBlockLogging -and -not $GuideOnWindows) {', () => writePwshConfigPreflightLinux(w));

    writeBackup(w, m, 'target', { winrmConfig: false, root: 'cross-platform' });
    writeFirewallHelper(w);

    w.section('OpenSSH server (Windows)');
    writeOpenSshServerWindows(w);

    w.section('sshd_config');
    writeSshdConfigApply(w);

    w.section('Firewall: SSH only from $AdminSubnet');
    w.indented('if ($GuideOnWindows) {', () => {
      for (const rule of m.firewall.rules) {
        w.code(ps`Set-GuideFirewallRule -Name ${q(rule.name)} -DisplayName ${q(rule.displayName)} -Port $SshPort -Profiles @(${qList(rule.profiles)})`);
      }
      w.code(ps`Disable-GuideBuiltInFirewallRule -Name ${q(BUILTIN_OPENSSH_RULE)}`);
    });
    w.code(ps`
      else {
          Write-Warning ('Allow TCP {0} only from {1} with your firewall, for example: ufw allow from <subnet> to any port {0} proto tcp, or a firewalld rich rule. This script does not change the Linux firewall.' -f $SshPort, ($AdminSubnet -join ', '))
      }
    `);

    w.section('PowerShell 7 script block logging');
    w.indented('if ($EnableScriptBlockLogging -and $GuideOnWindows) {', () => writePwshScriptBlockLoggingWindows(w));
    w.indented('elseif ($EnableScriptBlockLogging) {', () => writePwshScriptBlockLoggingLinux(w));

    w.section('Keys');
    writeKeysHelp(w);
    writeDone(w, nextStepLines(m, 'target').join(' '));
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
    { name: 'SshPort', value: num(PORTS.ssh), comment: 'The port sshd listens on there ($SshPort of the target script).' },
  ];
  if (m.hosts.resource) vars.push({ name: 'Resource', value: q(m.hosts.resource.value), comment: RESOURCE_EXAMPLE_COMMENT });
  writeVariables(w, vars);

  w.blank();
  w.indented('& {', () => {
    writePrologue(w);
    w.section('Pre-flight checks: nothing is changed here');
    writeVersionCheck(w, '7.0');
    writeExampleCheck(w, 'Target');
    // The example commands at the end use $Resource: an example name there would send them to a stranger's computer.
    if (m.hosts.resource) writeExampleCheck(w, 'Resource');
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
          $result = Invoke-Command -HostName $Target -Port $SshPort -UserName $UserName -KeyFilePath $keyFile -ScriptBlock { [Environment]::MachineName } -ErrorAction Stop
          Write-Host ('Connected to {0}' -f $result)
      }
      catch {
          Write-Warning ('The test connection failed: {0}. Is the public key on the server, and are you in $SshAllowGroups there?' -f $_.Exception.Message)
      }
      Write-Host (${q(`${LAST_SCRIPT_TEXT} Connect with: Enter-PSSession -HostName {0} -Port {3} -UserName {1} -KeyFilePath {2}`)} -f $Target, $UserName, $keyFile, $SshPort)
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
