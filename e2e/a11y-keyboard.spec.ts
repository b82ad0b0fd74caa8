import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const RBKCD =
  'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no';

/** The pause after the last key before a field's check is spoken (useSettledAnnouncement.ts). */
const SETTLE_MS = 700;

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test.describe('focus after navigation', () => {
  test('header, sidebar and previous/next links move focus to the new page heading', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Topics' }).press('Enter');
    await expect(h1(page)).toHaveText('All topics');
    await expect(h1(page)).toBeFocused();

    await page.goto('/topics/kerberos');
    await page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: 'CredSSP' }).press('Enter');
    await expect(h1(page)).toHaveText('CredSSP');
    await expect(h1(page)).toBeFocused();

    await page.getByRole('navigation', { name: 'Previous and next topic' }).getByRole('link').last().press('Enter');
    await expect(page).not.toHaveURL(/\/credssp$/);
    await expect(h1(page)).toBeFocused();
  });

  test('a search result opened from the Search button focuses the new page, not the button', async ({ page }) => {
    await page.goto('/topics');
    await page.getByRole('button', { name: /Search/ }).press('Enter');
    const input = page.getByRole('searchbox', { name: 'Search all topics' });
    await expect(input).toBeFocused();
    await input.fill('ntlm');
    await expect(page.locator('.search-results a').first()).toBeVisible();
    await page.locator('.search-results a').first().press('Enter');
    await expect(page).toHaveURL(/\/topics\/ntlm/);
    await expect(h1(page)).toBeFocused();

    // Enter in the search box goes to the first result, with the same focus.
    await page.getByRole('button', { name: /Search/ }).click();
    await input.fill('credssp');
    await expect(page.locator('.search-results a').first()).toContainText('CredSSP');
    await input.press('Enter');
    await expect(h1(page)).toHaveText('CredSSP');
    await expect(h1(page)).toBeFocused();
  });

  test('Escape and a click outside close search, giving focus back to the Search button', async ({ page }) => {
    await page.goto('/topics');
    const button = page.getByRole('button', { name: /Search/ });
    await button.press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(button).toBeFocused();

    await button.click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.mouse.click(5, 5);
    await expect(page.getByRole('dialog')).toBeHidden();
  });

  test('the skip link goes past the header and the topic sidebar to the content', async ({ page }) => {
    await page.goto('/topics/kerberos');
    await expect(h1(page)).toHaveText('Kerberos');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(h1(page)).toBeFocused();
    await page.keyboard.press('Tab');
    const inSidebar = await page.evaluate(() => document.activeElement?.closest('.topic-nav, .site-header') !== null);
    expect(inSidebar).toBe(false);
  });
});

test.describe('the guide for a screen reader', () => {
  test('the focused question says which step it is', async ({ page }) => {
    await page.goto('/guide');
    const heading = page.locator('form.question h2');
    await expect(heading).toBeFocused();
    await expect(heading).toHaveAccessibleName(/^Up to \d+ questions: Which operating systems/);
    // The group is named by the question alone, each answer by its label alone.
    await expect(page.getByRole('group', { name: 'Which operating systems are at the two ends of the connection?' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Windows at both ends', exact: true })).toHaveAccessibleDescription(/both Windows/);
  });

  test('Next without a choice is announced every time and tied to the answers', async ({ page }) => {
    await page.goto('/guide');
    const next = page.getByRole('button', { name: 'Next' });
    await next.click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText('Choose one of the answers to continue.');
    const first = await alert.elementHandle();
    const radio = page.getByRole('radio').first();
    await expect(radio).toHaveAttribute('aria-invalid', 'true');
    await expect(radio).toHaveAccessibleDescription(/Choose one of the answers to continue\./);
    // A second attempt puts a fresh alert in the page, so it is spoken again.
    await next.click();
    await expect(alert).toHaveText('Choose one of the answers to continue.');
    expect(await alert.evaluate((el, old) => el !== old, first)).toBe(true);
    // Choosing an answer clears the error.
    await radio.check();
    await expect(alert).toHaveCount(0);
    await expect(radio).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('Restart on the first step clears a chosen answer and returns to the question', async ({ page }) => {
    await page.goto('/guide?v=1');
    const second = page.getByRole('radio').nth(1);
    await second.check();
    await page.getByRole('button', { name: 'Restart' }).press('Enter');
    await expect(second).not.toBeChecked();
    await expect(page.locator('form.question h2')).toBeFocused();
  });
});

test.describe('announcements on the recommendation', () => {
  test('a copy is announced once, and the button keeps its name', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // The label comes back after two seconds of the page's clock, which the test moves.
    await page.clock.install({ time: new Date('2026-01-05T09:00:00Z') });
    await page.goto(`/recommendation?${RBKCD}`);
    const button = page.getByRole('button', { name: 'Copy link' });
    const status = page.getByRole('group', { name: 'Save and share' }).getByRole('status');
    await expect(status).toHaveText('');
    await page.clock.pauseAt(new Date('2026-01-05T09:01:00Z'));
    await button.press('Enter');
    await expect(button).toBeFocused();
    await expect(button).toHaveText('Copied');
    await expect(button).toHaveAccessibleName('Copy link');
    await expect(status).toHaveText('Copied to the clipboard');
    await page.clock.runFor(1900);
    await expect(button).toHaveText('Copied');
    // Going back to the label is visual only: the status empties instead of speaking "Copy link".
    await page.clock.runFor(100);
    await expect(button).toHaveText('Copy link');
    await expect(status).toHaveText('');
  });

  test('host name checks are spoken after typing pauses, not on every key nor on load', async ({ page }) => {
    // The page's timers run on a paused clock that the test moves: no race with the debounce.
    await page.clock.install({ time: new Date('2026-01-05T09:00:00Z') });
    await page.goto(`/recommendation?${RBKCD}&target=web07.corp.example.org`);
    const field = page.getByLabel('Target server (the one you connect to)');
    await expect(field).toHaveValue('web07.corp.example.org');
    await page.clock.pauseAt(new Date('2026-01-05T09:01:00Z'));
    const status = page.locator('.host-field').first().getByRole('status');
    await page.clock.runFor(5000);
    await expect(status).toHaveText('');

    await field.fill('');
    await page.clock.runFor(SETTLE_MS);
    await expect(status).toHaveText('Empty: the scripts use an example name.');
    // Keys 0.6 s apart (shorter than the pause): nothing new is said, not the valid "s", nor each invalid key.
    for (const key of 'srv$(who') {
      await field.press(key);
      await page.clock.runFor(SETTLE_MS - 100);
      expect(await status.textContent()).toBe('Empty: the scripts use an example name.');
    }
    await expect(field).toHaveValue('srv$(who');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/dollar sign/);
    await page.clock.runFor(100);
    await expect(status).toContainText('dollar sign');

    await field.fill('srv01.contoso.com');
    await page.clock.runFor(SETTLE_MS);
    await expect(status).toHaveText('Valid DNS name: used in the scripts.');
    // The visible message is a description, not a second live region.
    await expect(page.locator('.host-field [role="alert"]')).toHaveCount(0);
  });
});

test.describe('small screens and the sticky header', () => {
  test('at 390 and 320 CSS pixels no page scrolls sideways, and the settings are cards', async ({ page }) => {
    test.setTimeout(120_000);
    // Recommendations with the longest tokens: host names, SSH, a client certificate, JEA (Module\Cmdlet names).
    const recommendations = [
      `${RBKCD}&target=web07.corp.example.org&resource=fileserver-02.corp.example.org`,
      'v=1&platform=mixed&network=private&who=admins&hop=none',
      'v=1&platform=windows&domain=workgroup&pki=enterprise&network=private&who=admins&hop=none',
      'v=1&platform=windows&domain=same&address=ip&pki=none&network=public&who=delegated&hop=none',
    ].map((q) => `/recommendation?${q}`);
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 700 });
      for (const path of ['/', '/topics/second-hop', '/guide', '/audit', ...recommendations]) {
        await page.goto(path);
        await expect(h1(page)).toBeVisible();
        const isRecommendation = path.startsWith('/recommendation');
        if (isRecommendation) {
          await expect(page.locator('.settings-table')).toBeAttached();
          // Sections far below are laid out only near the viewport (content-visibility: auto), and
          // clip what sticks out meanwhile: lay them all out, so a too-wide one shows here.
          await page.locator('main section').evaluateAll((els) => els.forEach((el) => ((el as HTMLElement).style.contentVisibility = 'visible')));
        }
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
        expect(scrollWidth, `page width of ${path} at ${width} px`).toBeLessThanOrEqual(innerWidth);
        if (isRecommendation && width === 320) {
          // Each setting a card of its own: its cells one under the other, as wide as the card.
          const cells = await page.locator('.settings-table tbody tr').first().locator('td').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect()));
          for (const [i, cell] of cells.entries()) if (i > 0) expect(cell.top, 'cells stacked').toBeGreaterThanOrEqual(cells[i - 1]!.bottom - 1);
          expect(cells[0]!.width, 'a cell as wide as the card').toBeGreaterThan(width * 0.6);
        }
      }
    }
  });

  test('on a phone the topic list is folded so the page content comes first', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('/topics/second-hop');
    const nav = page.getByRole('navigation', { name: 'Topics' });
    await expect(nav.getByRole('link', { name: 'CredSSP' })).toBeHidden();
    await nav.getByText('All topics').click();
    await expect(nav.getByRole('link', { name: 'CredSSP' })).toBeVisible();
  });

  // One test per width, so the two run side by side.
  for (const width of [320, 1280]) {
    test(`keyboard focus never hides under the sticky header (${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 700 });
      await page.goto(`/recommendation?${RBKCD}`);
      await expect(page.locator('pre[data-script="target.ps1"]')).toBeVisible();
      await page.locator('.site-footer').evaluate((el: HTMLElement) => {
        el.tabIndex = -1;
        el.focus();
      });
      // Backwards through the page: the browser scrolls each element just into view at the top.
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Shift+Tab');
        const where = await page.evaluate(
          () =>
            new Promise<{ inHeader: boolean; bottom: number; headerBottom: number; name: string }>((resolve) =>
              requestAnimationFrame(() => {
                const el = document.activeElement as HTMLElement;
                const headerBottom = document.querySelector('.site-header')!.getBoundingClientRect().bottom;
                resolve({
                  inHeader: !!el.closest('.site-header'),
                  bottom: el.getBoundingClientRect().bottom,
                  headerBottom,
                  name: el.textContent?.slice(0, 40) ?? '',
                });
              }),
            ),
        );
        if (where.inHeader) break;
        // WCAG 2.4.11: what has focus is never entirely hidden (in practice it sits fully below the header).
        expect(where.bottom, `"${where.name}" at ${width}px is under the header`).toBeGreaterThan(where.headerBottom);
      }
    });
  }
});
