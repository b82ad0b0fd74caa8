import { expect, expectNoAxeViolations, expectNoAxeViolationsInBothThemes, test } from './fixtures.ts';

// The content pages that are not topics (each topic page is checked in topic-pages.spec.ts).
test('axe finds no WCAG 2.2 AA violation on the home page, the topic list and the not-found page, in either theme', async ({ page }) => {
  for (const path of ['/', '/topics', '/this-page-does-not-exist']) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expectNoAxeViolationsInBothThemes(page, path);
  }
});

// The check itself can fail: a picture without a text alternative and grey on grey, put into a page.
test('the axe check reports a missing text alternative and low contrast, also inside a chosen part', async ({ page }) => {
  await page.goto('/topics');
  await page.locator('main').evaluate((main) => {
    main.insertAdjacentHTML('afterbegin', '<div class="planted"><img src="data:," width="8" height="8"><p style="color:#777;background:#888">faint</p></div>');
  });
  await expect(expectNoAxeViolations(page, 'a page with planted faults')).rejects.toThrow(/image-alt[\s\S]*color-contrast|color-contrast[\s\S]*image-alt/);
  await expect(expectNoAxeViolations(page, 'the planted part', { include: '.planted' })).rejects.toThrow(/image-alt/);
  await expectNoAxeViolations(page, 'the header only', { include: 'header' });
});
