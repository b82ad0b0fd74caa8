import { expect, setTheme, test } from './fixtures.ts';

test('search finds the CredSSP page with the / shortcut', async ({ page }) => {
  await page.goto('/');
  // The shortcut is the app's: the prerendered page shows before it is live, so wait for it.
  await expect(page.locator('html')).toHaveAttribute('data-app', 'hydrated');
  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Search all topics' });
  await expect(input).toBeFocused();
  await input.fill('credssp');
  const first = page.locator('.search-results a').first();
  await expect(first).toContainText('CredSSP');
  await input.press('Enter');
  await expect(page).toHaveURL(/\/topics\/credssp$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('CredSSP');
});

test('search says when nothing matches', async ({ page }) => {
  await page.goto('/topics');
  await page.getByRole('button', { name: /Search/ }).click();
  await page.getByRole('searchbox', { name: 'Search all topics' }).fill('zzzqqqxx');
  await expect(page.getByText('No topic matches')).toBeVisible();
});

test('the theme toggle persists across reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(13, 17, 23)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the system theme is the default', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await setTheme(page, 'light');
});

test('an unknown path shows the 404 page', async ({ page }) => {
  for (const path of ['/no/such/page', '/topics/no-such-topic']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page).toHaveTitle(/Page not found/);
    await expect(page.getByRole('link', { name: 'Browse all topics' })).toBeVisible();
  }
});

test('on a phone the layout fits the screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/topics/second-hop');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('keyboard users can skip to content', async ({ page }) => {
  await page.goto('/topics');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
});
