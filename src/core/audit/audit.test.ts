/**
 * The audit (issue 11) on realistic samples written from Microsoft's documentation of
 * `winrm get winrm/config` / `winrm enumerate winrm/config/listener` (text and XML) and on the JSON
 * of Get-RemotingAudit.ps1: the exact findings of each sample, the fixes (a command with the values
 * quoted, or the Group Policy setting when the value came from a policy), what is fine, inferred
 * answers and drift.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { POLICY_TABLE } from '../gpo/policy-table';
import { recommend } from '../recommend';
import { SOURCE_KEYS } from '../sources';
import { TOPIC_SLUGS } from '../topics';
import { AUDIT_RULES, auditInput, drift, type AuditResult, type Finding } from './index';

const SAMPLES = join(import.meta.dirname, 'samples');
const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');

function ok(result: AuditResult): Extract<AuditResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a result, got problems: ${JSON.stringify(result.problems)}`);
  return result;
}

/** severity ruleId [subject] (source) */
const brief = (f: Finding) =>
  `${f.severity} ${f.ruleId}${f.subject ? ` [${f.subject}]` : ''}${f.source === 'group-policy' ? ' (GPO)' : ''}`;

const STOCK_TEXT = ['medium client-basic', 'low client-digest'];
const TEXT_NOT_CHECKED = [
  'http-only-workgroup',
  'runas-credentials',
  'disable-runas-not-set',
  'endpoint-open',
  'firewall-open-to-any',
  'firewall-on-public',
  'unconstrained-delegation',
  'protocol-transition',
  'powershell-v2',
  'script-block-logging-off',
  'pwsh-script-block-logging-off',
  'transcription-off',
  'local-account-token-filter-policy',
  'sshd-password-authentication',
  'sshd-empty-passwords',
];

describe('the rule table', () => {
  test('unique ids, known topics and sources, every row cites a source', () => {
    const ids = AUDIT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of AUDIT_RULES) {
      expect(TOPIC_SLUGS, r.id).toContain(r.topic);
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      for (const s of r.sources) expect(SOURCE_KEYS, r.id).toContain(s);
      if (r.policy?.settingId) expect(POLICY_TABLE[r.policy.settingId], r.id).toBeDefined();
    }
  });

  test('STIG ids are cited in the messages of the rows that rest on the STIG', () => {
    for (const r of AUDIT_RULES.filter((x) => x.sources.includes('STIG'))) expect(r.message, r.id).toMatch(/WN22-(CC|MS|00)-\d{6}/);
  });
});

describe('stock Windows Server (text)', () => {
  test.each(['ws2019-stock.txt', 'ws2022-stock.txt', 'ws2025-stock.txt'])('%s: only the client Basic and Digest defaults', (name) => {
    const r = ok(auditInput(sample(name)));
    expect(r.format).toBe('text');
    expect(r.findings.map(brief)).toEqual(STOCK_TEXT);
    expect(r.notChecked.map((n) => n.ruleId)).toEqual(TEXT_NOT_CHECKED);
    expect(r.fine.map((f) => f.ruleId)).toEqual([
      'service-basic',
      'service-allow-unencrypted',
      'client-allow-unencrypted',
      'service-credssp',
      'client-credssp',
      'trustedhosts-wide',
      'cbt-relaxed-with-https',
      'compatibility-http-listener',
      'root-sddl-wide',
      'http-listener-beside-https',
      'listener-certificate',
    ]);
    expect(r.config.listeners).toHaveLength(1);
    expect(r.config.listeners![0]).toMatchObject({
      address: '*',
      transport: 'HTTP',
      port: '5985',
      hostname: '',
      enabled: true,
      gpo: false,
    });
    expect(r.config.winrm['Service/RootSDDL']?.value).toBe('O:NSG:BAD:P(A;;GA;;;BA)(A;;GR;;;IU)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)');
    expect(r.config.winrm['Client/TrustedHosts']).toEqual({ value: '', gpo: false });
    expect(r.inferredAnswers.answers).toEqual({ platform: 'windows' });
  });

  test('the fixes are commands with quoted paths', () => {
    const r = ok(auditInput(sample('ws2022-stock.txt')));
    expect(r.findings[0]!.fix).toEqual({
      kind: 'command',
      command: "Set-Item -Path 'WSMan:\\localhost\\Client\\Auth\\Basic' -Value $false -Force",
    });
    expect(r.findings[0]!.sources).toEqual(['STIG', 'CIS', 'W32AUTH']);
    expect(r.findings[0]!.message).toContain('WN22-CC-000470');
  });
});

describe('hardened', () => {
  test('text: no finding; the certificate cannot be checked from text', () => {
    const r = ok(auditInput(sample('hardened.txt')));
    expect(r.findings).toEqual([]);
    expect(r.notChecked.map((n) => n.ruleId)).toContain('listener-certificate');
    expect(r.fine.find((f) => f.ruleId === 'cbt-relaxed-with-https')?.found).toBe('Strict');
    expect(r.config.winrm['Client/Auth/Basic']).toEqual({ value: 'false', gpo: true });
  });

  test('json: no finding, inferred answers, sshd and delegation not checked', () => {
    const r = ok(auditInput(sample('hardened.json')));
    expect(r.findings).toEqual([]);
    expect(r.notChecked.map((n) => n.ruleId)).toEqual([
      'unconstrained-delegation',
      'protocol-transition',
      'sshd-password-authentication',
      'sshd-empty-passwords',
    ]);
    expect(r.inferredAnswers.answers).toEqual({
      platform: 'windows',
      domain: 'same',
      address: 'name',
      assurance: 'high',
      network: 'private',
      who: 'delegated',
    });
    expect(r.inferredAnswers.reasons.domain).toContain('corp.example.org');
  });
});

describe('badly weakened', () => {
  test('text: Basic, AllowUnencrypted, TrustedHosts *, CredSSP, HTTP beside HTTPS, channel binding', () => {
    const r = ok(auditInput(sample('weakened.txt')));
    expect(r.findings.map(brief)).toEqual([
      'high service-basic',
      'high service-allow-unencrypted',
      'high client-allow-unencrypted',
      'high service-credssp',
      'high trustedhosts-wide',
      'medium client-basic',
      'medium client-credssp',
      'medium cbt-relaxed-with-https',
      'low client-digest',
      'low http-listener-beside-https [HTTP listener on *:5985]',
    ]);
    const th = r.findings.find((f) => f.ruleId === 'trustedhosts-wide')!;
    expect(th.found).toBe('*');
    expect(th.fix).toMatchObject({ kind: 'command', command: "Clear-Item -Path 'WSMan:\\localhost\\Client\\TrustedHosts' -Force" });
    expect(r.findings.find((f) => f.ruleId === 'http-listener-beside-https')!.fix).toMatchObject({
      command: "Remove-WSManInstance -ResourceURI 'winrm/config/Listener' -SelectorSet @{ Address = '*'; Transport = 'HTTP' }",
    });
  });

  test('json: every finding, with certificates, endpoints, firewall, delegation, logging and sshd', () => {
    const r = ok(auditInput(sample('weakened.json')));
    expect(r.findings.map(brief)).toEqual([
      'high service-basic',
      'high service-allow-unencrypted',
      'high client-allow-unencrypted',
      'high service-credssp',
      'high client-credssp',
      'high trustedhosts-wide',
      'high listener-certificate [HTTPS listener on *:5986]',
      'high runas-credentials [HelpDesk]',
      'high endpoint-open [HelpDesk]',
      'high firewall-open-to-any [WINRM-HTTP-In-TCP-PUBLIC]',
      'high firewall-open-to-any [WinRM-HTTPS] (GPO)',
      'high unconstrained-delegation',
      'medium client-basic',
      'medium cbt-relaxed-with-https',
      'medium listener-certificate [HTTPS listener on *:8443]',
      'medium listener-certificate [HTTPS listener on *:8443]',
      'medium endpoint-open [Maintenance]',
      'medium firewall-open-to-any [WINRM-HTTP-In-TCP]',
      'medium firewall-on-public [OpenSSH-Server-In-TCP]',
      'medium powershell-v2',
      'medium script-block-logging-off',
      'medium pwsh-script-block-logging-off',
      'medium local-account-token-filter-policy',
      'medium sshd-password-authentication',
      'low client-digest',
      'low http-listener-beside-https [HTTP listener on *:5985]',
      'low disable-runas-not-set',
      'low transcription-off',
    ]);
    expect(r.notChecked).toEqual([]);
    const certs = r.findings.filter((f) => f.ruleId === 'listener-certificate').map((f) => f.found);
    expect(certs).toEqual([
      'expired 2025-11-30T23:59:59.0000000Z',
      'expires 2026-03-20T12:00:00.0000000Z (in 18 days)',
      'listener Hostname intranet.corp.example.org; certificate names web07.corp.example.org',
    ]);
    const gpoRule = r.findings.find((f) => f.subject === 'WinRM-HTTPS')!;
    expect(gpoRule.fix).toMatchObject({
      kind: 'group-policy',
      path: expect.stringContaining('Windows Defender Firewall with Advanced Security > Inbound Rules'),
    });
    const anyRule = r.findings.find((f) => f.subject === 'WINRM-HTTP-In-TCP')!;
    expect(anyRule.fix).toMatchObject({
      kind: 'command',
      command: expect.stringContaining("Set-NetFirewallRule -Name 'WINRM-HTTP-In-TCP' -RemoteAddress $AdminSubnet"),
    });
    expect(r.findings.find((f) => f.ruleId === 'unconstrained-delegation')!.fix).toMatchObject({
      command: "Set-ADAccountControl -Identity 'WEB07$' -TrustedForDelegation $false",
    });
    expect(r.findings.find((f) => f.ruleId === 'powershell-v2')!.fix).toMatchObject({
      command: "Uninstall-WindowsFeature -Name 'PowerShell-V2'",
    });
    expect(r.findings.find((f) => f.ruleId === 'local-account-token-filter-policy')!.message).toContain('WN22-MS-000020');
  });

  test('certificate expiry is judged against options.now when given', () => {
    const r = ok(auditInput(sample('weakened.json'), { now: Date.parse('2025-06-01T00:00:00Z') }));
    const certs = r.findings.filter((f) => f.ruleId === 'listener-certificate').map((f) => f.found);
    expect(certs).toEqual(['listener Hostname intranet.corp.example.org; certificate names web07.corp.example.org']);
  });
});

describe('Group Policy values', () => {
  const expected = ['high service-credssp (GPO)', 'medium client-basic (GPO)', 'medium trustedhosts-wide (GPO)'];

  test('text: [Source="GPO"] values get the policy to change, not a command', () => {
    const r = ok(auditInput(sample('gpo.txt')));
    expect(r.findings.map(brief)).toEqual(expected);
    const credssp = r.findings[0]!;
    expect(credssp.fix).toEqual({
      kind: 'group-policy',
      path: 'Computer Configuration > Policies > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service > Allow CredSSP authentication',
      state: 'Disabled',
      note: expect.stringContaining('[Source="GPO"]'),
    });
    const th = r.findings[2]!;
    expect(th.found).toBe('*.contoso.com,legacy01.contoso.com');
    expect(th.fix).toMatchObject({ kind: 'group-policy', path: expect.stringContaining('WinRM Client > Trusted Hosts') });
    expect(r.config.listeners![0]!.gpo).toBe(true);
    expect(r.config.winrm['Service/IPv4Filter']).toEqual({ value: '*', gpo: true });
  });

  test('the XML form gives the same configuration and findings as the text', () => {
    const x = ok(auditInput(sample('gpo.xml')));
    const t = ok(auditInput(sample('gpo.txt')));
    expect(x.format).toBe('xml');
    expect(x.findings.map(brief)).toEqual(expected);
    expect(x.config.winrm).toEqual(t.config.winrm);
    expect(x.config.listeners).toEqual(t.config.listeners);
  });
});

describe('drift from a recommendation', () => {
  const kerberos = recommend({
    platform: 'windows',
    domain: 'same',
    address: 'name',
    assurance: 'standard',
    network: 'private',
    who: 'admins',
    hop: 'none',
  });
  const high = recommend({
    platform: 'windows',
    domain: 'same',
    address: 'name',
    assurance: 'high',
    network: 'private',
    who: 'admins',
    hop: 'none',
  });

  test('stock text against the Kerberos recommendation', () => {
    const r = ok(auditInput(sample('ws2022-stock.txt')));
    const d = drift(r.config, kerberos);
    const byId = Object.fromEntries(d.map((x) => [x.settingId, x.status]));
    expect(byId).toMatchObject({
      'service-allow-unencrypted': 'same',
      'service-basic': 'same',
      'service-credssp': 'same',
      'client-basic': 'differs',
      'client-digest': 'differs',
      'script-block-logging': 'not-in-input',
    });
    expect(d.find((x) => x.settingId === 'client-basic')).toMatchObject({
      expected: 'false',
      found: 'true',
      note: expect.stringContaining('computers you connect from'),
    });
  });

  test('the hardened JSON matches the high-assurance recommendation on the service and listeners', () => {
    const r = ok(auditInput(sample('hardened.json')));
    const d = drift(r.config, high);
    const differs = d.filter((x) => x.status === 'differs').map((x) => x.settingId);
    expect(differs).toEqual([]);
    expect(d.find((x) => x.settingId === 'service-cbt')).toMatchObject({ expected: 'Strict', found: 'Strict', status: 'same' });
    expect(d.find((x) => x.settingId === 'listener-http')).toMatchObject({ expected: 'removed', found: 'removed', status: 'same' });
    expect(d.find((x) => x.settingId === 'firewall')).toMatchObject({ status: 'same' });
  });

  test('the weakened JSON differs where it should', () => {
    const r = ok(auditInput(sample('weakened.json')));
    const differs = drift(r.config, kerberos)
      .filter((x) => x.status === 'differs')
      .map((x) => x.settingId);
    expect(differs).toEqual([
      'service-allow-unencrypted',
      'service-basic',
      'service-credssp',
      'client-allow-unencrypted',
      'client-basic',
      'client-digest',
      'client-credssp',
      'local-account-token-filter-policy',
      'script-block-logging',
      'disable-runas',
      'transcription',
      'firewall',
    ]);
  });
});
