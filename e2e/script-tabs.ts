import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import type { RecommendationExport } from '../src/core/export-json.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The tab of a script file ("target.ps1"): its name starts with the file, then where to run it. */
export function scriptTab(page: Page, file: string) {
  return page.getByRole('tablist', { name: 'Scripts' }).getByRole('tab', { name: new RegExp(`^${escape(file)} on `) });
}

/** Selects a script's tab and returns its code block (only the selected script is on the page). */
export async function showScript(page: Page, file: string) {
  const tab = scriptTab(page, file);
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const pre = page.getByRole('tabpanel').locator(`pre[data-script="${file}"]`);
  await expect(pre).toBeVisible();
  return pre;
}

/**
 * The text of a script as the page shows it, once it is current: a <pre> (white space kept), so
 * its textContent. (Its innerText is empty until the browser has laid it out: the panel is laid
 * out only near the viewport, content-visibility: auto.) A host name just typed is in the
 * scripts only when the worker has made them again; until then the tab list is aria-busy and
 * the last scripts stay on show, so reading them at once could see the old ones.
 */
export async function scriptText(page: Page, file: string): Promise<string> {
  const pre = await showScript(page, file);
  await expect(page.getByRole('tablist', { name: 'Scripts' })).toHaveAttribute('aria-busy', 'false');
  return (await pre.textContent()) ?? '';
}

/**
 * The file names of the script tabs, in tab order, once they are all there: the scripts and the
 * fleet files are rendered after the page (by a worker), and come without any action; the tab
 * list is aria-busy until the last have.
 */
export async function scriptFiles(page: Page): Promise<string[]> {
  const tablist = page.getByRole('tablist', { name: 'Scripts' });
  const tabs = tablist.getByRole('tab');
  await expect(tabs.first()).toBeVisible();
  await expect(tablist).toHaveAttribute('aria-busy', 'false');
  const names = await tabs.allInnerTexts();
  return names.map((n) => n.split(/\s/)[0]!);
}

/** Every script of the page, by file name, going through the tabs (one render per tab: slow). */
export async function allScriptTextsFromTabs(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await scriptFiles(page)) out[file] = await scriptText(page, file);
  return out;
}

/** Where each file of the script tabs is in the JSON export. */
const EXPORTED: Record<string, (e: RecommendationExport) => string | undefined> = {
  'target.ps1': (e) => e.scripts.target,
  'client.ps1': (e) => e.scripts.client,
  'resource.ps1': (e) => e.scripts.resource,
  'rollback.ps1': (e) => e.scripts.rollback,
  'gpo.ps1': (e) => e.groupPolicy?.script,
  'gpo-rollback.ps1': (e) => e.groupPolicy?.rollback,
  'playbook.yml': (e) => e.ansible.playbook,
  'inventory.yml': (e) => e.ansible.inventory,
};

/** The recommendation as the page's "Download JSON" button saves it (from the page's current state). */
export async function downloadedExport(page: Page): Promise<RecommendationExport> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  return JSON.parse(await readFile((await download.path())!, 'utf8')) as RecommendationExport;
}

/**
 * Every script of the page, by file name in tab order, as the page's JSON download holds them:
 * one download instead of a render per tab. (That the tabs show exactly these texts is its own
 * test: "the downloaded .ps1 and JSON equal what the page shows".)
 */
export async function allScriptTexts(page: Page): Promise<Record<string, string>> {
  const files = await scriptFiles(page);
  const exported = await downloadedExport(page);
  const out: Record<string, string> = {};
  for (const file of files) {
    const text = EXPORTED[file]?.(exported);
    if (text === undefined) throw new Error(`${file} is a tab but not in the JSON export`);
    out[file] = text;
  }
  return out;
}

/** The code block of a script once its colours are painted. */
export function highlighted(page: Page, file: string) {
  return page.locator(`pre[data-script="${file}"][data-highlighted]`);
}

/** The file name of the selected script tab. */
export async function selectedFile(page: Page): Promise<string> {
  return (await page.getByRole('tab', { selected: true }).innerText()).split(/\s/)[0]!;
}
