/**
 * From an audited configuration: the guide's answers it allows to infer (to start the guide
 * pre-filled), and the drift from a recommendation (what differs, setting by setting).
 */
import type { Answers, QuestionId, Recommendation } from '../model';
import { pruneAnswers } from '../questions';
import type { AuditConfig, InferredAnswers } from './types';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const isAddress = (h: string) => IPV4.test(h) || h.includes(':');

export function inferAnswers(config: AuditConfig): InferredAnswers {
  const answers: Record<string, string> = {};
  const reasons: Partial<Record<QuestionId, string>> = {};
  const set = (q: QuestionId, value: string, why: string) => {
    answers[q] = value;
    reasons[q] = why;
  };
  const listeners = (config.listeners ?? []).filter((l) => l.enabled);
  const https = listeners.filter((l) => l.transport === 'HTTPS');
  const http = listeners.filter((l) => l.transport === 'HTTP');

  if (listeners.length)
    set(
      'platform',
      'windows',
      'The server has WinRM listeners: a Windows server reached over WinRM. Change it if the computers you connect from run Linux or macOS.',
    );
  if (config.computer && config.computer.partOfDomain !== null) {
    if (config.computer.partOfDomain)
      set(
        'domain',
        'same',
        `The server is joined to ${config.computer.dnsDomain || 'a domain'}; this assumes you connect from the same domain or a trusted one.`,
      );
    else set('domain', 'workgroup', 'The server is not joined to a domain.');
  }
  if (https.length && https.every((l) => l.hostname && isAddress(l.hostname)))
    set('address', 'ip', `The HTTPS listener's Hostname is an address (${https[0]!.hostname}).`);
  else if (https.some((l) => l.hostname && !isAddress(l.hostname)))
    set(
      'address',
      'name',
      `The HTTPS listener's Hostname is a name (${https.find((l) => l.hostname && !isAddress(l.hostname))!.hostname}).`,
    );
  const certs = https.map((l) => l.certificate).filter((c) => c?.found);
  if (certs.length) {
    const selfSigned = certs.every((c) => c!.issuer && c!.issuer === c!.subject);
    set(
      'pki',
      selfSigned ? 'selfsigned' : 'enterprise',
      selfSigned
        ? 'The HTTPS listener uses a self-signed certificate (issuer = subject).'
        : `The HTTPS listener's certificate was issued by ${certs[0]!.issuer || 'a certificate authority'}.`,
    );
  } else if (config.listeners && !https.length && config.computer?.partOfDomain === false) {
    set('pki', 'none', 'No HTTPS listener on a computer outside a domain: no certificate in use.');
  }
  const cbt = config.winrm['Service/Auth/CbtHardeningLevel']?.value.toLowerCase();
  if (https.length && !http.length && cbt === 'strict') set('assurance', 'high', 'HTTPS only, with CbtHardeningLevel Strict.');
  else if (config.listeners && http.length && !https.length) set('assurance', 'standard', 'HTTP only (Kerberos message encryption).');
  if (config.networkProfiles?.length) {
    const pub = config.networkProfiles.some((p) => /^public$/i.test(p.category));
    set(
      'network',
      pub ? 'public' : 'private',
      pub
        ? 'A network of the server is on the Public profile.'
        : `The server's networks are ${[...new Set(config.networkProfiles.map((p) => p.category))].join(', ')}.`,
    );
  }
  if (config.sessionConfigurations) {
    const jea = config.sessionConfigurations.filter(
      (e) => /RestrictedRemoteServer/i.test(e.sessionType) || e.runAsVirtualAccount || e.groupManagedServiceAccount,
    );
    if (jea.length) set('who', 'delegated', `The server has a constrained (JEA) endpoint: ${jea.map((e) => e.name).join(', ')}.`);
  }
  const pruned = pruneAnswers(answers) as Answers;
  const keptReasons: Partial<Record<QuestionId, string>> = {};
  for (const q of Object.keys(pruned) as QuestionId[]) keptReasons[q] = reasons[q];
  return { answers: pruned, reasons: keptReasons };
}

export type DriftStatus = 'same' | 'differs' | 'not-in-input';

export interface DriftItem {
  settingId: string;
  name: string;
  expected: string;
  found: string;
  status: DriftStatus;
  /** Set for settings the recommendation applies elsewhere (the admin workstation's client). */
  note?: string;
}

/** The setting ids whose value the audit can read, and how: a WinRM path, or a reader. */
const WINRM_PATHS: Record<string, string> = {
  'service-allow-unencrypted': 'Service/AllowUnencrypted',
  'service-basic': 'Service/Auth/Basic',
  'service-credssp': 'Service/Auth/CredSSP',
  'service-certificate': 'Service/Auth/Certificate',
  'service-cbt': 'Service/Auth/CbtHardeningLevel',
  'client-allow-unencrypted': 'Client/AllowUnencrypted',
  'client-basic': 'Client/Auth/Basic',
  'client-digest': 'Client/Auth/Digest',
  'client-credssp': 'Client/Auth/CredSSP',
};

const dw = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? 'not set' : String(v));

function readSetting(config: AuditConfig, settingId: string): string | undefined {
  const path = WINRM_PATHS[settingId];
  if (path) return config.winrm[path]?.value;
  const listeners = config.listeners;
  switch (settingId) {
    case 'listener-https':
      return listeners === undefined ? undefined : listeners.some((l) => l.enabled && l.transport === 'HTTPS') ? 'present' : 'absent';
    case 'listener-http':
      return listeners === undefined ? undefined : listeners.some((l) => l.enabled && l.transport === 'HTTP') ? 'present' : 'removed';
    case 'disable-runas':
      return dw(config.registry?.disableRunAs);
    case 'script-block-logging':
      return dw(config.registry?.windowsPowerShell.scriptBlockLogging);
    case 'pwsh-script-block-logging':
      return dw(config.registry?.powerShell7.scriptBlockLogging);
    case 'transcription':
      return dw(config.registry?.windowsPowerShell.transcription);
    case 'local-account-token-filter-policy':
      return dw(config.registry?.localAccountTokenFilterPolicy);
    case 'sshd-password':
      return config.sshd ? (config.sshd.passwordauthentication?.[0] ?? 'yes') : undefined;
    case 'sshd-pubkey':
      return config.sshd ? (config.sshd.pubkeyauthentication?.[0] ?? 'yes') : undefined;
    default:
      return undefined;
  }
}

/** What the recommendation's value means, in the terms readSetting returns. */
function expectedValue(settingId: string, value: string): string {
  switch (settingId) {
    case 'listener-https':
      return 'present';
    case 'listener-http':
      return 'removed';
    case 'local-account-token-filter-policy':
      return '0';
    case 'pwsh-script-block-logging':
      return '1';
    case 'transcription':
      return '1';
    case 'sshd-password':
      return 'no';
    case 'client-credssp':
      return /^false$/i.test(value) ? 'false' : 'true';
    default:
      return value;
  }
}

function same(settingId: string, expected: string, found: string): boolean {
  if (settingId === 'local-account-token-filter-policy') return found !== '1';
  return expected.toLowerCase() === found.toLowerCase();
}

/**
 * Setting by setting, the recommendation's value and the audited one. Settings the audit cannot
 * read (JEA endpoint files, certificate mappings, AD attributes) are `not-in-input`.
 */
export function drift(config: AuditConfig, recommendation: Recommendation): DriftItem[] {
  const items: DriftItem[] = recommendation.settings.map((s) => {
    const expected = expectedValue(s.id, s.value);
    const found = readSetting(config, s.id);
    const note =
      s.appliedBy === 'client'
        ? "The recommendation sets this on the computers you connect from; the audit read this server's own client."
        : undefined;
    const base = { settingId: s.id, name: s.name, expected, ...(note ? { note } : {}) };
    if (found === undefined) return { ...base, found: '', status: 'not-in-input' as const };
    return { ...base, found, status: same(s.id, expected, found) ? ('same' as const) : ('differs' as const) };
  });
  if (config.firewallRules) {
    const port = String(recommendation.firewall.port);
    const open = config.firewallRules.filter(
      (r) => r.enabled && /^inbound$/i.test(r.direction) && /^allow$/i.test(r.action) && r.localPorts.includes(port),
    );
    const wide = open.filter((r) => r.remoteAddresses.length === 0 || r.remoteAddresses.some((a) => /^any$/i.test(a)));
    items.push({
      settingId: 'firewall',
      name: `Inbound TCP ${port}`,
      expected: 'only from $AdminSubnet',
      found: open.length ? open.map((r) => `${r.name}: ${r.remoteAddresses.join(', ') || 'Any'}`).join('; ') : 'no rule',
      status: open.length && !wide.length ? 'same' : 'differs',
    });
  }
  return items;
}
