/**
 * Issue item 1: every script of every answer set, rendered without host names and with DNS, IPv4
 * and IPv6 host names, and every PowerShell block of the topic pages, is parsed by PowerShell's own
 * parser ([System.Management.Automation.Language.Parser]::ParseInput) with 0 errors.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HostInput } from '../../src/core/model';
import { recommend } from '../../src/core/recommend';
import { allCompleteAnswers, answersKey } from '../../src/core/testing/answers';
import { describePwsh, runPwshFile } from './pwsh';

const HOST_VARIANTS: Record<string, HostInput> = {
  'no host names': {},
  dns: { target: 'app01.corp.example.com', resource: 'files01.corp.example.com' },
  ipv4: { target: '10.20.30.40', resource: '10.20.30.41' },
  ipv6: { target: '2001:db8:20::40', resource: '2001:db8:20::41' },
};

interface ParseResult {
  id: string;
  errors: { line: number; column: number; message: string }[];
  statements: number;
}

/** Each distinct text once, with every place it comes from (answers, host variant, script). */
function collectScripts(): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  for (const answers of allCompleteAnswers()) {
    for (const [variant, hosts] of Object.entries(HOST_VARIANTS)) {
      const rec = recommend(answers, hosts);
      const gpo = rec.groupPolicy ? { gpo: rec.groupPolicy.script, 'gpo-rollback': rec.groupPolicy.rollback } : {};
      for (const [name, text] of Object.entries({ ...rec.scripts, ...gpo })) {
        if (!text) continue;
        const origins = texts.get(text) ?? [];
        origins.push(`${answersKey(answers)} | ${variant} | ${name}`);
        texts.set(text, origins);
      }
    }
  }
  return texts;
}

function collectTopicBlocks(): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  const dir = new URL('../../content/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    [...source.matchAll(/```powershell\n([\s\S]*?)```/g)].forEach((m, i) => {
      const origins = blocks.get(m[1]!) ?? [];
      origins.push(`${file} block ${i + 1}`);
      blocks.set(m[1]!, origins);
    });
  }
  return blocks;
}

describePwsh("PowerShell's own parser", (pwsh) => {
  const scripts = collectScripts();
  const blocks = collectTopicBlocks();
  const texts = [...scripts.keys(), ...blocks.keys()];
  let results = new Map<string, ParseResult>();
  let work = '';

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'psparse-'));
    const input = join(work, 'in.json');
    const output = join(work, 'out.json');
    writeFileSync(input, JSON.stringify(texts.map((text, i) => ({ id: String(i), text }))));
    const run = await runPwshFile(pwsh, new URL('./Parse-Scripts.ps1', import.meta.url).pathname, ['-InputPath', input, '-OutputPath', output]);
    if (run.code !== 0) throw new Error(`Parse-Scripts.ps1 failed (${run.code}): ${run.stderr || run.stdout}`);
    const parsed = JSON.parse(readFileSync(output, 'utf8').replace(/^\uFEFF/, '')) as ParseResult[];
    results = new Map(parsed.map((r) => [texts[Number(r.id)]!, r]));
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('covers every answer set with every host variant', () => {
    const origins = [...scripts.values()].flat();
    expect(origins.filter((o) => o.includes('| target')).length).toBe(allCompleteAnswers().length * Object.keys(HOST_VARIANTS).length);
    console.info(`[parse] ${scripts.size} distinct scripts (${origins.length} rendered) and ${blocks.size} topic blocks parsed by PowerShell ${pwsh}`);
  });

  test.each(['target', 'client', 'resource', 'rollback', 'gpo', 'gpo-rollback'])('every %s script parses with 0 errors', (name) => {
    const failures: string[] = [];
    let checked = 0;
    for (const [text, origins] of scripts) {
      if (!origins.some((o) => o.endsWith(`| ${name}`))) continue;
      checked++;
      const result = results.get(text);
      if (!result) failures.push(`${origins[0]}: no parse result`);
      else if (result.errors.length > 0) failures.push(`${origins[0]}: ${result.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
      else if (result.statements < 1) failures.push(`${origins[0]}: no statement`);
    }
    expect(checked).toBeGreaterThan(0);
    expect(failures.slice(0, 5)).toEqual([]);
  });

  test('every PowerShell block of the topic pages parses with 0 errors', () => {
    const failures: string[] = [];
    for (const [text, origins] of blocks) {
      const result = results.get(text);
      if (!result || result.errors.length > 0) failures.push(`${origins.join(', ')}: ${result ? result.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ') : 'no result'}`);
    }
    expect(blocks.size).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });
});

test('the parser check itself fails on a broken script', async () => {
  // Guards the check above against passing vacuously: a text with an unclosed block must report errors.
  const { PWSH } = await import('./pwsh');
  if (!PWSH) return;
  const work = mkdtempSync(join(tmpdir(), 'psparse-'));
  try {
    writeFileSync(join(work, 'in.json'), JSON.stringify([{ id: '0', text: "& {\n    Write-Host 'unclosed'\n" }]));
    const run = await runPwshFile(PWSH, new URL('./Parse-Scripts.ps1', import.meta.url).pathname, ['-InputPath', join(work, 'in.json'), '-OutputPath', join(work, 'out.json')]);
    expect(run.code).toBe(0);
    const [result] = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8').replace(/^\uFEFF/, '')) as ParseResult[];
    expect(result!.errors.length).toBeGreaterThan(0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
