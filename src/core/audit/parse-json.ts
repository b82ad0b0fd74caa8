/**
 * The JSON of Get-RemotingAudit.ps1, validated with its zod schema; a mismatch names the path
 * (`Listeners.Items[0].Port: ...`). A probe that failed on the server (its `Error` is set) leaves its
 * part of the configuration undefined, so the rules that need it say "not checked". Never throws.
 */
import { CollectionSchema, type CollectionJson } from './collection-schema';
import { emptyConfig } from './normalize';
import type { AuditConfig, AuditLoggingPolicies, ConfigValue, InputProblem, ParseResult } from './types';

function lineOfPosition(text: string, position: number): number {
  return text.slice(0, Math.max(0, position)).split('\n').length;
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(the whole document)';
}

/** The first string holding a control character, by path (JSON escapes can carry a NUL). */
function findControlCharacter(value: unknown, path: PropertyKey[] = []): string | undefined {
  if (typeof value === 'string') {
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(value) ? pathText(path) : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findControlCharacter(value[i], [...path, i]);
      if (hit) return hit;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findControlCharacter(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return undefined;
}

const s = (v: string | null | undefined): string => v ?? '';
const l = (v: string[] | null | undefined): string[] => (v ?? []).filter((x) => x !== '');

function logging(p: CollectionJson['Registry']['WindowsPowerShell']): AuditLoggingPolicies {
  return { scriptBlockLogging: p.ScriptBlockLogging, moduleLogging: p.ModuleLogging, transcription: p.Transcription };
}

/** `Service\Auth\Basic` (WSMan: drive) -> `Service/Auth/Basic`; the drive's Shell is winrm's Winrs. */
export function winrmPathFromProvider(path: string): string {
  const parts = path.replace(/^\\+|\\+$/g, '').split('\\');
  if (parts[0]?.toLowerCase() === 'shell') parts[0] = 'Winrs';
  return parts.join('/');
}

function toConfig(j: CollectionJson): AuditConfig {
  const c = emptyConfig('json');
  c.collectedAt = j.CollectedAt;
  const probes: [string, string | null][] = [
    ['Computer', j.Computer.Error],
    ['WinRM', j.WinRM.Error],
    ['Listeners', j.Listeners.Error],
    ['CredSSP', j.CredSSP.Error],
    ['SessionConfigurations', j.SessionConfigurations.Error],
    ['Firewall', j.Firewall.Error],
    ['NetworkProfiles', j.NetworkProfiles.Error],
    ['Registry', j.Registry.Error],
    ['PowerShellV2', j.PowerShellV2.Error],
    ['Sshd', j.Sshd.Error],
    ['Delegation', j.Delegation.Error],
  ];
  c.probeErrors = probes.filter(([, e]) => e).map(([probe, e]) => ({ probe, error: e! }));
  const ok = (probe: string) => !c.probeErrors.some((p) => p.probe === probe);

  if (ok('Computer'))
    c.computer = {
      name: s(j.Computer.Name),
      dnsDomain: s(j.Computer.DnsDomain),
      partOfDomain: j.Computer.PartOfDomain,
      domainRole: j.Computer.DomainRole,
    };
  if (ok('WinRM')) {
    const winrm: Record<string, ConfigValue> = {};
    for (const item of j.WinRM.Items ?? [])
      winrm[winrmPathFromProvider(item.Path)] = { value: s(item.Value), gpo: s(item.Source).toUpperCase() === 'GPO' };
    c.winrm = winrm;
  }
  if (ok('Listeners')) {
    c.listeners = (j.Listeners.Items ?? []).map((x) => ({
      address: s(x.Address),
      transport: s(x.Transport).toUpperCase(),
      port: s(x.Port),
      hostname: s(x.Hostname),
      enabled: s(x.Enabled).toLowerCase() !== 'false',
      urlPrefix: s(x.URLPrefix),
      certificateThumbprint: s(x.CertificateThumbprint),
      listeningOn: l(x.ListeningOn),
      gpo: s(x.Source).toUpperCase() === 'GPO',
      ...(x.Certificate
        ? {
            certificate: {
              thumbprint: s(x.Certificate.Thumbprint),
              found: x.Certificate.Found,
              subject: s(x.Certificate.Subject),
              issuer: s(x.Certificate.Issuer),
              dnsNames: l(x.Certificate.DnsNames),
              notAfter: s(x.Certificate.NotAfter),
            },
          }
        : {}),
    }));
  }
  if (ok('CredSSP'))
    c.credSSP = {
      allowFreshCredentials: l(j.CredSSP.AllowFreshCredentials),
      allowFreshCredentialsWhenNTLMOnly: l(j.CredSSP.AllowFreshCredentialsWhenNTLMOnly),
    };
  if (ok('SessionConfigurations')) {
    c.sessionConfigurations = (j.SessionConfigurations.Items ?? []).map((x) => ({
      name: x.Name,
      permission: s(x.Permission),
      runAsUser: s(x.RunAsUser),
      sddl: s(x.SecurityDescriptorSddl),
      runAsVirtualAccount: s(x.RunAsVirtualAccount).toLowerCase() === 'true',
      groupManagedServiceAccount: s(x.GroupManagedServiceAccount),
      sessionType: s(x.SessionType),
    }));
  }
  if (ok('Firewall')) {
    c.firewallRules = (j.Firewall.Rules ?? []).map((r) => ({
      name: r.Name,
      displayName: s(r.DisplayName),
      enabled: s(r.Enabled).toLowerCase() === 'true',
      direction: s(r.Direction),
      action: s(r.Action),
      profiles: s(r.Profile)
        .split(/\s*,\s*/)
        .filter(Boolean),
      protocol: s(r.Protocol),
      localPorts: l(r.LocalPort),
      remoteAddresses: l(r.RemoteAddress),
      gpo: s(r.PolicyStoreSourceType).toLowerCase() === 'grouppolicy',
    }));
  }
  if (ok('NetworkProfiles'))
    c.networkProfiles = (j.NetworkProfiles.Items ?? []).map((p) => ({
      name: s(p.Name),
      interfaceAlias: s(p.InterfaceAlias),
      category: s(p.NetworkCategory),
    }));
  if (ok('Registry')) {
    c.registry = {
      localAccountTokenFilterPolicy: j.Registry.LocalAccountTokenFilterPolicy,
      disableRunAs: j.Registry.DisableRunAs,
      windowsPowerShell: logging(j.Registry.WindowsPowerShell),
      powerShell7: logging(j.Registry.PowerShell7),
      powerShell7Installed: j.Registry.PowerShell7Installed,
    };
  }
  if (ok('PowerShellV2') && j.PowerShellV2.State !== null)
    c.powerShellV2 = { feature: s(j.PowerShellV2.Feature), state: s(j.PowerShellV2.State) };
  if (ok('Sshd') && j.Sshd.Present && j.Sshd.Settings) {
    const sshd: Record<string, string[]> = {};
    for (const line of j.Sshd.Settings) {
      const m = /^\s*(\S+)\s*(.*)$/.exec(line);
      if (!m) continue;
      const key = m[1]!.toLowerCase();
      (sshd[key] ??= []).push(m[2]!.trim());
    }
    c.sshd = sshd;
  }
  if (ok('Delegation') && j.Delegation.Available) {
    c.delegation = {
      trustedForDelegation: j.Delegation.TrustedForDelegation === true,
      trustedToAuthForDelegation: j.Delegation.TrustedToAuthForDelegation === true,
      allowedToDelegateTo: l(j.Delegation.AllowedToDelegateTo),
    };
  }
  return c;
}

export function parseCollectionJson(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : 'invalid JSON';
    const pos = /position (\d+)/.exec(message);
    const line = pos ? lineOfPosition(text, Number(pos[1])) : text.split('\n').length;
    const truncated = /end of (JSON )?input|Unterminated/i.test(message) || (pos !== null && Number(pos[1]) >= text.trimEnd().length - 1);
    return {
      ok: false,
      problems: [
        {
          line,
          message: truncated
            ? `The JSON ends before it is complete (line ${line}): it looks truncated. Save the output of Get-RemotingAudit.ps1 to a file (> audit.json) and use the file.`
            : `Line ${line}: this is not valid JSON (${message.replace(/\s*\(line \d+ column \d+\)/, '')}).`,
        },
      ],
    };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problems: [
        {
          line: 1,
          message:
            'The JSON is not an object: expected the output of Get-RemotingAudit.ps1 (an object with "Schema": "psremoting-audit/1").',
        },
      ],
    };
  }
  const schema = (data as Record<string, unknown>).Schema;
  if (schema !== 'psremoting-audit/1') {
    return {
      ok: false,
      problems: [
        {
          line: 1,
          message:
            typeof schema === 'string'
              ? `The JSON says "Schema": ${JSON.stringify(schema.slice(0, 60))}; this audit reads "psremoting-audit/1", the output of the guide's Get-RemotingAudit.ps1.`
              : 'The JSON has no "Schema": "psremoting-audit/1": it is not the output of Get-RemotingAudit.ps1. Run the collection script on the server and paste what it prints.',
        },
      ],
    };
  }
  const control = findControlCharacter(data);
  if (control)
    return {
      ok: false,
      problems: [
        { line: 1, message: `${control} holds a control character (a NUL or similar): the JSON is damaged or is not the script's output.` },
      ],
    };
  const parsed = CollectionSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, 5).map((issue) => ({
        line: 1,
        message: `${pathText(issue.path)}: ${issue.message} (the JSON does not match the schema of Get-RemotingAudit.ps1; was it edited, or made by another version?)`,
      })),
    };
  }
  return { ok: true, config: toConfig(parsed.data) };
}

export type { InputProblem };
