/**
 * gpo.ps1 and gpo-rollback.ps1 on the simulated hosts (sim/lib/grouppolicy.ps1), for the domain
 * paths: one answer set per distinct gpo.ps1 (comments aside) by default, every domain path with
 * SIM_GPO_ALL=1. For each: example values unedited -> stops, nothing changed; run -> the GPO holds
 * the table's values, firewall rules and link; run again -> nothing changes; the GPO applied to a
 * stock server gives every setting the target script applies the same effective value as the target
 * script on another stock server; rollback -> the domain store is as at the start. Plus a GPO that
 * exists before (backed up, restored by the rollback) and one the account may not edit (refused).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { scriptRegistryValues } from '../../src/core/gpo/rows';
import { GPO_NAME_PATTERN, OU_DN_PATTERN } from '../../src/core/gpo/validate';
import { KEYS } from '../../src/core/gpo/policy-table';
import type { Answers, Recommendation } from '../../src/core/model';
import { PATHS } from '../../src/core/rules/constants';
import { allCompleteAnswers, answersKey } from '../../src/core/testing/answers';
import { describePwsh, runPwshFile } from './pwsh';
import { registryValue, wsman, type Snapshot } from './simulation-checks';
import { editableVariables, fillScript, hostVariants, makeContext, serverSpec, type PathContext } from './simulation-context';

interface StepResult {
  label: string;
  outcome: string;
  message: string;
  line: number;
  output: string[];
  store: string;
}

interface CaseResult {
  id: string;
  steps: StepResult[];
  start: string;
  serverFromGpo?: string;
  serverFromTarget?: string;
  stateRecords?: string[];
  fatal?: string;
}

interface Case {
  id: string;
  ctx: PathContext;
  kind: 'new' | 'existing' | 'read-only';
}

const DRIVER = join(import.meta.dirname, 'sim', 'Invoke-SimGpoCases.ps1');
const isDomainPath = (a: Answers) => a.platform === 'windows' && (a.domain === 'same' || a.domain === 'untrusted');
const withoutComments = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');

function domainDn(dns: string): string {
  return dns
    .split('.')
    .map((p) => `DC=${p}`)
    .join(',');
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

function fillGpo(ctx: PathContext, text: string, linkOu: string): string {
  let out = text;
  for (const v of editableVariables(text)) {
    const value = v.name === 'AdminSubnet' ? q(ctx.adminSubnet) : v.name === 'LinkOU' ? q(linkOu) : undefined;
    if (value !== undefined) out = out.replace(new RegExp(`^\\$${v.name} = .*$`, 'm'), () => `$${v.name} = ${value}`);
  }
  return out;
}

/** One case per distinct gpo.ps1 (comments aside), or all domain paths with SIM_GPO_ALL=1. */
function selectCases(): Case[] {
  const seen = new Set<string>();
  const cases: Case[] = [];
  for (const answers of allCompleteAnswers().filter(isDomainPath)) {
    const ctx = makeContext(answers, hostVariants(answers)[0]!);
    const key = withoutComments(ctx.rec.groupPolicy!.script);
    if (!process.env.SIM_GPO_ALL && seen.has(key)) continue;
    const first = !seen.has(key);
    seen.add(key);
    cases.push({ id: `${answersKey(answers)} | new`, ctx, kind: 'new' });
    if (first && cases.filter((c) => c.kind === 'existing').length < 1) {
      cases.push({ id: `${answersKey(answers)} | existing`, ctx, kind: 'existing' }, { id: `${answersKey(answers)} | read-only`, ctx, kind: 'read-only' });
    }
  }
  return cases;
}

function caseInput(c: Case): Record<string, unknown> {
  const gp = c.ctx.rec.groupPolicy!;
  const server = serverSpec(c.ctx);
  const linkOu = `OU=Servers,${domainDn(server.DnsDomain)}`;
  const target = fillScript(c.ctx, 'target');
  return {
    id: c.id,
    gpoName: gp.gpoName,
    admin: { Role: 'client', ComputerName: 'ADM01', DnsDomain: server.DnsDomain, Addresses: [c.ctx.adminAddress], ExtraModules: ['GroupPolicy'] },
    server,
    gpo: fillGpo(c.ctx, gp.script, linkOu),
    gpoUnedited: gp.script,
    rollback: gp.rollback,
    target: c.kind === 'new' && target.unfilled.length === 0 && target.thumbprints.length === 0 && target.copies.length === 0 ? target.text : null,
    existing:
      c.kind === 'new'
        ? null
        : [
            { Key: KEYS.winrmService, ValueName: 'AllowBasic', Type: 'DWord', Value: 1 },
            { Key: 'HKLM\\Software\\Policies\\Example', ValueName: 'Other', Type: 'String', Value: 'kept' },
          ],
    readOnly: c.kind === 'read-only',
  };
}

/** The firewall address as the simulated firewall stores it (IPv4 prefixes as dotted masks). */
function firewallAddress(entry: string): string {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(entry);
  if (!m) return entry.toLowerCase();
  const bits = Number(m[2]);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return `${m[1]}/${[24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.')}`;
}

/** Settings the target script applies that the servers' GPO also sets, as snapshot readers. */
function comparableSettings(rec: Recommendation): Array<[string, (s: Snapshot) => unknown]> {
  const rows = rec.groupPolicy!.rows;
  const inScript = new Set(rows.filter((r) => r.inScript).map((r) => r.settingId));
  const out: Array<[string, (s: Snapshot) => unknown]> = [];
  for (const s of rec.settings) {
    if (s.appliedBy !== 'target' || !inScript.has(s.id)) continue;
    if (s.name.startsWith('WSMan:\\localhost\\')) {
      const key = s.name.slice('WSMan:\\localhost\\'.length);
      out.push([s.id, (snap) => wsman(snap, key)]);
    } else if (s.id === 'script-block-logging') out.push([s.id, (snap) => registryValue(snap, PATHS.scriptBlockLoggingKey, 'EnableScriptBlockLogging')]);
    else if (s.id === 'pwsh-script-block-logging') out.push([s.id, (snap) => registryValue(snap, PATHS.pwshScriptBlockLoggingKey, 'EnableScriptBlockLogging')]);
    else throw new Error(`No reader for the setting ${s.id}: add one`);
  }
  for (const rule of rec.firewall.rules) {
    out.push([
      `firewall ${rule.name}`,
      (snap) => {
        const r = snap.Firewall?.Rules?.[rule.name.toUpperCase()] as Snapshot | undefined;
        return r && { Enabled: r.Enabled, Action: r.Action, Direction: r.Direction, Protocol: r.Protocol, LocalPort: r.LocalPort, Profile: r.Profile, RemoteAddress: [...(r.RemoteAddress as string[])].sort() };
      },
    ]);
  }
  return out;
}

describePwsh('gpo.ps1 on the simulated domain', (pwsh) => {
  const cases = selectCases();
  const results = new Map<string, CaseResult>();
  let work = '';
  let milliseconds = 0;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'gposim-'));
    const processes = Math.max(1, Math.min(availableParallelism(), 2, cases.length));
    const batches = Array.from({ length: processes }, (_, i) => cases.filter((_c, j) => j % processes === i));
    const started = Date.now();
    await Promise.all(
      batches.map(async (batch, i) => {
        const input = join(work, `cases-${i}.json`);
        const output = join(work, `results-${i}.json`);
        writeFileSync(input, JSON.stringify({ cases: batch.map(caseInput) }));
        const run = await runPwshFile(pwsh, DRIVER, ['-CasesPath', input, '-ResultsPath', output]);
        if (run.code !== 0) throw new Error(`Invoke-SimGpoCases.ps1 failed (${run.code}): ${run.stderr || run.stdout}`);
        const parsed = JSON.parse(readFileSync(output, 'utf8').replace(/^\uFEFF/, '')) as { results: CaseResult[] };
        for (const r of parsed.results) results.set(r.id, r);
      }),
    );
    milliseconds = Date.now() - started;
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('covers every distinct gpo.ps1', () => {
    expect(cases.length).toBeGreaterThan(3);
    console.info(`[gpo-sim] ${cases.length} cases (${cases.filter((c) => c.kind === 'new').length} answer sets) in ${(milliseconds / 1000).toFixed(1)} s`);
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = results.get(c.id);
    expect(r, 'no result').toBeDefined();
    expect(r!.fatal).toBeUndefined();
    const step = (label: string) => r!.steps.find((s) => s.label === label);
    const show = (s?: StepResult) => (s ? `${s.outcome} line ${s.line}: ${s.message}` : 'missing');

    // Example values unedited: stops before any change.
    const unedited = step('unedited')!;
    expect(unedited.outcome, show(unedited)).toBe('ScriptThrow');
    expect(unedited.message).toMatch(/example value/);
    expect(unedited.store).toBe(r!.start);

    const gpo = step('gpo')!;
    if (c.kind === 'read-only') {
      expect(gpo.outcome, show(gpo)).toBe('ScriptThrow');
      expect(gpo.message).toMatch(/may edit it/);
      expect(gpo.store).toBe(r!.start);
      expect(r!.stateRecords).toEqual([]);
      return;
    }
    expect(gpo.outcome, show(gpo)).toBe('Success');

    // The GPO holds the table's values, the firewall rules and the link.
    const rec = c.ctx.rec;
    const store = JSON.parse(gpo.store) as { Gpos: Record<string, Snapshot>; Links: Record<string, string[]> };
    const gpos = Object.values(store.Gpos).filter((g) => g.DisplayName === rec.groupPolicy!.gpoName);
    expect(gpos).toHaveLength(1);
    const theGpo = gpos[0]!;
    const wanted = scriptRegistryValues(rec.groupPolicy!.rows);
    for (const v of wanted) {
      const got = theGpo.Registry[`${v.key}|${v.valueName}`.toUpperCase()];
      expect(got, `${v.key} ${v.valueName}`).toMatchObject({ Type: v.type, Value: v.value });
    }
    const extra = c.kind === 'existing' ? 1 : 0;
    expect(Object.keys(theGpo.Registry)).toHaveLength(new Set(wanted.map((v) => `${v.key}|${v.valueName}`.toUpperCase())).size + extra);
    for (const rule of rec.firewall.rules) {
      const got = theGpo.Firewall[rule.name.toUpperCase()];
      expect(got, rule.name).toBeDefined();
      expect([...got.RemoteAddress].sort()).toEqual([firewallAddress(c.ctx.adminSubnet)]);
      expect(got.Profile).toBe(rule.profiles.join(', '));
      expect(got).toMatchObject({ Enabled: 'True', Action: 'Allow', Direction: 'Inbound', Protocol: 'TCP', LocalPort: [String(rule.port)] });
    }
    expect(Object.keys(theGpo.Firewall)).toHaveLength(rec.firewall.rules.length);
    const linked = Object.entries(store.Links).filter(([, ids]) => ids.includes(theGpo.Id));
    expect(linked.map(([ou]) => ou)).toEqual([`OU=SERVERS,${domainDn(serverSpec(c.ctx).DnsDomain).toUpperCase()}`]);

    // Run again: nothing changes.
    const again = step('gpo again')!;
    expect(again.outcome, show(again)).toBe('Success');
    expect(again.store).toBe(gpo.store);
    expect(again.output.filter((l) => /^Changed:/.test(l))).toEqual([]);
    expect(again.output.some((l) => /nothing was changed/.test(l))).toBe(true);

    // The run record is private: owner the account; SYSTEM, Administrators and the account only.
    expect(r!.stateRecords!.length).toBeGreaterThan(0);
    for (const line of r!.stateRecords!) {
      const [type, , sddl] = line.split(' ');
      const owner = /^O:([^G:D]+(?:-[0-9]+)*)/.exec(sddl!)?.[1];
      const user = /;;;(S-1-5-21-[0-9-]+)\)/.exec(sddl!)?.[1];
      const trusted = ['SY', 'BA', user];
      expect(trusted, line).toContain(owner);
      for (const m of sddl!.matchAll(/\((A|D);[^;]*;[^;]*;;;([^)]+)\)/g)) expect(trusted, line).toContain(m[2]);
      // The store and each run folder are protected; what is created inside inherits from them.
      if (type === 'Directory' && /\\PSREMOTINGGUIDE(\\(ROLLEDBACK-)?GPO-[0-9]{8}-[0-9]{6})?$/.test(line.split(' ')[1]!)) expect(sddl, line).toContain('D:PAI');
    }

    // Rollback: the domain store is as it was; a second rollback finds nothing left to do.
    const rollback = step('rollback')!;
    expect(rollback.outcome, show(rollback)).toBe('Success');
    expect(rollback.store).toBe(r!.start);
    const second = step('rollback again')!;
    expect(second.outcome, show(second)).toBe('ScriptThrow');
    expect(second.message).toMatch(/No run of gpo.ps1/);
    expect(second.store).toBe(r!.start);

    if (c.kind !== 'new') return;
    // The key check: the GPO applied to a stock server gives what the target script gives.
    const target = step('target');
    expect(target, 'the target script was not run (unfilled values)').toBeDefined();
    expect(target!.outcome, show(target)).toBe('Success');
    const fromGpo = JSON.parse(r!.serverFromGpo!) as Snapshot;
    const fromTarget = JSON.parse(r!.serverFromTarget!) as Snapshot;
    const mismatches: string[] = [];
    for (const [name, read] of comparableSettings(rec)) {
      const a = JSON.stringify(read(fromGpo));
      const b = JSON.stringify(read(fromTarget));
      if (a !== b) mismatches.push(`${name}: GPO ${a}, target script ${b}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describePwsh("the GPO name and OU patterns mean the same in .NET as in the page's validation", (pwsh) => {
  const OUS = [
    'OU=Servers,DC=contoso,DC=com',
    'ou=Tier 1 Servers,OU=Paris\\, France,DC=corp,DC=contoso,DC=com',
    'OU=B\u00fcro-Server,DC=contoso,DC=de',
    'OU=A\\2CB,DC=x,DC=y',
    'OU=Servers, DC=contoso,DC=com',
    "OU=Servers',DC=contoso,DC=com",
    'OU=Servers\u2019,DC=contoso,DC=com',
    'OU=Serv$(calc),DC=contoso,DC=com',
    'OU=Servers\nX,DC=contoso,DC=com',
    'CN=Computers,DC=contoso,DC=com',
    'OU=Servers+CN=x,DC=contoso,DC=com',
    'OU= Servers,DC=contoso,DC=com',
  ];
  const NAMES = ['PowerShell Remoting Guide - servers', 'Tier 1 (WinRM) servers', "x'y", 'x`y', 'x\u2018y', ' x', 'x.', 'a'.repeat(100), 'a'.repeat(101), 'B\u00fcro'];

  test('every sample is judged alike', async () => {
    const work = mkdtempSync(join(tmpdir(), 'gpopattern-'));
    try {
      const script = join(work, 'check.ps1');
      writeFileSync(join(work, 'in.json'), JSON.stringify({ ou: OU_DN_PATTERN, name: GPO_NAME_PATTERN, ous: OUS, names: NAMES }));
      writeFileSync(
        script,
        [
          "$in = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot 'in.json') -Encoding utf8 | ConvertFrom-Json",
          '$out = @{ ous = @($in.ous | ForEach-Object { $_ -match $in.ou }); names = @($in.names | ForEach-Object { $_ -cmatch $in.name }) }',
          "ConvertTo-Json -InputObject $out -Compress | Set-Content -LiteralPath (Join-Path $PSScriptRoot 'out.json') -Encoding utf8",
        ].join('\n'),
      );
      const run = await runPwshFile(pwsh, script);
      expect(run.code, run.stderr).toBe(0);
      const got = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8').replace(/^\uFEFF/, '')) as { ous: boolean[]; names: boolean[] };
      expect(got.ous).toEqual(OUS.map((o) => new RegExp(OU_DN_PATTERN, 'iu').test(o)));
      expect(got.names).toEqual(NAMES.map((n) => new RegExp(GPO_NAME_PATTERN, 'u').test(n)));
      expect(got.ous.filter(Boolean)).toHaveLength(4);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
