/**
 * The round trip between the recommendation and the guide (issue 12): "Edit answers" keeps the
 * host names and admin addresses, a changed answer comes straight back to the recommendation,
 * and the address bar always holds the page's saved configuration.
 */
import { expect, test } from './fixtures.ts';
import { answer } from './guide-helpers.ts';
import { scriptText, showScript } from './script-tabs.ts';
import type { Page } from '@playwright/test';

const RBKCD = 'v=1&platform=windows&domain=same&address=name&assurance=standard&network=private&who=admins&hop=files&adcontrol=yes&trust=normal&protected=no';
const TARGET = 'app01.corp.example.com';
const RESOURCE = 'files01.corp.example.com';
const SUBNET = '10.0.50.0/24';
const INCLUDE = /Include these host names and admin addresses in the link/;

const targetField = (page: Page) => page.getByLabel('Target server (the one you connect to)');
const resourceField = (page: Page) => page.getByLabel('Second computer (the resource)');
const subnetField = (page: Page) => page.getByLabel('Addresses you administer from (the firewall admits only these)');

async function fillHosts(page: Page) {
  await targetField(page).fill(TARGET);
  await resourceField(page).fill(RESOURCE);
  await subnetField(page).fill(SUBNET);
}

/** The fields hold the values and every script uses them (none falls back to an example). */
async function expectHostsUsed(page: Page) {
  await expect(targetField(page)).toHaveValue(TARGET);
  await expect(resourceField(page)).toHaveValue(RESOURCE);
  await expect(subnetField(page)).toHaveValue(SUBNET);
  const target = await scriptText(page, 'target.ps1');
  expect(target).toContain(`$AdminSubnet = '${SUBNET}'`);
  expect(target).toContain(`$Target = '${TARGET}'`);
  expect(await scriptText(page, 'client.ps1')).toContain(`$Target = '${TARGET}'`);
  const resource = await scriptText(page, 'resource.ps1');
  expect(resource).toContain(`$Target = '${TARGET}'`);
  expect(resource).toContain(`$Resource = '${RESOURCE}'`);
}

/** "Edit answers", then change the network to a public one: straight back to the recommendation. */
async function editOneAnswer(page: Page) {
  await page.getByRole('link', { name: 'Edit answers' }).click();
  await expect(page.getByRole('heading', { name: 'All questions answered' })).toBeFocused();
  await page.getByRole('button', { name: 'Change: Which network is the server on?' }).click();
  await expect(page.locator('legend')).toContainText('Which network is the server on?');
  // The answers are complete: the recommendation is one click away on the step too.
  await expect(page.getByRole('link', { name: 'See recommendation' })).toBeVisible();
  await answer(page, 'A public or untrusted network');
  await expect(page).toHaveURL(/\/recommendation\?v=1&.*network=public/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
}

test('Edit answers, change one answer: back on the recommendation with the same host names and admin addresses, kept out of the link', async ({ page }) => {
  await page.goto(`/recommendation?${RBKCD}`);
  await fillHosts(page);
  await expectHostsUsed(page);
  // Not ticked: the address has none of them, and the note says where they are.
  expect(page.url()).not.toMatch(/target=|resource=|adminSubnet=|corp\.example/);
  await expect(page.locator('.saved-note')).toContainText('are not in the link');

  await editOneAnswer(page);
  expect(page.url()).not.toMatch(/target=|resource=|adminSubnet=|corp\.example/);
  await expectHostsUsed(page);
  await expect(page.getByLabel(INCLUDE)).not.toBeChecked();

  // The history entry keeps them: a reload, and back and forward through the guide.
  await page.reload();
  await expectHostsUsed(page);
  await page.goBack();
  await expect(page.locator('legend')).toContainText('Which network is the server on?');
  await page.goForward();
  await expectHostsUsed(page);

  // The link opened in another tab has no state: the examples, and nothing breaks.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Your recommended configuration');
  await expect(targetField(other)).toHaveValue('');
  await expect(await showScript(other, 'client.ps1')).toContainText("$Target = 'srv01.contoso.com'");
});

test('the address bar follows "include in the link": only valid values, replaced in place, kept by a reload and through the guide', async ({ page }) => {
  await page.goto(`/recommendation?${RBKCD}&script=rollback`);
  await fillHosts(page);
  const entries = await page.evaluate(() => history.length);
  const include = page.getByLabel(INCLUDE);
  await include.check();
  await expect(page).toHaveURL(new RegExp(`&target=${TARGET}&resource=${RESOURCE}&adminSubnet=${encodeURIComponent(SUBNET)}&script=rollback$`));
  await expect(page.locator('.saved-note')).not.toContainText('are not in the link');

  // Typing while ticked updates it; an invalid value stays out, and focus stays in the field.
  const resource = resourceField(page);
  await resource.fill('files01 .corp');
  await expect(resource).toHaveAttribute('aria-invalid', 'true');
  await expect(page).not.toHaveURL(/resource=/);
  await resource.fill('');
  await resource.pressSequentially(RESOURCE);
  await expect(resource).toBeFocused();
  await expect(resource).toHaveValue(RESOURCE);
  await expect(page).toHaveURL(new RegExp(`resource=${RESOURCE}&`));
  // The copied link is the address (less the script tab).
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(`${copied}&script=rollback`).toBe(page.url());

  // Unticking takes them out; ticking puts them back; no new history entry either way.
  await include.uncheck();
  await expect(page).toHaveURL(new RegExp(`\\?${RBKCD}&script=rollback$`));
  await include.check();
  await expect(page).toHaveURL(/target=.*&script=rollback$/);
  expect(await page.evaluate(() => history.length)).toBe(entries);

  // A reload keeps them, the box and the script tab.
  await page.reload();
  await expect(include).toBeChecked();
  await expect(page.getByRole('tab', { selected: true })).toHaveAccessibleName(/^rollback\.ps1 /);
  await expectHostsUsed(page);

  // Through the guide, the link carries them (the user asked for it).
  await editOneAnswer(page);
  await expect(page).toHaveURL(new RegExp(`network=public.*&target=${TARGET}&resource=${RESOURCE}&adminSubnet=`));
  await expect(include).toBeChecked();
  await expectHostsUsed(page);
  // Opened in another tab (no state), the link alone gives them back.
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expectHostsUsed(other);
});
