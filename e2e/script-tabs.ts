import { expect, type Page } from '@playwright/test';

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
 * The text of a script as the page shows it: a <pre> (white space kept), so its textContent. (Its
 * innerText is empty until the browser has laid it out: the panel is laid out only near the
 * viewport, content-visibility: auto.)
 */
export async function scriptText(page: Page, file: string): Promise<string> {
  return (await (await showScript(page, file)).textContent()) ?? '';
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

/** Every script of the page, by file name, going through the tabs. */
export async function allScriptTexts(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await scriptFiles(page)) out[file] = await scriptText(page, file);
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
