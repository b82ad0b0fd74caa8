/**
 * The page's admin-address field and the target scripts' pre-flight follow one policy
 * (ADMIN_SUBNET_POLICY). Run in PowerShell 7: every list the page accepts, as the recommendation
 * writes it into `$AdminSubnet = ...`, passes the pre-flight (the scripts are ready to run), and
 * the lists that admit too much are refused by both. Without a list the example stops the script.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { validateAdminSubnet } from '../../src/core/admin-subnet';
import type { Answers, HostInput } from '../../src/core/model';
import { writeAdminSubnetCheck, writePrologue } from '../../src/core/powershell/common';
import { psQuote } from '../../src/core/powershell/quote';
import { PsWriter } from '../../src/core/powershell/writer';
import { recommend } from '../../src/core/recommend';
import { adminSubnetList } from '../../src/core/testing/admin-subnet-arbitraries';
import { describePwsh, runPwshFile } from './pwsh';

const KERBEROS: Answers = { platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'admins', hop: 'none' };
const BY_IP: Answers = { platform: 'windows', domain: 'same', address: 'ip', pki: 'enterprise', network: 'private', who: 'admins', hop: 'none' };
const TARGETS = [undefined, 'app01.corp.example.com', '10.20.30.40', '2001:db8:20::40'] as const;

interface Case {
  name: string;
  /** The `$Target = ...` and `$AdminSubnet = ...` lines, as a script holds them. */
  lines: string[];
  expected: 'accepted' | 'refused';
}

/** The two lines exactly as the recommendation renders them into the target script. */
function renderedLines(hosts: HostInput): string[] {
  const rec = recommend(hosts.target && /^[0-9.:]+$/.test(hosts.target) ? BY_IP : KERBEROS, hosts);
  const lines = rec.scripts.target.split('\n').filter((l) => l.startsWith('$Target = ') || l.startsWith('$AdminSubnet = '));
  expect(lines).toHaveLength(2);
  return lines;
}

function acceptedCases(): Case[] {
  const lists = fc.sample(adminSubnetList, { numRuns: 150, seed: 7 });
  const extra = ['2001:DB8:50::/64', 'localsubnet', '2001:db8:50::10-2001:db8:50::20', '2001:db8::10.0.0.1', '10.0.0.0/8', '10.0.0.0-10.255.255.255', '2001:db8::/48', '10.0.50.7'];
  const texts = [...lists.map((l) => l.text), ...extra, `${extra.join(', ')}, 10.0.51.0/24`];
  const cases: Case[] = [];
  texts.forEach((text, i) => {
    const target = TARGETS[i % TARGETS.length];
    const kind = target === undefined ? undefined : target.includes(':') ? 'ipv6' : /^[0-9.]+$/.test(target) ? 'ipv4' : 'dns';
    if (!validateAdminSubnet(text, kind ? { targetKind: kind } : {}).ok) return;
    const hosts: HostInput = target ? { target, adminSubnet: text } : { adminSubnet: text };
    cases.push({ name: `${JSON.stringify(text)} for ${target ?? 'the example target'}`, lines: renderedLines(hosts), expected: 'accepted' });
  });
  return cases;
}

/** Lists that admit too much: the page refuses them, and so must a script edited by hand. */
const TOO_MUCH = ['Any', '*', '0.0.0.0/0', '0.0.0.0/1', '10.0.0.0/7', '::/0', '2001:db8::/47', '0.0.0.0-255.255.255.255', '10.0.0.0-11.0.0.0', 'Internet', 'Intranet', 'IntranetRemoteAccess', 'DNS', 'DefaultGateway'];

function refusedCases(): Case[] {
  const cases: Case[] = TOO_MUCH.flatMap((value) => [
    { name: `${value} alone`, lines: ["$Target = 'app01.corp.example.com'", `$AdminSubnet = ${psQuote(value)}`], expected: 'refused' as const },
    { name: `${value} in a list`, lines: ["$Target = 'app01.corp.example.com'", `$AdminSubnet = @('10.0.50.0/24', ${psQuote(value)})`], expected: 'refused' as const },
  ]);
  cases.push({ name: 'an IPv4-only list for an IPv6 target', lines: ["$Target = '2001:db8:20::40'", "$AdminSubnet = '10.0.50.0/24'"], expected: 'refused' });
  cases.push({ name: 'no list: the example', lines: renderedLines({}), expected: 'refused' });
  return cases;
}

function harness(cases: Case[]): string {
  const w = new PsWriter();
  writePrologue(w);
  w.indented('function Test-GuideAdminSubnet {', () => {
    w.code({ lines: ['try {'] });
    writeAdminSubnetCheck(w);
    w.code({ lines: ["    'accepted'", '} catch {', "    'refused: ' + $_.Exception.Message", '}'] });
  });
  cases.forEach((c, i) => {
    w.code({ lines: ['& {', ...c.lines.map((l) => `    ${l}`), `    Write-Output ('CASE ${i} ' + (Test-GuideAdminSubnet))`, '}'] });
  });
  return w.toString();
}

describePwsh('admin addresses: the page and the pre-flight agree', (pwsh) => {
  const cases = [...acceptedCases(), ...refusedCases()];
  const verdicts = new Map<number, string>();
  let work = '';

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'admin-subnet-'));
    const script = join(work, 'check.ps1');
    writeFileSync(script, harness(cases));
    const run = await runPwshFile(pwsh, script);
    if (run.code !== 0) throw new Error(`the harness failed (${run.code}): ${run.stderr || run.stdout}`);
    for (const line of run.stdout.split('\n')) {
      const m = /^CASE (\d+) (.*)$/.exec(line.trimEnd());
      if (m) verdicts.set(Number(m[1]), m[2]!);
    }
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('every list the page accepts passes the pre-flight', () => {
    const accepted = cases.flatMap((c, i) => (c.expected === 'accepted' ? [i] : []));
    expect(accepted.length).toBeGreaterThan(100);
    const wrong = accepted.filter((i) => verdicts.get(i) !== 'accepted').map((i) => `${cases[i]!.name} [${cases[i]!.lines.join(' ; ')}]: ${verdicts.get(i)}`);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  test('lists that admit too much, a wrong family, and the example are refused by both', () => {
    const refused = cases.flatMap((c, i) => (c.expected === 'refused' ? [i] : []));
    const wrong = refused.filter((i) => !verdicts.get(i)?.startsWith('refused: ')).map((i) => `${cases[i]!.name}: ${verdicts.get(i)}`);
    expect(wrong).toEqual([]);
    for (const value of TOO_MUCH) expect(validateAdminSubnet(value).ok, value).toBe(false);
    expect(validateAdminSubnet('10.0.50.0/24', { targetKind: 'ipv6' }).ok).toBe(false);
  });
});
