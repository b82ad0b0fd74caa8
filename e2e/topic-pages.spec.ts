import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolationsInBothThemes, test } from './fixtures.ts';
import { topics } from './topics.ts';

/** A topic page as the build promised it: title, description, every contents heading, text, named sources. */
async function expectCompleteTopicPage(page: Page, topic: (typeof topics)[number]) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(topic.title);
  await expect(page).toHaveTitle(new RegExp(`^${topic.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
  await expect(page.locator('meta[name="description"]')).toHaveCount(1);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', topic.description);
  await expect(page.locator('title')).toHaveCount(1);
  const article = page.locator('article.prose');
  // Every heading the build announced in the table of contents exists on the page.
  const ids = await article.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
  for (const h of topic.headings) expect(ids.filter((id) => id === h.id), `#${h.id}`).toHaveLength(1);
  const text = (await article.innerText()).split(/\s+/).length;
  expect(text).toBeGreaterThan(250);
  await expect(page.getByRole('navigation', { name: 'On this page' })).toBeAttached();
  // Sources are named by title and linked, never shown as a bare repository path.
  const sources = page.getByRole('region', { name: 'Sources' }).getByRole('link');
  expect(await sources.count()).toBeGreaterThan(0);
  for (const { name, href } of await sources.evaluateAll((as) => (as as HTMLAnchorElement[]).map((a) => ({ name: a.textContent.trim(), href: a.href })))) {
    expect(name).not.toMatch(/^[\w.-]+\/[\w.-]+: |\.(md|yml|rst)$/);
    expect(href).toMatch(/^https:\/\//);
  }
  await expect(page.locator('main')).not.toContainText(/MicrosoftDocs\/[\w-]+: /);
}

// Each topic page once, checked for its content and with axe in both themes; in groups of three,
// so the groups run side by side (seven short tests end the suite more evenly on two workers than
// four long ones) and each test opens one browser page for three topics.
const GROUP = 3;
for (let start = 0; start < topics.length; start += GROUP) {
  const group = topics.slice(start, start + GROUP);
  test(`${group.map((t) => t.slug).join(', ')}: title, contents and sources, and no axe violation in either theme`, async ({ page }) => {
    for (const topic of group) {
      await page.goto(`/topics/${topic.slug}`);
      await expectCompleteTopicPage(page, topic);
      await expectNoAxeViolationsInBothThemes(page, `/topics/${topic.slug}`);
    }
  });
}

test('a claim links to its source: the footnote is named, reached from the claim and leads back', async ({ page }) => {
  await page.goto('/topics/credssp');
  const footnotes = page.getByRole('region', { name: 'Footnotes' }).or(page.locator('section[data-footnotes]'));
  const note = footnotes.locator('li', { hasText: 'Making the second hop in PowerShell Remoting' });
  await expect(note.getByRole('link', { name: 'Making the second hop in PowerShell Remoting' })).toHaveAttribute(
    'href',
    'https://learn.microsoft.com/powershell/scripting/security/remoting/ps-remoting-second-hop',
  );
  const ref = page.locator('article a[data-footnote-ref][href="#user-content-fn-hop"]').first();
  await expect(ref).toHaveAccessibleName(/\d/);
  await expect(ref).toHaveAccessibleDescription('Footnotes');
  await ref.click();
  await expect(note).toBeInViewport();
  await note.getByRole('link', { name: /^Back to reference/ }).first().click();
  await expect(ref).toBeInViewport();
});

test('topics index lists every topic grouped by section', async ({ page }) => {
  await page.goto('/topics');
  for (const topic of topics) await expect(page.getByRole('link', { name: topic.title, exact: true }).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(new Set(topics.map((t) => t.section)).size);
});

test('previous and next links walk the topics in order', async ({ page }) => {
  await page.goto(`/topics/${topics[0]!.slug}`);
  for (let i = 1; i < Math.min(topics.length, 4); i++) {
    await page.getByRole('navigation', { name: 'Previous and next topic' }).getByRole('link', { name: /Next/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(topics[i]!.title);
  }
});

test('PowerShell is highlighted at build time and no highlighter is shipped', async ({ page }) => {
  const withCode = topics.find((t) => /Enable-PSRemoting|Set-Item/.test(t.text))!;
  await page.goto(`/topics/${withCode.slug}`);
  const span = page.locator('pre.shiki span[style*="--shiki-light"]').first();
  await expect(span).toBeAttached();
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(scripts.some((s) => /shiki|oniguruma|onig\.wasm/i.test(s))).toBe(false);
});

test('the copy button puts the code block on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const withCode = topics.find((t) => t.text.includes('Enable-PSRemoting'))!;
  await page.goto(`/topics/${withCode.slug}`);
  const block = page.locator('.code-block').first();
  const code = (await block.locator('pre').innerText()).replace(/\n$/, '');
  await block.getByRole('button', { name: 'Copy code' }).click();
  await expect(block.getByRole('button')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
});
