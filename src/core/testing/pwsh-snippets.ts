/**
 * Test helper: runs many small PowerShell cases (stub functions + a piece of a generated script) in one
 * pwsh process, each in its own scope, and returns what each printed and the error that stopped it.
 * Stubs are functions, which PowerShell prefers to cmdlets of the same name.
 */
import { beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { psQuote } from '../powershell/quote';
import { runPwshFile } from '../../../tests/powershell/pwsh';

export interface SnippetCase {
  name: string;
  /** PowerShell code run inside `& { ... }` with $ErrorActionPreference = 'Stop'. */
  script: string;
}

export interface SnippetResult {
  name: string;
  /** The message of the error that stopped the case, or null when it ran to the end. */
  error: string | null;
  /** Everything the case wrote (output, Write-Host, warnings), one string per record. */
  output: string[];
}

function caseBlock(c: SnippetCase): string {
  return [
    '$guideCaseOutput = [System.Collections.Generic.List[string]]::new()',
    '$guideCaseError = $null',
    'try {',
    "    & { $ErrorActionPreference = 'Stop'",
    c.script,
    '    } *>&1 | ForEach-Object { $guideCaseOutput.Add([string]$_) }',
    '}',
    'catch { $guideCaseError = $_.Exception.Message }',
    `$guideResults.Add([pscustomobject]@{ name = ${psQuote(c.name)}; error = $guideCaseError; output = @($guideCaseOutput) })`,
  ].join('\n');
}

export async function runSnippets(pwsh: string, cases: readonly SnippetCase[]): Promise<Map<string, SnippetResult>> {
  const work = mkdtempSync(join(tmpdir(), 'pssnip-'));
  try {
    const out = join(work, 'out.json');
    const script = [
      'param([string]$OutputPath)',
      '$guideResults = [System.Collections.Generic.List[object]]::new()',
      ...cases.map(caseBlock),
      'ConvertTo-Json -InputObject @($guideResults) -Depth 4 -Compress | Set-Content -LiteralPath $OutputPath -Encoding utf8',
    ].join('\n');
    const file = join(work, 'cases.ps1');
    writeFileSync(file, script);
    const run = await runPwshFile(pwsh, file, ['-OutputPath', out]);
    if (run.code !== 0) throw new Error(`pwsh failed (${run.code}): ${run.stderr || run.stdout}`);
    const results = JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as SnippetResult[];
    return new Map(results.map((r) => [r.name, { ...r, output: r.output ?? [] }]));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Runs named cases once, before the tests of the calling file (one pwsh process), and reads their
 * results: `result(name)`, and `calls(name)`, the CALL and CHANGE lines the cases' stubs printed.
 */
export function snippetCases(pwsh: string, cases: Record<string, string>) {
  let results = new Map<string, SnippetResult>();
  beforeAll(async () => {
    results = await runSnippets(
      pwsh,
      Object.entries(cases).map(([name, script]) => ({ name, script })),
    );
  }, 120_000);
  const result = (name: string): SnippetResult => {
    const r = results.get(name);
    if (!r) throw new Error(`no result for the case "${name}"`);
    return r;
  };
  const calls = (name: string): string[] => result(name).output.filter((l) => /^(CALL|CHANGE) /.test(l));
  return { result, calls };
}
