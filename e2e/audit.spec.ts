import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { auditInput, COLLECTION_SCRIPT } from '../src/core/audit/index.ts';

const sample = (name: string) => readFile(new URL(`../src/core/audit/samples/${name}`, import.meta.url), 'utf8');
const KERBEROS_LINK = 'http://127.0.0.1:4173/recommendation?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=none';

test.describe('/audit', () => {
  test('is readable before JavaScript: the page and the collection script are in the HTML', async ({ page }) => {
    const response = await page.request.get('/audit');
    const html = await response.text();
    expect(html).toContain('Audit a server as it is today');
    // The script as the page holds it, byte for byte: it has `$'` and `$&` sequences, which a
    // string replacement during prerendering would have turned into other text.
    await page.goto('/audit');
    expect(await page.locator('pre[aria-label^="Collection script"] code').textContent()).toBe(COLLECTION_SCRIPT);
  });

  test('a weakened server: its high findings with the value found and the fix; the guide starts from it', async ({ page }) => {
    const text = await sample('weakened.txt');
    const expected = auditInput(text);
    if (!expected.ok) throw new Error('the sample must parse');
    await page.goto('/audit');
    await page.getByLabel('Configuration to audit').fill(text);
    await page.getByRole('button', { name: 'Audit this configuration' }).click();
    const high = expected.findings.filter((f) => f.severity === 'high');
    expect(high.length).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Findings: ${high.length} high`) })).toBeFocused();
    const highList = page.locator('section[aria-labelledby="findings-high"]');
    await expect(highList.locator('li.finding')).toHaveCount(high.length);
    for (const finding of high) await expect(highList).toContainText(finding.title);
    const guide = page.getByRole('link', { name: /^Start the guide with/ });
    await expect(guide).toHaveAttribute('href', /^\/guide\?v=1&platform=windows/);
    await guide.click();
    await expect(page).toHaveURL(/\/guide\?v=1&platform=windows/);
  });

  test('a stock server compared with a recommendation link shows what differs', async ({ page }) => {
    await page.goto('/audit');
    await page.getByLabel('Configuration to audit').fill(await sample('ws2022-stock.txt'));
    await page.getByRole('button', { name: 'Audit this configuration' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Findings:/ })).toBeVisible();
    await page.getByLabel('Recommendation link').fill(KERBEROS_LINK);
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page.getByRole('status').filter({ hasText: /setting\(s\) differ/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Drift (scrolls sideways)' }).getByRole('row').first()).toBeVisible();
    await page.getByLabel('Recommendation link').fill('https://example.org/not-a-link');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page.getByRole('alert')).toContainText('not a recommendation link');
  });

  test('bad input names the line; hostile text stays text', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await page.goto('/audit');
    const box = page.getByLabel('Configuration to audit');
    await box.fill('Get-Process\nHandles  NPM(K)    PM(K)\n-------  ------    -----\n');
    await page.getByRole('button', { name: 'Audit this configuration' }).click();
    await expect(page.getByRole('heading', { name: 'This could not be audited' })).toBeVisible();
    await expect(page.locator('.audit-result')).toContainText(/Line \d+:/);
    // What was pasted is what was audited, even when it was pasted before the page's code loaded.
    await expect(page.locator('.audit-result')).not.toContainText('The input is empty');
    const hostile = (await sample('weakened.txt')).replace('legacy01.contoso.com', '<img src=x onerror=alert(1)>');
    await box.fill(hostile);
    await page.getByRole('button', { name: 'Audit this configuration' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Findings:/ })).toBeVisible();
    await expect(page.locator('.audit-result img')).toHaveCount(0);
    expect(dialogs).toBe(0);
  });

  test('a dropped-in file is read (UTF-16 as Windows PowerShell writes it); a huge one is refused', async ({ page }) => {
    await page.goto('/audit');
    const utf16 = join(tmpdir(), `audit-${process.pid}.txt`);
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(await sample('hardened.txt'), 'utf16le')]));
    await page.getByLabel('Or choose a file').setInputFiles(utf16);
    await expect(page.getByRole('heading', { level: 2, name: /^Findings:/ })).toBeVisible();
    const big = join(tmpdir(), `audit-big-${process.pid}.txt`);
    await writeFile(big, Buffer.alloc(50 * 1024 * 1024, 'a'));
    await page.getByLabel('Or choose a file').setInputFiles(big);
    await expect(page.getByRole('alert')).toContainText('far larger than any WinRM configuration');
  });

  test('keyboard only, and no axe violation with findings shown', async ({ page }) => {
    await page.goto('/audit');
    await page.getByLabel('Configuration to audit').focus();
    await page.keyboard.insertText(await sample('weakened.txt'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Audit this configuration' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: /^Findings:/ })).toBeFocused();
    await expectNoAxeViolations(page, 'audit with findings');
  });
});
