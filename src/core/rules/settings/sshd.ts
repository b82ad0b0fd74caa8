/** sshd and PowerShell 7 on a target reached over SSH. */
import { PATHS, SSH } from '../constants';
import type { SettingRule } from '../item-table';
import { onSsh } from '../plan-conditions';

export const SSHD_SETTINGS: readonly SettingRule[] = [
  {
    id: 'sshd-pubkey',
    when: onSsh,
    scope: 'sshd',
    name: 'sshd_config PubkeyAuthentication',
    value: 'yes',
    appliedBy: 'target',
    because: 'Key authentication: the private key never leaves the client. Prefer Ed25519 keys and ssh-agent.',
    sources: ['OSSH', 'SSH'],
    topic: 'ssh-remoting',
  },
  {
    id: 'sshd-password',
    when: onSsh,
    scope: 'sshd',
    name: 'sshd_config PasswordAuthentication and KbdInteractiveAuthentication',
    value: 'no, once key logon works (set $DisablePasswordAuthentication = $true and run the target script again)',
    appliedBy: 'target',
    because:
      'With passwords off, only key holders can log on; turning them off before your key works would lock you out, so it is a second run. The script also writes ChallengeResponseAuthentication no: OpenSSH before 8.7 (older in-box Windows builds) has it as a separate switch, later versions read it as KbdInteractiveAuthentication.',
    sources: ['OSSH', 'SSH', 'SSHDCFG'],
    topic: 'ssh-remoting',
  },
  {
    id: 'sshd-allowgroups',
    when: onSsh,
    scope: 'sshd',
    name: 'sshd_config AllowGroups',
    value: `"${SSH.windowsAllowGroup}" on Windows, ${SSH.linuxAllowGroup} on Linux (edit $SshAllowGroups; you must be a member)`,
    appliedBy: 'target',
    because:
      'Only members of the listed groups may log on over SSH at all; on Windows the "OpenSSH Users" group exists for this. sshd combines every AllowGroups line (and requires AllowUsers too when both are set), so the script stops if sshd_config or a file it includes already has AllowGroups for other groups or AllowUsers, and if you are in none of the groups.',
    sources: ['OSSH', 'SSHDCFG'],
    topic: 'ssh-remoting',
  },
  {
    id: 'sshd-subsystem',
    when: onSsh,
    scope: 'sshd',
    name: 'sshd_config Subsystem powershell',
    value: `<pwsh path> -sshs: on Windows the 8.3 short path the script looks up (usually ${SSH.windowsSubsystem}), or $SubsystemPwshPath`,
    appliedBy: 'target',
    because:
      'PowerShell remoting over SSH runs pwsh as an sshd subsystem. OpenSSH for Windows cannot start a path with spaces, so the script uses the 8.3 short name after checking it exists (8.3 names can be turned off per volume), or a path without spaces you give it, such as a symbolic link.',
    sources: ['SSH'],
    topic: 'ssh-remoting',
  },
  {
    id: 'pwsh-script-block-logging',
    when: onSsh,
    scope: 'policy',
    name: `PowerShell 7 script block logging (${PATHS.pwshScriptBlockLoggingKey}\\EnableScriptBlockLogging on Windows; ScriptBlockLogging in $PSHOME/powershell.config.json on Linux)`,
    value: '1 / true (set $EnableScriptBlockLogging = $false in the script if Group Policy or configuration management sets it)',
    appliedBy: 'target',
    because:
      'SSH sessions run PowerShell 7, which ignores the Windows PowerShell policy: it logs to PowerShellCore/Operational on Windows (register the event manifest with RegisterManifest.ps1) and to syslog or the systemd journal on Linux.',
    sources: ['LOG7', 'LOGNX', 'STIG'],
    topic: 'event-logs-and-auditing',
  },
];
