import { expect, expectNoAxeViolations, setTheme, test } from './fixtures.ts';
import { answer, answerWithKeyboard, stepText } from './guide-helpers.ts';

const KERBEROS_RBKCD = [
  'Windows at both ends',
  'Same domain or trusted forest',
  'By name',
  'Standard',
  'A managed internal network',
  'Administrators',
  'Yes, a file share or service',
  'Yes',
  'Less trusted',
  'No',
];
const WORKGROUP_CERT = [
  'Windows at both ends',
  'Not domain-joined (workgroup)',
  'Self-signed certificates',
  'A public or untrusted network',
  'Delegated users',
  'No',
];
const MIXED_SSH = ['Linux or macOS at either end', 'A managed internal network', 'Administrators', 'Yes, another remoting session'];

test.describe('keyboard only', () => {
  const paths: [string, string[], RegExp][] = [
    ['domain, by name, file share second hop', KERBEROS_RBKCD, /Resource-based Kerberos constrained delegation/],
    ['workgroup with self-signed certificates, delegated users', WORKGROUP_CERT, /Client certificate/],
    ['Linux or macOS at one end', MIXED_SSH, /SSH with keys/],
  ];
  for (const [name, choices, expected] of paths) {
    test(`completes the guide without a mouse: ${name}`, async ({ page }) => {
      await page.goto('/');
      // From the home page's call to action, by keyboard.
      const start = page.getByRole('link', { name: 'Start the guide' });
      for (let i = 0; i < 15 && !(await start.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
      await expect(start).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/guide/);
      for (const [i, choice] of choices.entries()) {
        await expect(page.locator('.step-count')).toContainText(`Step ${i + 1} of`);
        await answerWithKeyboard(page, choice);
      }
      await expect(page).toHaveURL(/\/recommendation\?v=1&/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
      await expect(page.locator('.headline')).toContainText(expected);
    });
  }
});

test('the step count adjusts as branches change', async ({ page }) => {
  await page.goto('/guide');
  await answer(page, 'Windows at both ends');
  const withDomain = await stepText(page);
  await page.getByRole('button', { name: 'Back' }).click();
  await answer(page, 'Linux or macOS at either end');
  expect(await stepText(page)).not.toBe(withDomain);
  expect(await stepText(page)).toMatch(/Step 2 of \d+/);
});

test('reload keeps the answers, and back and forward move between steps', async ({ page }) => {
  await page.goto('/guide');
  await answer(page, 'Windows at both ends');
  await answer(page, 'Same domain or trusted forest');
  await expect(page).toHaveURL(/platform=windows&domain=same/);
  await expect(page.locator('legend')).toContainText('How do you address the server?');
  await page.reload();
  await expect(page.locator('legend')).toContainText('How do you address the server?');
  await expect(page.locator('.answer-summary')).toContainText('Same domain or trusted forest');
  await page.goBack();
  await expect(page.locator('legend')).toContainText('How are the two computers joined');
  await page.goBack();
  await expect(page.locator('legend')).toContainText('Which operating systems');
  await page.goForward();
  await expect(page.locator('legend')).toContainText('How are the two computers joined');
});

test('an earlier answer can be changed from the summary, dropping answers that no longer apply', async ({ page }) => {
  await page.goto('/guide?v=1&platform=windows&domain=same&address=name&assurance=standard');
  await expect(page.locator('legend')).toContainText('Which network');
  await page.getByRole('button', { name: 'Change: How are the two computers joined to Active Directory?' }).click();
  await expect(page.locator('legend')).toContainText('How are the two computers joined');
  await expect(page.getByRole('radio', { name: /Same domain or trusted forest/ })).toBeChecked();
  await answer(page, 'Not domain-joined (workgroup)');
  await expect(page).toHaveURL(/domain=workgroup/);
  await expect(page).not.toHaveURL(/address=/);
  await expect(page.locator('legend')).toContainText('Which certificates');
});

test('Next without a choice says what to do', async ({ page }) => {
  await page.goto('/guide');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toHaveText('Choose one of the answers to continue.');
});

test('Restart clears the answers', async ({ page }) => {
  await page.goto('/guide?v=1&platform=windows&domain=same');
  await page.getByRole('button', { name: 'Restart' }).click();
  await expect(page).toHaveURL(/\/guide\?v=1$/);
  await expect(page.locator('.step-count')).toContainText('Step 1 of');
});

// One test per theme, so the two run side by side. (The recommendation at the end of the path has
// its own axe tests in recommendation.spec.ts.)
for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violation on any step of a path (${theme} theme)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/guide');
    await setTheme(page, theme);
    for (const choice of KERBEROS_RBKCD) {
      await expectNoAxeViolations(page, `guide step "${await page.locator('legend').innerText()}" (${theme})`);
      await answer(page, choice);
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
  });
}
