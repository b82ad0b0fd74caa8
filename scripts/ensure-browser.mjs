// Before the browser tests: make sure a Chromium exists, so `npm install && npm test` works on a
// fresh laptop too. Uses $CHROMIUM_PATH or /usr/bin/chromium when present (as playwright.config.ts
// does); otherwise installs Playwright's own Chromium once.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(system)) process.exit(0);
if (existsSync(chromium.executablePath())) process.exit(0);
console.log('No Chromium found: installing Playwright\'s Chromium (once) for the browser tests...');
execSync('npx playwright install chromium', { stdio: 'inherit' });
