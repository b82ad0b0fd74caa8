import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, setTheme, test } from './fixtures.ts';

// Search for auditors (issue 12, item 12) and the topic page's "On this page" and heading anchors.

async function openSearch(page: Page): Promise<Locator> {
  // The shortcut is the app's: the prerendered page shows before it is live, so wait for it.
  await expect(page.locator('html')).toHaveAttribute('data-app', 'hydrated');
  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Search all topics' });
  await expect(input).toBeFocused();
  return input;
}

/** The text of the page from the heading with this id up to the next h2 or h3. */
const sectionText = (page: Page, id: string) =>
  page.evaluate((headingId) => {
    let node = document.getElementById(headingId)?.nextElementSibling;
    let text = '';
    while (node && !/^H[23]$/.test(node.tagName)) {
      text += node.textContent ?? '';
      node = node.nextElementSibling;
    }
    return text;
  }, id);

const besideNav = (page: Page) => page.locator('nav.on-this-page');

test('searching an id lists the page that explains it first, its match marked, and lands on that section', async ({ page }) => {
  await page.goto('/');
  const input = await openSearch(page);
  await input.fill('CVE-2018-0886');
  const first = page.locator('.search-results a').first();
  await expect(first).toContainText('CredSSP');
  await expect(first.locator('mark')).toHaveText(['CVE-2018-0886']);
  const href = await first.getAttribute('href');
  const anchor = /^\/topics\/credssp#([\w-]+)$/.exec(href ?? '')?.[1];
  expect(anchor, `result link ${href}`).toBeTruthy();
  // Axe on the open dialog with marked results.
  await expectNoAxeViolations(page, 'search results (light)');

  await first.click();
  await expect(page).toHaveURL(new RegExp(`/topics/credssp#${anchor}$`));
  const heading = page.locator(`[id="${anchor}"]`);
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  expect(await sectionText(page, anchor!)).toContain('CVE-2018-0886');
  // The section landed on is the one "On this page" marks: not the one before it.
  await expect(besideNav(page).locator('a[aria-current="location"]')).toHaveAttribute('href', `#${anchor}`);

  // Hostile text in the query stays text: no element made of it, no script run.
  await page.keyboard.press('/');
  await input.fill('<b>TrustedHosts</b><img src=zzzqq onerror=document.title=1>');
  await expect(page.locator('.search-results a').first()).toBeVisible();
  await expect(page.locator('.search-dialog :is(img, b)')).toHaveCount(0);
  await input.fill('<svg/onload=zzzqq>');
  await expect(page.getByText('No topic matches “<svg/onload=zzzqq>”.')).toBeVisible();
  await expect(page.locator('.search-dialog svg')).toHaveCount(0);
  await expect(page).toHaveTitle(/CredSSP/);

  await setTheme(page, 'dark');
  await (await openSearch(page)).fill('Enable-WSManCredSSP');
  await expect(page.locator('.search-results a').first().locator('mark').first()).toHaveText('Enable-WSManCredSSP');
  await expectNoAxeViolations(page, 'search results (dark)');
});

test('On this page marks the section scrolled to, and heading anchors show a named # on focus', async ({ page }) => {
  await page.goto('/topics/trustedhosts');
  await expect(page.locator('html')).toHaveAttribute('data-app', 'hydrated');
  const links = besideNav(page).getByRole('link');
  const ids = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(1)))).slice(0, 4);
  expect(ids.length).toBeGreaterThan(2);
  // At the top, above the first section, no section is current.
  await expect(besideNav(page).locator('a[aria-current]')).toHaveCount(0);
  for (const id of [ids[2]!, ids[1]!, ids[3]!]) {
    await page.locator(`[id="${id}"]`).evaluate((h) => h.scrollIntoView());
    await expect(besideNav(page).locator('a[aria-current]')).toHaveCount(1);
    await expect(besideNav(page).locator('a[aria-current="location"]')).toHaveAttribute('href', `#${id}`);
  }

  // The heading's own link: reachable by Tab, named by the heading alone, marked with # when focused.
  const anchorLink = page.locator(`[id="${ids[1]}"] a.heading-anchor`);
  const name = (await page.locator(`[id="${ids[1]}"]`).textContent())!.trim();
  // Start from the heading itself (the text before it may end with a footnote link).
  await anchorLink.evaluate((a) => {
    const heading = a.closest<HTMLElement>('h2, h3')!;
    heading.tabIndex = -1;
    heading.focus();
  });
  await page.keyboard.press('Tab');
  await expect(anchorLink).toBeFocused();
  await expect(anchorLink).toHaveAccessibleName(name);
  expect(await anchorLink.evaluate((a) => getComputedStyle(a, '::after').content)).toContain('#');
  await page.mouse.move(0, 0);
  await page.keyboard.press('Shift+Tab');
  expect(await anchorLink.evaluate((a) => getComputedStyle(a, '::after').content)).toBe('none');
});

test('on a phone, On this page is folded under the title, and the search button has no / hint', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/topics/credssp');
  await expect(page.locator('html')).toHaveAttribute('data-app', 'hydrated');
  await expect(besideNav(page)).toBeHidden();
  const folded = page.getByRole('navigation', { name: 'On this page' });
  await expect(folded).toBeVisible();
  const summary = folded.getByText('On this page', { exact: true });
  await expect(folded.getByRole('link').first()).toBeHidden();
  // Under the title and its summary, before the text.
  const order = await folded.evaluate((nav) => [nav.previousElementSibling?.className, nav.nextElementSibling?.tagName]);
  expect(order).toEqual(['lede', 'ARTICLE']);

  const search = page.getByRole('button', { name: 'Search', exact: true });
  await expect(search).toHaveAccessibleName('Search');
  await expect(search.locator('kbd')).toBeHidden();

  await summary.click();
  const target = folded.getByRole('link').nth(2);
  await expect(target).toBeVisible();
  await expectNoAxeViolations(page, 'phone topic page, On this page open (light)');
  const id = (await target.getAttribute('href'))!.slice(1);
  await target.click();
  await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
  await expect(folded.locator('a[aria-current="location"]')).toHaveAttribute('href', `#${id}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await setTheme(page, 'dark');
  await folded.getByText('On this page', { exact: true }).click();
  await expectNoAxeViolations(page, 'phone topic page, On this page open (dark)');
});
