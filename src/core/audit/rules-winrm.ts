/** Audit rules over the WinRM configuration itself (`winrm get winrm/config`, any input format). */
import { WINRM_CLIENT, WINRM_SERVICE } from '../gpo/policy-table';
import { psQuote } from '../powershell/quote';
import { NOT_IN_INPUT, cmd, findings, fine, setWsman, winrmFlag, winrmValue, type AuditHit, type AuditRule } from './rule-types';

/** More entries than this in TrustedHosts is a list nobody reviews. */
export const TRUSTEDHOSTS_LONG_LIST = 10;

/** Trustees an ACE of RootSDDL must not grant anything to: Everyone, Authenticated Users, Users, Anonymous, Guests. */
const WIDE_TRUSTEES = new Set(['WD', 'AU', 'BU', 'AN', 'BG', 'S-1-1-0', 'S-1-5-11', 'S-1-5-32-545', 'S-1-5-7', 'S-1-5-32-546']);
export const STOCK_ROOT_SDDL = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;IU)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)';

function wideRootSddlAces(sddl: string): string[] {
  const dacl = /D:[A-Z]*((?:\([^)]*\))*)/.exec(sddl)?.[1] ?? '';
  const aces = dacl.match(/\([^)]*\)/g) ?? [];
  return aces.filter((ace) => {
    const parts = ace.slice(1, -1).split(';');
    return parts[0] === 'A' && WIDE_TRUSTEES.has((parts[5] ?? '').toUpperCase());
  });
}

export const WINRM_AUDIT_RULES: readonly AuditRule[] = [
  {
    id: 'service-basic',
    title: 'Basic authentication on the WinRM service',
    severity: 'high',
    evaluate: winrmFlag('Service/Auth/Basic', 'true'),
    message:
      'The WinRM service accepts Basic authentication: the user name and password travel base64-encoded with every request, readable by anyone on the path when the listener is HTTP. STIG WN22-CC-000500 (CAT I) and CIS Level 1 require it off.',
    fix: () => cmd(setWsman('Service/Auth/Basic', '$false')),
    policy: { settingId: 'service-basic', state: 'Disabled' },
    topic: 'basic-digest-and-certificate-auth',
    sources: ['STIG', 'CIS', 'W32AUTH', 'PSWSM'],
  },
  {
    id: 'service-allow-unencrypted',
    title: 'Unencrypted traffic allowed on the WinRM service',
    severity: 'high',
    evaluate: winrmFlag('Service/AllowUnencrypted', 'true'),
    message:
      'AllowUnencrypted is true on the service: messages over HTTP may travel in clear text, commands and their output included. It is false by default; STIG WN22-CC-000510 and CIS Level 1 require false.',
    fix: () => cmd(setWsman('Service/AllowUnencrypted', '$false')),
    policy: { settingId: 'service-allow-unencrypted', state: 'Disabled' },
    topic: 'encryption-in-transport',
    sources: ['STIG', 'CIS', 'W32CFG', 'WSEC'],
  },
  {
    id: 'client-allow-unencrypted',
    title: 'Unencrypted traffic allowed on the WinRM client',
    severity: 'high',
    evaluate: winrmFlag('Client/AllowUnencrypted', 'true'),
    message:
      "AllowUnencrypted is true on this computer's WinRM client: sessions it opens over HTTP may send everything in clear text. STIG WN22-CC-000480 and CIS Level 1 require false.",
    fix: () => cmd(setWsman('Client/AllowUnencrypted', '$false')),
    policy: { settingId: 'client-allow-unencrypted', state: 'Disabled' },
    topic: 'encryption-in-transport',
    sources: ['STIG', 'CIS', 'W32CFG'],
  },
  {
    id: 'client-basic',
    title: 'Basic authentication on the WinRM client',
    severity: 'medium',
    evaluate: winrmFlag('Client/Auth/Basic', 'true'),
    message:
      "This computer's WinRM client may use Basic authentication (true on a stock Windows installation). STIG WN22-CC-000470 rates it CAT I and CIS Level 1 requires it off; it is medium here because it only matters when someone connects out from this server. On an administrator's workstation treat it as high.",
    fix: () => cmd(setWsman('Client/Auth/Basic', '$false')),
    policy: { settingId: 'client-basic', state: 'Disabled' },
    topic: 'basic-digest-and-certificate-auth',
    sources: ['STIG', 'CIS', 'W32AUTH'],
  },
  {
    id: 'client-digest',
    title: 'Digest authentication on the WinRM client',
    severity: 'low',
    evaluate: winrmFlag('Client/Auth/Digest', 'true'),
    message:
      "This computer's WinRM client may use Digest authentication (true on a stock installation). STIG WN22-CC-000490 and CIS Level 1 require it disallowed.",
    fix: () => cmd(setWsman('Client/Auth/Digest', '$false')),
    policy: { settingId: 'client-digest', state: 'Enabled' },
    topic: 'basic-digest-and-certificate-auth',
    sources: ['STIG', 'CIS', 'W32CFG'],
  },
  {
    id: 'service-credssp',
    title: 'CredSSP accepted by the WinRM service',
    severity: 'high',
    evaluate: winrmFlag('Service/Auth/CredSSP', 'true'),
    message:
      'The WinRM service accepts CredSSP: whoever connects with it hands this server their full credentials, which anyone in control of the server can reuse anywhere. Acceptable only on a tier-0 server reached from tier-0 workstations; otherwise use resource-based constrained delegation for the second hop.',
    fix: () => cmd('Disable-WSManCredSSP -Role Server'),
    policy: { settingId: 'service-credssp', state: 'Disabled' },
    topic: 'credssp',
    sources: ['CSSP', 'HOP', 'CREDSSPDOC'],
  },
  {
    id: 'client-credssp',
    title: 'CredSSP enabled on the WinRM client',
    severity: 'medium',
    evaluate: (c) => {
      const v = winrmValue(c, 'Client/Auth/CredSSP');
      if (!v) return NOT_IN_INPUT;
      if (v.value.toLowerCase() !== 'true') return fine(v.value);
      const wild =
        (c.credSSP?.allowFreshCredentials.some((e) => e.includes('*')) ?? false) ||
        (c.credSSP?.allowFreshCredentialsWhenNTLMOnly.length ?? 0) > 0;
      return { status: 'findings', hits: [{ found: v.value, gpo: v.gpo, ...(wild ? { severity: 'high' as const } : {}) }] };
    },
    message:
      'This computer may delegate fresh credentials with CredSSP (Enable-WSManCredSSP -Role Client). Each server it delegates to receives the full credentials of whoever connects from here; with a wildcard in the delegation list (AllowFreshCredentials) that is any server, and AllowFreshCredentialsWhenNTLMOnly delegates to servers that were never authenticated. Turn it off unless this computer is a tier-0 workstation with a named tier-0 target.',
    fix: () => cmd('Disable-WSManCredSSP -Role Client'),
    policy: { path: `${WINRM_CLIENT} > Allow CredSSP authentication`, state: 'Disabled' },
    topic: 'credssp',
    sources: ['CSSP', 'W32HOP', 'HOP'],
  },
  {
    id: 'trustedhosts-wide',
    title: 'TrustedHosts with a wildcard or a long list',
    severity: 'high',
    evaluate: (c) => {
      const v = winrmValue(c, 'Client/TrustedHosts');
      if (!v) return NOT_IN_INPUT;
      const entries = v.value
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      if (entries.length === 0) return fine('(empty)');
      const exact = entries.filter((e) => !e.includes('*') && !e.includes('?'));
      const keep = exact.join(',');
      const fix = cmd(
        keep
          ? `Set-Item -Path 'WSMan:\\localhost\\Client\\TrustedHosts' -Value ${psQuote(keep)} -Force`
          : "Clear-Item -Path 'WSMan:\\localhost\\Client\\TrustedHosts' -Force",
        'Keeps only the exact names; add each host this computer really reaches with NTLM over HTTP by its name, with -Concatenate.',
      );
      let hit: AuditHit | undefined;
      if (entries.includes('*')) hit = { found: v.value, gpo: v.gpo, fix };
      else if (exact.length < entries.length) {
        hit = {
          found: v.value,
          gpo: v.gpo,
          severity: 'medium',
          fix,
          message: `TrustedHosts holds wildcard patterns (${entries.filter((e) => !exact.includes(e)).join(', ')}): this computer sends NTLM credentials to any matching name, including one an attacker registers or spoofs, and cannot verify the server. List the hosts by exact name.`,
        };
      } else if (entries.length > TRUSTEDHOSTS_LONG_LIST) {
        hit = {
          found: v.value,
          gpo: v.gpo,
          severity: 'low',
          fix: cmd(
            `Get-Item -Path 'WSMan:\\localhost\\Client\\TrustedHosts' | Select-Object -ExpandProperty Value`,
            'Review the list and remove the hosts this computer no longer connects to with NTLM over HTTP.',
          ),
          message: `TrustedHosts lists ${entries.length} hosts. Each is a server this computer sends NTLM credentials to without verifying it; a long list is rarely reviewed.`,
        };
      }
      return hit ? { status: 'findings', hits: [hit] } : fine(v.value);
    },
    message:
      'TrustedHosts is "*": this computer will authenticate with NTLM to any server, sending a response an attacker who impersonates the server can relay or crack, and it never verifies the server. Never use a wildcard: list exact names, or use HTTPS or Kerberos instead.',
    fix: () => cmd("Clear-Item -Path 'WSMan:\\localhost\\Client\\TrustedHosts' -Force"),
    policy: { settingId: 'client-trustedhosts', state: 'Enabled: TrustedHostsList = the exact host names, never "*" (or Not configured)' },
    topic: 'trustedhosts',
    sources: ['W32CFG', 'WSEC', 'TRB'],
  },
  {
    id: 'cbt-relaxed-with-https',
    title: 'Channel binding not enforced with an HTTPS listener',
    severity: 'medium',
    evaluate: (c) => {
      const v = winrmValue(c, 'Service/Auth/CbtHardeningLevel');
      if (!v || c.listeners === undefined) return NOT_IN_INPUT;
      const https = c.listeners.some((l) => l.transport === 'HTTPS' && l.enabled);
      if (!https) return fine(`${v.value} (no HTTPS listener)`);
      return v.value.toLowerCase() === 'strict' ? fine(v.value) : { status: 'findings', hits: [{ found: v.value, gpo: v.gpo }] };
    },
    message:
      'The service has an HTTPS listener but CbtHardeningLevel is not Strict: a Negotiate or Kerberos logon relayed through another TLS connection is still accepted. Strict makes the service require the channel binding token of its own TLS channel.',
    fix: () => cmd(setWsman('Service/Auth/CbtHardeningLevel', 'Strict')),
    policy: { settingId: 'service-cbt', state: 'Enabled: hardening level Strict' },
    topic: 'encryption-in-transport',
    sources: ['CSP', 'W32CFG', 'WSEC', 'ANS'],
  },
  {
    id: 'compatibility-http-listener',
    title: 'Compatibility HTTP listener on port 80',
    severity: 'medium',
    evaluate: winrmFlag('Service/EnableCompatibilityHttpListener', 'true'),
    message:
      'The compatibility HTTP listener makes WinRM answer on port 80 as well, a port firewalls usually leave open. It is off by default; nothing in PowerShell remoting needs it.',
    fix: () => cmd(setWsman('Service/EnableCompatibilityHttpListener', '$false')),
    policy: { path: `${WINRM_SERVICE} > Turn On Compatibility HTTP Listener`, state: 'Not configured (or Disabled)' },
    topic: 'remoting-basics',
    sources: ['WSEC', 'W32CFG', 'CSP'],
  },
  {
    id: 'root-sddl-wide',
    title: 'WinRM RootSDDL grants access to everyone',
    severity: 'high',
    evaluate: (c) => {
      const v = winrmValue(c, 'Service/RootSDDL');
      if (!v) return NOT_IN_INPUT;
      const wide = wideRootSddlAces(v.value);
      return findings(wide.length ? [{ found: v.value, gpo: v.gpo, subject: wide.join('') }] : [], v.value);
    },
    message:
      "RootSDDL, the WinRM service's own access list, grants access to Everyone, Authenticated Users, Users, Guests or Anonymous. The stock value grants Administrators full access and Interactive Users read only; endpoints have their own permissions on top.",
    fix: () =>
      cmd(setWsman('Service/RootSDDL', STOCK_ROOT_SDDL), 'Restores the stock value (Administrators: all; Interactive Users: read).'),
    topic: 'remoting-basics',
    sources: ['WSEC', 'W32CFG'],
  },
];
