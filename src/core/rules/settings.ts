/**
 * The settings a recommendation applies or recommends, each with its value and why.
 * The renderer applies exactly the settings whose `appliedBy` names its script.
 */
import type { Setting } from '../model';
import { CERTIFICATE, JEA, PATHS, SSH } from './constants';
import type { Plan } from './plan';

export const WSMAN = {
  serviceAllowUnencrypted: 'WSMan:\\localhost\\Service\\AllowUnencrypted',
  serviceBasic: 'WSMan:\\localhost\\Service\\Auth\\Basic',
  serviceCredSSP: 'WSMan:\\localhost\\Service\\Auth\\CredSSP',
  serviceCertificate: 'WSMan:\\localhost\\Service\\Auth\\Certificate',
  serviceCbt: 'WSMan:\\localhost\\Service\\Auth\\CbtHardeningLevel',
  clientAllowUnencrypted: 'WSMan:\\localhost\\Client\\AllowUnencrypted',
  clientBasic: 'WSMan:\\localhost\\Client\\Auth\\Basic',
  clientDigest: 'WSMan:\\localhost\\Client\\Auth\\Digest',
  clientCredSSP: 'WSMan:\\localhost\\Client\\Auth\\CredSSP',
  clientTrustedHosts: 'WSMan:\\localhost\\Client\\TrustedHosts',
} as const;

export function buildSettings(plan: Plan): Setting[] {
  const a = plan.answers;
  const settings: Setting[] = [];
  const add = (s: Setting) => settings.push(s);

  if (plan.isWinRM) {
    add({
      id: 'service-allow-unencrypted',
      scope: 'service',
      name: WSMAN.serviceAllowUnencrypted,
      value: 'false',
      appliedBy: 'target',
      because: 'Never accept unencrypted traffic. It is false by default; the script makes sure, because setting it to true sends everything in clear.',
      sources: ['W32CFG', 'STIG', 'CIS'],
      topic: 'encryption-in-transport',
    });
    add({
      id: 'service-basic',
      scope: 'service',
      name: WSMAN.serviceBasic,
      value: 'false',
      appliedBy: 'target',
      because: 'Basic authentication sends the password base64-encoded in every request. STIG rates an enabled WinRM service Basic as CAT I.',
      sources: ['STIG', 'CIS', 'PSWSM'],
      topic: 'basic-digest-and-certificate-auth',
    });
    if (plan.secondHop === 'credssp') {
      add({
        id: 'service-credssp',
        scope: 'service',
        name: WSMAN.serviceCredSSP,
        value: 'true',
        appliedBy: 'target',
        because: 'Enable-WSManCredSSP -Role Server lets this tier-0 server accept delegated credentials for the second hop. The rollback script disables it again.',
        sources: ['CSSP', 'HOP'],
        topic: 'credssp',
      });
    } else {
      add({
        id: 'service-credssp',
        scope: 'service',
        name: WSMAN.serviceCredSSP,
        value: 'false',
        appliedBy: 'target',
        because: 'CredSSP hands full credentials to this server and is not needed here. It is off by default; the script turns it off if it was enabled.',
        sources: ['HOP', 'CSSP', 'CSP'],
        topic: 'credssp',
      });
    }
    if (plan.authentication === 'certificate') {
      add({
        id: 'service-certificate',
        scope: 'service',
        name: WSMAN.serviceCertificate,
        value: 'true',
        appliedBy: 'target',
        because: 'Client-certificate authentication is off by default and must be enabled on the service; the certificate is then mapped to one local account.',
        sources: ['W32AUTH', 'ANS', 'PSWSM'],
        topic: 'basic-digest-and-certificate-auth',
      });
      const caClient = plan.certificate?.source === 'enterprise-ca';
      add({
        id: 'client-certificate-mapping',
        scope: 'service',
        name: 'WSMan:\\localhost\\ClientCertificate',
        value: caClient
          ? `Subject = the user principal name in the client certificate from your CA, URI *, Issuer = the thumbprint of the CA certificate that issued it; logs on as $MappedUser (example ${plan.certificate?.clientCertificate?.mappedLocalAccount ?? ''})`
          : `Subject ${plan.certificate?.clientCertificate?.upn ?? ''}, URI *, Issuer = the self-signed client certificate's own thumbprint`,
        appliedBy: 'target',
        because: caClient
          ? 'The mapping ties certificates your CA issues for that user name to one local account, so the server trusts your CA rather than a self-signed certificate added as a root. It stores the account\'s password: after a password change, run the target script with $RefreshCertificateMapping = $true.'
          : 'The mapping ties the client certificate to a local account. It stores that account\'s password: after a password change, run the target script with $RefreshCertificateMapping = $true.',
        sources: ['W32AUTH', 'ANS', 'NPSS'],
        topic: 'basic-digest-and-certificate-auth',
      });
    }
    if (plan.transport === 'https') {
      const cert = plan.certificate;
      add({
        id: 'listener-https',
        scope: 'listener',
        name: 'winrm/config/Listener?Address=*+Transport=HTTPS',
        value: `Hostname = the target name; certificate: ${
          cert?.source === 'self-signed'
            ? `self-signed (imported on the client), valid ${CERTIFICATE.selfSignedValidityYears} years from the day the target script creates it; the script prints the expiry date, and a run in the ${CERTIFICATE.renewalDays} days before it renews the certificate`
            : cert?.template
              ? `from your enterprise CA (template ${cert.template}); a run in the ${CERTIFICATE.renewalDays} days before it expires enrolls the next one`
              : `from your enterprise CA (installed beforehand); the script prints its expiry date`
        }. An existing listener is changed in place`,
        appliedBy: 'target',
        because: 'The HTTPS listener on port 5986 uses a certificate whose subject is the name or address clients use, so the client can verify the server.',
        sources: ['W32CFG', 'QC', 'ANS', 'NWI'],
        topic: 'https-listeners-and-certificates',
      });
    }
    if (plan.transport === 'https') {
      add({
        id: 'service-cbt',
        scope: 'service',
        name: WSMAN.serviceCbt,
        value: 'Strict',
        appliedBy: 'target',
        because:
          'Channel binding ties Negotiate (NTLM) and Kerberos authentication to the TLS channel, which defeats relaying the logon to this server through another TLS connection; Strict rejects requests without a valid channel binding token, while the default Relaxed accepts them. Only sensible with HTTPS listeners.',
        sources: ['CSP', 'W32CFG', 'ANS', 'WSEC'],
        topic: 'encryption-in-transport',
      });
    }
    if (plan.httpListener === 'removed') {
      add({
        id: 'listener-http',
        scope: 'listener',
        name: 'winrm/config/Listener?Address=*+Transport=HTTP',
        value: 'removed',
        appliedBy: 'target',
        because: 'With the HTTP listener gone nothing can fall back to port 5985. Enable-PSRemoting and the AllowAutoConfig policy re-create it, so keep them away from this server.',
        sources: ['ANS', 'EPSR', 'CSP'],
        topic: 'https-listeners-and-certificates',
      });
    }
    add({
      id: 'client-allow-unencrypted',
      scope: 'client',
      name: WSMAN.clientAllowUnencrypted,
      value: 'false',
      appliedBy: 'client',
      because: 'The client must never send unencrypted traffic either (STIG WN22-CC-000480).',
      sources: ['STIG', 'CIS', 'W32CFG'],
      topic: 'encryption-in-transport',
    });
    add({
      id: 'client-basic',
      scope: 'client',
      name: WSMAN.clientBasic,
      value: 'false',
      appliedBy: 'client',
      because: 'Set explicitly, because the documentation disagrees on the client default (true in one page, disabled in another). STIG CAT I.',
      sources: ['STIG', 'CIS', 'W32CFG', 'W32AUTH'],
      topic: 'basic-digest-and-certificate-auth',
    });
    add({
      id: 'client-digest',
      scope: 'client',
      name: WSMAN.clientDigest,
      value: 'false',
      appliedBy: 'client',
      because: 'Digest is a client-only mechanism the WinRM service does not accept; baselines disallow it.',
      sources: ['STIG', 'CIS', 'W32CFG'],
      topic: 'basic-digest-and-certificate-auth',
    });
    if (plan.secondHop === 'credssp') {
      add({
        id: 'client-credssp',
        scope: 'client',
        name: 'Enable-WSManCredSSP -Role Client -DelegateComputer $Target',
        value: 'WSMAN/<target> only (never a wildcard)',
        appliedBy: 'client',
        because: 'CredSSP may delegate your credentials to this one server, named; the rollback script removes this entry again and keeps the delegations to other servers.',
        sources: ['CSSP', 'HOP', 'W32HOP'],
        topic: 'credssp',
      });
    } else {
      add({
        id: 'client-credssp',
        scope: 'client',
        name: WSMAN.clientCredSSP,
        value: 'false',
        appliedBy: 'client',
        because: 'This configuration needs no CredSSP; a client that never offers it cannot hand credentials to a server by mistake.',
        sources: ['HOP', 'CSSP', 'CSP'],
        topic: 'credssp',
      });
    }
    if (plan.trustedHosts.length > 0) {
      add({
        id: 'client-trustedhosts',
        scope: 'client',
        name: WSMAN.clientTrustedHosts,
        value: `add ${plan.trustedHosts.join(', ')} (existing entries are kept; never a wildcard)`,
        appliedBy: 'client',
        because: 'The WinRM client only uses NTLM without HTTPS for hosts in TrustedHosts. The script appends exactly this server (-Concatenate) and skips it if it is already listed.',
        sources: ['W32CFG', 'TRB', 'WSEC'],
        topic: 'trustedhosts',
      });
    }
    add({
      id: 'local-account-token-filter-policy',
      scope: 'registry',
      name: `${PATHS.latfpKey}\\LocalAccountTokenFilterPolicy`,
      value: '0 (left unchanged; the target script warns if it is 1)',
      appliedBy: 'recommended',
      because: '1 disables UAC remote restrictions for every local account, which baselines forbid. Enable-PSRemoting or winrm quickconfig may have set it; the script never changes it.',
      sources: ['TRB', 'CIS', 'LATFP', 'DPSR'],
      topic: 'hardening-checklist',
    });
    add({
      id: 'script-block-logging',
      scope: 'registry',
      name: `${PATHS.scriptBlockLoggingKey}\\EnableScriptBlockLogging`,
      value: '1',
      appliedBy: 'target',
      because: 'Script block logging records what runs in every session (event 4104 in Microsoft-Windows-PowerShell/Operational). STIG WN22-CC-000460 requires it. Set $EnableScriptBlockLogging = $false in the script if Group Policy manages it.',
      sources: ['LOG51', 'STIG', 'ASD'],
      topic: 'event-logs-and-auditing',
    });
    add({
      id: 'disable-runas',
      scope: 'policy',
      name: 'WinRM Service policy DisableRunAs (HKLM:\\Software\\Policies\\Microsoft\\Windows\\WinRM\\Service\\DisableRunAs)',
      value: '1',
      appliedBy: 'recommended',
      because: 'Stops endpoints from storing RunAs passwords (STIG WN22-CC-000520, CIS L1). Apply it by Group Policy; JEA virtual accounts and gMSAs are not affected.',
      sources: ['STIG', 'CIS', 'CSP'],
      topic: 'hardening-checklist',
    });
  } else {
    add({
      id: 'sshd-pubkey',
      scope: 'sshd',
      name: 'sshd_config PubkeyAuthentication',
      value: 'yes',
      appliedBy: 'target',
      because: 'Key authentication: the private key never leaves the client. Prefer Ed25519 keys and ssh-agent.',
      sources: ['OSSH', 'SSH'],
      topic: 'ssh-remoting',
    });
    add({
      id: 'sshd-password',
      scope: 'sshd',
      name: 'sshd_config PasswordAuthentication and KbdInteractiveAuthentication',
      value: 'no, once key logon works (set $DisablePasswordAuthentication = $true and run the target script again)',
      appliedBy: 'target',
      because:
        'With passwords off, only key holders can log on; turning them off before your key works would lock you out, so it is a second run. The script also writes ChallengeResponseAuthentication no: OpenSSH before 8.7 (older in-box Windows builds) has it as a separate switch, later versions read it as KbdInteractiveAuthentication.',
      sources: ['OSSH', 'SSH', 'SSHDCFG'],
      topic: 'ssh-remoting',
    });
    add({
      id: 'sshd-allowgroups',
      scope: 'sshd',
      name: 'sshd_config AllowGroups',
      value: `"${SSH.windowsAllowGroup}" on Windows, ${SSH.linuxAllowGroup} on Linux (edit $SshAllowGroups; you must be a member)`,
      appliedBy: 'target',
      because:
        'Only members of the listed groups may log on over SSH at all; on Windows the "OpenSSH Users" group exists for this. sshd combines every AllowGroups line (and requires AllowUsers too when both are set), so the script stops if sshd_config or a file it includes already has AllowGroups for other groups or AllowUsers, and if you are in none of the groups.',
      sources: ['OSSH', 'SSHDCFG'],
      topic: 'ssh-remoting',
    });
    add({
      id: 'sshd-subsystem',
      scope: 'sshd',
      name: 'sshd_config Subsystem powershell',
      value: `<pwsh path> -sshs: on Windows the 8.3 short path the script looks up (usually ${SSH.windowsSubsystem}), or $SubsystemPwshPath`,
      appliedBy: 'target',
      because:
        'PowerShell remoting over SSH runs pwsh as an sshd subsystem. OpenSSH for Windows cannot start a path with spaces, so the script uses the 8.3 short name after checking it exists (8.3 names can be turned off per volume), or a path without spaces you give it, such as a symbolic link.',
      sources: ['SSH'],
      topic: 'ssh-remoting',
    });
    add({
      id: 'pwsh-script-block-logging',
      scope: 'policy',
      name: `PowerShell 7 script block logging (${PATHS.pwshScriptBlockLoggingKey}\\EnableScriptBlockLogging on Windows; ScriptBlockLogging in $PSHOME/powershell.config.json on Linux)`,
      value: '1 / true (set $EnableScriptBlockLogging = $false in the script if Group Policy or configuration management sets it)',
      appliedBy: 'target',
      because:
        'SSH sessions run PowerShell 7, which ignores the Windows PowerShell policy: it logs to PowerShellCore/Operational on Windows (register the event manifest with RegisterManifest.ps1) and to syslog or the systemd journal on Linux.',
      sources: ['LOG7', 'LOGNX', 'STIG'],
      topic: 'event-logs-and-auditing',
    });
  }

  if (plan.endpoint === 'jea') {
    const identity = plan.secondHop === 'jea-gmsa' ? `group managed service account ($JeaGmsa, example ${JEA.exampleGmsa})` : 'virtual account (-RunAsVirtualAccount)';
    add({
      id: 'jea-endpoint',
      scope: 'service',
      name: `Session configuration ${JEA.endpointName}`,
      value: `RestrictedRemoteServer, runs as a ${identity}, role ${JEA.roleName} for $JeaGroup, transcripts in ${JEA.transcriptDirectory}; the session configuration file is written to %ProgramData%\\${JEA.privateFolder} (SYSTEM and Administrators only)`,
      appliedBy: 'target',
      because:
        'Delegated users only see the commands and parameters of their role (the example allows Get-Service with its Name and DisplayName parameters only, since Windows PowerShell\'s -ComputerName would reach other computers, and restarting the Print Spooler); every session is transcribed and logged with the connecting user (WinRM event 193).',
      sources: ['JEACFG', 'JEASEC', 'JEAAUD', 'JEAPRE'],
      topic: 'jea-and-runas-endpoints',
    });
  }

  if (plan.secondHop === 'rbkcd') {
    add({
      id: 'resource-rbkcd',
      scope: 'policy',
      name: 'Resource computer AD object: PrincipalsAllowedToDelegateToAccount (msDS-AllowedToActOnBehalfOfOtherIdentity)',
      value: 'existing entries + the target computer account',
      appliedBy: 'resource',
      because: 'Lets the target delegate users to the resource\'s services only. The resource script keeps existing entries, and the rollback removes only the target (principals added since are kept).',
      sources: ['HOP'],
      topic: 'resource-based-constrained-delegation',
    });
  }

  add({
    id: 'transcription',
    scope: 'policy',
    name: 'Turn on PowerShell Transcription (…\\Windows\\PowerShell\\Transcription\\EnableTranscripting)',
    value: '1, with OutputDirectory on a share whose ACL lets users write but not read',
    appliedBy: 'recommended',
    because: 'Transcripts record every session\'s input and output (STIG WN22-CC-000530). Apply by Group Policy.',
    sources: ['LOG51', 'STIG'],
    topic: 'event-logs-and-auditing',
  });
  add({
    id: 'protected-event-logging',
    scope: 'policy',
    name: 'Protected Event Logging',
    value: 'enabled, with a Document Encryption certificate whose private key stays off the logging hosts',
    appliedBy: 'recommended',
    because: 'Script block logs can capture secrets typed into commands; protected event logging encrypts them.',
    sources: ['LOG51', 'LOG7'],
    topic: 'event-logs-and-auditing',
  });
  // Not with RBKCD or CredSSP, which Protected Users would break.
  if (a.domain === 'same' && plan.secondHop !== 'rbkcd' && plan.secondHop !== 'credssp') {
    add({
      id: 'protected-users',
      scope: 'policy',
      name: 'Privileged accounts: Protected Users group, or "Account is sensitive and cannot be delegated"',
      value: 'recommended for administrators',
      appliedBy: 'recommended',
      because: 'Prevents their credentials from being delegated to a compromised server (Set-ADAccountControl -AccountNotDelegated $true).',
      sources: ['HOP', 'ADAC'],
      topic: 'hardening-checklist',
    });
  }
  return settings;
}
