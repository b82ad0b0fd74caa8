/**
 * Every path, run for real on simulated Windows hosts (tests/powershell/sim, see README.md there).
 *
 * For every complete answer set (and, for address=ip, both an IPv4 and an IPv6 target) the target,
 * client and resource scripts run in the recommended order on a stock server, admin client and
 * admin workstation; then again; then the rollback. Plus, per path: example values left in,
 * Group Policy owning a value, a remote session over a listener the script may replace, a server
 * on the Public profile, non-stock starts, a backup planted by a standard user, and Windows
 * PowerShell 5.1. One test per answer set and scenario.
 *
 * By default one answer set per renderer branch (branchKey below); SIM_ALL=1 runs every answer set,
 * SIM_FILTER=<substring of "answers key [dns|ipv4|ipv6]"> the matching ones.
 */
import { beforeAll, describe, test } from 'vitest';
import { decodePermalink, encodeAnswers } from '../../src/core/permalink';
import { recommend } from '../../src/core/recommend';
import { InvalidJeaCommandsError } from '../../src/core/recommend-model';
import { allCompleteAnswers } from '../../src/core/testing/answers';
import { describePwsh } from './pwsh';
import { BACKUP_ROOT, TRANSFER_FOLDER, checkSetting, differences, forbidden, unreachableBecause, withDelegationListsAsSets, withoutFolders, type Snapshot } from './simulation-checks';
import { hostVariants, makeContext, type PathContext, type SimHostName } from './simulation-context';
import {
  applyProgram,
  exampleCases,
  exampleProgram,
  nonStockCases,
  nonStockProgram,
  plantedBackupProgram,
  policyCases,
  policyProgram,
  publicProfileApplies,
  publicProfileProgram,
  remoteCases,
  remoteProgram,
  unfilledVariables,
  usedHosts,
  windowsPowerShellProgram,
  type GroupedProgram,
  type Program,
} from './simulation-programs';
import { programId, runPrograms, type ProgramResult, type RunStepResult } from './simulation-runner';


const filter = process.env.SIM_FILTER;
const everyPath = process.env.SIM_ALL === '1';

/**
 * What makes two answer sets' scripts run differently: the decisions the renderers branch on, the
 * kind of host and network. `npm test` runs the first answer set of each such group (every
 * renderer branch, every scenario); SIM_ALL=1 runs all 344 answer sets with every host variant,
 * which takes far longer than a test run should (see tests/powershell/README.md).
 */
function branchKey(c: PathContext): string {
  const { rec, answers } = c;
  return [rec.authentication, rec.transport, rec.secondHop, rec.endpoint, answers.platform, answers.domain, answers.network, answers.pki ?? '-', answers.who, c.variant].join('|');
}

function representatives(all: PathContext[]): PathContext[] {
  const seen = new Set<string>();
  return all.filter((c) => {
    const key = branchKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The JEA role with the user's commands (the recommendation page's field) instead of the example role. */
const CUSTOM_JEA_COMMANDS = ['Get-Service', 'Microsoft.PowerShell.Management\\Restart-Service', 'NetTCPIP\\Get-NetIPAddress'];
const helpDeskAnswers = { platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'delegated', hop: 'none' } as const;
const customJea = makeContext(helpDeskAnswers, 'dns', { jeaCommands: CUSTOM_JEA_COMMANDS.join('\n'), label: 'custom JEA commands' });

const allContexts = [...allCompleteAnswers().flatMap((a) => hostVariants(a).map((v) => makeContext(a, v))), customJea];
const contexts = filter ? allContexts.filter((c) => c.title.includes(filter)) : everyPath ? allContexts : [...representatives(allContexts.slice(0, -1)), customJea];

const programs = new Map<string, GroupedProgram>();
function register(p: Program, group: string): string {
  const id = programId(p);
  if (!programs.has(id)) programs.set(id, { group, program: p });
  return id;
}

let results = new Map<string, ProgramResult>();

// ---------------------------------------------------------------------------------------------
// Reading results

function resultOf(id: string): ProgramResult {
  const r = results.get(id);
  if (!r) throw new Error(`no result for program ${id}`);
  if (r.fatal) throw new Error(`the simulation failed: ${r.fatal}`);
  return r;
}

function runs(r: ProgramResult, prefix: string): RunStepResult[] {
  return r.steps.filter((s): s is RunStepResult => s.op === 'run' && s.label.startsWith(prefix));
}

function describeRun(s: RunStepResult): string {
  const where = s.line ? ` at line ${s.line}: ${s.lineText}` : '';
  const unknown = s.unknown.length ? `\n  not simulated: ${s.unknown.join(', ')}` : '';
  const tail = s.output.slice(-12).map((l) => `    | ${l}`).join('\n');
  return `${s.label} on ${s.host}: ${s.outcome}: ${s.message}${where}${unknown}${tail ? `\n  output:\n${tail}` : ''}`;
}

function snapshots(r: ProgramResult, label: string): Partial<Record<SimHostName, Snapshot>> {
  const raw = r.snapshots[label];
  if (!raw) throw new Error(`no snapshot "${label}" (the program stopped early?)`);
  const out: Partial<Record<SimHostName, Snapshot>> = {};
  for (const [host, json] of Object.entries(raw)) out[host as SimHostName] = JSON.parse(json) as Snapshot;
  return out;
}

function expectAllSucceeded(steps: RunStepResult[]): void {
  const failed = steps.filter((s) => s.outcome !== 'Success');
  if (failed.length) throw new Error(failed.map(describeRun).join('\n'));
}

/** Folders a rollback does not remove, by design (see withoutFolders). */
function keptFolders(ctx: PathContext): string[] {
  const folders = [BACKUP_ROOT, TRANSFER_FOLDER];
  // The SSH client script creates your key pair and says the rollback keeps it.
  if (ctx.rec.transport === 'ssh') folders.push('C:\\Users\\admin\\.ssh', 'C:\\Users\\Administrator\\.ssh');
  return folders;
}

/**
 * The one difference a rollback leaves on purpose (render-rollback.ts, Undo-GuideWSManSetting):
 * unencrypted traffic, Basic, Digest and CredSSP that were on before (the WinRM client allows Basic
 * and Digest out of the box) stay off, with a warning, because turning them back on weakens every
 * connection. Nothing else may differ.
 */
const NEVER_REWEAKENED = /^WSMan > Config > (Service|Client)\\(AllowUnencrypted|Auth\\Basic|Auth\\Digest|Auth\\CredSSP): "true" -> "false"$/;

function expectSameState(
  before: Partial<Record<SimHostName, Snapshot>>,
  after: Partial<Record<SimHostName, Snapshot>>,
  folders: string[],
  what: string,
  allowed: RegExp | undefined = undefined,
): void {
  const problems: string[] = [];
  for (const host of Object.keys(before) as SimHostName[]) {
    const comparable = (x: Snapshot) => withDelegationListsAsSets(withoutFolders(x, folders));
    const d = differences(comparable(before[host]!), comparable(after[host] ?? {})).filter((x) => !allowed?.test(x));
    if (d.length) problems.push(`${host}:\n    ${d.join('\n    ')}`);
  }
  if (problems.length) throw new Error(`${what}\n  ${problems.join('\n  ')}`);
}

/** A stop before any change: the script's own `throw`, and every host exactly as before. */
function expectPreflightStop(r: ProgramResult): void {
  const step = runs(r, 'under-test')[0];
  if (!step) throw new Error('the run under test did not happen (an earlier step failed?)');
  if (step.outcome !== 'ScriptThrow') throw new Error(`expected the script to stop with its own message; got:\n${describeRun(step)}`);
  expectSameState(snapshots(r, 'before'), snapshots(r, 'after'), [], `the script stopped ("${step.message}") but changed the state first:`);
}

// ---------------------------------------------------------------------------------------------
// The tests of one path

interface Case {
  name: string;
  id?: string;
  check: () => void;
}

function casesFor(ctx: PathContext): Case[] {
  const cases: Case[] = [];
  const add = (name: string, program: Program | undefined, check: (r: ProgramResult) => void) => {
    const id = program ? register(program, ctx.title) : undefined;
    cases.push({ name, id, check: () => check(id ? resultOf(id) : ({} as ProgramResult)) });
  };
  const folders = keptFolders(ctx);

  add('edit block: every example value is one the tests know how to fill', undefined, () => {
    const unfilled = unfilledVariables(ctx);
    if (unfilled.length) throw new Error(`example values the tests cannot fill (add them to userValue in simulation-context.ts): ${unfilled.join(', ')}`);
  });

  const apply = applyProgram(ctx);
  add('apply: every script runs to the end', apply, (r) => expectAllSucceeded(runs(r, 'apply:')));
  add('apply: every setting of the recommendation is in place', apply, (r) => {
    const snaps = snapshots(r, 'applied');
    const missing = ctx.rec.settings.filter((s) => s.appliedBy !== 'recommended').map((s) => checkSetting(ctx, s, snaps)).filter((m): m is string => m !== null);
    if (missing.length) throw new Error(`${missing.join('\n')}\n(apply runs: ${runs(r, 'apply:').map((s) => `${s.label} ${s.outcome}`).join(', ')})`);
  });
  add('apply: nothing the product forbids', apply, (r) => {
    const found = forbidden(ctx, snapshots(r, 'applied'), new Set(usedHosts(ctx)));
    if (found.length) throw new Error(found.join('\n'));
  });
  add('apply: the admin subnet still reaches the server', apply, (r) => {
    const why = unreachableBecause(ctx, snapshots(r, 'applied').server!);
    if (why) throw new Error(why);
  });
  add('run again: nothing changes and no change is recorded', apply, (r) => {
    const again = runs(r, 'rerun:');
    expectAllSucceeded(again);
    const recorded = again.flatMap((s) => s.changeLogs.filter((l) => l.changes !== 0).map((l) => `${s.label}: ${l.changes} change(s) (${(l.kinds ?? []).join(', ')}) in ${l.path}`));
    if (recorded.length) throw new Error(`the second run recorded changes:\n${recorded.join('\n')}`);
    expectSameState(snapshots(r, 'applied'), snapshots(r, 'rerun'), [BACKUP_ROOT], 'the second run changed the state:');
  });
  add('rollback: the state equals the initial state exactly', apply, (r) => {
    const back = runs(r, 'rollback:');
    const bad = back.filter((s) => s.outcome !== 'Success' && s.outcome !== 'ScriptThrow');
    if (bad.length) throw new Error(bad.map(describeRun).join('\n'));
    for (const host of usedHosts(ctx)) {
      const first = back.find((s) => s.host === host);
      if (first && first.outcome !== 'Success' && first.message && !/no backup|nothing to roll back/i.test(first.message)) throw new Error(describeRun(first));
    }
    expectSameState(snapshots(r, 'initial'), snapshots(r, 'rolledBack'), folders, 'after the rollback the state differs from the initial state:', NEVER_REWEAKENED);
  });

  for (const c of exampleCases(ctx)) {
    add(`example value left in $${c.variable} (${c.role} script): stops in pre-flight, nothing changed`, exampleProgram(ctx, c), expectPreflightStop);
  }
  for (const c of policyCases(ctx)) {
    add(`Group Policy: ${c.description} (${c.role} script): stops in pre-flight, nothing changed`, policyProgram(ctx, c), expectPreflightStop);
  }
  for (const c of remoteCases(ctx)) {
    add(`remote session ${c.description}: refuses with nothing changed, or keeps the session`, remoteProgram(ctx, c), (r) => {
      const step = runs(r, 'under-test')[0];
      if (!step) throw new Error('the target script did not run (an earlier step failed?)');
      if (step.outcome === 'ScriptThrow') {
        expectSameState(snapshots(r, 'before'), snapshots(r, 'after'), [], `the script refused ("${step.message}") but changed the state first:`);
        return;
      }
      if (step.outcome !== 'Success') throw new Error(describeRun(step));
    });
  }
  if (publicProfileApplies(ctx)) {
    add('server on the Public profile: refuses, or admits the admin subnet on Public', publicProfileProgram(ctx), (r) => {
      const target = runs(r, 'apply:').find((s) => s.host === 'server');
      if (!target) throw new Error('the target script did not run');
      if (target.outcome === 'ScriptThrow') {
        const before = withoutFolders(snapshots(r, 'before').server!, [TRANSFER_FOLDER]);
        const after = withoutFolders(snapshots(r, 'applied').server!, [TRANSFER_FOLDER]);
        const d = differences(before, after);
        if (d.length) throw new Error(`the target script refused ("${target.message}") but changed the server first:\n  ${d.join('\n  ')}`);
        return;
      }
      if (target.outcome !== 'Success') throw new Error(describeRun(target));
      const why = unreachableBecause(ctx, snapshots(r, 'applied').server!);
      if (why) throw new Error(why);
    });
  }
  for (const c of nonStockCases(ctx)) {
    add(`non-stock start: ${c.description}: the rollback restores exactly that`, nonStockProgram(ctx, c), (r) => {
      expectAllSucceeded(runs(r, 'apply:'));
      const bad = runs(r, 'rollback:').filter((s) => s.outcome !== 'Success' && s.outcome !== 'ScriptThrow');
      if (bad.length) throw new Error(bad.map(describeRun).join('\n'));
      expectSameState(snapshots(r, 'expected'), snapshots(r, 'rolledBack'), folders, 'after the rollback the state differs from the starting state plus the later changes of others:', NEVER_REWEAKENED);
    });
  }
  add('a backup planted by a standard user is never restored', plantedBackupProgram(ctx), (r) => {
    const server = snapshots(r, 'rolledBack').server!;
    const planted = server.Registry?.['HKLM:\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\RUN']?.Values?.SIMHOSTPLANTED;
    const plant = r.steps.find((s) => s.op === 'mutate');
    if (planted) throw new Error(`the rollback applied a change from a backup folder a standard user created (planting: ${plant?.outcome}); Run\\SimHostPlanted = ${planted.Value}`);
  });
  const expectedCommands = ctx.rec.jeaCommands;
  if (expectedCommands) {
    add('custom JEA commands: the role capability shows exactly the listed commands', apply, (r) => {
      const server = snapshots(r, 'applied').server!;
      const path = Object.keys(server.Files ?? {}).find((p) => /RoleCapabilities\\[^\\]+\.psrc$/i.test(p));
      if (!path) throw new Error('no role capability file on the server');
      const content = String(server.Files[path].Content);
      const line = content.split(/\r?\n/).find((l) => l.trim().startsWith('VisibleCmdlets')) ?? '';
      const shown = [...line.matchAll(/'([^']*)'/g)].map((m) => m[1]);
      if (JSON.stringify(shown) !== JSON.stringify(expectedCommands)) throw new Error(`VisibleCmdlets in ${path}: ${line} (expected ${expectedCommands.join(', ')})`);
    });
  }
  if (ctx.rec.transport !== 'ssh') {
    add('Windows PowerShell 5.1: apply and roll back', windowsPowerShellProgram(ctx), (r) => {
      expectAllSucceeded(runs(r, 'apply:'));
      const bad = runs(r, 'rollback:').filter((s) => s.outcome !== 'Success' && s.outcome !== 'ScriptThrow');
      if (bad.length) throw new Error(bad.map(describeRun).join('\n'));
      expectSameState(snapshots(r, 'initial'), snapshots(r, 'rolledBack'), folders, 'after the rollback the state differs from the initial state:', NEVER_REWEAKENED);
    });
  }
  return cases;
}

const suites = contexts.map((ctx) => ({ ctx, cases: casesFor(ctx) }));

describe('custom JEA commands before any script', () => {
  test('hostile-looking entries are refused: no script is rendered with them', () => {
    for (const hostile of ["Get-Service'; Stop-Computer -Force; '", '$(Stop-Computer)', 'Get-Service`nStop-Computer', 'Start-Process', '*-Process', 'Get-Service;Remove-Item']) {
      let threw = false;
      try {
        recommend(helpDeskAnswers, { jeaCommands: hostile });
      } catch (e) {
        threw = e instanceof InvalidJeaCommandsError;
      }
      if (!threw) throw new Error(`accepted: ${hostile}`);
      const decoded = decodePermalink(`${encodeAnswers(helpDeskAnswers)}&jeaCommands=${encodeURIComponent(hostile)}`);
      if (decoded.hosts.jeaCommands !== undefined) throw new Error(`a link carried: ${hostile}`);
    }
  });
});

describePwsh('every path on simulated Windows hosts', (pwsh) => {
  beforeAll(async () => {
    const started = Date.now();
    results = await runPrograms(pwsh, programs);
    console.log(`simulation: ${contexts.length} answer-set/host variants of ${allContexts.length}, ${suites.reduce((n, s) => n + s.cases.length, 0)} tests, ${programs.size} distinct programs, ${Math.round((Date.now() - started) / 1000)} s`);
  }, 900_000);

  for (const { ctx, cases } of suites) {
    describe(ctx.title, () => {
      for (const c of cases) test(c.name, c.check);
    });
  }
});
