/**
 * Issue 12's three journeys, end to end, as the users who reported them walked them: a sysadmin
 * preparing a change request, a security engineer auditing and citing, a consultant on a phone.
 * The details of each part have their own tests; these check that the parts hold together.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { recommend } from '../src/core/recommend.ts';
import { decodePermalink } from '../src/core/permalink.ts';
import { expect, test } from './fixtures.ts';
import { answer, KERBEROS_RBKCD } from './guide-helpers.ts';
import { pdfPages } from './pdf-text.ts';
import { downloadedExport, scriptFiles, scriptText } from './script-tabs.ts';

/** Where a source link may lead: this site, or the publisher of a source in the catalogue. */
const PUBLISHERS =
  /^https:\/\/(learn\.microsoft\.com|github\.com|techcommunity\.microsoft\.com|man\.openbsd\.org|docs\.ansible\.com|www\.cisecurity\.org|stigaview\.com|car\.mitre\.org|www\.cyber\.gov\.au|www\.tenable\.com|www\.blackhat\.com|support\.microsoft\.com|msrc\.microsoft\.com)\//;

const squeezed = (text: string) => text.replace(/[\s-]+/g, '');

/** Every source link on the page: named, and to this site or a publisher. */
async function expectSourceLinksWork(page: Page) {
  const references = page.getByRole('region', { name: 'References' });
  await expect(references.getByRole('listitem').first()).toBeVisible();
  const links = await page
    .locator('.cite a, .references a')
    .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', name: a.textContent ?? '' })));
  expect(links.length).toBeGreaterThan(3);
  for (const { href, name } of links) {
    expect(name.trim(), `link to ${href}`).not.toBe('');
    expect(href.startsWith('#ref-') || href.startsWith('/') || PUBLISHERS.test(href), `source link ${href}`).toBe(true);
  }
}

/** The run order, the script tabs and each script's closing "Next:" line tell the same story. */
async function expectRunOrderAgrees(page: Page, query: string) {
  const { runOrder } = recommend(decodePermalink(query).answers);
  const runFiles = [...new Set(runOrder.map((s) => `${s.script}.ps1`))];
  const tabs = await scriptFiles(page);
  expect(tabs.slice(0, runFiles.length)).toEqual(runFiles);
  for (const [i, step] of runOrder.entries()) {
    const text = await scriptText(page, `${step.script}.ps1`);
    const next = runOrder[i + 1];
    if (next && next.script !== step.script) expect(text, `${step.script}.ps1 names what follows`).toContain(`(${next.script}.ps1)`);
  }
  expect(await scriptText(page, `${runOrder.at(-1)!.script}.ps1`)).toContain('This was the last script of the run order.');
}

test('a sysadmin prepares a change request for an app server with a file-share second hop', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/guide');
  for (const label of KERBEROS_RBKCD) {
    await answer(page, label);
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
  await page.getByLabel('Target server (the one you connect to)').fill('app01.corp.example.com');
  await page.getByLabel('Second computer (the resource)').fill('files01.corp.example.com');
  await page.getByLabel(/^Addresses you administer from/).fill('10.0.50.0/24');
  await expect(page.locator('pre[data-script="target.ps1"]')).toContainText("$Target = 'app01.corp.example.com'");

  // One answer changes (the network): straight back, with the host names and admin addresses kept.
  await page.getByRole('link', { name: 'Edit answers' }).click();
  await page.getByRole('button', { name: 'Change: Which network is the server on?' }).click();
  await answer(page, 'A public or untrusted network');
  await expect(page).toHaveURL(/\/recommendation\?v=1&.*network=public/);
  await expect(page.getByLabel('Target server (the one you connect to)')).toHaveValue('app01.corp.example.com');
  await expect(page.getByLabel('Second computer (the resource)')).toHaveValue('files01.corp.example.com');
  await expect(page.getByLabel(/^Addresses you administer from/)).toHaveValue('10.0.50.0/24');
  const query = new URL(page.url()).search.slice(1);
  expect(await scriptText(page, 'resource.ps1')).toContain("$Resource = 'files01.corp.example.com'");
  expect(await scriptText(page, 'target.ps1')).toContain("$AdminSubnet = '10.0.50.0/24'");

  await expectRunOrderAgrees(page, query);
  await expectSourceLinksWork(page);

  // On paper: the summary first, then the warnings' notes and the settings.
  const rec = recommend(decodePermalink(query).answers, {
    target: 'app01.corp.example.com',
    resource: 'files01.corp.example.com',
    adminSubnet: '10.0.50.0/24',
  });
  await page.emulateMedia({ media: 'print' });
  const pages = await pdfPages(await page.pdf({ format: 'A4' }));
  expect(pages[0]).toContain('Saved configuration (ruleset');
  const text = squeezed(pages.join(''));
  for (const w of rec.warnings) expect(text, `warning ${w.id}`).toContain(squeezed(w.message));
  for (const s of rec.settings) expect(text, `setting ${s.id}`).toContain(squeezed(s.name));
});

test('a security engineer audits a server and follows every citation to its source', async ({ page }) => {
  // Search by CVE id: the page that explains it, at the section that does.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-app', 'hydrated');
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search all topics' }).fill('CVE-2018-0886');
  const first = page.locator('.search-results a').first();
  await expect(first).toContainText('CredSSP');
  await first.click();
  await expect(page).toHaveURL(/\/topics\/credssp#[\w-]+$/);
  // The page's claims are footnoted to Microsoft Learn, not to repository paths.
  const footnotes = page.locator('section[data-footnotes] li a[href^="http"]');
  await expect(footnotes.first()).toHaveAttribute('href', /^https:\/\/learn\.microsoft\.com\//);
  await expect(page.locator('article')).not.toContainText('MicrosoftDocs/');

  // The audit of a weakened server: each finding names its sources as links.
  await page.goto('/audit');
  await page
    .getByLabel('Configuration to audit')
    .fill(await readFile(new URL('../src/core/audit/samples/weakened.txt', import.meta.url), 'utf8'));
  await page.getByRole('button', { name: 'Audit this configuration' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Findings:/ })).toBeVisible();
  const auditLinks = await page.locator('.audit-result .cite a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(auditLinks.length).toBeGreaterThan(0);
  // A source at its publisher, or the topic page that explains the finding.
  for (const href of auditLinks) expect(href.startsWith('/topics/') || PUBLISHERS.test(href), `audit source link ${href}`).toBe(true);

  // A recommendation: every source a link, and the JSON export resolves every key it cites.
  const query =
    'v=1&platform=windows&domain=same&address=name&assurance=high&network=private&who=admins&hop=remoting&adcontrol=yes&trust=tier0&protected=no';
  await page.goto(`/recommendation?${query}`);
  await expectSourceLinksWork(page);
  const exported = await downloadedExport(page);
  const cited = new Set(
    [...exported.rationale, ...exported.warnings, ...exported.alternatives, ...exported.settings].flatMap((i) => i.sources),
  );
  expect(cited.size).toBeGreaterThan(3);
  for (const key of cited) expect(exported.sources[key]?.url, `export resolves ${key}`).toMatch(PUBLISHERS);
});

test('a consultant on a phone: a workgroup DMZ server by IP, no certificates, help-desk users, public network', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/guide');
  // (A workgroup server is reached with NTLM whatever its address: the guide does not ask how.)
  for (const label of [
    'Windows at both ends',
    'Not domain-joined (workgroup)',
    'No certificates',
    'A public or untrusted network',
    'Delegated users',
    'No',
  ]) {
    // The Next button is on screen on every step, without scrolling.
    await expect(page.getByRole('button', { name: 'Next' })).toBeInViewport();
    await answer(page, label);
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
  // The server by its IP address, typed on the phone.
  await page.getByLabel('Target server (the one you connect to)').fill('203.0.113.10');
  await expect(page.locator('pre[data-script="target.ps1"]')).toContainText("'203.0.113.10'");
  const query = new URL(page.url()).search.slice(1);
  const highBefore = recommend(decodePermalink(query).answers).warnings.filter((w) => w.severity === 'high').length;

  // Long pages have a section navigation; nothing scrolls sideways at 390 or 320 px.
  await expect(page.getByRole('navigation', { name: 'Sections of this recommendation' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Before you run: what must exist' })).toBeVisible();
  await expect(page.getByLabel('Commands the help desk may run (the role shows only these)')).toBeVisible();
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 844 });
    const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
    expect(overflow, `sideways scrolling at ${width} px`).toBeLessThanOrEqual(0);
  }

  // What to do first: a self-signed certificate instead of NTLM and TrustedHosts, one click away.
  const box = page.getByRole('region', { name: 'What to do first' });
  const item = box.getByRole('listitem').filter({ hasText: /self-signed certificate/i });
  await expect(item).toContainText(/removes \d+ of \d+ high warnings/);
  await item.getByRole('link', { name: 'See the recommendation with this change' }).click();
  await expect(page).toHaveURL(/pki=selfsigned/);
  const safer = new URL(page.url()).search.slice(1);
  const highAfter = recommend(decodePermalink(safer).answers).warnings.filter((w) => w.severity === 'high').length;
  expect(highAfter).toBeLessThan(highBefore);
  await expect(page.locator('section[aria-labelledby="warnings-title"] .sev-high')).toHaveCount(highAfter);
  await expectRunOrderAgrees(page, safer);
});
