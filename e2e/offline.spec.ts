import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from './fixtures.ts';

// A server of its own, so the test can take it away: that is what "offline" means to the guide.
const PORT = 4175;
const ORIGIN = `http://127.0.0.1:${PORT}`;

async function startServer(): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(ORIGIN)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('preview server did not start');
}

function stopServer(server: ChildProcess) {
  if (server.pid) process.kill(-server.pid, 'SIGTERM');
}

test.use({ extraOrigins: [ORIGIN] });

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

  await page.goto(`${ORIGIN}/topics/credssp`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('CredSSP');
  await page.goto(`${ORIGIN}/recommendation?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=none`);
  await expect(page.locator('pre[data-script="target.ps1"][data-highlighted]')).toBeAttached();
  await page.goto(`${ORIGIN}/guide`);
  await expect(page.locator('legend')).toContainText('Which operating systems');
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search all topics' }).fill('trustedhosts');
  await expect(page.locator('.search-results a').first()).toContainText('TrustedHosts');
});
