import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, expectNoAxeViolations, expectNoAxeViolationsInBothThemes, setTheme, test } from './fixtures.ts';
import { answer, choice } from './guide-helpers.ts';
import { pdfPages } from './pdf-text.ts';
import {
  allScriptTexts,
  allScriptTextsFromTabs,
  downloadedExport,
  highlighted,
  scriptFiles,
  scriptTab,
  scriptText,
  selectedFile,
  showScript,
} from './script-tabs.ts';
import type { Answers } from '../src/core/model.ts';
import { decodePermalink, encodeAnswers } from '../src/core/permalink.ts';
import { recommend } from '../src/core/recommend.ts';
import { allCompleteAnswers } from '../src/core/testing/answers.ts';

const KERBEROS = 'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=none';
const RBKCD =
  'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no';

test('opening a permalink shows the whole recommendation with no further clicks', async ({ page }) => {
  await page.goto(`/recommendation?${RBKCD}`);
  const headline = page.locator('.headline');
  await expect(headline).toContainText('Kerberos');
  await expect(headline).toContainText('Resource-based Kerberos constrained delegation');
  await expect(headline).toContainText('TrustedHosts entries');
  await expect(page.getByRole('heading', { name: 'Why' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Before you apply: what this may break' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Alternatives considered' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  // The scripts in the order they are run, the rollback, then the same configuration for many servers.
  expect(await scriptFiles(page)).toEqual([
    'target.ps1',
    'resource.ps1',
    'client.ps1',
    'rollback.ps1',
    'gpo.ps1',
    'gpo-rollback.ps1',
    'playbook.yml',
    'inventory.yml',
  ]);
  for (const file of ['target.ps1', 'client.ps1', 'resource.ps1', 'rollback.ps1'])
    await expect(await showScript(page, file)).toContainText('#Requires');
  await expect(page.getByRole('img', { name: /Credential flow/ })).toBeVisible();
  await expect(page.getByText("This page's link is your saved configuration.")).toBeVisible();
  // Every reason links to its topic page.
  const reasonLinks = page.locator('.reasons a');
  expect(await reasonLinks.count()).toBeGreaterThan(3);
});

test('the section navigation: a named landmark whose links, by keyboard or pointer, move focus to their section', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/recommendation?${RBKCD}`);
  const nav = page.getByRole('navigation', { name: 'Sections of this recommendation' });
  await expect(page.getByRole('heading', { name: 'Alternatives considered' })).toBeAttached();
  await expect(nav.getByRole('link')).toHaveText([
    'Configuration',
    'Warnings',
    'Why',
    'What may break',
    'Scripts',
    'Settings',
    'Alternatives',
    'References',
  ]);
  const sections: [string, RegExp][] = [
    ['Settings', /^Settings$/],
    ['What may break', /^Before you apply/],
    ['Alternatives', /^Alternatives considered$/],
    ['References', /^References$/],
    ['Warnings', /^Warnings$/],
  ];
  for (const [i, [link, heading]] of sections.entries()) {
    await page.evaluate(() => window.scrollTo(0, 0));
    const target = nav.getByRole('link', { name: link, exact: true });
    // Keyboard for some, pointer for the others.
    if (i % 2 === 0) await target.press('Enter');
    else await target.click();
    const focused = page.locator(':focus');
    await expect(focused).toHaveRole('heading');
    await expect(focused).toHaveText(heading);
    await expect(focused).toBeInViewport();
    // Below the sticky header, not under it.
    const headerBottom = (await page.locator('.site-header').boundingBox())!;
    expect((await focused.boundingBox())!.y).toBeGreaterThanOrEqual(headerBottom.y + headerBottom.height - 1);
  }
  // The next Tab continues from the section (the first link after the Warnings heading).
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveText(/^More about /);
  expect(await page.locator(':focus').evaluate((el) => !!el.closest('.warnings'))).toBe(true);
});

/** Where a source may link: the site itself, or the publisher of the document (src/core/sources.ts). */
const PUBLISHER_HOSTS = new Set([
  'learn.microsoft.com',
  'techcommunity.microsoft.com',
  'github.com',
  'man.openbsd.org',
  'docs.ansible.com',
  'stigaview.com',
  'www.cisecurity.org',
  'car.mitre.org',
  'artefacts.help',
  'nathanberg.io',
  'www.cyber.gov.au',
]);

test('every source is a named link, to the site or its publisher, and References lists each once', async ({ page }) => {
  const WORKGROUP = 'v=1&platform=windows&domain=workgroup&pki=none&network=public&who=delegated&hop=files';
  for (const query of [RBKCD, WORKGROUP]) {
    await page.goto(`/recommendation?${query}`);
    const references = page.getByRole('region', { name: 'References' });
    const rec = recommend(decodePermalink(`?${query}`).answers);
    const cited = new Set([...rec.rationale, ...rec.warnings, ...rec.alternatives, ...rec.settings].flatMap((i) => i.sources));
    await expect(references.getByRole('listitem')).toHaveCount(cited.size);
    // No source shows as its bare key (WSEC, W32AUTH, ...).
    await expect(page.locator('.reasons')).not.toContainText(/Sources: [A-Z0-9]+[,.]/);
    const links = page.locator('.cite a, .references a');
    expect(await links.count()).toBeGreaterThan(cited.size);
    const ids = new Set(await references.getByRole('listitem').evaluateAll((lis) => lis.map((li) => li.id)));
    // The links have no aria-label: their name is their text (one is checked the accessible way below).
    const found = await links.evaluateAll((as) =>
      (as as HTMLAnchorElement[]).map((a) => ({
        name: a.textContent.trim(),
        labelled: a.hasAttribute('aria-label'),
        origin: a.origin,
        host: a.hostname,
        hash: a.hash,
        pathname: a.pathname,
        protocol: a.protocol,
      })),
    );
    for (const { name, labelled, origin, host, hash, pathname, protocol } of found) {
      expect(name).toMatch(/\w{3}/);
      expect(labelled).toBe(false);
      if (origin === new URL(page.url()).origin) {
        // A citation within the page: it points at its entry under References.
        expect(pathname).toBe('/recommendation');
        expect(ids, `${hash} is listed under References`).toContain(hash.slice(1));
      } else {
        expect(protocol).toBe('https:');
        expect(PUBLISHER_HOSTS, `${host} is a publisher's site`).toContain(host);
      }
    }
    await expect(page.locator('.warnings .cite a').first()).toHaveAccessibleName(/^\[\d+\] \w/);
    // A citation takes the reader to its entry.
    const first = page.locator('.warnings .cite a').first();
    const target = (await first.getAttribute('href'))!;
    await first.click();
    await expect(page.locator(target)).toBeInViewport();
  }
});

test('copy link, open it in a new page: the same recommendation and scripts', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/guide');
  for (const choice of [
    'Windows at both ends',
    'Same domain or trusted forest',
    'By IP address',
    'A certificate authority the clients already trust',
    'A managed internal network',
    'Administrators',
    'No',
  ]) {
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
  await expect(await showScript(page, 'client.ps1')).not.toContainText('web07');
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
  await expect(await showScript(other, 'resource.ps1')).toContainText('2001:db8::15');
});

test.describe('admin addresses', () => {
  const ADMIN_LABEL = 'Addresses you administer from (the firewall admits only these)';
  const LIST = '10.0.50.0/24, 2001:db8:50::/64';
  const LIST_LINE = "$AdminSubnet = @('10.0.50.0/24', '2001:db8:50::/64')";
  const EXAMPLE_LINE = "$AdminSubnet = '192.0.2.0/24'";

  test('a valid list fills in $AdminSubnet: the copied and downloaded scripts carry it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/recommendation?${RBKCD}`);
    await expect(page.locator('pre[data-script="target.ps1"]')).toContainText(EXAMPLE_LINE);
    await expect(page.locator('section[aria-labelledby="warnings-title"] ul.warnings')).toContainText(
      '$AdminSubnet (example 192.0.2.0/24)',
    );
    const field = page.getByLabel(ADMIN_LABEL);
    await field.fill('10.0.50.0/24,\n2001:db8:50::/64');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/Valid: 2 entries/);
    await expect(page.locator('pre[data-script="target.ps1"]')).toContainText(LIST_LINE);
    await expect(page.locator('pre[data-script="target.ps1"]')).not.toContainText(EXAMPLE_LINE);
    await expect(page.locator('.headline')).toContainText('only from $AdminSubnet (10.0.50.0/24, 2001:db8:50::/64)');
    // The example warning now asks only for what is still an example.
    await expect(page.locator('section[aria-labelledby="warnings-title"] ul.warnings')).not.toContainText('$AdminSubnet (example');
    await expect(page.locator('section[aria-labelledby="warnings-title"] ul.warnings')).toContainText('set $Target to your server');

    await page.getByRole('button', { name: 'Copy Target server script' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')).toContain(LIST_LINE);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download target.ps1' }).click(),
    ]);
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
    const before = await allScriptTexts(page);
    expect(Object.keys(before)).toEqual([
      'target.ps1',
      'resource.ps1',
      'client.ps1',
      'rollback.ps1',
      'gpo.ps1',
      'gpo-rollback.ps1',
      'playbook.yml',
      'inventory.yml',
    ]);
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
      expect(await allScriptTexts(page)).toEqual(before);
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
    await expectNoAxeViolations(page, 'admin addresses, valid (320 px)', { include: '.host-fields' });
    await field.fill('10.0.50.0/24, Any');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'admin addresses, invalid (320 px)', { include: '.host-fields' });
  });

  test('its check is spoken after typing pauses, politely', async ({ page }) => {
    await page.clock.install({ time: new Date('2026-01-05T09:00:00Z') });
    await page.goto(`/recommendation?${RBKCD}`);
    const field = page.getByLabel(ADMIN_LABEL);
    await expect(field).toBeVisible();
    await page.clock.pauseAt(new Date('2026-01-05T09:01:00Z'));
    const status = page.locator('.host-field-wide').getByRole('status');
    await page.clock.runFor(5000);
    await expect(status).toHaveText('');
    for (const key of '10.0.50.0/2') {
      await field.press(key);
      await page.clock.runFor(300);
    }
    await expect(status).toHaveText('');
    await page.clock.runFor(400);
    await expect(status).toContainText('admits too much');
    await field.press('4');
    await page.clock.runFor(699);
    await expect(status).toContainText('admits too much');
    await page.clock.runFor(1);
    await expect(status).toHaveText('Valid: 1 entry, used in the scripts as $AdminSubnet.');
    await expect(page.locator('.host-field-wide [role="alert"]')).toHaveCount(0);
  });
});

test('the downloaded .ps1 and JSON equal what the page shows', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/recommendation?${RBKCD}`);
  for (const file of ['target.ps1', 'client.ps1', 'resource.ps1', 'rollback.ps1']) {
    await showScript(page, file);
    // Colouring adds no character: the text on the page is the file.
    await expect(highlighted(page, file)).toBeAttached();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${file}` }).click()]);
    expect(download.suggestedFilename()).toBe(file);
    expect(await readFile((await download.path())!, 'utf8')).toBe(await scriptText(page, file));
  }
  const exported = await downloadedExport(page);
  expect(exported.schema).toBe('psremoting-recommendation/1');
  expect(exported.authentication).toBe('kerberos');
  expect(exported.secondHop).toBe('rbkcd');
  // Every tab, fleet files included, shows what the JSON holds (the other tests read scripts from the JSON).
  expect(await allScriptTexts(page)).toEqual(await allScriptTextsFromTabs(page));
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
    [
      'hostile admin addresses (script injection)',
      `${KERBEROS}&adminSubnet=${encodeURIComponent("10.0.50.0/24';Remove-Item C:\\ -Recurse;'")}`,
      /adminSubnet[\s\S]*single quote/,
    ],
    [
      'hostile admin addresses (HTML)',
      `${KERBEROS}&adminSubnet=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
      /adminSubnet[\s\S]*angle bracket/,
    ],
    ['admin addresses that admit everything', `${KERBEROS}&adminSubnet=Any`, /adminSubnet[\s\S]*admits every address/],
  ];
  // One browser page for all the cases (a step each): a fresh page per case cost more than the checks.
  test('each bad link: a clear message, and the page stays usable', async ({ page }) => {
    page.on('dialog', () => {
      throw new Error('a dialog opened');
    });
    for (const [name, query, message] of cases) {
      await test.step(name, async () => {
        await page.goto(`/recommendation?${query}`);
        const alert = page.getByRole('alert').first();
        await expect(alert).toBeVisible();
        await expect(alert).toContainText(message);
        await expect(page.locator('img[src="x"]')).toHaveCount(0);
        await expect(page.getByRole('link', { name: 'Topics' })).toBeVisible();
        // A hostile host or address is dropped and the recommendation still shows, with every script clean.
        if (name.startsWith('hostile')) await expect(page.locator('.headline')).toBeVisible();
        // The alert and the recommendation (when the link still makes one) render together.
        if ((await page.locator('.headline').count()) > 0) {
          for (const s of Object.values(await allScriptTexts(page))) expect(s, name).not.toContain('Remove-Item C:\\ -Recurse');
        }
      });
    }
  });

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

test.describe('from the last answer to the rendered recommendation', () => {
  // Requests answered by a service worker never reach page.route.
  test.use({ serviceWorkers: 'block' });

  test('the scripts show as text without waiting for the highlighter, which colours them after', async ({ page }) => {
    // Hold the highlighter's grammar and themes: nothing on the way to the recommendation may wait for them.
    const held: (() => Promise<void>)[] = [];
    await page.route(/\/assets\/(powershell|github-(light|dark)-default)-[^/]*\.js$/, (route) => {
      held.push(() => route.continue());
    });
    await page.goto('/guide?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins');
    await choice(page, 'No').click();
    const started = Date.now();
    await page.getByRole('button', { name: 'Next' }).click();
    const script = page.locator('pre[data-script="target.ps1"]');
    await expect(script).toContainText('#Requires');
    test.info().annotations.push({ type: 'timing', description: `last answer to rendered recommendation: ${Date.now() - started} ms` });
    await expect(page.locator('.headline')).toContainText('Kerberos');
    await expect.poll(() => held.length, 'the highlighter was requested').toBeGreaterThan(0);
    await expect(highlighted(page, 'target.ps1')).toHaveCount(0);
    await page.unroute(/\/assets\//);
    await Promise.all(held.map((release) => release()));
    await expect(highlighted(page, 'target.ps1')).toBeAttached();
  });
});

// Each page in both themes (the long RBKCD plan, its rollback tab, the longest warnings, a refused list).
for (const query of [
  RBKCD,
  `${RBKCD}&script=rollback`,
  'v=1&platform=windows&domain=workgroup&pki=none&network=public&who=delegated&hop=files&adminSubnet=10.0.50.0%2F24',
  `${KERBEROS}&colour=blue&adminSubnet=Any`,
]) {
  test(`axe finds no violation on /recommendation?${query} in either theme`, async ({ page }) => {
    await page.goto(`/recommendation?${query}`);
    await expect(highlighted(page, await selectedFile(page))).toBeAttached();
    await expectNoAxeViolationsInBothThemes(page, `/recommendation?${query}`);
  });
}

/** WCAG 1.4.3 relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = rgb
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// Script colours are highlight ranges, not elements, so axe does not see them: check them here.
test('script colours keep 4.5:1 contrast on the code background in both themes', async ({ page }) => {
  await page.goto(`/recommendation?${RBKCD}`);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    for (const file of ['target.ps1', 'rollback.ps1']) {
      await showScript(page, file);
      await expect(highlighted(page, file)).toBeAttached();
      const colours = await page.locator(`pre[data-script="${file}"]`).evaluate((pre) => {
        const code = pre.querySelector('code')!;
        const names = [...CSS.highlights.keys()].filter((n) => n.startsWith('ps-') && CSS.highlights.get(n)!.size > 0);
        return {
          background: getComputedStyle(pre).backgroundColor,
          text: getComputedStyle(code).color,
          painted: names.map((n) => ({ name: n, color: getComputedStyle(code, `::highlight(${n})`).color })),
        };
      });
      expect(colours.painted.length, `colours painted in ${file} (${theme})`).toBeGreaterThanOrEqual(5);
      for (const { name, color } of [{ name: 'text', color: colours.text }, ...colours.painted]) {
        expect(color, `${name} is a colour of its own`).not.toBe(colours.background);
        expect(
          contrast(color, colours.background),
          `${name} (${color}) on ${colours.background} in ${file} (${theme})`,
        ).toBeGreaterThanOrEqual(4.5);
      }
    }
  }
});

test('a recommendation page starts light: under 1,500 elements, colouring adds none, one script on the page', async ({ page }) => {
  for (const query of [RBKCD, `${RBKCD}&script=rollback`, ...longestForPrint(2)]) {
    await page.goto(`/recommendation?${query}`);
    await expect(page.locator('.headline')).toBeVisible();
    const first = await page.evaluate(() => document.querySelectorAll('*').length);
    // The scripts and the fleet files arrive after the first render (from a worker), then the colours.
    await scriptFiles(page);
    await expect(highlighted(page, await selectedFile(page))).toBeAttached();
    const complete = await page.evaluate(() => document.querySelectorAll('*').length);
    test
      .info()
      .annotations.push({ type: 'elements', description: `${query}: ${first} on first render, ${complete} with every file, coloured` });
    expect(first, `elements on first render of ${query}`).toBeLessThan(1500);
    expect(complete, `elements with every file, coloured (${query})`).toBeLessThan(1500);
    // Colouring adds no element: the code stays one text node, coloured by highlight ranges.
    const code = page.locator('pre[data-script] > code');
    await expect(code).toHaveCount(1);
    expect(await code.evaluate((el) => [...el.childNodes].map((n) => n.nodeName))).toEqual(['#text']);
    await expect(page.locator('pre[data-script]')).toHaveCount(1);
  }
});

test('a recommendation page arrives in parts: the scripts, the settings and the references each come in an update of their own', async ({ page }) => {
  // Each React commit is one task; a MutationObserver hears it as one batch of added nodes.
  await page.addInitScript(() => {
    const batches: Array<{ added: number; sections: string[] }> = [];
    (window as unknown as { batches: typeof batches }).batches = batches;
    new MutationObserver((records) => {
      let added = 0;
      const sections: string[] = [];
      for (const r of records)
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue;
          added += 1 + n.querySelectorAll('*').length;
          for (const s of [n, ...n.querySelectorAll('section')]) if (s.matches('section[aria-labelledby]')) sections.push(s.getAttribute('aria-labelledby')!);
        }
      if (added > 0) batches.push({ added, sections });
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`/recommendation?${RBKCD}`);
  await expect(page.getByRole('region', { name: 'References' }).getByRole('listitem').first()).toBeVisible();
  await scriptFiles(page);
  const batches = await page.evaluate(() => (window as unknown as { batches: Array<{ added: number; sections: string[] }> }).batches);
  test.info().annotations.push({ type: 'updates', description: batches.map((b) => `${b.added}${b.sections.length ? ` (${b.sections.join(', ')})` : ''}`).join('; ') });
  const batchOf = (id: string) => batches.findIndex((b) => b.sections.includes(id));
  const [scripts, settings, references] = ['scripts-title', 'settings-title', 'references-title'].map(batchOf);
  expect(scripts, 'the scripts section is added').toBeGreaterThan(batchOf('headline-title'));
  expect(settings, 'the settings come after the scripts').toBeGreaterThan(scripts!);
  expect(references, 'the references come after the settings').toBeGreaterThan(settings!);
});

/**
 * The scroll position once it has stopped moving: sections drawn only near the screen
 * (content-visibility) take their real height a frame or two after a scroll, and the browser's
 * scroll anchoring moves the position to keep what is on screen in place.
 */
function settledScrollY(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = Number.NaN;
        let still = 0;
        const frame = () => {
          still = window.scrollY === last ? still + 1 : 0;
          last = window.scrollY;
          if (still >= 3) resolve(last);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );
}

test.describe('script tabs', () => {
  test('the tabs pattern: arrows, Home and End, one tab stop, each tab named by its file and where it runs', async ({ page }) => {
    await page.goto(`/recommendation?${RBKCD}`);
    const tablist = page.getByRole('tablist', { name: 'Scripts' });
    const tabs = tablist.getByRole('tab');
    // The single-server scripts, then the same configuration for many servers (a domain path: GPO and Ansible).
    await expect(tabs).toHaveCount(8);
    await expect(scriptTab(page, 'target.ps1')).toHaveAccessibleName('target.ps1 on the server (srv01.contoso.com)');
    await expect(scriptTab(page, 'resource.ps1')).toHaveAccessibleName(
      'resource.ps1 on an admin workstation with the ActiveDirectory module',
    );
    await expect(scriptTab(page, 'client.ps1')).toHaveAccessibleName('client.ps1 on each computer you administer from');
    await expect(scriptTab(page, 'rollback.ps1')).toHaveAccessibleName(/^rollback\.ps1 on each computer where you ran/);

    const expectSelected = async (file: string) => {
      const tab = scriptTab(page, file);
      await expect(tab).toBeFocused();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(tab).toHaveAttribute('tabindex', '0');
      await expect(tablist.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
      await expect(tablist.locator('[role="tab"][aria-selected="true"]')).toHaveCount(1);
      const panel = page.locator(`#${await tab.getAttribute('aria-controls')}`);
      await expect(panel).toHaveRole('tabpanel');
      await expect(panel).toBeVisible();
      await expect(panel).toHaveAttribute('aria-labelledby', (await tab.getAttribute('id'))!);
      await expect(panel.locator(`pre[data-script="${file}"]`)).toContainText(file.endsWith('.yml') ? '\n---\n' : '#Requires');
      await expect(page.locator('pre[data-script]')).toHaveCount(1);
    };

    // Every tab controls a panel that exists (empty while not selected).
    for (const tab of await tabs.all()) await expect(page.locator(`#${await tab.getAttribute('aria-controls')}`)).toHaveRole('tabpanel');
    // What loads after the page (citations, References, the prerequisites) is in, so nothing above the tabs still grows.
    await expect(page.getByRole('region', { name: 'References' }).getByRole('listitem').first()).toBeAttached();
    await expect(page.locator('.prerequisites')).toBeAttached();
    await scriptTab(page, 'target.ps1').focus();
    const scrollY = await settledScrollY(page);
    await page.keyboard.press('ArrowRight');
    await expectSelected('resource.ps1');
    await expect(page).toHaveURL(/&script=resource$/);
    expect(await settledScrollY(page), 'choosing a tab keeps the page where it is').toBe(scrollY);
    await page.keyboard.press('End');
    await expectSelected('inventory.yml');
    await page.keyboard.press('ArrowRight');
    await expectSelected('target.ps1');
    // The first tab is the plain permalink.
    await expect(page).toHaveURL(new RegExp(`\\?${RBKCD.replace(/[.?]/g, '\\$&')}$`));
    await page.keyboard.press('ArrowLeft');
    await expectSelected('inventory.yml');
    await page.keyboard.press('Home');
    await expectSelected('target.ps1');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expectSelected('playbook.yml');
    // Tab leaves the tab list for the panel: copy, download, then the code.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Copy Ansible playbook' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await expect(tablist.locator(':focus')).toHaveCount(0);
    // A click selects too.
    await scriptTab(page, 'resource.ps1').click();
    await expect(scriptTab(page, 'resource.ps1')).toHaveAttribute('aria-selected', 'true');
  });

  test('a link opens a script directly; the tab is not part of the saved configuration', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/recommendation?${RBKCD}&script=rollback`);
    await expect(scriptTab(page, 'rollback.ps1')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('pre[data-script="rollback.ps1"]')).toContainText('#Requires');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.getByRole('button', { name: 'Copy link' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).not.toContain('script=');

    // Choosing a tab keeps what was typed (the recommendation is not rebuilt).
    const target = page.getByLabel('Target server (the one you connect to)');
    await target.fill('web07.corp.example.org');
    await scriptTab(page, 'client.ps1').click();
    await expect(page).toHaveURL(/&script=client$/);
    await expect(target).toHaveValue('web07.corp.example.org');
    await expect(page.locator('pre[data-script="client.ps1"]')).toContainText("'web07.corp.example.org'");
    await page.reload();
    await expect(scriptTab(page, 'client.ps1')).toHaveAttribute('aria-selected', 'true');

    // A tab that does not exist shows the first; other problems of the link are still reported, the tab key never.
    await page.goto(`/recommendation?${KERBEROS}&script=resource&colour=blue`);
    await expect(page.getByRole('tab', { selected: true })).toHaveAccessibleName(/^target\.ps1 /);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('colour');
    await expect(alert).not.toContainText('script');
  });
});

// The longest printed recommendations: most text in the parts the print layout keeps.
function longestForPrint(count: number): string[] {
  const printedLength = (a: Answers) => {
    const rec = recommend(a);
    return [
      ...rec.warnings.map((w) => w.message),
      ...rec.rationale.map((r) => r.because),
      ...rec.impacts.map((i) => i.message),
      ...rec.runOrder.map((s) => `${s.where} ${s.purpose}`),
    ].join(' ').length;
  };
  return allCompleteAnswers()
    .map((a) => ({ a, n: printedLength(a) }))
    .sort((x, y) => y.n - x.n)
    .slice(0, count)
    .map(({ a }) => encodeAnswers(a));
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').toUpperCase();

/** The path whose GPO has the most rows (the longest Group Policy page in print). */
function mostGroupPolicyRows(): string {
  const [most] = allCompleteAnswers()
    .map((a) => ({ a, n: recommend(a).groupPolicy?.rows.length ?? 0 }))
    .sort((x, y) => y.n - x.n);
  return encodeAnswers(most!.a);
}

/**
 * Without white space and hyphens: a PDF breaks lines where the page did (a path after a
 * backslash), and pdftotext joins a word broken after a hyphen without it.
 */
const squeezed = (text: string) => text.replace(/[\s-]+/g, '');

// The print version: a one-page summary for a change request, even for the longest
// recommendations, then the details and the GPO settings. One test per recommendation, so they run side by side.
for (const [name, query] of [
  ['RBKCD', RBKCD],
  ...longestForPrint(4).map((q, i) => [`longest for print #${i + 1}`, q] as const),
  ['most Group Policy rows', mostGroupPolicyRows()],
] as const) {
  test(`the print version (${name}): a one-page summary for a change request, then the details and the GPO settings`, async ({ page }) => {
    const hasGroupPolicy = recommend(decodePermalink(query).answers).groupPolicy !== undefined;
    await page.goto(`/recommendation?${query}`);
    await expect(page.locator('.headline')).toBeVisible();
    const scripts = await allScriptTexts(page);
    await page.emulateMedia({ media: 'print' });
    // No code on paper: each file to attach, with its size and hash, in the order it is run.
    await expect(page.getByRole('tablist')).toBeHidden();
    await expect(page.locator('pre')).toHaveCount(1);
    await expect(page.locator('pre')).toBeHidden();
    const rows = page.locator('.script-files tbody tr');
    await expect(rows).toHaveCount(Object.keys(scripts).length);
    for (const [i, [file, text]] of Object.entries(scripts).entries()) {
      const row = rows.nth(i);
      await expect(row).toBeVisible();
      await expect(row).toContainText(`${file} (${text.replace(/\n$/, '').split('\n').length} lines)`);
      await expect(row.locator('code')).toHaveText(sha256(text));
    }
    await expect(page.locator('p.print-only')).toContainText('/recommendation?v=1&');
    // The settings and a domain server's GPO start on pages of their own, so the first page stays the summary.
    await expect(page.locator('section.print-notes, section.settings').first()).toHaveCSS('break-before', 'page');
    if (hasGroupPolicy) await expect(page.locator('.gpo')).toHaveCSS('break-before', 'page');
    const pages = await pdfPages(await page.pdf({ format: 'A4' }));
    // The summary's last line on page 1, and page 2 starts with the details (the warnings' notes,
    // then the settings): the summary fits its page.
    expect(pages[0], `page 1 (${query})`).toContain('Saved configuration (ruleset');
    expect(pages[1], `page 2 (${query})`).toMatch(/^\s*(Notes on the warnings|Settings)\n/);
  });
}

test('print: the warnings with their notes, the settings, the alternatives, and the scripts in run order when asked', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`/recommendation?${RBKCD}`);
  const scripts = await allScriptTexts(page);
  const rec = recommend(decodePermalink(RBKCD).answers);
  // This path's warnings are all notes: on paper the Warnings heading used to stand alone.
  expect(rec.warnings.filter((w) => w.severity === 'info').length).toBeGreaterThan(2);
  const box = page.getByRole('checkbox', { name: 'Include scripts in print' });
  await expect(box).not.toBeChecked();
  await page.emulateMedia({ media: 'print' });
  const text = squeezed((await pdfPages(await page.pdf({ format: 'A4' }))).join(''));
  for (const w of rec.warnings) expect(text, `warning ${w.id}`).toContain(squeezed(w.message));
  for (const setting of rec.settings) expect(text, `setting ${setting.id}`).toContain(squeezed(`${setting.name}${setting.value}`));
  for (const a of rec.alternatives) expect(text, `alternative ${a.option}`).toContain(squeezed(a.whyNot));
  expect(text).not.toContain('Appendix');
  expect(text).not.toContain(squeezed(scripts['target.ps1']!));

  // Ticked: an appendix with every script in full, in the order they are run, the rollback last.
  await page.emulateMedia({ media: 'screen' });
  await box.check();
  await page.emulateMedia({ media: 'print' });
  const withScripts = squeezed((await pdfPages(await page.pdf({ format: 'A4' }))).join(''));
  const appendix = withScripts.slice(withScripts.indexOf('Appendix:thescriptsinrunorder'));
  expect(appendix.length).toBeLessThan(withScripts.length);
  const order = ['target.ps1', 'resource.ps1', 'client.ps1', 'rollback.ps1'];
  expect(rec.runOrder.map((s) => `${s.script}.ps1`)).toEqual(order.slice(0, 3));
  const at = order.map((file) => appendix.indexOf(squeezed(scripts[file]!)));
  expect(
    at.every((i) => i > 0),
    `every script in full: ${at.join(', ')}`,
  ).toBe(true);
  expect([...at].sort((x, y) => x - y)).toEqual(at);
  expect(appendix).toContain('Step1:target.ps1');
  await page.emulateMedia({ media: 'screen' });
});
