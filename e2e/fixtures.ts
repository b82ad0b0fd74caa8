import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test gets a page that fails the test if the app throws, or if anything is requested
 * from another origin (the guide promises to work offline and to send nothing anywhere).
 */
export const test = base.extend<{ guard: void; extraOrigins: string[]; live: void }>({
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
  // Every page of the test, the ones it opens itself included, waits for the app after loading a document.
  live: [
    async ({ page, javaScriptEnabled }, use) => {
      if (javaScriptEnabled !== false) {
        liveAfterNavigation(page);
        page.context().on('page', liveAfterNavigation);
      }
      await use();
    },
    { auto: true },
  ],
});

/**
 * A prerendered page is on screen before the app has taken it over, and a key or click then
 * reaches the plain HTML: a link loads a new document (and the focus is not moved to its
 * heading), a button does nothing. So a navigation that loads a document of the app returns once
 * the app says it is live (`data-app`, App.tsx), unless the test asked for `commit` to act before
 * the app's code runs.
 */
function liveAfterNavigation(page: Page) {
  const untilLive = async () => {
    // Not a page of the app: a file such as robots.txt.
    if ((await page.locator('#root').count()) === 0) return;
    await expect(page.locator('html')).toHaveAttribute('data-app', /^(hydrated|rendered)$/);
  };
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    if (options?.waitUntil !== 'commit') await untilLive();
    return response;
  };
  for (const method of ['reload', 'goBack', 'goForward'] as const) {
    const navigate = page[method].bind(page);
    page[method] = async (options) => {
      const response = await navigate(options);
      if (options?.waitUntil !== 'commit') await untilLive();
      return response;
    };
  }
}

export { expect };

export async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate((t) => localStorage.setItem('theme', t), theme);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

export { expectNoAxeViolations, expectNoAxeViolationsInBothThemes } from './axe.ts';
