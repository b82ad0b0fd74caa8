import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures.ts';

// Names that say what a control does, at every width, and that contain what is shown
// (WCAG 2.5.3 label in name): checked directly and with axe's rules for them (fast: a few rules).

const RBKCD = 'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no';

/** Link texts that do not say where a link goes (Lighthouse's "link-text" list, and ours). */
const VAGUE = ['click here', 'click this', 'go', 'here', 'information', 'learn more', 'more', 'more info', 'more information', 'right here', 'read more', 'see more', 'start', 'this', 'read the topic'];

async function expectNamingRulesPass(page: Page, context: string) {
  await expectNoAxeViolations(page, context, { rules: ['button-name', 'link-name', 'label-content-name-mismatch'] });
}

for (const width of [375, 1280]) {
  test(`the search button is named by its label at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    const button = page.getByRole('button', { name: 'Search', exact: true });
    await expect(button).toBeVisible();
    await expect(button).toHaveAccessibleName('Search');
    // On a phone only the icon shows; beside it, the word that is also the name.
    if (width < 768) await expect(button.getByText('Search')).toBeHidden();
    else await expect(button.getByText('Search')).toBeVisible();
    await expectNamingRulesPass(page, `home at ${width} px`);
    await button.click();
    await expect(page.getByRole('searchbox', { name: 'Search all topics' })).toBeFocused();
  });
}

test('every link on a recommendation says where it goes, in its visible text', async ({ page }) => {
  await page.goto(`/recommendation?${RBKCD}`);
  await expect(page.locator('.headline')).toBeVisible();
  // The page below the first screen follows the first render; the settings table is in it.
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeAttached();
  const links = page.getByRole('main').getByRole('link');
  // Their text (textContent: innerText is empty in sections the browser has not laid out yet,
  // content-visibility: auto, until they come near the viewport).
  const named = await links.evaluateAll((els) => els.map((a) => ({ text: (a.textContent ?? '').trim(), label: a.getAttribute('aria-label') })));
  expect(named.filter((l) => VAGUE.includes(l.text.toLowerCase()))).toEqual([]);
  // No hidden renaming either: a link's name is its visible text.
  expect(named.filter((l) => l.label !== null)).toEqual([]);
  const more = named.filter((l) => l.text.startsWith('More about '));
  expect(more.length).toBeGreaterThan(10);
  for (const { text } of more) expect(text).toMatch(/^More about \S/);
  await expectNamingRulesPass(page, 'recommendation');
});

for (const path of ['/', '/topics', '/topics/credssp', '/guide', '/no/such/page']) {
  test(`no vague link text on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'hydrated');
    const texts = await page.getByRole('link').evaluateAll((els) => els.map((a) => (a as HTMLElement).innerText.trim().toLowerCase()));
    expect(texts.filter((t) => VAGUE.includes(t))).toEqual([]);
    await expectNamingRulesPass(page, path);
  });
}
