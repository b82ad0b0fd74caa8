import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test gets a page that fails the test if the app throws, or if anything is requested
 * from another origin (the guide promises to work offline and to send nothing anywhere).
 */
export const test = base.extend<{ guard: void; extraOrigins: string[] }>({
  // A test that runs its own server on another port names that origin here.
  extraOrigins: [[], { option: true }],
  guard: [
    async ({ page, baseURL, extraOrigins }, use) => {
      const allowed = [new URL(baseURL ?? 'http://127.0.0.1:4173').origin, ...extraOrigins];
      const foreign: string[] = [];
      const errors: string[] = [];
      page.on('request', (req) => {
        const url = req.url();
        if (!allowed.some((o) => url.startsWith(`${o}/`)) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
      });
      page.on('pageerror', (err) => errors.push(err.message));
      await use();
      expect(foreign, 'requests to another origin').toEqual([]);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((t) => localStorage.setItem('theme', t), theme);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

export { expectNoAxeViolations, expectNoAxeViolationsInBothThemes } from './axe.ts';
