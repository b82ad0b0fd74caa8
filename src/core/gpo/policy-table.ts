/**
 * The policy behind each setting of the recommendation, keyed by `Setting.id`: where it is in the
 * Group Policy Management Editor, the state to give it, the registry values it writes and its
 * ADMX file, or, for settings no policy can set, what does. Facts: the RemoteManagement and
 * MSSecurityGuide policy CSP pages (ADMX mappings), about_Logging_Windows / about_Group_Policy_Settings,
 * Enable-WSManCredSSP. Every setting id a domain path can produce must have an entry (gpo.test.ts).
 */
import type { Setting } from '../model';
import type { ScriptModel } from '../powershell/common';
import type { SourceKey } from '../sources';
import type { GroupPolicyTarget, PolicyRegistryValue } from './types';

export const ADMIN_TEMPLATES = 'Computer Configuration > Policies > Administrative Templates';
export const WINRM_SERVICE = `${ADMIN_TEMPLATES} > Windows Components > Windows Remote Management (WinRM) > WinRM Service`;
export const WINRM_CLIENT = `${ADMIN_TEMPLATES} > Windows Components > Windows Remote Management (WinRM) > WinRM Client`;
const WINDOWS_POWERSHELL = `${ADMIN_TEMPLATES} > Windows Components > Windows PowerShell`;
const POWERSHELL_CORE = `${ADMIN_TEMPLATES} > PowerShell Core`;
export const FIREWALL_INBOUND = 'Computer Configuration > Policies > Windows Settings > Security Settings > Windows Defender Firewall with Advanced Security > Inbound Rules';

export const KEYS = {
  winrmService: 'HKLM\\Software\\Policies\\Microsoft\\Windows\\WinRM\\Service',
  winrmClient: 'HKLM\\Software\\Policies\\Microsoft\\Windows\\WinRM\\Client',
  scriptBlockLogging: 'HKLM\\Software\\Policies\\Microsoft\\Windows\\PowerShell\\ScriptBlockLogging',
  transcription: 'HKLM\\Software\\Policies\\Microsoft\\Windows\\PowerShell\\Transcription',
  pwshScriptBlockLogging: 'HKLM\\Software\\Policies\\Microsoft\\PowerShellCore\\ScriptBlockLogging',
  uacRemote: 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System',
  credentialsDelegation: 'HKLM\\Software\\Policies\\Microsoft\\Windows\\CredentialsDelegation',
} as const;

export const ADMX = {
  winrm: 'WindowsRemoteManagement.admx',
  powershell: 'PowerShellExecutionPolicy.admx',
  pwsh: 'PowerShellCoreExecutionPolicy.admx (not in Windows: InstallPSCorePolicyDefinitions.ps1 in the PowerShell 7 folder installs it; copy it to the central store)',
  secGuide: 'SecGuide.admx (MS Security Guide, from the Security Compliance Toolkit; copy it to the central store)',
  credssp: 'CredSsp.admx',
  eventLog: 'EventLog.admx',
} as const;

/** Worded from the setting and the recommendation. */
export type FromSetting<T> = T | ((setting: Setting, m: ScriptModel) => T);

export function fromSetting<T>(value: FromSetting<T>, setting: Setting, m: ScriptModel): T {
  return typeof value === 'function' ? (value as (s: Setting, m: ScriptModel) => T)(setting, m) : value;
}

export interface PolicyEntry {
  gpo: GroupPolicyTarget;
  /** The policy's node and name (a registry-based policy of the ADMX below). */
  path?: FromSetting<string>;
  state?: FromSetting<string>;
  registry?: FromSetting<PolicyRegistryValue[]>;
  admx?: string;
  /** What sets it when no policy does. */
  instead?: FromSetting<string>;
  /** gpo.ps1 writes it (servers' GPO only). */
  inScript?: boolean;
  note?: FromSetting<string>;
  sources: SourceKey[];
}

function dword(key: string, valueName: string, value: number): PolicyRegistryValue {
  return { key, valueName, type: 'DWord', value };
}

function str(key: string, valueName: string, value: string): PolicyRegistryValue {
  return { key, valueName, type: 'String', value };
}

/** Enabled (1) or Disabled (0) for the WSMan booleans, whose policies are "Allow ...". */
const isTrue = (s: Setting) => s.value === 'true';

const SSHD_INSTEAD = 'sshd_config is not a Group Policy setting: run the target script on each server (once, or from a startup script), or apply the Ansible playbook.';

export const POLICY_TABLE: Readonly<Record<string, PolicyEntry>> = {
  'service-allow-unencrypted': {
    gpo: 'servers',
    path: `${WINRM_SERVICE} > Allow unencrypted traffic`,
    state: 'Disabled',
    registry: [dword(KEYS.winrmService, 'AllowUnencryptedTraffic', 0)],
    admx: ADMX.winrm,
    inScript: true,
    sources: ['CSP', 'STIG', 'CIS'],
  },
  'service-basic': {
    gpo: 'servers',
    path: `${WINRM_SERVICE} > Allow Basic authentication`,
    state: 'Disabled',
    registry: [dword(KEYS.winrmService, 'AllowBasic', 0)],
    admx: ADMX.winrm,
    inScript: true,
    sources: ['CSP', 'STIG', 'CIS'],
  },
  'service-credssp': {
    gpo: 'servers',
    path: `${WINRM_SERVICE} > Allow CredSSP authentication`,
    state: (s) => (isTrue(s) ? 'Enabled (this tier-0 server only: link the GPO to its OU alone)' : 'Disabled'),
    registry: (s) => [dword(KEYS.winrmService, 'AllowCredSSP', isTrue(s) ? 1 : 0)],
    admx: ADMX.winrm,
    inScript: true,
    sources: ['CSP', 'CSSP', 'HOP'],
  },
  'service-cbt': {
    gpo: 'servers',
    path: `${WINRM_SERVICE} > Specify channel binding token hardening level`,
    state: 'Enabled: hardening level Strict',
    registry: [dword(KEYS.winrmService, 'CBTHardeningLevelStatus', 1), str(KEYS.winrmService, 'CbtHardeningLevel', 'Strict')],
    admx: ADMX.winrm,
    inScript: true,
    note: 'The policy CSP page names only CBTHardeningLevelStatus, the value that turns the policy on; the level itself is the string CbtHardeningLevel beside it. Strict only with HTTPS listeners.',
    sources: ['CSP', 'W32CFG', 'WSEC'],
  },
  'disable-runas': {
    gpo: 'servers',
    path: `${WINRM_SERVICE} > Disallow WinRM from storing RunAs credentials`,
    state: 'Enabled',
    registry: [dword(KEYS.winrmService, 'DisableRunAs', 1)],
    admx: ADMX.winrm,
    inScript: true,
    note: 'Enabled, it also erases RunAs passwords already stored for any plug-in: session configurations registered with -RunAsCredential stop working (JEA virtual accounts and gMSAs store no password).',
    sources: ['CSP', 'STIG', 'CIS'],
  },
  'script-block-logging': {
    gpo: 'servers',
    path: `${WINDOWS_POWERSHELL} > Turn on PowerShell Script Block Logging`,
    state: 'Enabled (invocation start/stop events off: very noisy)',
    registry: [dword(KEYS.scriptBlockLogging, 'EnableScriptBlockLogging', 1)],
    admx: ADMX.powershell,
    inScript: true,
    sources: ['LOG51', 'STIG', 'CIS'],
  },
  'pwsh-script-block-logging': {
    gpo: 'servers',
    path: `${POWERSHELL_CORE} > Turn on PowerShell Script Block Logging`,
    state: 'Enabled',
    registry: [dword(KEYS.pwshScriptBlockLogging, 'EnableScriptBlockLogging', 1)],
    admx: ADMX.pwsh,
    inScript: true,
    note: 'Windows servers only: on Linux, PowerShell 7 reads ScriptBlockLogging from powershell.config.json (the target script or the playbook).',
    sources: ['LOG7', 'STIG'],
  },
  'local-account-token-filter-policy': {
    gpo: 'servers',
    path: `${ADMIN_TEMPLATES} > MS Security Guide > Apply UAC restrictions to local accounts on network logons`,
    state: 'Enabled',
    registry: [dword(KEYS.uacRemote, 'LocalAccountTokenFilterPolicy', 0)],
    admx: ADMX.secGuide,
    inScript: true,
    note: 'A value outside the Software\\Policies keys: it may stay 0 after the GPO no longer applies (0 is the safe value).',
    sources: ['SECGUIDE', 'STIG', 'CIS', 'TRB'],
  },
  transcription: {
    gpo: 'servers',
    path: `${WINDOWS_POWERSHELL} > Turn on PowerShell Transcription`,
    state: 'Enabled, with Transcript output directory = a share whose ACL lets users write but not read',
    registry: [dword(KEYS.transcription, 'EnableTranscripting', 1)],
    admx: ADMX.powershell,
    note: 'Not set by gpo.ps1: the share is yours to create and protect; set the policy (and OutputDirectory) in the Group Policy editor. PowerShell 7 has its own: PowerShell Core > Turn on PowerShell Transcription.',
    sources: ['LOG51', 'LOG7', 'STIG'],
  },
  'protected-event-logging': {
    gpo: 'servers',
    path: `${ADMIN_TEMPLATES} > Windows Components > Event Logging > Enable Protected Event Logging`,
    state: 'Enabled, with the public part of your Document Encryption certificate',
    registry: [],
    admx: ADMX.eventLog,
    note: 'Not set by gpo.ps1: it needs your certificate; set it in the Group Policy editor.',
    sources: ['LOG51', 'LOG7'],
  },
  'protected-users': {
    gpo: 'none',
    instead: 'Group membership and account options in Active Directory, not a policy: add privileged accounts to Protected Users, or Set-ADAccountControl -AccountNotDelegated $true.',
    sources: ['HOP', 'ADAC'],
  },
  'listener-https': {
    gpo: 'none',
    instead: (_s, m) =>
      m.certificate?.source === 'self-signed'
        ? 'No policy creates an HTTPS listener with a given certificate, and a self-signed certificate belongs to one server: run the target script on each server.'
        : 'No policy creates an HTTPS listener with a given certificate: issue the server certificates by certificate autoenrollment (Computer Configuration > Policies > Windows Settings > Security Settings > Public Key Policies > Certificate Services Client - Auto-Enrollment, with a template the servers may enroll for), then run the target script on each server, once or from a startup script: it finds the certificate and creates the listener.',
    note: 'The policy "Turn On Compatibility HTTPS Listener" is something else (port 443) and stays Not configured.',
    sources: ['W32CFG', 'NWI', 'CSP'],
  },
  'listener-http': {
    gpo: 'none',
    instead:
      'No policy removes a listener: the target script removes it on each server. Leave "Allow remote server management through WinRM" Not configured for these servers: Enabled, it re-creates the HTTP listener.',
    note: 'Disabled is the CIS Level 2 value for servers that need no inbound remoting, not for these.',
    sources: ['CSP', 'ANS', 'EPSR', 'CIS'],
  },
  'service-certificate': {
    gpo: 'none',
    instead: 'No WinRM Service policy turns on certificate authentication: the target script, on each server.',
    sources: ['CSP', 'W32AUTH'],
  },
  'client-certificate-mapping': {
    gpo: 'none',
    instead: "No policy maps client certificates (a mapping stores the local account's password): the target script, on each server.",
    sources: ['W32AUTH', 'NPSS'],
  },
  'jea-endpoint': {
    gpo: 'none',
    instead:
      'No policy registers a session configuration: run the target script on each server (once, or from a startup script, or by your configuration management); it writes the role capability and session configuration files there and registers the endpoint.',
    sources: ['JEACFG', 'JEAPRE'],
  },
  'resource-rbkcd': {
    gpo: 'none',
    instead: "An attribute of the resource computer's Active Directory object, not a policy: run the resource script once.",
    sources: ['HOP'],
  },
  'sshd-pubkey': { gpo: 'none', instead: SSHD_INSTEAD, sources: ['SSH', 'OSSH'] },
  'sshd-password': { gpo: 'none', instead: SSHD_INSTEAD, sources: ['SSH', 'OSSH'] },
  'sshd-allowgroups': { gpo: 'none', instead: SSHD_INSTEAD, sources: ['SSH', 'OSSH'] },
  'sshd-subsystem': { gpo: 'none', instead: SSHD_INSTEAD, sources: ['SSH', 'OSSH'] },

  // The computers administrators connect from: a separate GPO, linked to their OU (not built by gpo.ps1).
  'client-allow-unencrypted': {
    gpo: 'admin-workstations',
    path: `${WINRM_CLIENT} > Allow unencrypted traffic`,
    state: 'Disabled',
    registry: [dword(KEYS.winrmClient, 'AllowUnencryptedTraffic', 0)],
    admx: ADMX.winrm,
    sources: ['CSP', 'STIG', 'CIS'],
  },
  'client-basic': {
    gpo: 'admin-workstations',
    path: `${WINRM_CLIENT} > Allow Basic authentication`,
    state: 'Disabled',
    registry: [dword(KEYS.winrmClient, 'AllowBasic', 0)],
    admx: ADMX.winrm,
    sources: ['CSP', 'STIG', 'CIS'],
  },
  'client-digest': {
    gpo: 'admin-workstations',
    path: `${WINRM_CLIENT} > Disallow Digest authentication`,
    state: 'Enabled',
    registry: [dword(KEYS.winrmClient, 'AllowDigest', 0)],
    admx: ADMX.winrm,
    sources: ['CSP', 'STIG', 'CIS'],
  },
  'client-credssp': {
    gpo: 'admin-workstations',
    path: (_s, m) =>
      m.secondHop === 'credssp'
        ? `${WINRM_CLIENT} > Allow CredSSP authentication; and ${ADMIN_TEMPLATES} > System > Credentials Delegation > Allow delegating fresh credentials`
        : `${WINRM_CLIENT} > Allow CredSSP authentication`,
    state: (_s, m) =>
      m.secondHop === 'credssp'
        ? `Enabled; and Enabled with the list wsman/${m.hosts.target.value} (this server only, never a wildcard), "Concatenate OS defaults" on`
        : 'Disabled',
    registry: (_s, m) =>
      m.secondHop === 'credssp'
        ? [
            dword(KEYS.winrmClient, 'AllowCredSSP', 1),
            dword(KEYS.credentialsDelegation, 'AllowFreshCredentials', 1),
            dword(KEYS.credentialsDelegation, 'ConcatenateDefaults_AllowFresh', 1),
            str(`${KEYS.credentialsDelegation}\\AllowFreshCredentials`, '1', `wsman/${m.hosts.target.value}`),
          ]
        : [dword(KEYS.winrmClient, 'AllowCredSSP', 0)],
    admx: ADMX.winrm,
    note: (_s, m) =>
      m.secondHop === 'credssp'
        ? `The delegation list is in ${ADMX.credssp}. A policy list replaces what Enable-WSManCredSSP wrote on each workstation: link this GPO only to the tier-0 administrators' workstations.`
        : '',
    sources: ['CSP', 'CSSP', 'W32HOP', 'HOP'],
  },
  'client-trustedhosts': {
    gpo: 'admin-workstations',
    path: `${WINRM_CLIENT} > Trusted Hosts`,
    state: (_s, m) => `Enabled: TrustedHostsList ${m.trustedHosts.join(',')}`,
    registry: (_s, m) => [dword(KEYS.winrmClient, 'TrustedHosts', 1), str(KEYS.winrmClient, 'TrustedHostsList', m.trustedHosts.join(','))],
    admx: ADMX.winrm,
    note: 'The policy replaces each workstation\'s own list (the client script appends to it): list every host your administrators reach this way, and never "*".',
    sources: ['CSP', 'W32CFG', 'WSEC'],
  },
};
