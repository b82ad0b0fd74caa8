import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, expectNoAxeViolations, setTheme, test } from './fixtures.ts';
import { answer, choice } from './guide-helpers.ts';
import type { Answers } from '../src/core/model.ts';
import { encodeAnswers } from '../src/core/permalink.ts';
import { recommend } from '../src/core/recommend.ts';
import { allCompleteAnswers } from '../src/core/testing/answers.ts';

const KERBEROS = 'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=none';
const RBKCD = 'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no';

async function scriptText(page: import('@playwright/test').Page, file: string) {
  return page.locator(`pre[data-script="${file}"]`).innerText();
}

test('opening a permalink shows the whole recommendation with no further clicks', async ({ page }) => {
  await page.goto(`/recommendation?${RBKCD}`);
  const headline = page.locator('.headline');
  await expect(headline).toContainText('Kerberos');
  await expect(headline).toContainText('Resource-based Kerberos constrained delegation');
  await expect(headline).toContainText('TrustedHosts entries');
  await expect(page.getByRole('heading', { name: 'Why' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Before you apply: what this may break' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Alternatives considered' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  for (const file of ['target.ps1', 'client.ps1', 'resource.ps1', 'rollback.ps1']) await expect(page.locator(`pre[data-script="${file}"]`)).toContainText('#Requires');
  await expect(page.getByRole('img', { name: /Credential flow/ })).toBeVisible();
  await expect(page.getByText("This page's link is your saved configuration.")).toBeVisible();
  // Every reason links to its topic page.
  const reasonLinks = page.locator('.reasons a');
  expect(await reasonLinks.count()).toBeGreaterThan(3);
});

test('copy link, open it in a new page: the same recommendation and scripts', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/guide');
  for (const choice of ['Windows at both ends', 'Same domain or trusted forest', 'By IP address', 'A certificate authority the clients already trust', 'A managed internal network', 'Administrators', 'No']) {
    await answer(page, choice);
  }
  await expect(page.locator('pre[data-script="target.ps1"]')).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/recommendation\?v=1&platform=windows&domain=same&address=ip/);
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('pre[data-script="target.ps1"]')).toBeVisible();
  expect(await other.locator('.headline').innerText()).toBe(await page.locator('.headline').innerText());
  for (const file of ['target.ps1', 'client.ps1', 'rollback.ps1']) expect(await scriptText(other, file)).toBe(await scriptText(page, file));
});

test('host names fill in the scripts; hostile ones are refused and never reach a script', async ({ page }) => {
  await page.goto(`/recommendation?${RBKCD}`);
  const target = page.getByLabel('Target server (the one you connect to)');
  await target.fill('web07.corp.example.org');
  await expect(page.locator('pre[data-script="target.ps1"]')).toContainText("$Target = 'web07.corp.example.org'");
  const before = await scriptText(page, 'client.ps1');
  for (const hostile of ["x';Remove-Item C:\\ -Recurse;'", '<img src=x onerror=alert(1)>', 'srv$(whoami)', 'a`b', 'srv01\u2019;calc']) {
    await target.fill(hostile);
    await expect(target).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('.host-field .field-error').first()).toBeVisible();
    expect(await scriptText(page, 'client.ps1')).not.toContain(hostile);
  }
  await target.fill('');
  await expect(page.locator('pre[data-script="client.ps1"]')).not.toContainText('web07');
  expect(before).toContain('web07.corp.example.org');
});

test('host names go into the link only when the user asks', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/recommendation?${RBKCD}`);
  await page.getByLabel('Target server (the one you connect to)').fill('web07.corp.example.org');
  await page.getByLabel('Second computer (the resource)').fill('2001:db8::15');
  await page.getByRole('button', { name: 'Copy link' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).not.toMatch(/target=|resource=|web07/);
  await page.getByLabel(/Include these host names and admin addresses in the link/).check();
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('target=web07.corp.example.org');
  expect(link).toContain(`resource=${encodeURIComponent('2001:db8::15')}`);
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Target server (the one you connect to)')).toHaveValue('web07.corp.example.org');
  await expect(other.locator('pre[data-script="resource.ps1"]')).toContainText('2001:db8::15');
});

/** axe on one part of the page (the whole page, with its long highlighted scripts, is checked below). */
async function expectNoAxeViolationsIn(page: import('@playwright/test').Page, selector: string, context: string) {
  const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), `axe violations on ${context}`).toEqual([]);
}

test.describe('admin addresses', () => {
  const ADMIN_LABEL = 'Addresses you administer from (the firewall admits only these)';
  const LIST = '10.0.50.0/24, 2001:db8:50::/64';
  const LIST_LINE = "$AdminSubnet = @('10.0.50.0/24', '2001:db8:50::/64')";
  const EXAMPLE_LINE = "$AdminSubnet = '192.0.2.0/24'";

  test('a valid list fills in $AdminSubnet: the copied and downloaded scripts carry it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/recommendation?${RBKCD}`);
    await expect(page.locator('pre[data-script="target.ps1"]')).toContainText(EXAMPLE_LINE);
    await expect(page.locator('.warnings')).toContainText('$AdminSubnet (example 192.0.2.0/24)');
    const field = page.getByLabel(ADMIN_LABEL);
    await field.fill('10.0.50.0/24,\n2001:db8:50::/64');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/Valid: 2 entries/);
    await expect(page.locator('pre[data-script="target.ps1"]')).toContainText(LIST_LINE);
    await expect(page.locator('pre[data-script="target.ps1"]')).not.toContainText(EXAMPLE_LINE);
    await expect(page.locator('.headline')).toContainText('only from $AdminSubnet (10.0.50.0/24, 2001:db8:50::/64)');
    // The example warning now asks only for what is still an example.
    await expect(page.locator('.warnings')).not.toContainText('$AdminSubnet (example');
    await expect(page.locator('.warnings')).toContainText('set $Target to your server');

    await page.getByRole('button', { name: 'Copy Target server script' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')).toContain(LIST_LINE);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download target.ps1' }).click()]);
    const downloaded = await readFile((await download.path())!, 'utf8');
    expect(downloaded.split('\n')).toContain(LIST_LINE);
    expect(downloaded).toBe(copied);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    const exported = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(exported.firewall.remoteAddress).toMatchObject({ values: ['10.0.50.0/24', '2001:db8:50::/64'], isExample: false });
  });

  test('an invalid list shows a specific message and leaves the scripts unchanged', async ({ page }) => {
    await page.goto(`/recommendation?${RBKCD}`);
    const field = page.getByLabel(ADMIN_LABEL);
    const before = await scriptText(page, 'target.ps1');
    for (const [value, message] of [
      ['0.0.0.0/1', /admits too much/],
      ['Any', /firewall keyword that admits every address/],
      ['10.0.50.0/24, Internet', /Entry 2 \("Internet"\)/],
      ['10.0.50.1/24', /the network is 10\.0\.50\.0\/24/],
      ['10.0.50.0/24 10.0.50.0/24', /already in the list/],
    ] as const) {
      await field.fill(value);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(message);
      await expect(page.locator('.host-field-wide .field-error')).toContainText(message);
      expect(await scriptText(page, 'target.ps1')).toBe(before);
    }
  });

  test('an IPv6 target needs an IPv6 entry', async ({ page }) => {
    await page.goto(`/recommendation?${RBKCD}`);
    await page.getByLabel('Target server (the one you connect to)').fill('2001:db8::10');
    const field = page.getByLabel(ADMIN_LABEL);
    await field.fill('10.0.50.0/24');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/block every client that reaches the server over IPv6/);
    await expect(page.locator('pre[data-script="target.ps1"]')).toContainText(EXAMPLE_LINE);
    await field.fill(LIST);
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('pre[data-script="target.ps1"]')).toContainText(LIST_LINE);
  });

  test('the link carries the list only when the box is ticked, and it comes back', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/recommendation?${RBKCD}`);
    await page.getByLabel(ADMIN_LABEL).fill(LIST);
    await expect(page.locator('pre[data-script="target.ps1"]')).toContainText(LIST_LINE);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const without = await page.evaluate(() => navigator.clipboard.readText());
    expect(without).not.toMatch(/adminSubnet|10\.0\.50/);
    const plain = await context.newPage();
    await plain.goto(without);
    await expect(plain.getByLabel(ADMIN_LABEL)).toHaveValue('');
    await expect(plain.locator('pre[data-script="target.ps1"]')).toContainText(EXAMPLE_LINE);

    await page.getByLabel(/Include these host names and admin addresses in the link/).check();
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain(`adminSubnet=${encodeURIComponent('10.0.50.0/24,2001:db8:50::/64')}`);
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByLabel(ADMIN_LABEL)).toHaveValue(LIST);
    await expect(other.getByLabel(/Include these host names and admin addresses in the link/)).toBeChecked();
    await expect(other.getByRole('alert')).toHaveCount(0);
    expect(await scriptText(other, 'target.ps1')).toBe(await scriptText(page, 'target.ps1'));
  });

  test('injection attempts are refused, described, and never reach a script', async ({ page }) => {
    page.on('dialog', () => {
      throw new Error('a dialog opened');
    });
    await page.goto(`/recommendation?${RBKCD}`);
    const field = page.getByLabel(ADMIN_LABEL);
    await expect(page.locator('pre[data-script="rollback.ps1"]')).toBeVisible();
    const before = await page.locator('pre[data-script]').allInnerTexts();
    for (const [hostile, message] of [
      ["10.0.50.0/24';Remove-Item C:\\ -Recurse;'", /single quote/],
      ['10.0.50.0/24\u2019;calc', /typographic single quote/],
      ['$(Remove-Item C:\\)', /dollar sign/],
      ['10.0.50.0/24`whoami', /backtick/],
      ['<img src=x onerror=alert(1)>', /angle bracket/],
    ] as const) {
      await field.fill(hostile);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(message);
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      expect(await page.locator('pre[data-script]').allInnerTexts()).toEqual(before);
    }
  });

  test('keyboard only, at 320 px, and no axe violation with a valid or an invalid list', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(`/recommendation?${RBKCD}`);
    await page.getByLabel('Second computer (the resource)').focus();
    await page.keyboard.press('Tab');
    const field = page.getByLabel(ADMIN_LABEL);
    await expect(field).toBeFocused();
    await page.keyboard.type('10.0.50.0/24');
    await page.keyboard.press('Enter');
    await page.keyboard.type('LocalSubnet');
    await expect(page.locator('pre[data-script="target.ps1"]')).toContainText("$AdminSubnet = @('10.0.50.0/24', 'LocalSubnet')");
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(/Include these host names and admin addresses in the link/)).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByLabel(/Include these host names and admin addresses in the link/)).toBeChecked();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow at 320 px').toBeLessThanOrEqual(0);
    await expectNoAxeViolationsIn(page, '.host-fields', 'admin addresses, valid (320 px)');
    await field.fill('10.0.50.0/24, Any');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolationsIn(page, '.host-fields', 'admin addresses, invalid (320 px)');
  });

  test('its check is spoken after typing pauses, politely', async ({ page }) => {
    await page.goto(`/recommendation?${RBKCD}`);
    const field = page.getByLabel(ADMIN_LABEL);
    const status = page.locator('.host-field-wide').getByRole('status');
    await expect(status).toHaveText('');
    await field.pressSequentially('10.0.50.0/2', { delay: 40 });
    await expect(status).toContainText('admits too much');
    await field.pressSequentially('4', { delay: 40 });
    await expect(status).toHaveText('Valid: 1 entry, used in the scripts as $AdminSubnet.');
    await expect(page.locator('.host-field-wide [role="alert"]')).toHaveCount(0);
  });
});

test('the downloaded .ps1 and JSON equal what the page shows', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/recommendation?${RBKCD}`);
  await expect(page.locator('pre[data-script="resource.ps1"] span[style*="--shiki"]').first()).toBeAttached();
  for (const file of ['target.ps1', 'client.ps1', 'resource.ps1', 'rollback.ps1']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${file}` }).click()]);
    expect(download.suggestedFilename()).toBe(file);
    expect(await readFile((await download.path())!, 'utf8')).toBe(await scriptText(page, file));
  }
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  const exported = JSON.parse(await readFile((await json.path())!, 'utf8'));
  expect(exported.schema).toBe('psremoting-recommendation/1');
  expect(exported.authentication).toBe('kerberos');
  expect(exported.secondHop).toBe('rbkcd');
  expect(exported.scripts.target).toBe(await scriptText(page, 'target.ps1'));
  expect(exported.scripts.resource).toBe(await scriptText(page, 'resource.ps1'));
  await page.getByRole('button', { name: 'Copy link' }).click();
  expect(exported.permalink).toBe(await page.evaluate(() => navigator.clipboard.readText()));
});

test.describe('bad links', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown key', `${KERBEROS}&colour=blue`, /colour/],
    ['invalid value', KERBEROS.replace('platform=windows', 'platform=beos'), /platform[\s\S]*windows[\s\S]*mixed/],
    ['duplicate key', `${KERBEROS}&network=public`, /network/],
    ['unsupported version', KERBEROS.replace('v=1', 'v=7'), /version/i],
    ['malformed encoding', `${KERBEROS}&who=%E0%A4%A`, /encod/i],
    ['answer to a question that does not apply', `${KERBEROS}&pki=enterprise`, /pki/],
    ['hostile host name (script injection)', `${KERBEROS}&target=${encodeURIComponent("x';Remove-Item C:\\ -Recurse;'")}`, /target/],
    ['hostile host name (HTML)', `${KERBEROS}&target=${encodeURIComponent('<img src=x onerror=alert(1)>')}`, /target/],
    ['hostile admin addresses (script injection)', `${KERBEROS}&adminSubnet=${encodeURIComponent("10.0.50.0/24';Remove-Item C:\\ -Recurse;'")}`, /adminSubnet[\s\S]*single quote/],
    ['hostile admin addresses (HTML)', `${KERBEROS}&adminSubnet=${encodeURIComponent('<img src=x onerror=alert(1)>')}`, /adminSubnet[\s\S]*angle bracket/],
    ['admin addresses that admit everything', `${KERBEROS}&adminSubnet=Any`, /adminSubnet[\s\S]*admits every address/],
  ];
  for (const [name, query, message] of cases) {
    test(`${name}: a clear message, and the page stays usable`, async ({ page }) => {
      page.on('dialog', () => {
        throw new Error('a dialog opened');
      });
      await page.goto(`/recommendation?${query}`);
      const alert = page.getByRole('alert').first();
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(message);
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Topics' })).toBeVisible();
      const scripts = await page.locator('pre[data-script]').allInnerTexts();
      for (const s of scripts) expect(s).not.toContain('Remove-Item C:\\ -Recurse');
    });
  }

  test('missing answers: says which, and continues the questionnaire at the first one', async ({ page }) => {
    await page.goto('/recommendation?v=1&platform=windows&domain=same');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('How do you address the server?');
    await page.getByRole('link', { name: /Continue the questionnaire/ }).click();
    await expect(page).toHaveURL(/\/guide\?v=1&platform=windows&domain=same$/);
    await expect(page.locator('legend')).toContainText('How do you address the server?');
  });

  test('random junk never crashes the page', async ({ page }) => {
    for (const junk of ['%', '%%%', '&&&', '=', 'v', 'v=1&=x', '?v=1&platform', 'v=1&platform=windows&platform=windows', '\u0000']) {
      await page.goto(`/recommendation?${junk}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
      await expect(page.getByRole('alert').first()).toBeVisible();
    }
  });
});

test('from the last answer to the rendered recommendation', async ({ page }) => {
  await page.goto('/guide?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins');
  await choice(page, 'No').click();
  const started = Date.now();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('pre[data-script="target.ps1"]')).toContainText('#Requires');
  const elapsed = Date.now() - started;
  test.info().annotations.push({ type: 'timing', description: `last answer to rendered recommendation: ${elapsed} ms` });
  expect(elapsed).toBeLessThan(3000);
});

test('axe finds no violation on recommendation pages in both themes', async ({ page }) => {
  test.setTimeout(120_000);
  for (const theme of ['light', 'dark'] as const) {
    await page.goto(`/recommendation?${RBKCD}`);
    await setTheme(page, theme);
    for (const query of [RBKCD, 'v=1&platform=windows&domain=workgroup&pki=none&network=public&who=delegated&hop=files&adminSubnet=10.0.50.0%2F24', `${KERBEROS}&colour=blue&adminSubnet=Any`]) {
      await page.goto(`/recommendation?${query}`);
      await expect(page.locator('pre[data-script="target.ps1"] span[style*="--shiki"]').first()).toBeAttached();
      await expectNoAxeViolations(page, `/recommendation?${query} (${theme})`);
    }
  }
});

// The longest printed recommendations: most text in the parts the print layout keeps.
function longestForPrint(count: number): string[] {
  const printedLength = (a: Answers) => {
    const rec = recommend(a);
    return [...rec.warnings.filter((w) => w.severity !== 'info').map((w) => w.message), ...rec.rationale.map((r) => r.because), ...rec.impacts.map((i) => i.message)].join(' ').length;
  };
  return allCompleteAnswers()
    .map((a) => ({ a, n: printedLength(a) }))
    .sort((x, y) => y.n - x.n)
    .slice(0, count)
    .map(({ a }) => encodeAnswers(a));
}

test('the print version fits one A4 page for a change request, even the longest', async ({ page }) => {
  test.setTimeout(90_000);
  for (const query of [RBKCD, ...longestForPrint(4)]) {
    await page.goto(`/recommendation?${query}`);
    await expect(page.locator('.headline')).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.scripts')).toBeHidden();
    await expect(page.locator('.print-only')).toContainText('/recommendation?v=1&');
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length, `printed pages for ${query}`).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  }
});
