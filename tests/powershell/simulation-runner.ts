/**
 * Runs simulation programs in PowerShell 7: identical programs run once, the rest are split over
 * a few pwsh processes (one per core) that each run many programs (Invoke-SimCases.ps1).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPwshFile } from './pwsh';
import type { GroupedProgram, Program } from './simulation-programs';

export interface RunStepResult {
  op: 'run';
  label: string;
  host: string;
  outcome: string;
  message: string;
  line: number;
  lineText: string;
  sessionLost: string | null;
  unknown: string[];
  output: string[];
  calls: string[];
  changeLogs: { path: string; changes: number; kinds: string[] }[];
}

export interface OtherStepResult {
  op: 'copy' | 'mutate';
  label: string;
  host: string;
  outcome: string;
  message: string;
}

export type StepResult = RunStepResult | OtherStepResult;

export interface ProgramResult {
  id: string;
  steps: StepResult[];
  /** label -> host -> canonical JSON of that host's state. */
  snapshots: Record<string, Record<string, string>>;
  fatal?: string;
}

const CASES_SCRIPT = join(import.meta.dirname, 'sim', 'Invoke-SimCases.ps1');

/** Script comments do not change what a program does: they are left out of its identity. */
function withoutComments(text: string): string {
  if (/@['"]\r?\n/.test(text)) return text;
  return text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
}

export function programId(p: Program): string {
  const canonical = JSON.stringify(p, (k, v) => (k === 'text' && typeof v === 'string' ? withoutComments(v) : v));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 24);
}

function cost(p: Program): number {
  return p.steps.reduce((n, s) => n + (s.op === 'run' ? (s.repeat ?? 1) : 0), 0);
}

function groupCost(list: { program: Program }[]): number {
  return list.reduce((n, x) => n + cost(x.program), 0);
}

/**
 * Runs every program (keyed by id) and returns the results by id. The programs of one group (one
 * path) go to the same process, in the order they were registered, so that they share prefixes.
 */
export async function runPrograms(
  pwsh: string,
  programs: Map<string, GroupedProgram>,
  options: { processes?: number; deadlineSeconds?: number } = {},
): Promise<Map<string, ProgramResult>> {
  const processes = options.processes ?? Math.max(1, Math.min(availableParallelism(), 4));
  // Past the deadline a process stops taking programs and writes what it has (no orphan keeps running).
  const deadlineSeconds = options.deadlineSeconds ?? 840;
  const dir = mkdtempSync(join(tmpdir(), 'simhost-'));
  try {
    const groups = new Map<string, { id: string; program: Program }[]>();
    for (const [id, { group, program }] of programs) {
      const list = groups.get(group) ?? [];
      list.push({ id, program });
      groups.set(group, list);
    }
    const buckets: { id: string; group: string; program: Program }[][] = Array.from({ length: processes }, () => []);
    const load = Array<number>(processes).fill(0);
    const sorted = [...groups.entries()].sort((a, b) => groupCost(b[1]) - groupCost(a[1]));
    for (const [group, list] of sorted) {
      const i = load.indexOf(Math.min(...load));
      for (const item of list) buckets[i]?.push({ ...item, group });
      load[i] = (load[i] ?? 0) + groupCost(list);
    }
    const runs = buckets
      .map((bucket, i) => ({ bucket, i }))
      .filter(({ bucket }) => bucket.length > 0)
      .map(async ({ bucket, i }) => {
        const casesPath = join(dir, `cases-${i}.json`);
        const resultsPath = join(dir, `results-${i}.json`);
        // Script texts are sent once (a table), the steps name them by hash.
        const texts: Record<string, string> = {};
        const slim = bucket.map(({ id, group, program }) => ({
          id,
          group,
          hosts: program.hosts,
          steps: program.steps.map((s) => {
            if (s.op !== 'run') return s;
            const key = createHash('sha256').update(s.text).digest('hex').slice(0, 32);
            texts[key] = s.text;
            const { text: _text, ...rest } = s;
            return { ...rest, textId: key };
          }),
        }));
        writeFileSync(casesPath, JSON.stringify({ texts, programs: slim }));
        const r = await runPwshFile(pwsh, CASES_SCRIPT, ['-CasesPath', casesPath, '-ResultsPath', resultsPath, '-DeadlineSeconds', String(deadlineSeconds)]);
        if (r.code !== 0) throw new Error(`Invoke-SimCases.ps1 failed (exit ${r.code}):\n${r.stderr || r.stdout}`);
        const parsed = JSON.parse(readFileSync(resultsPath, 'utf8')) as { results: ProgramResult[]; snapshots: Record<string, string>; milliseconds: number };
        for (const p of parsed.results) for (const byHost of Object.values(p.snapshots ?? {})) for (const host of Object.keys(byHost)) byHost[host] = parsed.snapshots[byHost[host] ?? ''] ?? '';
        return parsed;
      });
    const out = new Map<string, ProgramResult>();
    for (const r of await Promise.all(runs)) for (const p of r.results) out.set(p.id, p);
    return out;
  }
  finally {
    // SIM_KEEP=1 keeps the programs and results (the folder is printed) for debugging.
    if (process.env.SIM_KEEP) console.log(`simulation files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
