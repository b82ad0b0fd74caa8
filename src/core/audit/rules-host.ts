/**
 * Audit rules over the rest of the server: listeners and their certificates, endpoints, firewall
 * rules, delegation, PowerShell 2.0, logging, UAC remote restrictions and sshd. Most need the JSON
 * of the collection script; with `winrm get` text they say "not checked".
 */
import { FIREWALL_INBOUND, WINRM_SERVICE } from '../gpo/policy-table';
import { psQuote } from '../powershell/quote';
import { CERTIFICATE, PORTS } from '../rules/constants';
import { ADMIN_SUBNET_LINE, NOT_IN_INPUT, cmd, findings, fine, type AuditHit, type AuditRule, type Evaluation } from './rule-types';
import type { AuditConfig, AuditListener, AuditSessionConfiguration, PolicyDword } from './types';

const DAY_MS = 86_400_000;
const REMOTING_PORTS = [String(PORTS.http), String(PORTS.https), String(PORTS.ssh)];

function selector(l: AuditListener): string {
  return `@{ Address = ${psQuote(l.address)}; Transport = ${psQuote(l.transport)} }`;
}

function listenerName(l: AuditListener): string {
  return `${l.transport} listener on ${l.address || '*'}:${l.port}`;
}

function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  if (p.startsWith('*.')) {
    const rest = h.slice(h.indexOf('.') + 1);
    return h.includes('.') && rest === p.slice(2);
  }
  return false;
}

function certificateNames(cert: NonNullable<AuditListener['certificate']>): string[] {
  const cn = /(?:^|,\s*)CN=([^,]+)/i.exec(cert.subject)?.[1]?.trim();
  return [...new Set([...cert.dnsNames, ...(cn ? [cn] : [])])];
}

function certificateHits(c: AuditConfig, now: number | undefined): AuditHit[] | undefined {
  const https = (c.listeners ?? []).filter((l) => l.transport === 'HTTPS');
  if (https.some((l) => !l.certificate)) return undefined;
  const hits: AuditHit[] = [];
  for (const l of https) {
    const cert = l.certificate!;
    const subject = listenerName(l);
    const showCert = `Get-Item -Path ${psQuote(`Cert:\\LocalMachine\\My\\${l.certificateThumbprint}`)} | Format-List -Property Subject, DnsNameList, NotAfter, Issuer`;
    const replace = cmd(
      `$NewThumbprint = 'PASTE-THE-THUMBPRINT-OF-THE-NEW-CERTIFICATE'\nSet-WSManInstance -ResourceURI 'winrm/config/Listener' -SelectorSet ${selector(l)} -ValueSet @{ CertificateThumbprint = $NewThumbprint }`,
      'Enroll or create a certificate whose subject and DNS names are the name clients use, valid for the coming years, then point the listener at it.',
    );
    if (!cert.found) {
      hits.push({
        found: `thumbprint ${l.certificateThumbprint}: not in LocalMachine\\My`,
        subject,
        gpo: false,
        severity: 'high',
        fix: replace,
        message: `The ${subject} names a certificate (${l.certificateThumbprint}) that is not in the computer's certificate store: the listener cannot accept connections.`,
      });
      continue;
    }
    const notAfter = Date.parse(cert.notAfter);
    if (now !== undefined && Number.isFinite(notAfter)) {
      const days = Math.floor((notAfter - now) / DAY_MS);
      if (notAfter <= now) {
        hits.push({
          found: `expired ${cert.notAfter}`,
          subject,
          gpo: false,
          severity: 'high',
          fix: replace,
          message: `The certificate of the ${subject} expired on ${cert.notAfter}: clients that check it refuse to connect, and those that skip the check (-SkipCACheck) cannot tell this server from an impostor.`,
        });
      } else if (days <= CERTIFICATE.renewalDays) {
        hits.push({
          found: `expires ${cert.notAfter} (in ${days} days)`,
          subject,
          gpo: false,
          severity: 'medium',
          fix: replace,
          message: `The certificate of the ${subject} expires in ${days} days (${cert.notAfter}). Renew it and point the listener at the new one before then, or HTTPS connections stop working.`,
        });
      }
    }
    const names = certificateNames(cert);
    if (l.hostname && !names.some((n) => hostMatches(n, l.hostname))) {
      hits.push({
        found: `listener Hostname ${l.hostname}; certificate names ${names.join(', ') || '(none)'}`,
        subject,
        gpo: false,
        severity: 'medium',
        fix: cmd(
          showCert,
          'Use a certificate whose subject and DNS names include the name clients connect to, then point the listener at it (Set-WSManInstance ... -ValueSet @{ CertificateThumbprint = ... }).',
        ),
        message: `The certificate of the ${subject} is not issued for ${l.hostname}, the listener's Hostname: clients that connect by that name fail the name check, or skip it (-SkipCNCheck), which lets an impostor through.`,
      });
    }
  }
  return hits;
}

const WIDE_PRINCIPALS =
  /^(Everyone|NT AUTHORITY\\Authenticated Users|BUILTIN\\Users|NT AUTHORITY\\NETWORK|NT AUTHORITY\\ANONYMOUS LOGON|BUILTIN\\Guests|.+\\Domain Users)$/i;
const DEFAULT_ENDPOINTS =
  /^(microsoft\.powershell(32)?|microsoft\.powershell\.workflow|microsoft\.windows\.servermanagerworkflows|powershell\.7.*)$/i;

function allowedPrincipals(e: AuditSessionConfiguration): string[] {
  return e.permission
    .split(/,\s*/)
    .map((p) => /^(.*?)\s+AccessAllowed$/i.exec(p.trim())?.[1]?.trim())
    .filter((p): p is string => !!p);
}

function endpointHits(c: AuditConfig): AuditHit[] {
  const hits: AuditHit[] = [];
  for (const e of c.sessionConfigurations ?? []) {
    const allowed = allowedPrincipals(e);
    const wide = allowed.filter((p) => WIDE_PRINCIPALS.test(p));
    const interactive = allowed.filter((p) => /^NT AUTHORITY\\INTERACTIVE$/i.test(p));
    const fix = cmd(
      `Set-PSSessionConfiguration -Name ${psQuote(e.name)} -ShowSecurityDescriptorUI -Force`,
      'Remove the wide group and grant the groups that need this endpoint; or register it again with -SecurityDescriptorSddl.',
    );
    if (wide.length) {
      hits.push({
        found: e.permission,
        subject: e.name,
        gpo: false,
        fix,
        message: `The endpoint ${e.name} admits ${wide.join(', ')}: any of them can open a remote session${e.runAsUser || e.runAsVirtualAccount || e.groupManagedServiceAccount ? ' that runs as another, privileged account' : ''}. Grant only the groups that need it.`,
      });
    } else if (interactive.length && !DEFAULT_ENDPOINTS.test(e.name)) {
      hits.push({
        found: e.permission,
        subject: e.name,
        gpo: false,
        severity: 'medium',
        fix,
        message: `The endpoint ${e.name} admits NT AUTHORITY\\INTERACTIVE: anyone logged on at the console or over Remote Desktop can use it in a loopback session. Remove it unless that is its purpose.`,
      });
    }
  }
  return hits;
}

function isRemotingPort(port: string): boolean {
  if (REMOTING_PORTS.includes(port)) return true;
  const range = /^(\d+)-(\d+)$/.exec(port);
  return !!range && REMOTING_PORTS.some((p) => Number(p) >= Number(range[1]) && Number(p) <= Number(range[2]));
}

function remotingRules(c: AuditConfig) {
  return (c.firewallRules ?? []).filter(
    (r) => r.enabled && /^inbound$/i.test(r.direction) && /^allow$/i.test(r.action) && r.localPorts.some(isRemotingPort),
  );
}

const onPublic = (profiles: string[]) => profiles.some((p) => /^(public|any)$/i.test(p));
const openToAny = (addresses: string[]) =>
  addresses.length === 0 || addresses.some((a) => /^(any|\*|0\.0\.0\.0\/0|::\/0|internet)$/i.test(a));

function firewallFix(ruleName: string, gpo: boolean, what: 'scope' | 'profile'): AuditHit['fix'] {
  if (gpo) {
    return {
      kind: 'group-policy',
      path: FIREWALL_INBOUND,
      state:
        what === 'scope'
          ? `Rule ${ruleName}: Scope > Remote IP address = your admin subnet`
          : `Rule ${ruleName}: Advanced > Profiles = Domain, Private`,
    };
  }
  return what === 'scope'
    ? cmd(`${ADMIN_SUBNET_LINE}\nSet-NetFirewallRule -Name ${psQuote(ruleName)} -RemoteAddress $AdminSubnet`)
    : cmd(
        `Set-NetFirewallRule -Name ${psQuote(ruleName)} -Profile Domain, Private`,
        'On a server whose only network is Public, scope the rule to your admin subnet instead of removing the profile.',
      );
}

function dwordRule(
  get: (c: AuditConfig) => PolicyDword | undefined,
  want: number,
  shown: (v: PolicyDword) => string,
): (c: AuditConfig) => Evaluation {
  return (c) => {
    const v = get(c);
    if (v === undefined) return NOT_IN_INPUT;
    return v === want ? fine(shown(v)) : { status: 'findings', hits: [{ found: shown(v), gpo: false }] };
  };
}

const notSet = (v: PolicyDword) => (v === null ? 'not set' : String(v));
const policyNote = 'Without a domain, the Local Group Policy Editor (gpedit.msc) has the same path.';

export const HOST_AUDIT_RULES: readonly AuditRule[] = [
  {
    id: 'http-only-workgroup',
    title: 'Only HTTP on a computer outside a domain',
    severity: 'high',
    evaluate: (c) => {
      if (!c.listeners || !c.computer || c.computer.partOfDomain === null) return NOT_IN_INPUT;
      const http = c.listeners.filter((l) => l.enabled && l.transport === 'HTTP');
      const https = c.listeners.some((l) => l.enabled && l.transport === 'HTTPS');
      if (c.computer.partOfDomain)
        return fine(https ? 'HTTPS listener, domain-joined' : 'HTTP listener on a domain-joined computer (Kerberos)');
      return findings(
        https || http.length === 0 ? [] : [{ found: http.map(listenerName).join('; '), gpo: http.some((l) => l.gpo) }],
        https ? 'HTTPS listener' : 'no listener',
      );
    },
    message:
      'This computer is not in a domain and listens on HTTP only: clients reach it with NTLM through TrustedHosts, which never verifies the server, and the traffic is protected only by NTLM session security (RC4). Add an HTTPS listener with a certificate clients trust, then remove the HTTP listener.',
    fix: () =>
      cmd(
        "$Thumbprint = 'PASTE-THE-THUMBPRINT-OF-THE-SERVER-CERTIFICATE'\nNew-Item -Path 'WSMan:\\localhost\\Listener' -Transport HTTPS -Address * -CertificateThumbPrint $Thumbprint -Force",
        "The guide's workgroup path creates the certificate, the listener and the firewall rule for you.",
      ),
    policy: {
      path: `${WINRM_SERVICE} > Allow remote server management through WinRM`,
      state: 'Not configured (the policy creates the HTTP listener)',
    },
    topic: 'https-listeners-and-certificates',
    sources: ['WSEC', 'W32AUTH', 'TRB'],
  },
  {
    id: 'http-listener-beside-https',
    title: 'HTTP listener kept beside HTTPS',
    severity: 'low',
    evaluate: (c) => {
      if (!c.listeners) return NOT_IN_INPUT;
      const https = c.listeners.some((l) => l.enabled && l.transport === 'HTTPS');
      const http = c.listeners.filter((l) => l.enabled && l.transport === 'HTTP');
      if (!https) return fine('no HTTPS listener');
      return findings(
        http.map((l) => ({
          found: listenerName(l),
          subject: listenerName(l),
          gpo: l.gpo,
          fix: cmd(
            `Remove-WSManInstance -ResourceURI 'winrm/config/Listener' -SelectorSet ${selector(l)}`,
            'Only once every client connects with -UseSSL; keep the firewall rule for 5985 closed as well.',
          ),
        })),
        'HTTPS only',
      );
    },
    message:
      'An HTTP listener remains beside the HTTPS one: a client that does not ask for HTTPS still connects on port 5985, without TLS or channel binding. Where HTTPS is the requirement, remove the HTTP listener.',
    fix: () => cmd("Remove-WSManInstance -ResourceURI 'winrm/config/Listener' -SelectorSet @{ Address = '*'; Transport = 'HTTP' }"),
    policy: {
      path: `${WINRM_SERVICE} > Allow remote server management through WinRM`,
      state: 'Not configured (the policy re-creates the HTTP listener)',
    },
    topic: 'https-listeners-and-certificates',
    sources: ['ANS', 'WSEC', 'CSP'],
  },
  {
    id: 'listener-certificate',
    title: 'HTTPS listener certificate expired, expiring or for another name',
    severity: 'high',
    evaluate: (c, ctx) => {
      if (!c.listeners) return NOT_IN_INPUT;
      if (!c.listeners.some((l) => l.transport === 'HTTPS')) return fine('no HTTPS listener');
      const now = ctx.now ?? (c.collectedAt ? Date.parse(c.collectedAt) : undefined);
      const hits = certificateHits(c, Number.isFinite(now) ? now : undefined);
      return hits === undefined ? NOT_IN_INPUT : findings(hits, 'valid, for the listener name');
    },
    message: 'The HTTPS listener certificate has a problem.',
    fix: () => cmd("Get-ChildItem -Path 'WSMan:\\localhost\\Listener' -Recurse"),
    topic: 'https-listeners-and-certificates',
    sources: ['W32CFG', 'NWI', 'SSC', 'WSEC'],
  },
  {
    id: 'runas-credentials',
    title: 'RunAs credentials stored in an endpoint',
    severity: 'high',
    evaluate: (c) => {
      if (!c.sessionConfigurations) return NOT_IN_INPUT;
      const hits = c.sessionConfigurations
        .filter((e) => e.runAsUser && !e.runAsVirtualAccount && !e.groupManagedServiceAccount)
        .map((e) => ({ found: `RunAsUser ${e.runAsUser}`, subject: e.name, gpo: false }));
      return findings(hits, 'no endpoint stores a RunAs password');
    },
    message:
      'An endpoint runs as an account whose password WinRM stores (Register-PSSessionConfiguration -RunAsCredential): everyone the endpoint admits works as that account, and its password is on this server. Use a JEA endpoint with a virtual account or a group managed service account instead. STIG WN22-CC-000520 and CIS Level 1 want WinRM to refuse storing RunAs credentials.',
    fix: () => ({
      kind: 'group-policy',
      path: `${WINRM_SERVICE} > Disallow WinRM from storing RunAs credentials`,
      state: 'Enabled',
      note:
        'Enabling it also erases the stored passwords: the endpoint stops working until it is registered again without -RunAsCredential. ' +
        policyNote,
    }),
    topic: 'jea-and-runas-endpoints',
    sources: ['JEASEC', 'RPSC', 'STIG', 'CIS'],
  },
  {
    id: 'disable-runas-not-set',
    title: '"Disallow WinRM from storing RunAs credentials" not enabled',
    severity: 'low',
    evaluate: dwordRule((c) => c.registry?.disableRunAs, 1, notSet),
    message: 'The policy that stops WinRM from storing RunAs passwords is not enabled. STIG WN22-CC-000520 and CIS Level 1 require it.',
    fix: () => ({
      kind: 'group-policy',
      path: `${WINRM_SERVICE} > Disallow WinRM from storing RunAs credentials`,
      state: 'Enabled',
      note: policyNote,
    }),
    topic: 'hardening-checklist',
    sources: ['STIG', 'CIS', 'CSP'],
  },
  {
    id: 'endpoint-open',
    title: 'Endpoint open to Everyone, Users or Interactive',
    severity: 'high',
    evaluate: (c) =>
      c.sessionConfigurations ? findings(endpointHits(c), 'endpoints admit administrators and named groups') : NOT_IN_INPUT,
    message: 'An endpoint admits a wide group.',
    fix: () => cmd('Get-PSSessionConfiguration | Format-Table -Property Name, Permission -Wrap'),
    topic: 'jea-and-runas-endpoints',
    sources: ['JEASEC', 'RPSC', 'WSEC'],
  },
  {
    id: 'firewall-open-to-any',
    title: 'Firewall rule for remoting open to any address',
    severity: 'medium',
    evaluate: (c) => {
      if (!c.firewallRules) return NOT_IN_INPUT;
      const hits = remotingRules(c)
        .filter((r) => openToAny(r.remoteAddresses))
        .map((r) => ({
          found: `${r.localPorts.join(',')} from ${r.remoteAddresses.join(', ') || 'Any'} (${r.profiles.join(', ')})`,
          subject: r.name,
          gpo: r.gpo,
          ...(onPublic(r.profiles) ? { severity: 'high' as const } : {}),
          fix: firewallFix(r.name, r.gpo, 'scope'),
        }));
      return findings(hits, 'remoting ports admit only listed addresses');
    },
    message:
      'An inbound rule admits any address to a remoting port (5985, 5986 or 22). Remoting is an administrative channel: admit only the addresses you administer from. On the Public profile (or Any) this is high: anyone on the same network can try to log on.',
    fix: () => cmd(ADMIN_SUBNET_LINE),
    topic: 'firewall-and-network-profiles',
    sources: ['WSEC', 'REQ', 'EPSR', 'FWISS'],
  },
  {
    id: 'firewall-on-public',
    title: 'Firewall rule for remoting on the Public profile',
    severity: 'low',
    evaluate: (c) => {
      if (!c.firewallRules) return NOT_IN_INPUT;
      const publicNow = (c.networkProfiles ?? []).some((p) => /^public$/i.test(p.category));
      const hits = remotingRules(c)
        .filter((r) => onPublic(r.profiles) && !openToAny(r.remoteAddresses))
        .map((r) => ({
          found: `${r.localPorts.join(',')} from ${r.remoteAddresses.join(', ')} (${r.profiles.join(', ')})`,
          subject: r.name,
          gpo: r.gpo,
          ...(publicNow ? { severity: 'medium' as const } : {}),
          fix: firewallFix(r.name, r.gpo, 'profile'),
        }));
      return findings(hits, 'no remoting rule on the Public profile');
    },
    message:
      'An inbound rule for a remoting port applies on the Public profile. Its addresses are limited, but LocalSubnet on a public network is whoever shares that network; medium when a network of this computer is Public now.',
    fix: () => cmd('Get-NetConnectionProfile'),
    topic: 'firewall-and-network-profiles',
    sources: ['WSEC', 'REQ', 'FWISS'],
  },
  {
    id: 'unconstrained-delegation',
    title: 'Computer trusted for unconstrained delegation',
    severity: 'high',
    evaluate: (c) => {
      if (!c.delegation) return NOT_IN_INPUT;
      const dc = c.computer?.domainRole === 4 || c.computer?.domainRole === 5;
      if (!c.delegation.trustedForDelegation) return fine('not trusted for delegation');
      return dc
        ? fine('domain controller (trusted for delegation by design)')
        : { status: 'findings', hits: [{ found: 'TrustedForDelegation = True', gpo: false }] };
    },
    message:
      "This computer's account is trusted for unconstrained delegation: every user who logs on to it over Kerberos leaves a ticket it can use as that user anywhere, domain administrators included. It does not even give PowerShell remoting a second hop. Remove it; use resource-based constrained delegation.",
    fix: (_h, c) =>
      cmd(
        `Set-ADAccountControl -Identity ${psQuote(`${c.computer?.name ?? 'THIS-COMPUTER'}$`)} -TrustedForDelegation $false`,
        'Run it where the ActiveDirectory module is, as a user allowed to change the computer object.',
      ),
    topic: 'unconstrained-delegation',
    sources: ['HOP', 'ADAC'],
  },
  {
    id: 'protocol-transition',
    title: 'Constrained delegation with protocol transition',
    severity: 'medium',
    evaluate: (c) => {
      if (!c.delegation) return NOT_IN_INPUT;
      return c.delegation.trustedToAuthForDelegation
        ? {
            status: 'findings',
            hits: [
              {
                found: `TrustedToAuthForDelegation = True; msDS-AllowedToDelegateTo ${c.delegation.allowedToDelegateTo.join(', ') || '(empty)'}`,
                gpo: false,
              },
            ],
          }
        : fine('no protocol transition');
    },
    message:
      'This computer may delegate with protocol transition ("use any authentication protocol"): it can obtain tickets as any user, without that user\'s logon, to the services it is allowed to delegate to. Prefer resource-based constrained delegation on the target resource.',
    fix: (_h, c) =>
      cmd(`Set-ADAccountControl -Identity ${psQuote(`${c.computer?.name ?? 'THIS-COMPUTER'}$`)} -TrustedToAuthForDelegation $false`),
    topic: 'kerberos-constrained-delegation',
    sources: ['HOP', 'ADAC'],
  },
  {
    id: 'powershell-v2',
    title: 'Windows PowerShell 2.0 engine installed',
    severity: 'medium',
    evaluate: (c) => {
      if (!c.powerShellV2) return NOT_IN_INPUT;
      const { feature, state } = c.powerShellV2;
      if (!feature || /^(NotPresent|Removed|Available|Disabled|DisabledWithPayloadRemoved)$/i.test(state))
        return fine(feature ? `${feature}: ${state}` : 'not present');
      return { status: 'findings', hits: [{ found: `${feature}: ${state}`, gpo: false }] };
    },
    message:
      'The Windows PowerShell 2.0 engine is installed: powershell.exe -Version 2 runs without script block logging, AMSI or constrained language mode, the usual way to hide from them. STIG WN22-00-000410 requires it removed (Windows 11 24H2 and Server 2025 updates remove it).',
    fix: (_h, c) =>
      /^PowerShell-V2$/i.test(c.powerShellV2?.feature ?? '')
        ? cmd("Uninstall-WindowsFeature -Name 'PowerShell-V2'")
        : cmd(
            `Disable-WindowsOptionalFeature -Online -FeatureName ${psQuote(c.powerShellV2?.feature || 'MicrosoftWindowsPowerShellV2Root')}`,
          ),
    topic: 'event-logs-and-auditing',
    sources: ['STIG', 'LOG51'],
  },
  {
    id: 'script-block-logging-off',
    title: 'Script block logging off (Windows PowerShell)',
    severity: 'medium',
    evaluate: dwordRule((c) => c.registry?.windowsPowerShell.scriptBlockLogging, 1, notSet),
    message:
      'Script block logging is not turned on by policy: the code run in remote sessions leaves no event 4104. STIG WN22-CC-000460 and CIS Level 1 require it.',
    fix: () => ({
      kind: 'group-policy',
      path: 'Computer Configuration > Policies > Administrative Templates > Windows Components > Windows PowerShell > Turn on PowerShell Script Block Logging',
      state: 'Enabled',
      note: policyNote,
    }),
    topic: 'event-logs-and-auditing',
    sources: ['STIG', 'CIS', 'LOG51'],
  },
  {
    id: 'pwsh-script-block-logging-off',
    title: 'Script block logging off (PowerShell 7)',
    severity: 'medium',
    evaluate: (c) => {
      if (!c.registry || c.registry.powerShell7Installed === null) return NOT_IN_INPUT;
      if (!c.registry.powerShell7Installed) return fine('PowerShell 7 not installed');
      return dwordRule((x) => x.registry?.powerShell7.scriptBlockLogging, 1, notSet)(c);
    },
    message:
      "PowerShell 7 is installed but its own script block logging policy (PowerShellCore) is not on: Windows PowerShell's policy does not cover it, so pwsh sessions leave no 4104 events. Not in the baselines by name: it carries STIG WN22-CC-000460 over to PowerShell 7.",
    fix: () => ({
      kind: 'group-policy',
      path: 'Computer Configuration > Policies > Administrative Templates > PowerShell Core > Turn on PowerShell Script Block Logging',
      state: 'Enabled',
      note: `The PowerShell Core templates come with PowerShell 7 (InstallPSCorePolicyDefinitions.ps1). ${policyNote}`,
    }),
    topic: 'event-logs-and-auditing',
    sources: ['LOG7', 'STIG'],
  },
  {
    id: 'transcription-off',
    title: 'PowerShell transcription off',
    severity: 'low',
    evaluate: dwordRule((c) => c.registry?.windowsPowerShell.transcription, 1, notSet),
    message:
      'Transcription is not turned on by policy: sessions leave no transcript of what was typed and printed. STIG WN22-CC-000530 and CIS Level 2 require it.',
    fix: () => ({
      kind: 'group-policy',
      path: 'Computer Configuration > Policies > Administrative Templates > Windows Components > Windows PowerShell > Turn on PowerShell Transcription',
      state: 'Enabled, with an output directory on a share users can write to but not read',
      note: policyNote,
    }),
    topic: 'event-logs-and-auditing',
    sources: ['STIG', 'CIS', 'LOG51'],
  },
  {
    id: 'local-account-token-filter-policy',
    title: 'UAC remote restrictions off (LocalAccountTokenFilterPolicy = 1)',
    severity: 'medium',
    evaluate: (c) => {
      if (!c.registry) return NOT_IN_INPUT;
      const v = c.registry.localAccountTokenFilterPolicy;
      return v === 1 ? { status: 'findings', hits: [{ found: '1', gpo: false }] } : fine(notSet(v));
    },
    message:
      'LocalAccountTokenFilterPolicy is 1: every local administrator gets a full administrator token over the network, so one local password (or its hash) opens every computer that shares it. STIG WN22-MS-000020 (CAT II) and CIS Level 1 require 0; Enable-PSRemoting may have set it.',
    fix: () =>
      cmd(
        "Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System' -Name 'LocalAccountTokenFilterPolicy' -Value 0 -Type DWord",
        'By Group Policy: MS Security Guide > Apply UAC restrictions to local accounts on network logons = Enabled.',
      ),
    topic: 'hardening-checklist',
    sources: ['STIG', 'CIS', 'TRB', 'LATFP'],
  },
  {
    id: 'sshd-password-authentication',
    title: 'sshd accepts passwords',
    severity: 'medium',
    evaluate: (c) => {
      if (!c.sshd) return NOT_IN_INPUT;
      const v = c.sshd.passwordauthentication?.[0] ?? 'yes';
      return v.toLowerCase() === 'yes'
        ? { status: 'findings', hits: [{ found: `passwordauthentication ${v}`, gpo: false }] }
        : fine(`passwordauthentication ${v}`);
    },
    message:
      'sshd accepts password logons: passwords can be guessed over the network and are typed into whatever answers on port 22. Once key logon works, set PasswordAuthentication no.',
    fix: () =>
      cmd(
        "Restart-Service -Name 'sshd'",
        'First set PasswordAuthentication no in C:\\ProgramData\\ssh\\sshd_config, above any Match block, and check it with sshd -t.',
      ),
    topic: 'ssh-remoting',
    sources: ['SSH', 'OSSH', 'SSHDCFG'],
  },
  {
    id: 'sshd-empty-passwords',
    title: 'sshd accepts empty passwords',
    severity: 'high',
    evaluate: (c) => {
      if (!c.sshd) return NOT_IN_INPUT;
      const v = c.sshd.permitemptypasswords?.[0] ?? 'no';
      return v.toLowerCase() === 'yes'
        ? { status: 'findings', hits: [{ found: `permitemptypasswords ${v}`, gpo: false }] }
        : fine(`permitemptypasswords ${v}`);
    },
    message: 'sshd lets accounts with an empty password log on.',
    fix: () =>
      cmd(
        "Restart-Service -Name 'sshd'",
        'First set PermitEmptyPasswords no in C:\\ProgramData\\ssh\\sshd_config and check it with sshd -t.',
      ),
    topic: 'ssh-remoting',
    sources: ['SSHDCFG', 'OSSH'],
  },
];
