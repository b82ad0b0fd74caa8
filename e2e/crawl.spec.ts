import { expect, test } from './fixtures.ts';

test('a crawl from / finds no broken internal link or anchor', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const queue = ['/'];
  const seen = new Set<string>(queue);
  const anchorsByPage = new Map<string, Set<string>>();
  const wantedAnchors: { from: string; path: string; hash: string }[] = [];
  const broken: string[] = [];

  while (queue.length > 0) {
    const path = queue.shift()!;
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    // Live: the page is rendered (a topic's text, a recommendation worked out from its address).
    await expect(page.locator('html'), path).toHaveAttribute('data-app', /^(hydrated|rendered)$/);
    const h1 = await page.getByRole('heading', { level: 1 }).first().innerText();
    if (h1 === 'Page not found') broken.push(path);
    anchorsByPage.set(path, new Set(await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id))));
    const hrefs = await page.locator('a[href]').evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin) continue;
      const target = url.pathname + url.search;
      if (url.hash) wantedAnchors.push({ from: path, path: target, hash: decodeURIComponent(url.hash.slice(1)) });
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  const missing = wantedAnchors.filter((a) => !anchorsByPage.get(a.path)?.has(a.hash)).map((a) => `${a.from} -> ${a.path}#${a.hash}`);
  expect(broken, 'links to pages that do not exist').toEqual([]);
  expect([...new Set(missing)], 'links to anchors that do not exist').toEqual([]);
  expect(seen.size).toBeGreaterThan(20);
  test.info().annotations.push({ type: 'crawl', description: `${seen.size} pages, ${wantedAnchors.length} anchor links` });
});
