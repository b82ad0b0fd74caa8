import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Browser choice: $CHROMIUM_PATH if set, else Debian's Chromium when present, else Playwright's own
// download (`npx playwright install chromium`), so the same command works here and on a laptop.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

// The sandboxed CI network is closed: without these, Chromium stalls on background connections.
const closedNetworkArgs = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

// PW_PORT: a second checkout (a git worktree) can run its own suite beside this one without
// reusing this one's preview server.
const PORT = Number(process.env.PW_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // No retries, in CI either: a retry hides a flaky test. No test depends on timing (the page's
  // timers run on Playwright's clock where a test needs them).
  retries: 0,
  workers: 2,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // Recording a trace of every test, kept or not, cost a quarter of the suite's time on 2 cores
    // (recommendation + topic specs: 209 s with 'retain-on-failure', 158 s without). A failure
    // still leaves a screenshot and the page's accessibility snapshot; to trace, run with
    // `--trace=retain-on-failure` (or `on`).
    trace: 'off',
    screenshot: 'only-on-failure',
    // Every page registers a service worker that caches the whole build (about 4 MB) at install,
    // in every test's fresh context: work no test here looks at. offline.spec.ts and
    // prerender.spec.ts (no console message on any page) turn it back on.
    serviceWorkers: 'block',
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: closedNetworkArgs,
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // Tests run against the production build (`npm run test:e2e` builds first).
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
