import { expect, expectNoAxeViolations, expectNoAxeViolationsInBothThemes, test } from './fixtures.ts';
import { answer, answerWithKeyboard, choice, KERBEROS_RBKCD, stepText } from './guide-helpers.ts';

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
        await expect(page.locator('.step-count')).toHaveText(
          i === 0 ? /^Up to \d+ questions$/ : new RegExp(`^${i} answered, up to \\d+ questions? to go$`),
        );
        await answerWithKeyboard(page, choice);
      }
      await expect(page).toHaveURL(/\/recommendation\?v=1&/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
      await expect(page.locator('.headline')).toContainText(expected);
    });
  }
});

test('progress never moves backwards while answering, though answers open branches', async ({ page }) => {
  await page.goto('/guide');
  let before = { answered: -1, share: -1, remaining: Infinity };
  for (const choice of KERBEROS_RBKCD) {
    const bar = page.locator('form.question progress');
    const [value, max] = [Number(await bar.getAttribute('value')), Number(await bar.getAttribute('max'))];
    const remaining = Number(/up to (\d+)/i.exec(await stepText(page))?.[1]);
    expect(value).toBeGreaterThan(before.answered);
    expect(value / max).toBeGreaterThan(before.share);
    expect(remaining).toBeLessThan(before.remaining);
    before = { answered: value, share: value / max, remaining };
    await answer(page, choice);
  }
  await expect(page).toHaveURL(/\/recommendation\?/);
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

test('when the next step cannot be loaded, Next says so, and works once it can', async ({ page }) => {
  // The questionnaire's machine is a chunk of its own, fetched after the first step is on screen.
  const machine = '**/assets/questionnaire-actor-*.js';
  await page.route(machine, (route) => route.abort('internetdisconnected'));
  await page.goto('/guide');
  await choice(page, 'Windows at both ends').click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert')).toHaveText('The next step could not be loaded. Check your connection, then try again.');
  expect(new URL(page.url()).searchParams.has('platform')).toBe(false);
  await page.unroute(machine);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /joined to Active Directory/ })).toBeFocused();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('platform')).toBe('windows');
});

test('Restart asks first when there are answers; keeping them loses nothing', async ({ page }) => {
  const start = '/guide?v=1&platform=windows&domain=same';
  await page.goto(start);
  await choice(page, 'By IP address').click();
  const restart = page.getByRole('button', { name: 'Restart', exact: true });
  await restart.click();
  const confirm = page.getByRole('group', { name: 'Clear your 2 answers and start again?' });
  await expect(confirm.getByRole('button', { name: 'Keep my answers' })).toBeFocused();
  await expect(restart).toHaveAttribute('aria-expanded', 'true');
  await expectNoAxeViolations(page, 'the guide asking whether to restart');
  // Escape keeps them, and focus returns to Restart; so does "Keep my answers".
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(restart).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(restart).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`${start.replace(/[?]/g, '\\?')}$`));
  await expect(page.getByRole('radio', { name: 'By IP address' })).toBeChecked();
  await expect(page.locator('.answer-summary')).toContainText('Same domain or trusted forest');
  // Confirmed: everything is cleared.
  await restart.click();
  await confirm.getByRole('button', { name: 'Clear answers and restart' }).click();
  await expect(page).toHaveURL(/\/guide\?v=1$/);
  await expect(page.locator('.step-count')).toHaveText(/^Up to \d+ questions$/);
  await expect(page.locator('.answer-summary')).toHaveCount(0);
  // With no answers there is nothing to lose: Restart does not ask.
  await restart.click();
  await expect(page.getByRole('group', { name: /start again/ })).toHaveCount(0);
  await expect(page.locator('legend')).toContainText('Which operating systems');
});

test('a change from "all answered" comes back there; one that opens a question asks it first', async ({ page }) => {
  await page.goto('/guide?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=none');
  await expect(page.getByRole('heading', { name: 'All questions answered' })).toBeFocused();
  await page.getByRole('button', { name: 'Change: What level of assurance do you need?' }).click();
  await expect(page.getByRole('link', { name: 'See recommendation' })).toHaveAttribute('href', /\/recommendation\?v=1&.*hop=none$/);
  await answer(page, 'High');
  await expect(page.getByRole('heading', { name: 'All questions answered' })).toBeFocused();
  await expect(page.locator('.answer-summary')).toContainText('High');
  // A second hop opens three questions: the first is asked, Back and the summary still work, then "all answered".
  await page.getByRole('button', { name: 'Change: Do commands on the server need to reach a second computer?' }).click();
  await answer(page, 'Yes, a file share or service');
  await expect(page.locator('legend')).toContainText("May you change the second computer's Active Directory object?");
  await expect(page.getByRole('link', { name: 'See recommendation' })).toHaveCount(0);
  await answer(page, 'Yes');
  await answer(page, 'Less trusted');
  await answer(page, 'No');
  await expect(page.getByRole('heading', { name: 'All questions answered' })).toBeFocused();
});

test('on a phone the step buttons stay on screen on every step, and cover neither the focused answer nor the end of the card', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/guide');
  const next = page.getByRole('button', { name: 'Next' });
  const bar = page.locator('form.question .step-buttons');
  for (const label of KERBEROS_RBKCD) {
    await expect(next).toBeInViewport({ ratio: 1 });
    // Keyboard focus on the last answer scrolls it clear of the bar.
    const last = page.locator('form.question input[type=radio]').last();
    await last.focus();
    const [radio, barBox] = [await last.boundingBox(), await bar.boundingBox()];
    expect(radio!.y + radio!.height).toBeLessThanOrEqual(barBox!.y);
    await answer(page, label);
  }
  // At the end of the card the bar sits in its place, above the summary.
  await page.goto('/guide?v=1&platform=windows&domain=same&address=name&assurance=standard&network=private');
  // The prerendered /guide is the first step; the summary of these answers comes with the live page.
  await expect(page.locator('.answer-summary')).toContainText('A managed internal network');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const [barBox, summary] = [await bar.boundingBox(), await page.locator('.answer-summary').boundingBox()];
  expect(barBox!.y + barBox!.height).toBeLessThanOrEqual(summary!.y);
});

// Every step of the longest path, in both themes. (The recommendation at the end of the path has
// its own axe tests in recommendation.spec.ts.)
test('axe finds no violation on any step of a path, in either theme', async ({ page }) => {
  await page.goto('/guide');
  for (const choice of KERBEROS_RBKCD) {
    await expectNoAxeViolationsInBothThemes(page, `guide step "${await page.locator('legend').innerText()}"`);
    await answer(page, choice);
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
});
