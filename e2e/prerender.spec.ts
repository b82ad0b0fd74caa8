import { readFileSync } from 'node:fs';
import type { ConsoleMessage, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { topics } from './topics.ts';

// Every static page is prerendered at build time (scripts/prerender.ts): its content is in the
// HTML, readable without JavaScript, and the app then takes that HTML over (hydration).

const SITE = 'https://psremoting-guide.example';
const KERBEROS = 'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=none';
const credssp = topics.find((t) => t.slug === 'credssp')!;
const longest = [...topics].sort((a, b) => b.text.length - a.text.length)[0]!;

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the home page shows its heading and every topic', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secure PowerShell Remoting, with the reasons');
    await expect(page).toHaveTitle('PowerShell Remoting Security Guide');
    await expect(page.getByRole('link', { name: 'Start the guide' })).toHaveAttribute('href', '/guide');
    for (const t of topics) await expect(page.getByRole('main').getByRole('link', { name: t.title, exact: true })).toHaveAttribute('href', `/topics/${t.slug}`);
  });

  test('the topics index lists every topic with its description', async ({ page }) => {
    await page.goto('/topics');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All topics');
    await expect(page.getByRole('heading', { level: 2 })).toHaveCount(new Set(topics.map((t) => t.section)).size);
    for (const t of topics) await expect(page.getByRole('listitem').filter({ has: page.getByRole('link', { name: t.title, exact: true }) })).toContainText(t.description);
  });

  for (const topic of [credssp, longest]) {
    test(`the ${topic.slug} page shows its whole text, contents and sources`, async ({ page }) => {
      await page.goto(`/topics/${topic.slug}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(topic.title);
      await expect(page).toHaveTitle(`${topic.title} · PowerShell Remoting Security Guide`);
      await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', topic.description);
      const article = page.locator('article.prose');
      for (const h of topic.headings) await expect(article.locator(`[id="${h.id}"]`)).toHaveText(h.text);
      expect((await article.innerText()).split(/\s+/).length).toBeGreaterThan(250);
      await expect(page.locator('pre.shiki').first()).toBeVisible();
      const onThisPage = page.getByRole('navigation', { name: 'On this page' });
      await expect(onThisPage.getByRole('link')).toHaveCount(topic.headings.length);
      await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Previous and next topic' }).getByRole('link').first()).toBeVisible();
    });
  }

  test('the guide shows its first question with every answer', async ({ page }) => {
    await page.goto('/guide');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find your configuration');
    await expect(page.locator('legend')).toContainText('Which operating systems');
    expect(await page.getByRole('radio').count()).toBeGreaterThan(1);
    await expect(page.locator('.step-count')).toHaveText(/^Up to \d+ questions$/);
  });

  test('an unknown address gets the not-found page, with status 404', async ({ page }) => {
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByRole('link', { name: 'Browse all topics' })).toBeVisible();
  });

  test('a shared recommendation link says it needs JavaScript', async ({ page }) => {
    const response = await page.goto(`/recommendation?${KERBEROS}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
    await expect(page.getByText('Worked out in your browser from the answers')).toBeVisible();
    // A browser with scripting off shows the <noscript> message (Playwright's switch does not).
    expect(await response!.text()).toMatch(/<noscript><p[^>]*>That needs JavaScript, which is off\./);
  });
});

test('a deep link is answered with its own prerendered page', async ({ request }) => {
  for (const t of topics) {
    const response = await request.get(`/topics/${t.slug}`, { headers: { accept: 'text/html' } });
    expect(response.status(), t.slug).toBe(200);
    const body = await response.text();
    expect(body, t.slug).toContain(`<h1 id="topic-title">${t.title.replace(/&/g, '&amp;')}</h1>`);
    expect(body, t.slug).toContain(`data-page="/topics/${t.slug}"`);
    expect(body.match(/<title>/g), t.slug).toHaveLength(1);
  }
  for (const [path, h1] of [
    ['/', 'Secure PowerShell Remoting, with the reasons'],
    ['/topics', 'All topics'],
    ['/guide', 'Find your configuration'],
    // The recommendation is worked out in the browser: its file is the page's frame.
    [`/recommendation?${KERBEROS}`, 'Your recommended configuration'],
  ] as const) {
    const response = await request.get(path, { headers: { accept: 'text/html' } });
    expect(response.status(), path).toBe(200);
    expect(await response.text(), path).toMatch(new RegExp(`<h1 id="[a-z-]+">${h1}</h1>`));
  }
});

/** Console errors and warnings from the moment the page starts loading. */
function collectConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    // The not-found page is served with status 404, which Chromium reports as a failed load.
    if (/^Failed to load resource: .* 404/.test(m.text())) return;
    if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
  });
  return messages;
}

test.describe('hydration', () => {
  // As a visitor has it: the page registers its service worker (blocked elsewhere to save time), with no message.
  test.use({ serviceWorkers: 'allow' });
  const pages = ['/', '/topics', `/topics/${credssp.slug}`, `/topics/${longest.slug}`, '/guide', '/no/such/page'];

  for (const theme of ['light', 'dark'] as const) {
    test(`each prerendered page is taken over without a console error (${theme} theme)`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      const messages = collectConsole(page);
      for (const path of pages) {
        await page.goto(path);
        // data-app says which way the app started: hydrated (kept the HTML) or rendered afresh.
        await expect(page.locator('html'), path).toHaveAttribute('data-app', 'hydrated');
        await expect(page.getByRole('button', { name: `Switch to ${theme === 'dark' ? 'light' : 'dark'} theme` }), path).toBeVisible();
      }
      expect(messages).toEqual([]);
    });
  }

  test('on a phone the topic list is folded before hydration, and hydration agrees', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    const messages = collectConsole(page);
    await page.goto(`/topics/${credssp.slug}`);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'hydrated');
    await expect(page.locator('.topic-nav details')).not.toHaveAttribute('open');
    await page.getByRole('navigation', { name: 'Topics' }).getByText('All topics').click();
    await expect(page.locator('.topic-nav details')).toHaveAttribute('open');
    expect(messages).toEqual([]);
  });

  test('the hydrated topic page keeps its HTML, and its links and copy buttons work', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const messages = collectConsole(page);
    // Hold the app's code until the prerendered text is marked: the app must keep these very
    // elements, not render new ones.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // (Module scripts run before DOMContentLoaded: the page is read as soon as it is parsed.)
    await page.goto(`/topics/${credssp.slug}`, { waitUntil: 'commit' });
    await page.locator('.prev-next').waitFor({ state: 'attached' });
    await page.locator('article.prose h2').first().evaluate((h) => h.setAttribute('data-prerendered-element', ''));
    release();
    await expect(page.locator('html')).toHaveAttribute('data-app', 'hydrated');
    await expect(page.locator('[data-prerendered-element]')).toHaveCount(1);
    const block = page.locator('article .code-block').first();
    await block.getByRole('button', { name: 'Copy code' }).click();
    await expect(block.getByRole('button')).toHaveText('Copied');
    await expect(block.getByRole('status')).toHaveText('Copied to the clipboard');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe((await block.locator('pre').innerText()).replace(/\n$/, ''));
    // A link in the text to another topic navigates within the app (the page is not reloaded).
    await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
    const link = page.locator('article.prose a[href^="/topics/"]').first();
    const href = (await link.getAttribute('href'))!;
    const slug = /^\/topics\/([^/#?]+)/.exec(href)![1]!;
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(topics.find((t) => t.slug === slug)!.title);
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    expect(messages).toEqual([]);
  });

  test('pages that are not prerendered for their address are rendered afresh', async ({ page }) => {
    const messages = collectConsole(page);
    await page.goto('/guide?v=1&platform=windows');
    await expect(page.locator('html')).toHaveAttribute('data-app', 'rendered');
    await expect(page.locator('.step-count')).toContainText('1 answered');
    await page.goto(`/recommendation?${KERBEROS}`);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'rendered');
    await expect(page.locator('.headline')).toContainText('Kerberos');
    // The not-found page inside a section shows that section as current in the main navigation.
    await page.goto('/topics/no-such-topic');
    await expect(page.locator('html')).toHaveAttribute('data-app', 'rendered');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Topics' })).toHaveAttribute('aria-current', 'page');
    expect(messages).toEqual([]);
  });
});

test('robots.txt allows everything and points to the sitemap, which lists every page', async ({ request }) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
  expect(await robots.text()).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${SITE}/sitemap.xml\n`);

  const sitemap = await request.get('/sitemap.xml');
  expect(sitemap.status()).toBe(200);
  const locs = [...(await sitemap.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(locs).toEqual([`${SITE}/`, `${SITE}/topics`, ...topics.map((t) => `${SITE}/topics/${t.slug}`), `${SITE}/guide`, `${SITE}/audit`]);
  for (const loc of locs) {
    const response = await request.get(loc.slice(SITE.length), { headers: { accept: 'text/html' } });
    expect(response.status(), loc).toBe(200);
  }
});

test('the service worker caches every prerendered page', () => {
  const sw = readFileSync(new URL('../dist/sw.js', import.meta.url), 'utf8');
  const files = JSON.parse(/const FILES = (\[.*\]);/.exec(sw)![1]!) as string[];
  for (const file of ['/index.html', '/topics.html', '/guide.html', '/recommendation.html', '/404.html', '/robots.txt', '/sitemap.xml', ...topics.map((t) => `/topics/${t.slug}.html`)]) {
    expect(files, file).toContain(file);
  }
});
