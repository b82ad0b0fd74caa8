import { expectNoAxeViolations, setTheme, test } from './fixtures.ts';
import { topics } from './topics.ts';

const pages = ['/', '/topics', '/this-page-does-not-exist', ...topics.map((t) => `/topics/${t.slug}`)];

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2.2 AA violation on any content page (${theme} theme)`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto('/');
    await setTheme(page, theme);
    for (const path of pages) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expectNoAxeViolations(page, `${path} (${theme})`);
    }
  });
}
