// `npm run bench`: builds the site, serves dist/ as the browser tests do (`vite preview`, which
// answers like the static host), and runs Lighthouse (its default: mobile, simulated throttling)
// three times on each page type with the system Chromium. Prints a Markdown table of the median
// runs (scores, LCP, TBT, DOM elements, JavaScript transferred) against the budgets below, and
// writes bench-results/ (summary.json, each median run's report as .json and .html).
//
// Scores and times are noisy: they belong here, not in the tests. The byte budgets, which are
// deterministic, are tests (e2e/js-budget.spec.ts).
//
//   npm run bench                                  # the guide only
//   npm run bench -- --peer-dir ../peer/dist       # plus a peer's built static site, same server
//   npm run bench -- --peer-url https://example.org/ --peer-name "Peer"
//   npm run bench -- --strict                      # exit 1 when a budget is missed
//   npm run bench -- --no-build --runs 5           # reuse dist/, more runs
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { ReportGenerator } from 'lighthouse/report/generator/report-generator.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = resolve(root, 'bench-results');
const viteBin = resolve(root, 'node_modules/vite/bin/vite.js');

/** The recommendation for a same-domain file-share second hop (resource-based KCD), as in e2e/. */
const RBKCD =
  'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no';

/** Issue 8's budgets: minimum scores (0-100) and the most Total Blocking Time, in ms. */
const FULL = { accessibility: 100, 'best-practices': 100, seo: 100 };
const PAGES = [
  { id: 'home', name: 'Home', path: '/', budget: { performance: 99, ...FULL, tbt: 200 } },
  { id: 'topic', name: 'Topic (credssp)', path: '/topics/credssp', budget: { performance: 99, ...FULL, tbt: 200 } },
  { id: 'guide', name: 'Guide', path: '/guide', budget: { performance: 99, ...FULL, tbt: 200 } },
  { id: 'recommendation', name: 'Recommendation (RBKCD)', path: `/recommendation?${RBKCD}`, budget: { performance: 95, ...FULL, tbt: 200 } },
];

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const CATEGORY_NAMES = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'best practices', seo: 'SEO' };

// The network here is closed: without these Chromium stalls on background connections.
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

// The guide's service worker (sw.js) caches the whole site once the page has loaded: its
// downloads are not the page's, and scripts the page loads later then come from its cache, so the
// page's JavaScript would be undercounted. Blocked unless --service-worker (as in
// e2e/js-budget.spec.ts); the page works on without it.
const SERVICE_WORKER_SCRIPTS = ['*/sw.js'];

const USAGE = `Usage: npm run bench -- [options]
  --peer-dir DIR    also measure a built static site in DIR (served by the same server, same run)
  --peer-url URL    also measure the page at URL
  --peer-name NAME  the peer's name in its row
  --peer-path PATH  the page of --peer-dir to measure (default: /)
  --runs N          Lighthouse runs per page; the median run is reported (default: 3)
  --port N          port of the server (default: 4183, or the next free one; the peer's is the next)
  --no-build        measure the existing dist/ instead of building first
  --service-worker  let pages register their service worker (blocked by default: /sw.js)
  --page ID         measure only this page type (home, topic, guide, recommendation); repeat for more
  --strict          exit 1 when a budget is missed
Chromium: $CHROME_PATH, else $CHROMIUM_PATH, else /usr/bin/chromium.`;

let args;
try {
  args = parseArgs({
    options: {
      'peer-dir': { type: 'string' },
      'peer-url': { type: 'string' },
      'peer-name': { type: 'string' },
      'peer-path': { type: 'string', default: '/' },
      runs: { type: 'string', default: '3' },
      port: { type: 'string', default: '4183' },
      'no-build': { type: 'boolean', default: false },
      'service-worker': { type: 'boolean', default: false },
      page: { type: 'string', multiple: true },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const runs = Number(args.runs);
const firstPort = Number(args.port);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(firstPort) || firstPort < 1 || firstPort > 65535) {
  console.error(`--runs must be a positive whole number and --port a port number.\n\n${USAGE}`);
  process.exit(2);
}
const pageIds = PAGES.map((p) => p.id);
const unknownPages = (args.page ?? []).filter((id) => !pageIds.includes(id));
if (unknownPages.length) {
  console.error(`--page ${unknownPages.join(', ')}: not a page type (${pageIds.join(', ')}).\n\n${USAGE}`);
  process.exit(2);
}
const benchedPages = args.page?.length ? PAGES.filter((p) => args.page.includes(p.id)) : PAGES;
if (args['peer-dir'] && args['peer-url']) {
  console.error('Give --peer-dir or --peer-url, not both.');
  process.exit(2);
}
const peerDir = args['peer-dir'] ? resolve(args['peer-dir']) : undefined;
if (peerDir && !(existsSync(peerDir) && statSync(peerDir).isDirectory())) {
  console.error(`--peer-dir ${peerDir}: no such folder.`);
  process.exit(2);
}
const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromePath)) {
  console.error(`No Chromium at ${chromePath}: install Debian's chromium or set CHROME_PATH.`);
  process.exit(2);
}

// Everything this script starts is stopped however it ends.
const servers = new Set();
const browsers = new Set();
function stopAll() {
  for (const child of servers) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // its own process group (detached)
    } catch {
      // already gone
    }
  }
  servers.clear();
  for (const chrome of browsers) {
    try {
      process.kill(chrome.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  browsers.clear();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const loadAtStart = load();
console.log(`Load average at start: ${loadAtStart} (${cpus().length} CPUs)${loadavg()[0] >= 3 ? ': high, the times will be noisy' : ''}`);

// 1. Build (the `build` script).
if (!args['no-build']) {
  const t = Date.now();
  process.stdout.write('Building (npm run build)... ');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (build.status !== 0) {
    console.log('failed.');
    console.error(`${build.stdout}\n${build.stderr}`);
    process.exit(1);
  }
  console.log(`done in ${seconds(Date.now() - t)}.`);
}
if (!existsSync(resolve(root, 'dist/index.html'))) {
  console.error('dist/index.html is missing: run without --no-build.');
  process.exit(1);
}

// 2. Serve: `vite preview`, as `npm run preview` and the browser tests do (a page's prerendered
// file for its address, 404.html for anything else, gzip). A peer folder gets its own preview of
// the same server on the next port.
function isFree(port) {
  return new Promise((done) => {
    const probe = createServer()
      .once('error', () => done(false))
      .once('listening', () => probe.close(() => done(true)))
      .listen(port, '127.0.0.1');
  });
}
async function freePort(from, taken = []) {
  for (let port = from; port < from + 50 && port <= 65535; port++) {
    if (!taken.includes(port) && (await isFree(port))) return port;
  }
  throw new Error(`no free port from ${from}`);
}
async function serve(dir, port) {
  const extra = dir ? ['--outDir', dir] : [];
  const child = spawn(process.execPath, [viteBin, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', ...extra], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview ${dir ?? 'dist'} stopped:\n${output}`);
    try {
      await fetch(origin, { signal: AbortSignal.timeout(1000) });
      return origin;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`vite preview ${dir ?? 'dist'} did not answer on ${origin} within 30 s:\n${output}`);
}

// 3. Lighthouse: a fresh Chromium (and profile) for every run, default (mobile) settings.
async function lighthouseRun(url) {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'silent', handleSIGINT: false });
  browsers.add(chrome);
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      ...(args['service-worker'] ? {} : { blockedUrlPatterns: SERVICE_WORKER_SCRIPTS }),
    });
    if (!result) throw new Error('Lighthouse returned no result');
    return result.lhr;
  } finally {
    await chrome.kill();
    browsers.delete(chrome);
  }
}

const numeric = (lhr, id) => lhr.audits[id]?.numericValue;
const score = (lhr, category) => (lhr.categories[category]?.score == null ? null : Math.round(lhr.categories[category].score * 100));

/** What the table shows of a run. */
function measure(lhr) {
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const scripts = requests.filter((r) => r.resourceType === 'Script');
  const jsBytes = scripts.length
    ? scripts.reduce((sum, r) => sum + (r.transferSize ?? 0), 0)
    : (lhr.audits['resource-summary']?.details?.items ?? []).find((i) => i.resourceType === 'script')?.transferSize ?? null;
  return {
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(lhr, c)])),
    lcpMs: numeric(lhr, 'largest-contentful-paint') ?? null,
    tbtMs: numeric(lhr, 'total-blocking-time') ?? null,
    fcpMs: numeric(lhr, 'first-contentful-paint') ?? null,
    clsScore: numeric(lhr, 'cumulative-layout-shift') ?? null,
    domElements: numeric(lhr, 'dom-size-insight') ?? numeric(lhr, 'dom-size') ?? null,
    jsBytes,
    jsFiles: scripts.map((r) => ({ url: r.url, transferSize: r.transferSize })),
  };
}

/**
 * What cost a category points: for performance the metrics below 0.9 of their score (with their
 * values), otherwise the weighted audits that failed.
 */
function failingAudits(lhr, category) {
  const refs = (lhr.categories[category]?.auditRefs ?? []).filter((ref) => ref.weight > 0);
  if (category === 'performance') {
    return refs
      .filter((ref) => (lhr.audits[ref.id]?.score ?? 1) < 0.9)
      .map((ref) => `${ref.acronym ?? ref.id} ${lhr.audits[ref.id].displayValue ?? ''}`.trim());
  }
  return refs.filter((ref) => lhr.audits[ref.id]?.score !== null && lhr.audits[ref.id]?.score < 1).map((ref) => ref.id);
}

function checkBudget(lhr, m, budget) {
  if (!budget) return [];
  const missed = [];
  for (const category of CATEGORIES) {
    const min = budget[category];
    const got = m.scores[category];
    if (min === undefined || (got !== null && got >= min)) continue;
    const why = failingAudits(lhr, category);
    missed.push(`${CATEGORY_NAMES[category]} ${got ?? 'n/a'} < ${min}${why.length ? ` (${why.join(', ')})` : ''}`);
  }
  if (budget.tbt !== undefined && !(m.tbtMs !== null && m.tbtMs <= budget.tbt)) missed.push(`TBT ${Math.round(m.tbtMs ?? NaN)} ms > ${budget.tbt} ms`);
  return missed;
}

/** Lighthouse's version and the browser's user agent, from the first run. */
let environment;
const safeName = (id) => id.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();

async function benchPage(page) {
  const lhrs = [];
  const errors = [];
  for (let i = 1; i <= runs; i++) {
    const t = Date.now();
    process.stdout.write(`  ${page.name}: run ${i}/${runs}... `);
    try {
      const lhr = await lighthouseRun(page.url);
      if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      lhrs.push(lhr);
      environment ??= { lighthouseVersion: lhr.lighthouseVersion, userAgent: lhr.environment?.hostUserAgent ?? null };
      console.log(`performance ${score(lhr, 'performance')} (${seconds(Date.now() - t)})`);
    } catch (error) {
      errors.push(error.message);
      console.log(`failed: ${error.message}`);
    }
  }
  if (!lhrs.length) return { ...page, error: errors.join('; '), budgetMissed: page.budget ? ['no successful run'] : [] };
  let median;
  try {
    median = computeMedianRun(lhrs);
  } catch {
    // (no FCP or TTI in some run) fall back to the median performance score
    median = [...lhrs].sort((a, b) => score(a, 'performance') - score(b, 'performance'))[Math.floor((lhrs.length - 1) / 2)];
  }
  const m = measure(median);
  const file = safeName(page.id);
  writeFileSync(resolve(outDir, `${file}.json`), JSON.stringify(median, null, 1));
  writeFileSync(resolve(outDir, `${file}.html`), ReportGenerator.generateReport(median, 'html'));
  return {
    id: page.id,
    name: page.name,
    url: page.url,
    budget: page.budget ?? null,
    runs: lhrs.map((lhr) => ({ performance: score(lhr, 'performance'), lcpMs: numeric(lhr, 'largest-contentful-paint'), tbtMs: numeric(lhr, 'total-blocking-time') })),
    medianRun: lhrs.indexOf(median),
    ...m,
    budgetMissed: checkBudget(median, m, page.budget),
    failedRuns: errors,
    report: `bench-results/${file}.html`,
  };
}

// 4. The table.
const kib = (n) => (n == null ? 'n/a' : `${(n / 1024).toFixed(1)} KiB`);
const ms = (n) => (n == null ? 'n/a' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
function row(r) {
  if (r.error) return `| ${r.name} | error: ${r.error.replaceAll('|', '\\|')} |||||||| ${r.budget ? 'not met: no run' : '—'} |`;
  const perfRuns = r.runs.length > 1 ? ` (${r.runs.map((x) => x.performance).join('/')})` : '';
  const budget = !r.budget ? '—' : r.budgetMissed.length ? `not met: ${r.budgetMissed.join('; ')}` : 'met';
  const s = r.scores;
  return `| ${r.name} | ${s.performance ?? 'n/a'}${perfRuns} | ${s.accessibility ?? 'n/a'} | ${s['best-practices'] ?? 'n/a'} | ${s.seo ?? 'n/a'} | ${ms(r.lcpMs)} | ${ms(r.tbtMs)} | ${r.domElements ?? 'n/a'} | ${kib(r.jsBytes)} | ${budget.replaceAll('|', '\\|')} |`;
}

let exitCode = 0;
try {
  mkdirSync(outDir, { recursive: true });
  const port = await freePort(firstPort);
  const origin = await serve(undefined, port);
  const pages = benchedPages.map((p) => ({ ...p, url: origin + p.path }));
  let peer;
  const peerName = args['peer-name'] ? `${args['peer-name']} (peer)` : 'peer';
  if (peerDir) {
    const peerOrigin = await serve(peerDir, await freePort(port + 1, [port]));
    peer = { id: 'peer', name: peerName, url: peerOrigin + args['peer-path'], source: peerDir };
  } else if (args['peer-url']) {
    peer = { id: 'peer', name: peerName, url: args['peer-url'], source: args['peer-url'] };
  }
  console.log(
    `Serving dist/ at ${origin}${peer ? `, the peer at ${peer.url}` : ''}. Lighthouse ${runs} run(s) per page, Chromium ${chromePath}${args['service-worker'] ? '' : ', /sw.js blocked'}.`,
  );

  const results = [];
  for (const page of peer ? [...pages, peer] : pages) results.push(await benchPage(page));
  stopAll();

  const wallMs = Date.now() - started;
  const loadAtEnd = load();
  const missed = results.filter((r) => r.budget && r.budgetMissed.length);

  const lines = [
    `Lighthouse ${environment?.lighthouseVersion ?? '?'}, mobile (default settings: simulated throttling), median of ${runs} run(s) per page; ${environment?.userAgent?.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}; load average ${loadAtStart} at start, ${loadAtEnd} at end (${cpus().length} CPUs); ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| page | performance | accessibility | best practices | SEO | LCP | TBT | DOM elements | JS transferred | budget |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(row),
    '',
    `Budgets: performance >= 99 on home, topic and guide, >= 95 on the recommendation; TBT <= 200 ms; accessibility, best practices and SEO 100. Performance shows the median run (every run in brackets). JS transferred: script bytes over the network (gzip)${args['service-worker'] ? '' : '; service workers (/sw.js) blocked'}.`,
    peer ? `Peer: ${peer.source}.` : 'No peer given (compare with one: --peer-dir <built static site> or --peer-url <url>).',
    `Wall time ${seconds(wallMs)}. Reports: bench-results/*.html; summary: bench-results/summary.json.`,
  ];
  console.log(`\n${lines.join('\n')}`);

  writeFileSync(
    resolve(outDir, 'summary.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        lighthouseVersion: environment?.lighthouseVersion ?? null,
        userAgent: environment?.userAgent ?? null,
        chromePath,
        runsPerPage: runs,
        blockedUrlPatterns: args['service-worker'] ? [] : SERVICE_WORKER_SCRIPTS,
        loadAverage: { start: loadAtStart, end: loadAtEnd, cpus: cpus().length },
        wallTimeSeconds: Math.round(wallMs / 1000),
        peer: peer ? { source: peer.source, url: peer.url } : null,
        budgetsMet: missed.length === 0,
        pages: results,
        markdown: lines.join('\n'),
      },
      null,
      2,
    )}\n`,
  );
  if (missed.length && args.strict) exitCode = 1;
} catch (error) {
  console.error(error.stack ?? error);
  exitCode = 1;
} finally {
  stopAll();
}
process.exit(exitCode);
