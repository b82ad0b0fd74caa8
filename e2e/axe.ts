import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';
import type * as Axe from 'axe-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 level AA, every success criterion axe can check. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeScope {
  /** A CSS selector: check only this part of the page. */
  include?: string;
  /** Only these rules (default: every WCAG 2.2 AA rule). */
  rules?: string[];
}

/**
 * axe-core run inside the page. @axe-core/playwright's analyze() injects axe anew and opens a
 * second page on every call to merge the results of frames (about 2 s a call on 2 cores, more
 * than the checks themselves); the guide has no frames, which is asserted here, so one in-page
 * run checks the same nodes with the same rules.
 */
async function runAxe(page: Page, { include, rules }: AxeScope): Promise<Axe.Result[]> {
  expect(page.frames(), 'axe checks the page itself: it has no frames').toHaveLength(1);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const runOnly: Axe.RunOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: WCAG_22_AA };
  return page.evaluate(
    async ([selector, only]) => {
      const { axe } = window as unknown as { axe: typeof Axe };
      const results = await axe.run(selector ? { include: [selector] } : document, { runOnly: only, resultTypes: ['violations'] });
      return results.violations;
    },
    [include ?? null, runOnly] as const,
  );
}

export async function expectNoAxeViolations(page: Page, context: string, scope: AxeScope = {}) {
  const violations = await runAxe(page, scope);
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, `axe violations on ${context}`).toEqual([]);
}

/**
 * The page as it is, then in the other theme, switched with the page's own toggle (the same
 * attribute the pre-paint script sets), and back: one load, one axe run per theme.
 */
export async function expectNoAxeViolationsInBothThemes(page: Page, context: string, scope: AxeScope = {}) {
  const html = page.locator('html');
  const first = (await html.getAttribute('data-theme')) === 'dark' ? 'dark' : 'light';
  const second = first === 'dark' ? 'light' : 'dark';
  await expectNoAxeViolations(page, `${context} (${first} theme)`, scope);
  const toggle = page.locator('.theme-toggle');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', second);
  await expectNoAxeViolations(page, `${context} (${second} theme)`, scope);
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', first);
}
