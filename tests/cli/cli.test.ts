/**
 * The command line (bin/psremoting-guide.mjs), tested by running it: its JSON and files must be
 * byte for byte what the page gives for the same answers, its errors one line with exit code 2.
 *
 * All 344 answer sets go through one process (`--batch`: each stdin line is an argument list run
 * by the same `run()` as a normal invocation); a sample also runs as separate processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_URL } from '../../src/app/site.ts';
import { auditInput } from '../../src/core/audit/index.ts';
import { exportJson } from '../../src/core/export-json.ts';
import { QUESTION_ORDER, type Answers, type HostInput } from '../../src/core/model.ts';
import { QUESTIONS, questionApplies } from '../../src/core/questions.ts';
import { recommend } from '../../src/core/recommend.ts';
import { allCompleteAnswers } from '../../src/core/testing/answers.ts';
import { SOURCES } from '../../src/core/sources.ts';

const root = resolve(import.meta.dirname, '../..');
const BIN = join(root, 'bin/psremoting-guide.mjs');
const SAMPLES = join(root, 'src/core/audit/samples');
const PAGE_BASE = `${SITE_URL}/recommendation`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: root, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const answerArgs = (a: Answers) => QUESTION_ORDER.flatMap((id) => (a[id] === undefined ? [] : [`--${id}`, a[id]!]));

/** What the page gives: recommend() with the page's permalink base, then "Download JSON". */
const pageJson = (a: Answers, hosts: HostInput = {}, includeHosts = false, base = PAGE_BASE) =>
  exportJson(recommend(a, hosts, { permalinkBase: base, includeHostsInPermalink: includeHosts }));

/** A bad-input run: exit 2, one line on stderr, no stack trace, nothing on stdout. */
function expectUsageError(r: Run, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^psremoting-guide: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
}

const ALL = allCompleteAnswers();
const RBKCD: Answers = { platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'admins', hop: 'files', adcontrol: 'yes', trust: 'normal', protected: 'no' };
const WORKGROUP: Answers = { platform: 'windows', domain: 'workgroup', pki: 'selfsigned', network: 'public', who: 'delegated', hop: 'remoting' };
const MIXED: Answers = { platform: 'mixed', network: 'private', who: 'admins', hop: 'none' };

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'psremoting-cli-'));
  // The first run builds the bundle when it is missing or stale (scripts/build-cli.mjs).
  const r = cli(['--help']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('recommend --format json', () => {
  it('equals the page\'s "Download JSON" for all 344 answer sets (one --batch process)', () => {
    expect(ALL).toHaveLength(344);
    const lines = ALL.map((a) => JSON.stringify(['recommend', ...answerArgs(a), '--format', 'json'])).join('\n');
    const r = cli(['--batch'], `${lines}\n`);
    expect(r.code, r.stderr).toBe(0);
    const results = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Run);
    expect(results).toHaveLength(344);
    results.forEach((res, i) => {
      const a = ALL[i]!;
      expect(res.code, `${JSON.stringify(a)}: ${res.stderr}`).toBe(0);
      expect(res.stderr).toBe('');
      if (res.stdout !== pageJson(a)) expect.fail(`JSON differs for ${JSON.stringify(a)}`);
    });
  });

  it('with hosts, in and out of the permalink, for every answer set (one --batch process)', () => {
    const hosts = { target: 'app01.contoso.com', resource: 'fs01.contoso.com', adminSubnet: '192.0.2.0/24,198.51.100.7' };
    const lines = ALL.map((a, i) =>
      JSON.stringify([
        'recommend',
        ...answerArgs(a),
        '--target',
        hosts.target,
        ...(a.hop && a.hop !== 'none' ? ['--resource', hosts.resource] : []),
        '--admin-subnet',
        hosts.adminSubnet,
        ...(i % 2 ? ['--include-hosts-in-link'] : []),
      ]),
    ).join('\n');
    const r = cli(['--batch'], lines);
    const results = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Run);
    expect(results).toHaveLength(344);
    results.forEach((res, i) => {
      const a = ALL[i]!;
      expect(res.code, res.stderr).toBe(0);
      const h: HostInput = { target: hosts.target, adminSubnet: hosts.adminSubnet, ...(a.hop && a.hop !== 'none' ? { resource: hosts.resource } : {}) };
      if (res.stdout !== pageJson(a, h, i % 2 === 1)) expect.fail(`JSON differs for ${JSON.stringify(a)} with hosts`);
    });
  });

  it('as separate processes, for a sample, byte for byte', () => {
    for (const a of [RBKCD, WORKGROUP, MIXED]) {
      const r = cli(['recommend', ...answerArgs(a)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(pageJson(a));
    }
  });

  it('--out writes psremoting-recommendation.json; --base changes the permalink', () => {
    const dir = join(work, 'json');
    const r = cli(['recommend', ...answerArgs(RBKCD), '--out', dir, '--base', 'https://intranet.example/']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'psremoting-recommendation.json'), 'utf8')).toBe(pageJson(RBKCD, {}, false, 'https://intranet.example/recommendation'));
  });
});

describe('recommend: script files', () => {
  const hosts = { target: 'app01.contoso.com', resource: 'fs01.contoso.com', adminSubnet: '192.0.2.0/24' };
  const hostArgs = ['--target', hosts.target, '--resource', hosts.resource, '--admin-subnet', hosts.adminSubnet];

  it('ps1, gpo and ansible write the texts of the recommendation, UTF-8, and nothing else', () => {
    const cases: { a: Answers; h: HostInput; args: string[] }[] = [
      { a: RBKCD, h: hosts, args: hostArgs },
      { a: RBKCD, h: {}, args: [] },
      { a: { ...RBKCD, domain: 'untrusted', address: undefined, assurance: undefined, adcontrol: undefined, trust: undefined, protected: undefined, pki: 'enterprise' } as Answers, h: { target: '192.0.2.10' }, args: ['--target', '192.0.2.10'] },
      { a: WORKGROUP, h: { target: '2001:db8::10' }, args: ['--target', '[2001:db8::10]'] },
      { a: MIXED, h: { target: 'lnx01.contoso.com' }, args: ['--target', 'lnx01.contoso.com'] },
    ];
    cases.forEach(({ a, h, args }, n) => {
      const clean = Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Answers;
      const rec = recommend(clean, h, { permalinkBase: PAGE_BASE });
      const expected: Record<string, Record<string, string>> = {
        ps1: {
          'target.ps1': rec.scripts.target,
          'client.ps1': rec.scripts.client,
          ...(rec.scripts.resource ? { 'resource.ps1': rec.scripts.resource } : {}),
          'rollback.ps1': rec.scripts.rollback,
        },
        ansible: { 'playbook.yml': rec.ansible.playbook, 'inventory.yml': rec.ansible.inventory },
        ...(rec.groupPolicy ? { gpo: { 'gpo.ps1': rec.groupPolicy.script, 'gpo-rollback.ps1': rec.groupPolicy.rollback } } : {}),
      };
      for (const [format, files] of Object.entries(expected)) {
        const dir = join(work, `files-${n}-${format}`);
        const r = cli(['recommend', ...answerArgs(clean), ...args, '--format', format, '--out', dir]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toBe('');
        expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
        for (const [file, text] of Object.entries(files)) expect(readFileSync(join(dir, file)).equals(Buffer.from(text, 'utf8')), `${format}/${file}`).toBe(true);
      }
      if (!rec.groupPolicy) expectUsageError(cli(['recommend', ...answerArgs(clean), '--format', 'gpo', '--out', join(work, `nogpo-${n}`)]), /no Group Policy for this path/);
    });
  });

  it('refuses to overwrite existing files unless --force', () => {
    const dir = join(work, 'overwrite');
    expect(cli(['recommend', ...answerArgs(MIXED), '--format', 'ansible', '--out', dir]).code).toBe(0);
    writeFileSync(join(dir, 'playbook.yml'), 'mine\n');
    expectUsageError(cli(['recommend', ...answerArgs(MIXED), '--format', 'ansible', '--out', dir]), /playbook\.yml, .*inventory\.yml already exist; use --force/);
    expect(readFileSync(join(dir, 'playbook.yml'), 'utf8')).toBe('mine\n');
    expect(cli(['recommend', ...answerArgs(MIXED), '--format', 'ansible', '--out', dir, '--force']).code).toBe(0);
    expect(readFileSync(join(dir, 'playbook.yml'), 'utf8')).toBe(recommend(MIXED, {}, { permalinkBase: PAGE_BASE }).ansible.playbook);
  });
});

describe('recommend --link', () => {
  it('gives the JSON the page at that link gives (its origin, its hosts kept in the permalink)', () => {
    const query = 'v=1&platform=windows&domain=same&address=name&assurance=high&network=public&who=delegated&hop=remoting&trust=tier0&protected=no&target=dc01.contoso.com&resource=dc02.contoso.com&adminSubnet=10.1.0.0%2F16';
    const r = cli(['recommend', '--link', `https://intranet.example/recommendation?${query}&script=rollback`]);
    expect(r.code, r.stderr).toBe(0);
    const a = { platform: 'windows', domain: 'same', address: 'name', assurance: 'high', network: 'public', who: 'delegated', hop: 'remoting', trust: 'tier0', protected: 'no' } as const;
    const h = { target: 'dc01.contoso.com', resource: 'dc02.contoso.com', adminSubnet: '10.1.0.0/16' };
    expect(r.stdout).toBe(pageJson(a, h, true, 'https://intranet.example/recommendation'));
    expect(JSON.parse(r.stdout).permalink).toBe(`https://intranet.example/recommendation?${query}`);
  });

  it('round-trips every permalink the JSON carries (a sample of answer sets)', () => {
    const sample = ALL.filter((_, i) => i % 17 === 0);
    const lines = sample.map((a) => JSON.stringify(['recommend', '--link', JSON.parse(pageJson(a)).permalink as string])).join('\n');
    const results = cli(['--batch'], lines).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Run);
    results.forEach((res, i) => expect(res.stdout === pageJson(sample[i]!), JSON.stringify(sample[i])).toBe(true));
  });

  it("reports a link's problems in the page's words, exit 2", () => {
    expectUsageError(cli(['recommend', '--link', 'v=1&platform=windows&domain=nope']), /This link has problems\. These parts were not used: "nope" is not a valid answer for "domain"; allowed: "same", "untrusted", "workgroup"\./);
    expectUsageError(cli(['recommend', '--link', 'https://x.example/recommendation?v=2&platform=mixed']), /this guide reads version "1"/);
    expectUsageError(cli(['recommend', '--link', 'v=1&platform=mixed&network=private']), /does not answer every question yet.*Continue the questionnaire at: Who connects\? \(--who admins\|delegated\)/);
    expectUsageError(cli(['recommend', '--link', 'v=1&platform=mixed', '--network', 'private']), /--link and --network cannot be combined/);
  });
});

describe('audit', () => {
  it('--fail-on high: exit 0 on stock Windows Server 2019/2022/2025 and the hardened samples, 1 on the weakened ones', () => {
    for (const file of ['ws2019-stock.txt', 'ws2022-stock.txt', 'ws2025-stock.txt', 'hardened.txt', 'hardened.json']) {
      const r = cli(['audit', join(SAMPLES, file), '--fail-on', 'high']);
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/^Findings: 0 high, /);
    }
    for (const file of ['weakened.txt', 'weakened.json']) {
      const r = cli(['audit', join(SAMPLES, file), '--fail-on', 'high']);
      expect(r.code, file).toBe(1);
      expect(r.stdout).toMatch(/^Findings: [1-9]\d* high/);
    }
    // Without --fail-on the findings are printed and the exit code is 0.
    expect(cli(['audit', join(SAMPLES, 'weakened.txt')]).code).toBe(0);
    // A stock server has medium or low findings: --fail-on medium/low gates on them.
    const stock = auditInput(readFileSync(join(SAMPLES, 'ws2022-stock.txt'), 'utf8'));
    if (stock.ok) {
      const medium = stock.findings.some((f) => f.severity !== 'low');
      expect(cli(['audit', join(SAMPLES, 'ws2022-stock.txt'), '--fail-on', 'medium']).code).toBe(medium ? 1 : 0);
      expect(cli(['audit', join(SAMPLES, 'ws2022-stock.txt'), '--fail-on', 'low']).code).toBe(stock.findings.length > 0 ? 1 : 0);
    }
  });

  it('text: each finding with the value found, why, sources and fix; then what is fine; stdin with -', () => {
    const text = readFileSync(join(SAMPLES, 'weakened.txt'), 'utf8');
    const result = auditInput(text);
    if (!result.ok) throw new Error('sample must audit');
    const r = cli(['audit', '-'], text);
    expect(r.code).toBe(0);
    for (const f of result.findings) {
      expect(r.stdout).toContain(`- ${f.title}`);
      expect(r.stdout).toContain(`Why: ${f.message}`);
      for (const key of f.sources) expect(r.stdout).toContain(`${SOURCES[key].title} (${SOURCES[key].publisher}): ${SOURCES[key].url}`);
      if (f.fix.kind === 'command') expect(r.stdout).toContain(f.fix.command.split('\n')[0]);
    }
    const high = r.stdout.indexOf('\nHigh\n');
    const medium = r.stdout.indexOf('\nMedium\n');
    expect(high).toBeGreaterThan(0);
    if (result.findings.some((f) => f.severity === 'medium')) expect(medium).toBeGreaterThan(high);
    if (result.fine.length > 0) expect(r.stdout.indexOf('\nWhat is fine\n')).toBeGreaterThan(high);
    expect(r.stdout).toContain(`Start the guide from this\n`);
    expect(r.stdout).toContain(`${SITE_URL}/guide?v=1`);
  });

  it('json prints the result object, as auditInput gives it', () => {
    for (const file of ['weakened.json', 'gpo.xml', 'ws2025-stock.txt']) {
      const r = cli(['audit', join(SAMPLES, file), '--format', 'json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(auditInput(readFileSync(join(SAMPLES, file), 'utf8')))));
    }
  });

  it('reads UTF-16 LE with a byte order mark, as Windows PowerShell\'s ">" writes it', () => {
    const text = readFileSync(join(SAMPLES, 'weakened.txt'), 'utf8');
    const file = join(work, 'utf16.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(cli(['audit', file, '--format', 'json']).stdout).toBe(cli(['audit', join(SAMPLES, 'weakened.txt'), '--format', 'json']).stdout);
  });

  it('unreadable input: exit 2, each problem naming its line, no stack trace', () => {
    const truncated = readFileSync(join(SAMPLES, 'ws2022-stock.txt'), 'utf8').slice(0, 200);
    for (const input of [truncated, 'Get-Process output\nNPM(K) PM(M)\n', Buffer.from([0, 1, 2, 3, 0xff, 0, 7])]) {
      const r = cli(['audit', '-'], input);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^This could not be audited:\n( {2}Line \d+: [^\n]+\n)+$/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const json = cli(['audit', '-', '--format', 'json'], '{"schema": 1}');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false });
    const big = join(work, 'big.txt');
    writeFileSync(big, 'x'.repeat(5 * 1024 * 1024));
    expectUsageError(cli(['audit', big]), /KiB: far larger than any WinRM configuration/);
    expectUsageError(cli(['audit', join(work, 'missing.txt')]), /cannot read .*missing\.txt: no such file\./);
    expectUsageError(cli(['audit']), /audit needs a FILE/);
    expectUsageError(cli(['audit', join(SAMPLES, 'weakened.txt'), '--fail-on', 'critical']), /--fail-on: "critical" is not one of "high", "medium", "low"\./);
  });
});

describe('questions', () => {
  it('json: every question with its values, and askedIf agrees with the guide on every path', () => {
    const r = cli(['questions', '--format', 'json']);
    expect(r.code).toBe(0);
    const { questions } = JSON.parse(r.stdout) as { questions: { id: string; values: { value: string }[]; askedWhen: string; dependsOn: string[]; askedIf: Record<string, string | null>[] }[] };
    expect(questions.map((q) => q.id)).toEqual(QUESTIONS.map((q) => q.id));
    for (const q of questions) {
      const question = QUESTIONS.find((x) => x.id === q.id)!;
      expect(q.values.map((v) => v.value)).toEqual(question.options.map((o) => o.value));
      expect(q.askedWhen).toBe(question.askedWhen);
      // On every complete path (and every prefix of it), the question is asked exactly when one askedIf entry matches.
      for (const a of ALL) {
        const matches = q.askedIf.some((c) => Object.entries(c).every(([k, v]) => (a[k as keyof Answers] ?? null) === v));
        expect(matches, `${q.id} on ${JSON.stringify(a)}`).toBe(questionApplies(question.id, a));
      }
    }
    expect(questions.find((q) => q.id === 'pki')!.askedIf).toEqual([
      { platform: 'windows', domain: 'same', address: 'ip' },
      { platform: 'windows', domain: 'untrusted', address: null },
      { platform: 'windows', domain: 'workgroup', address: null },
    ]);
  });

  it('text lists each question as its option', () => {
    const r = cli(['questions']);
    expect(r.code).toBe(0);
    for (const q of QUESTIONS) expect(r.stdout).toContain(`--${q.id}: ${q.prompt}`);
  });
});

describe('help and bad input', () => {
  it('--help for the tool and each command', () => {
    const tool = cli(['--help']);
    expect(tool.code).toBe(0);
    expect(tool.stdout).toMatch(/^Usage: psremoting-guide <command>/);
    expect(cli([]).stdout).toBe(tool.stdout);
    const help: Record<string, string> = {};
    for (const command of ['recommend', 'audit', 'questions']) {
      const r = cli([command, '--help']);
      help[command] = r.stdout;
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: psremoting-guide ${command}`));
      expect(cli(['help', command]).stdout).toBe(r.stdout);
      expect(cli([command, '-h']).stdout).toBe(r.stdout);
    }
    for (const q of QUESTIONS) expect(help.recommend).toContain(`--${q.id} `);
  });

  it('runs as the package.json bin through npx, from the repository', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['psremoting-guide']).toBe('bin/psremoting-guide.mjs');
    expect(readFileSync(BIN, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const r = spawnSync('npx', ['--no', '--', 'psremoting-guide', 'questions', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(cli(['questions', '--format', 'json']).stdout);
  });

  it('one line in the page\'s words, exit 2, no stack trace', () => {
    const mixed = answerArgs(MIXED);
    const windows = answerArgs({ platform: 'windows', domain: 'same', address: 'name', assurance: 'standard', network: 'private', who: 'admins' });
    expectUsageError(cli(['frobnicate']), /unknown command "frobnicate"/);
    expectUsageError(cli(['recommend', ...mixed, '--colour', 'red']), /unknown option --colour for "recommend"/);
    expectUsageError(cli(['recommend', ...mixed, '--format']), /--format needs a value/);
    expectUsageError(cli(['recommend', ...mixed, '--format', 'xml']), /--format: "xml" is not one of "json", "ps1", "gpo", "ansible"\./);
    expectUsageError(cli(['recommend', ...windows]), /The answers are incomplete: "hop" has no answer yet \(Do commands on the server need to reach a second computer\?\); give --hop none\|files\|remoting\./);
    expectUsageError(cli(['recommend', '--platform', 'windows']), /"domain" has no answer yet/);
    expectUsageError(cli(['recommend', ...mixed, '--domain', 'same']), /--domain: "domain" is only asked when platform = windows \(you gave platform=mixed\); leave it out\./);
    expectUsageError(cli(['recommend', ...mixed.slice(0, -1), 'sometimes']), /--hop: "sometimes" is not a valid answer for "hop"; allowed: "none", "files", "remoting"\./);
    expectUsageError(cli(['recommend', ...mixed, '--target', 'srv01;rm -rf /']), /^psremoting-guide: --target: The host name contains /);
    expectUsageError(cli(['recommend', ...mixed, '--admin-subnet', '0.0.0.0/0']), /^psremoting-guide: --admin-subnet: .*admits too much/);
    expectUsageError(cli(['recommend', ...mixed, '--format', 'ps1']), /--format ps1 writes files: give --out DIR\./);
    expectUsageError(cli(['recommend', ...mixed, '--base', 'not a url']), /--base: "not a url" is not an address/);
  });
});
