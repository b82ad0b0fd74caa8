import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from './fixtures.ts';

// A server of its own, so the test can take it away: that is what "offline" means to the guide.
const PORT = 4175;
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** Starts `vite preview` and resolves once it says it is listening (no polling, no sleeps). */
function startServer(): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
    // Plain output, so the address can be found in it.
    env: { ...process.env, NO_COLOR: '1' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      // Vite prints the address once the server accepts connections.
      if (output.includes(`${ORIGIN}/`)) resolve(server);
    });
    server.on('exit', (code) => reject(new Error(`preview server exited (${code}) before listening:\n${output}`)));
  });
}

function stopServer(server: ChildProcess) {
  if (server.pid) process.kill(-server.pid, 'SIGTERM');
}

// The service worker is blocked in every other test (playwright.config.ts); this test is about it.
test.use({ extraOrigins: [ORIGIN], serviceWorkers: 'allow' });

test('once loaded, the guide works offline: topics, the questionnaire, search and a recommendation', async ({ page }) => {
  test.setTimeout(90_000);
  const server = await startServer();
  try {
    await page.goto(`${ORIGIN}/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  } finally {
    stopServer(server);
  }
  await expect.poll(() => fetch(ORIGIN).then(() => 'up', () => 'down')).toBe('down');

  // Each page comes from its own cached prerendered file, which the app takes over as online.
  await page.goto(`${ORIGIN}/topics/credssp`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('CredSSP');
  await expect(page.locator('html')).toHaveAttribute('data-app', 'hydrated');
  await page.goto(`${ORIGIN}/no/such/page`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await page.goto(`${ORIGIN}/guide?v=1&platform=windows`);
  await expect(page.locator('.step-count')).toContainText('1 answered');
  await page.goto(`${ORIGIN}/recommendation?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=none`);
  await expect(page.locator('pre[data-script="target.ps1"][data-highlighted]')).toBeAttached();
  await page.goto(`${ORIGIN}/guide`);
  await expect(page.locator('legend')).toContainText('Which operating systems');
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search all topics' }).fill('trustedhosts');
  await expect(page.locator('.search-results a').first()).toContainText('TrustedHosts');
});
