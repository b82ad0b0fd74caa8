/**
 * Get-RemotingAudit.ps1 (issue 11) in the PowerShell suite: it parses with PowerShell's own parser,
 * holds no command that changes anything, and runs on the simulated Windows host (sim/) on stock,
 * weakened and configured servers (after the target script of a path), in PowerShell 7 and in
 * Windows PowerShell 5.1 mode. Its run changes nothing (the host's snapshot before and after are
 * equal), and its JSON passes auditInput with the findings each server should have. The fix
 * commands the audit proposes parse too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { COLLECTION_SCRIPT, auditInput, type AuditResult, type Finding } from '../../src/core/audit/index';
import type { Answers } from '../../src/core/model';
import { describePwsh, runPwshFile } from './pwsh';
import { fillScript, makeContext, serverSpec, type HostSpec, type PathContext } from './simulation-context';

const DRIVER = join(import.meta.dirname, 'sim', 'Invoke-SimAuditCases.ps1');
const FORBIDDEN =
  /\b(Set|New|Remove|Enable|Disable|Restart|Stop|Start|Install|Uninstall|Register|Unregister|Clear|Rename|Move|Copy|Add|Grant|Revoke|Invoke|Update|Write|Export|Reset|Suspend|Resume|Mount|Dismount|Unblock|Lock|Unlock)-[A-Za-z]/;

const KERBEROS: Answers = {
  platform: 'windows',
  domain: 'same',
  address: 'name',
  assurance: 'standard',
  network: 'private',
  who: 'admins',
  hop: 'none',
};
const HIGH: Answers = {
  platform: 'windows',
  domain: 'same',
  address: 'name',
  assurance: 'high',
  network: 'private',
  who: 'admins',
  hop: 'none',
};
const WORKGROUP: Answers = { platform: 'windows', domain: 'workgroup', pki: 'none', network: 'private', who: 'admins', hop: 'none' };
const BY_IP_SELF_SIGNED: Answers = {
  platform: 'windows',
  domain: 'same',
  address: 'ip',
  pki: 'selfsigned',
  network: 'private',
  who: 'admins',
  hop: 'none',
};

interface Case {
  id: string;
  server: HostSpec;
  target: string | null;
  features: Record<string, string> | null;
  windowsPowerShell: boolean;
  /** Runs this text instead of the collection script (the control case). */
  audit?: string;
}

interface CaseResult {
  id: string;
  target?: { outcome: string; message: string };
  outcome: string;
  message: string;
  line: number;
  json: string;
  before: string;
  after: string;
  calls: string[];
  fatal?: string;
}

function targetOf(ctx: PathContext): string {
  const filled = fillScript(ctx, 'target');
  expect(filled.unfilled, ctx.title).toEqual([]);
  expect(filled.thumbprints, ctx.title).toEqual([]);
  return filled.text;
}

function cases(): Case[] {
  const kerberos = makeContext(KERBEROS, 'dns');
  const high = makeContext(HIGH, 'dns');
  const workgroup = makeContext(WORKGROUP, 'dns');
  const byIp = makeContext(BY_IP_SELF_SIGNED, 'ipv4');
  const stock = serverSpec(kerberos);
  return [
    { id: 'stock', server: stock, target: null, features: null, windowsPowerShell: false },
    { id: 'stock in Windows PowerShell 5.1', server: stock, target: null, features: null, windowsPowerShell: true },
    {
      id: 'stock workgroup',
      server: { ...serverSpec(workgroup) },
      target: null,
      features: { 'PowerShell-V2': 'Removed' },
      windowsPowerShell: false,
    },
    {
      id: 'weakened',
      server: {
        ...stock,
        GroupPolicy: { 'Service\\AllowBasic': 1, 'Client\\TrustedHosts': 1, 'Client\\TrustedHostsList': '*' },
        Variants: ['HttpsListener', 'CredSSPOthers', 'TokenFilterPolicy', 'OpenSSHServer'],
      },
      target: null,
      features: null,
      windowsPowerShell: false,
    },
    // Control: the same script with one line that changes something must show up in the snapshots.
    {
      id: 'control',
      server: stock,
      target: null,
      features: null,
      windowsPowerShell: false,
      audit: COLLECTION_SCRIPT.replace(
        '$audit | ConvertTo-Json -Depth 8',
        "Set-Item -Path 'WSMan:\\localhost\\Service\\Auth\\Basic' -Value $true\n$audit | ConvertTo-Json -Depth 8",
      ),
    },
    {
      id: 'after the target script: Kerberos',
      server: stock,
      target: targetOf(kerberos),
      features: { 'PowerShell-V2': 'Removed' },
      windowsPowerShell: false,
    },
    {
      id: 'after the target script: Kerberos over HTTPS (high assurance)',
      server: serverSpec(high),
      target: targetOf(high),
      features: { 'PowerShell-V2': 'Removed' },
      windowsPowerShell: true,
    },
    {
      id: 'after the target script: by IP address, self-signed HTTPS',
      server: serverSpec(byIp),
      target: targetOf(byIp),
      features: { 'PowerShell-V2': 'Removed' },
      windowsPowerShell: false,
    },
  ];
}

const brief = (f: Finding) =>
  `${f.severity} ${f.ruleId}${f.subject ? ` [${f.subject}]` : ''}${f.source === 'group-policy' ? ' (GPO)' : ''}`;

describePwsh('Get-RemotingAudit.ps1 on the simulated host', (pwsh) => {
  const list = cases();
  const results = new Map<string, CaseResult>();
  const audits = new Map<string, AuditResult>();
  let parsed: string[][] = [];
  let fixCommands: string[] = [];
  let work = '';

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'audit-collection-'));
    // The fix commands of the weakened samples: they must parse as well.
    const samples = ['weakened.json', 'gpo.txt'].map((n) =>
      readFileSync(join(import.meta.dirname, '../../src/core/audit/samples', n), 'utf8'),
    );
    fixCommands = [
      ...new Set(
        samples.flatMap((s) => {
          const r = auditInput(s);
          return r.ok ? r.findings.flatMap((f) => (f.fix.kind === 'command' ? [f.fix.command] : [])) : [];
        }),
      ),
    ];
    const input = join(work, 'cases.json');
    const output = join(work, 'results.json');
    writeFileSync(input, JSON.stringify({ audit: COLLECTION_SCRIPT, parse: [COLLECTION_SCRIPT, ...fixCommands], cases: list }));
    const run = await runPwshFile(pwsh, DRIVER, ['-CasesPath', input, '-ResultsPath', output]);
    if (run.code !== 0) throw new Error(`the driver failed (${run.code}): ${run.stderr || run.stdout}`);
    const out = JSON.parse(readFileSync(output, 'utf8')) as { parsed: string[][]; results: CaseResult[]; milliseconds: number };
    parsed = out.parsed;
    for (const r of out.results) {
      results.set(r.id, r);
      if (r.json) audits.set(r.id, auditInput(r.json));
    }
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const audited = (id: string) => {
    const r = results.get(id)!;
    expect(r.fatal, id).toBeUndefined();
    expect({ outcome: r.outcome, message: r.message, line: r.line }, id).toMatchObject({ outcome: 'Success' });
    const a = audits.get(id)!;
    if (!a.ok) throw new Error(`${id}: ${JSON.stringify(a.problems)}`);
    return a;
  };

  test("the script parses with PowerShell's parser, and so does every fix command", () => {
    expect(parsed[0]).toEqual([]);
    expect(fixCommands.length).toBeGreaterThan(15);
    parsed.slice(1).forEach((errors, i) => expect(errors, fixCommands[i]).toEqual([]));
  });

  test('it names no command that changes anything, and calls none', () => {
    const offending = COLLECTION_SCRIPT.split('\n').filter((l) => FORBIDDEN.test(l));
    expect(offending).toEqual([]);
    for (const r of results.values())
      if (r.id !== 'control') for (const c of r.calls ?? []) expect(c, r.id).toMatch(/^(Get|Test|Join|Import|ConvertTo|sshd)(-|$)/);
  });

  test('it changes nothing: the host is the same before and after, on every server', () => {
    for (const c of list.filter((x) => x.id !== 'control')) {
      const r = results.get(c.id)!;
      expect(r.fatal, c.id).toBeUndefined();
      if (c.target) expect(r.target, c.id).toMatchObject({ outcome: 'Success' });
      expect(r.after === r.before, `${c.id}: the snapshot changed`).toBe(true);
      const a = audits.get(c.id);
      expect(a?.ok && a.config.probeErrors, c.id).toEqual([]);
    }
    const control = results.get('control')!;
    expect(control.outcome).toBe('Success');
    expect(control.after === control.before, 'the control changes the snapshot').toBe(false);
    expect(control.calls).toContain('Set-Item');
  });

  test('stock server: its JSON passes the schema, with the stock findings (PowerShell 7 and 5.1 alike)', () => {
    const a = audited('stock');
    expect(a.config.probeErrors).toEqual([]);
    expect(a.findings.map(brief)).toEqual([
      'medium client-basic',
      'medium firewall-open-to-any [WINRM-HTTP-In-TCP]',
      'medium powershell-v2',
      'medium script-block-logging-off',
      'medium pwsh-script-block-logging-off',
      'low client-digest',
      'low disable-runas-not-set',
      'low firewall-on-public [WINRM-HTTP-In-TCP-PUBLIC]',
      'low transcription-off',
    ]);
    expect(a.inferredAnswers.answers).toEqual({ platform: 'windows', domain: 'same', network: 'private' });
    const desktop = audited('stock in Windows PowerShell 5.1');
    expect(desktop.findings.map(brief)).toEqual(a.findings.map(brief));
  });

  test('stock workgroup server: only HTTP outside a domain is high', () => {
    const a = audited('stock workgroup');
    expect(a.findings.filter((f) => f.severity === 'high').map(brief)).toEqual(['high http-only-workgroup']);
    expect(a.inferredAnswers.answers).toMatchObject({ platform: 'windows', domain: 'workgroup', pki: 'none' });
  });

  test('weakened server: the policy-set Basic and TrustedHosts, CredSSP, the legacy HTTPS listener, UAC, sshd and its open rule', () => {
    const a = audited('weakened');
    expect(a.findings.map(brief)).toEqual([
      'high service-basic (GPO)',
      'high trustedhosts-wide (GPO)',
      'high firewall-open-to-any [OpenSSH-Server-In-TCP]',
      'medium client-basic',
      'medium client-credssp',
      'medium cbt-relaxed-with-https',
      'medium firewall-open-to-any [WINRM-HTTP-In-TCP]',
      'medium powershell-v2',
      'medium script-block-logging-off',
      'medium pwsh-script-block-logging-off',
      'medium local-account-token-filter-policy',
      'medium sshd-password-authentication',
      'low client-digest',
      'low http-listener-beside-https [HTTP listener on *:5985]',
      'low disable-runas-not-set',
      'low firewall-on-public [WINRM-HTTP-In-TCP-PUBLIC]',
      'low transcription-off',
    ]);
    expect(a.findings[0]!.fix).toMatchObject({
      kind: 'group-policy',
      path: expect.stringContaining('WinRM Service > Allow Basic authentication'),
    });
    expect(a.config.credSSP?.allowFreshCredentials).toEqual(['wsman/other.contoso.com', 'TERMSRV/rds01.contoso.com']);
    expect(a.config.sshd?.passwordauthentication).toEqual(['yes']);
    const legacy = a.config.listeners!.find((l) => l.transport === 'HTTPS')!;
    expect(legacy.certificate).toMatchObject({ found: true, subject: 'CN=legacy-app01', dnsNames: ['legacy-app01'] });
    expect(a.fine.find((f) => f.ruleId === 'listener-certificate')?.found).toBe('valid, for the listener name');
  });

  test('after the target script of the Kerberos path: nothing high, firewall and listener as recommended', () => {
    const a = audited('after the target script: Kerberos');
    expect(a.findings.filter((f) => f.severity === 'high')).toEqual([]);
    expect(a.findings.map(brief)).toEqual([
      'medium client-basic',
      'medium pwsh-script-block-logging-off',
      'low client-digest',
      'low disable-runas-not-set',
      'low transcription-off',
    ]);
  });

  test('after the target script of the HTTPS paths: certificate valid for the name, channel binding Strict, nothing high', () => {
    for (const id of [
      'after the target script: Kerberos over HTTPS (high assurance)',
      'after the target script: by IP address, self-signed HTTPS',
    ]) {
      const a = audited(id);
      expect(
        a.findings.filter((f) => f.severity === 'high'),
        id,
      ).toEqual([]);
      const fine = Object.fromEntries(a.fine.map((f) => [f.ruleId, f.found]));
      expect(fine['listener-certificate'], id).toBe('valid, for the listener name');
      expect(fine['cbt-relaxed-with-https'], id).toBe('Strict');
    }
    const byIp = audited('after the target script: by IP address, self-signed HTTPS');
    expect(byIp.inferredAnswers.answers).toMatchObject({ domain: 'same', address: 'ip', pki: 'selfsigned' });
  });
});
