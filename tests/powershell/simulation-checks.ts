/**
 * What the simulation tests assert about the state of the simulated hosts (snapshots from
 * Get-SimSnapshot): the recommendation's settings are in place, nothing the product forbids is,
 * the admin subnet still reaches the server, and rollbacks restore the state exactly.
 */
import { isIP } from 'node:net';
import type { Setting } from '../../src/core/model';
import { jeaGmsa, jeaGroup, type PathContext, type SimHostName } from './simulation-context';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Snapshot = Record<string, any>;

/** The guide's backup folder, and the folder the user copies certificate files into. */
export const BACKUP_ROOT = 'C:\\ProgramData\\PSRemotingGuide';
export const TRANSFER_FOLDER = 'C:\\PSRemotingGuide';

// ---------------------------------------------------------------------------------------------
// Comparison

/**
 * The snapshot without the given folders (and everything under them). Rollback comparisons leave
 * out the guide's backup folder itself (the rollback keeps it, renamed, for reference) and the
 * folder the user copied the certificate files into (a user action no script undoes).
 */
export function withoutFolders(snapshot: Snapshot, folders: string[]): Snapshot {
  const copy = structuredClone(snapshot);
  const prefixes = folders.map((f) => f.toUpperCase());
  for (const path of Object.keys(copy.Files ?? {})) {
    const upper = path.toUpperCase();
    if (prefixes.some((p) => upper === p || upper.startsWith(`${p}\\`))) delete copy.Files[path];
  }
  return copy;
}

/**
 * The snapshot with the credential delegation lists (CredentialsDelegation\AllowFreshCredentials and
 * its siblings) as sets. Windows reads them as sets, and Enable-/Disable-WSManCredSSP, which go
 * through the local Group Policy object (the only way that survives a policy refresh), renumber
 * the values 1, 2, 3... when they rewrite a list; so a rollback restores the entries, not their
 * value names.
 */
export function withDelegationListsAsSets(snapshot: Snapshot): Snapshot {
  const copy = structuredClone(snapshot);
  for (const [path, key] of Object.entries<any>(copy.Registry ?? {})) {
    if (!/\\CREDENTIALSDELEGATION\\[^\\]+$/.test(path) || !key?.Values) continue;
    const entries = Object.values<any>(key.Values).map(({ Kind, Value }) => JSON.stringify({ Kind, Value })).sort();
    key.Values = Object.fromEntries(entries.map((v, i) => [String(i + 1), { Name: String(i + 1), ...JSON.parse(v) }]));
  }
  return copy;
}

/** Up to `limit` differences between two JSON values, each as "path: before -> after". */
export function differences(before: unknown, after: unknown, limit = 12, path = ''): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, p: string) => {
    if (out.length >= limit) return;
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of [...keys].sort()) walk((a as any)[k], (b as any)[k], p ? `${p} > ${k}` : k);
      return;
    }
    out.push(`${p || '(root)'}: ${short(a)} -> ${short(b)}`);
  };
  walk(before, after, path);
  return out;
}

function short(v: unknown): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}...` : s;
}

// ---------------------------------------------------------------------------------------------
// Reading the state

export function wsman(snapshot: Snapshot, key: string): string {
  const policy = snapshot.WSMan?.Policy ?? {};
  if (key in policy) return String(policy[key]);
  return String(snapshot.WSMan?.Config?.[key] ?? '');
}

export function registryValue(snapshot: Snapshot, key: string, name: string): unknown {
  const k = snapshot.Registry?.[key.toUpperCase()];
  return k?.Values?.[name.toUpperCase()]?.Value;
}

export function registryValues(snapshot: Snapshot, key: string): unknown[] {
  const k = snapshot.Registry?.[key.toUpperCase()];
  return k ? Object.values(k.Values ?? {}).map((v: any) => v.Value) : [];
}

export function trustedHostsEntries(snapshot: Snapshot): string[] {
  return wsman(snapshot, 'Client\\TrustedHosts')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function file(snapshot: Snapshot, path: string): any {
  const files = snapshot.Files ?? {};
  const key = Object.keys(files).find((k) => k.toUpperCase() === path.toUpperCase());
  return key ? files[key] : undefined;
}

/** sshd keywords outside Match blocks, first value wins (as sshd reads them). */
export function sshdConfig(snapshot: Snapshot): Map<string, string[]> {
  const f = file(snapshot, 'C:\\ProgramData\\ssh\\sshd_config');
  const out = new Map<string, string[]>();
  if (!f) return out;
  for (const raw of String(f.Content).split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [kw = '', ...rest] = line.split(/\s+/);
    const k = kw.toLowerCase();
    if (k === 'match') break;
    out.set(k, [...(out.get(k) ?? []), rest.join(' ')]);
  }
  return out;
}

const leafOf = (p: string) => p.slice(p.lastIndexOf('\\') + 1);

function needsShortName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  const base = dot >= 0 ? name.slice(0, dot) : name;
  const ext = dot >= 0 ? name.slice(dot + 1) : '';
  return /\s/.test(name) || base.length > 8 || ext.length > 3 || /\..*\./.test(name) || /[+,;=[\]]/.test(name);
}

/** The 8.3 name of a folder entry (as sim/lib/core.ps1 Get-SimShortName: ~n in creation order). */
function shortName(files: Record<string, any>, key: string): string {
  const name = leafOf(files[key].Path as string);
  if (!needsShortName(name)) return name.toUpperCase();
  const dot = name.lastIndexOf('.');
  const clean = (s: string) => s.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  const prefix = clean(dot >= 0 ? name.slice(0, dot) : name).slice(0, 6);
  const ext = dot >= 0 ? clean(name.slice(dot + 1)).slice(0, 3) : '';
  const parent = key.slice(0, key.lastIndexOf('\\') + 1);
  const rank = Object.keys(files).filter((k) => {
    if (!k.startsWith(parent) || k.slice(parent.length).includes('\\') || k === key) return false;
    const other = leafOf(files[k].Path as string);
    const od = other.lastIndexOf('.');
    return files[k].Seq < files[key].Seq && needsShortName(other) && clean(od >= 0 ? other.slice(0, od) : other).slice(0, 6) === prefix;
  }).length;
  return `${prefix}~${rank + 1}${ext ? `.${ext}` : ''}`;
}

/** The file a path names, resolving 8.3 short names (PROGRA~1) as Windows does. */
export function resolveShortPath(snapshot: Snapshot, path: string): any {
  const parts = path.replace(/\//g, '\\').split('\\').filter(Boolean);
  const files = snapshot.Files ?? {};
  let current = `${(parts.shift() ?? '').toUpperCase()}\\`;
  for (const part of parts) {
    const direct = `${current}${current.endsWith('\\') ? '' : '\\'}${part}`.toUpperCase();
    if (files[direct]) {
      current = direct;
      continue;
    }
    const prefix = current.endsWith('\\') ? current : `${current}\\`;
    const child = Object.keys(files).find((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('\\') && shortName(files, k) === part.toUpperCase());
    if (!child) return undefined;
    current = child;
  }
  return files[current];
}

const CERT_STORE = (snapshot: Snapshot, store: string): Record<string, any> => snapshot.Certificates?.[store.toUpperCase()] ?? {};

// ---------------------------------------------------------------------------------------------
// Addresses

function ipToBigInt(ip: string): { v: bigint; bits: number } | undefined {
  const kind = isIP(ip);
  if (kind === 4) return { v: ip.split('.').reduce((acc, o) => (acc << 8n) + BigInt(Number(o)), 0n), bits: 32 };
  if (kind === 6) {
    const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
    const h = head ? head.split(':') : [];
    const t = tail !== undefined && tail ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
    return { v: groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || '0', 16)), 0n), bits: 128 };
  }
  return undefined;
}

function maskLength(mask: string): number | undefined {
  const m = ipToBigInt(mask);
  if (!m) return undefined;
  return m.v.toString(2).replace(/0+$/, '').length;
}

/** Does a firewall RemoteAddress entry admit this address? */
export function addressAdmits(entry: string, address: string, localSubnets: string[] = []): boolean {
  if (entry.toLowerCase() === 'any') return true;
  if (/^localsubnet[46]?$/i.test(entry)) return localSubnets.some((s) => addressAdmits(s, address));
  const a = ipToBigInt(address);
  if (!a) return false;
  const range = /^(.+)-(.+)$/.exec(entry);
  if (range?.[1] && range[2]) {
    const lo = ipToBigInt(range[1]);
    const hi = ipToBigInt(range[2]);
    return !!lo && !!hi && lo.bits === a.bits && a.v >= lo.v && a.v <= hi.v;
  }
  const net = /^(.+)\/(.+)$/.exec(entry);
  if (net?.[1] && net[2]) {
    const base = ipToBigInt(net[1]);
    if (!base || base.bits !== a.bits) return false;
    const len = /^\d+$/.test(net[2]) ? Number(net[2]) : maskLength(net[2]);
    if (len === undefined) return false;
    const shift = BigInt(a.bits - len);
    return a.v >> shift === base.v >> shift;
  }
  const single = ipToBigInt(entry);
  return !!single && single.bits === a.bits && single.v === a.v;
}

// ---------------------------------------------------------------------------------------------
// Settings -> state

function winrmKey(name: string): string | undefined {
  const prefix = 'WSMan:\\localhost\\';
  return name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
}

/** One setting of the recommendation against the state of the host whose script applies it; null when in place. */
export function checkSetting(ctx: PathContext, s: Setting, snaps: Partial<Record<SimHostName, Snapshot>>): string | null {
  const server = snaps.server!;
  const client = snaps.client!;
  const host = s.appliedBy === 'target' ? server : s.appliedBy === 'client' ? client : snaps.dc;
  if (!host) return `no snapshot of the host that runs the ${s.appliedBy} script`;
  const name = s.name;
  if (name === 'WSMan:\\localhost\\ClientCertificate') {
    const upn = ctx.rec.certificate?.clientCertificate?.upn;
    const roots = CERT_STORE(server, 'LocalMachine\\Root');
    const ok = (server.WSMan.ClientCertificates as any[]).some((m) => m.Subject === upn && m.URI === '*' && m.Issuer in roots && m.Enabled === 'true');
    return ok ? null : `no enabled certificate mapping for ${upn} (URI *, issuer in LocalMachine\\Root); mappings: ${JSON.stringify(server.WSMan.ClientCertificates)}`;
  }
  const key = winrmKey(name);
  if (key && key !== 'Client\\TrustedHosts') {
    const actual = wsman(host, key);
    return actual.toLowerCase() === s.value.toLowerCase() ? null : `${name} is ${actual || '(empty)'}, expected ${s.value}`;
  }
  if (key === 'Client\\TrustedHosts') {
    const entry = ctx.target.includes(':') ? `[${ctx.target}]` : ctx.target;
    return trustedHostsEntries(client).includes(entry) ? null : `TrustedHosts is "${wsman(client, key)}", expected it to contain ${entry}`;
  }
  if (name === 'winrm/config/Listener?Address=*+Transport=HTTPS') {
    const l = ([] as any[]).concat(server.WSMan.Listeners ?? []).find((x) => x.Transport === 'HTTPS' && x.Address === '*');
    if (!l) return 'no HTTPS listener on *';
    const cert = CERT_STORE(server, 'LocalMachine\\My')[l.CertificateThumbprint];
    if (!cert) return `the HTTPS listener's certificate ${l.CertificateThumbprint} is not in LocalMachine\\My`;
    const names = [...(cert.Dns ?? []), ...(cert.Ips ?? [])].map((x: string) => x.toLowerCase());
    if (l.Hostname.toLowerCase() !== ctx.target.toLowerCase()) return `the HTTPS listener's Hostname is ${l.Hostname}, expected ${ctx.target}`;
    if (!names.includes(ctx.target.toLowerCase())) return `the HTTPS certificate's SAN (${names.join(', ')}) lacks ${ctx.target}`;
    if (!cert.HasPrivateKey) return 'the HTTPS certificate has no private key';
    return null;
  }
  if (name === 'winrm/config/Listener?Address=*+Transport=HTTP') {
    const l = ([] as any[]).concat(server.WSMan.Listeners ?? []).filter((x) => x.Transport === 'HTTP');
    return l.length === 0 ? null : `the HTTP listener is still there: ${JSON.stringify(l)}`;
  }
  if (name === 'Enable-WSManCredSSP -Role Client -DelegateComputer $Target') {
    if (wsman(client, 'Client\\Auth\\CredSSP') !== 'true') return 'CredSSP is not enabled on the client';
    const entries = registryValues(client, 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials').map(String);
    if (!entries.some((e) => e.toLowerCase() === `wsman/${ctx.target}`.toLowerCase())) return `AllowFreshCredentials (${entries.join(', ')}) lacks wsman/${ctx.target}`;
    return null;
  }
  if (name.startsWith('HKLM:\\') && s.scope === 'registry') {
    const i = name.lastIndexOf('\\');
    const v = registryValue(host, name.slice(0, i), name.slice(i + 1));
    return String(v) === s.value ? null : `${name} is ${v === undefined ? '(absent)' : String(v)}, expected ${s.value}`;
  }
  if (name === `Session configuration ${ctx.rec.endpoint === 'jea' ? 'JEAMaintenance' : ''}`) {
    const c = server.SessionConfigurations?.JEAMAINTENANCE;
    if (!c) return 'the JEA endpoint JEAMaintenance is not registered';
    if (c.SessionType !== 'RestrictedRemoteServer') return `the endpoint's SessionType is ${c.SessionType}`;
    const group = jeaGroup(ctx);
    if (!Object.keys(c.RoleDefinitions ?? {}).some((g) => g.toLowerCase() === group.toLowerCase())) return `the endpoint's RoleDefinitions (${Object.keys(c.RoleDefinitions ?? {}).join(', ')}) lack ${group}`;
    if (ctx.rec.secondHop === 'jea-gmsa') {
      if (String(c.GroupManagedServiceAccount).toLowerCase().replace(/\$$/, '') !== jeaGmsa(ctx).toLowerCase()) return `the endpoint runs as ${c.GroupManagedServiceAccount || '(no gMSA)'}, expected ${jeaGmsa(ctx)}`;
    } else if (c.RunAsVirtualAccount !== true) return 'the endpoint does not run as a virtual account';
    if (c.TranscriptDirectory !== 'C:\\ProgramData\\JEAConfiguration\\Transcripts') return `transcripts go to ${c.TranscriptDirectory}`;
    return null;
  }
  if (name.startsWith('Resource computer AD object: PrincipalsAllowedToDelegateToAccount')) {
    const objects = Object.values(snaps.dc?.ActiveDirectory ?? {}) as any[];
    const resource = objects.find((o) => o.Name === 'FILES01');
    const targetDn = objects.find((o) => o.Name === 'APP01')?.DistinguishedName;
    const list: string[] = resource?.PrincipalsAllowedToDelegateToAccount ?? [];
    return targetDn && list.includes(targetDn) ? null : `PrincipalsAllowedToDelegateToAccount of the resource is [${list.join('; ')}], expected it to contain ${targetDn}`;
  }
  if (s.id === 'pwsh-script-block-logging') {
    // The Windows half (the simulated target is Windows): the PowerShellCore policy value.
    const v = registryValue(server, 'HKLM:\\Software\\Policies\\Microsoft\\PowerShellCore\\ScriptBlockLogging', 'EnableScriptBlockLogging');
    return String(v) === '1' ? null : `PowerShell 7 script block logging (PowerShellCore policy EnableScriptBlockLogging) is ${v === undefined ? '(absent)' : String(v)}, expected 1`;
  }
  if (s.scope === 'sshd') return checkSshdSetting(s, server);
  return `the simulation tests have no state check for the setting "${name}" (${s.id}); add one to tests/powershell/simulation-checks.ts`;
}

function checkSshdSetting(s: Setting, server: Snapshot): string | null {
  const cfg = sshdConfig(server);
  const first = (k: string) => cfg.get(k.toLowerCase())?.[0];
  switch (s.id) {
    case 'sshd-pubkey':
      return first('PubkeyAuthentication') === 'yes' ? null : `PubkeyAuthentication is ${first('PubkeyAuthentication') ?? '(default)'}`;
    case 'sshd-password': {
      const pw = first('PasswordAuthentication');
      const kbd = first('KbdInteractiveAuthentication') ?? first('ChallengeResponseAuthentication');
      return pw === 'no' && kbd === 'no' ? null : `after the run with $DisablePasswordAuthentication = $true: PasswordAuthentication ${pw ?? '(default yes)'}, keyboard-interactive ${kbd ?? '(default)'}`;
    }
    case 'sshd-allowgroups': {
      const groups = (cfg.get('allowgroups') ?? []).join(' ');
      return /"?openssh users"?/i.test(groups) ? null : `AllowGroups is "${groups}", expected the OpenSSH Users group`;
    }
    case 'sshd-subsystem': {
      const line = (cfg.get('subsystem') ?? []).find((x) => /^powershell\s/i.test(x));
      if (!line) return 'no powershell subsystem in sshd_config';
      const exe = line.replace(/^powershell\s+/i, '').replace(/\s+-sshs\s*$/i, '').trim();
      return resolveShortPath(server, exe) ? null : `the powershell subsystem runs ${exe}, which does not exist`;
    }
    default:
      return `the simulation tests have no state check for the sshd setting ${s.id}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Forbidden states

export function forbidden(ctx: PathContext, snaps: Partial<Record<SimHostName, Snapshot>>, ran: Set<SimHostName>): string[] {
  const out: string[] = [];
  const server = snaps.server;
  const client = snaps.client;
  if (server && ran.has('server')) {
    if (wsman(server, 'Service\\AllowUnencrypted') === 'true') out.push('server: the WinRM service allows unencrypted traffic');
    if (wsman(server, 'Service\\Auth\\Basic') === 'true') out.push('server: the WinRM service accepts Basic');
    if (ctx.rec.secondHop !== 'credssp' && wsman(server, 'Service\\Auth\\CredSSP') === 'true') out.push('server: CredSSP is on although the recommendation does not use it');
    // The ports of the recommended transport: an SSH path leaves WinRM's stock rules as they were.
    const ports = ctx.rec.transport === 'ssh' ? ['22'] : ['5985', '5986'];
    for (const r of Object.values(server.Firewall?.Rules ?? {}) as any[]) {
      if (r.Enabled !== 'True' || r.Direction !== 'Inbound' || r.Action !== 'Allow') continue;
      if (!r.LocalPort.some((p: string) => ports.includes(p))) continue;
      if (r.RemoteAddress.some((a: string) => a.toLowerCase() === 'any')) out.push(`server: firewall rule ${r.Name} admits any address to TCP ${r.LocalPort.join(',')} (profiles ${r.Profile})`);
    }
  }
  for (const [name, snap] of Object.entries(snaps) as [SimHostName, Snapshot][]) {
    if (!snap) continue;
    if (trustedHostsEntries(snap).some((e) => e.includes('*'))) out.push(`${name}: TrustedHosts contains a wildcard`);
    const fresh = registryValues(snap, 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials').map(String);
    if (fresh.some((e) => e.includes('*'))) out.push(`${name}: AllowFreshCredentials contains a wildcard`);
    for (const o of Object.values(snap.ActiveDirectory ?? {}) as any[]) if (o.TrustedForDelegation) out.push(`${name}: ${o.DistinguishedName} is trusted for unconstrained delegation`);
  }
  if (client && ran.has('client') && ctx.rec.transport !== 'ssh') {
    if (wsman(client, 'Client\\AllowUnencrypted') === 'true') out.push('client: the WinRM client allows unencrypted traffic');
    if (wsman(client, 'Client\\Auth\\Basic') === 'true') out.push('client: the WinRM client uses Basic');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reachability: can the admin subnet still reach the server over the recommended transport?

const PROFILE_OF: Record<string, string> = { DomainAuthenticated: 'Domain', Private: 'Private', Public: 'Public' };

export function unreachableBecause(ctx: PathContext, server: Snapshot): string | null {
  const category = server.Network?.Profiles?.[0]?.NetworkCategory as string;
  const profile = PROFILE_OF[category] ?? category;
  const port = String(ctx.rec.port);
  const local = (server.Host.Addresses as string[]).map((a) => (a.includes(':') ? `${a}/64` : `${a}/24`));
  const rules = (Object.values(server.Firewall?.Rules ?? {}) as any[]).filter(
    (r) =>
      r.Enabled === 'True' &&
      r.Direction === 'Inbound' &&
      r.Action === 'Allow' &&
      (r.Protocol === 'TCP' || r.Protocol === 'Any') &&
      (r.LocalPort.includes(port) || r.LocalPort.includes('Any')) &&
      (r.Profile === 'Any' || String(r.Profile).split(', ').includes(profile)) &&
      r.RemoteAddress.some((a: string) => addressAdmits(a, ctx.adminAddress, local)),
  );
  if (rules.length === 0) return `no enabled firewall rule admits ${ctx.adminAddress} to TCP ${port} on the active ${profile} profile`;
  if (ctx.rec.transport === 'ssh') {
    const sshd = server.Services?.SSHD;
    return sshd?.Status === 'Running' ? null : `sshd is ${sshd ? sshd.Status : 'not installed'}`;
  }
  const transport = ctx.rec.transport.toUpperCase();
  const listener = ([] as any[]).concat(server.WSMan.Listeners ?? []).find((l) => l.Transport === transport && String(l.Port) === port && l.Enabled === 'true');
  if (!listener) return `no enabled ${transport} listener on port ${port}`;
  if (server.Services?.WINRM?.Status !== 'Running') return 'the WinRM service is not running';
  const auth = { kerberos: 'Kerberos', 'negotiate-https': 'Negotiate', 'ntlm-trustedhosts': 'Negotiate', certificate: 'Certificate' }[ctx.rec.authentication as string];
  if (auth && wsman(server, `Service\\Auth\\${auth}`) !== 'true') return `the WinRM service does not accept ${auth}`;
  return null;
}
