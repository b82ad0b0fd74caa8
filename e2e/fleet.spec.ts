import { readFile } from 'node:fs/promises';
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { highlighted, scriptFiles, scriptTab, scriptText, showScript } from './script-tabs.ts';
import { recommend } from '../src/core/recommend.ts';
import { decodePermalink } from '../src/core/permalink.ts';

// A domain server (Kerberos, HTTP) and a workgroup server by IP (no GPO: not domain-joined).
const DOMAIN = 'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=none';
const WORKGROUP = 'v=1&platform=windows&domain=workgroup&pki=selfsigned&network=private&who=admins&hop=none';

/** What the engine gives for the page's link, with the page's own permalink base (it is in each file's header). */
const engine = (query: string, origin: string) => recommend(decodePermalink(query).answers, {}, { permalinkBase: `${origin}/recommendation` });

test.describe('the same configuration for many servers', () => {
  test('a domain server: GPO and Ansible tabs after the scripts, with the settings table and when to use which', async ({ page }) => {
    await page.goto(`/recommendation?${DOMAIN}`);
    const files = await scriptFiles(page);
    expect(files.slice(-4)).toEqual(['gpo.ps1', 'gpo-rollback.ps1', 'playbook.yml', 'inventory.yml']);
    expect(files.indexOf('rollback.ps1')).toBeLessThan(files.indexOf('gpo.ps1'));

    const scripts = page.locator('section.scripts');
    await expect(scripts.getByText('For more than one server')).toBeVisible();
    await expect(scripts.locator('.fleet-usage li').first()).toContainText('gpo.ps1');
    await expect(scripts.locator('.fleet-usage')).toContainText('playbook.yml');

    const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Policy' }) });
    const basic = table.getByRole('row').filter({ hasText: 'WSMan:\\localhost\\Service\\Auth\\Basic' });
    await expect(basic).toContainText('Allow Basic authentication');
    await expect(basic).toContainText('Disabled');
    await expect(basic).toContainText('AllowBasic');
    await expect(basic).toContainText('WindowsRemoteManagement.admx');

    const rec = engine(DOMAIN, new URL(page.url()).origin);
    expect(await scriptText(page, 'gpo.ps1')).toBe(rec.groupPolicy!.script);
    expect(await scriptText(page, 'gpo-rollback.ps1')).toBe(rec.groupPolicy!.rollback);
    expect(await scriptText(page, 'playbook.yml')).toBe(rec.ansible!.playbook);
    expect(await scriptText(page, 'inventory.yml')).toBe(rec.ansible!.inventory);
  });

  test('a workgroup server has a playbook but no GPO', async ({ page }) => {
    await page.goto(`/recommendation?${WORKGROUP}`);
    const files = await scriptFiles(page);
    expect(files).toContain('playbook.yml');
    expect(files).not.toContain('gpo.ps1');
    await expect(page.getByRole('heading', { name: 'Group Policy settings' })).toHaveCount(0);
  });

  test('copy and download give each fleet file as shown; YAML is coloured; the link opens the playbook tab', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/recommendation?${DOMAIN}&script=playbook`);
    // The link opens the playbook's tab as soon as the fleet files are there, with no click.
    await expect(scriptTab(page, 'playbook.yml')).toHaveAttribute('aria-selected', 'true');
    const pre = await showScript(page, 'playbook.yml');
    await expect(highlighted(page, 'playbook.yml')).toBeAttached();
    await expect(pre).toContainText('hosts:');
    for (const file of ['gpo.ps1', 'playbook.yml', 'inventory.yml']) {
      await showScript(page, file);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${file}` }).click()]);
      expect(download.suggestedFilename()).toBe(file);
      expect(await readFile((await download.path())!, 'utf8')).toBe(await scriptText(page, file));
    }
    await page.getByRole('button', { name: /^Copy Ansible inventory/ }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await scriptText(page, 'inventory.yml'));

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    const exported = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(exported.groupPolicy.script).toBe(await scriptText(page, 'gpo.ps1'));
    expect(exported.groupPolicy.rows.length).toBeGreaterThan(3);
    expect(exported.ansible.playbook).toBe(await scriptText(page, 'playbook.yml'));
  });

  test('host names and admin addresses reach the inventory as data', async ({ page }) => {
    await page.goto(`/recommendation?${DOMAIN}`);
    await page.getByLabel('Target server (the one you connect to)').fill('web07.corp.example.org');
    await expect(await showScript(page, 'inventory.yml')).toContainText('web07.corp.example.org');
  });

  test('no axe violation with the Group Policy table and a YAML tab open', async ({ page }) => {
    await page.goto(`/recommendation?${DOMAIN}&script=playbook`);
    await expect(highlighted(page, 'playbook.yml')).toBeAttached();
    await expectNoAxeViolations(page, 'recommendation with the playbook tab');
  });
});
