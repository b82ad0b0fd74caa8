/**
 * The advice around the scripts: what to do first (a cheap change to a safer variant), what must
 * exist before running, the JEA role's commands, and a run order the tabs and scripts agree on.
 */
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { scriptFiles, scriptText } from './script-tabs.ts';

/** A consultant's workgroup DMZ server: no certificates, help-desk users, reachable from untrusted networks. */
const WORKGROUP_DMZ = 'v=1&platform=windows&domain=workgroup&pki=none&network=public&who=delegated&hop=none&target=dmz01';
const COMMANDS_LABEL = 'Commands the help desk may run (the role shows only these)';

test('workgroup without certificates: what to do first links to the safer variant, which keeps the host and has fewer high warnings', async ({ page }) => {
  await page.goto(`/recommendation?${WORKGROUP_DMZ}`);
  const box = page.getByRole('region', { name: 'What to do first' });
  await expect(box).toContainText('Use a self-signed certificate for the server');
  await expect(box).toContainText('It removes 3 of 4 high warnings');
  await expect(page.locator('.warnings .sev-high')).toHaveCount(4);
  await expectNoAxeViolations(page, 'what to do first', { include: '.first-step' });
  await box.getByRole('link', { name: 'See the recommendation with this change' }).click();
  await expect(page).toHaveURL(/pki=selfsigned/);
  await expect(page).toHaveURL(/target=dmz01/);
  await expect(page.locator('.headline')).toContainText('Client certificate mapped to a local account');
  await expect(page.locator('.warnings .sev-high')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'What to do first' })).toHaveCount(0);
  // The run order: client, target, client again. Tabs in that order; each script names the next.
  expect((await scriptFiles(page)).slice(0, 3)).toEqual(['client.ps1', 'target.ps1', 'rollback.ps1']);
  expect(await page.locator('.script-files tbody tr td:first-child').allTextContents()).toEqual(expect.arrayContaining(['1, 3', '2']));
  expect(await scriptText(page, 'client.ps1')).toContain('Next: copy the exported client certificate to the server, then run the target script (target.ps1) on the server ({0}).');
  expect(await scriptText(page, 'target.ps1')).toContain('Next: copy the exported server certificate to each client, then run the client script (client.ps1) again');
  expect(await scriptText(page, 'client.ps1')).toContain('This was the last script of the run order.');
});

test('JEA: the prerequisites checklist, and the commands field changes the role in the script (hostile entries refused)', async ({ page }) => {
  await page.goto(`/recommendation?${WORKGROUP_DMZ.replace('pki=none', 'pki=selfsigned')}`);
  const prerequisites = page.getByRole('region', { name: 'Before you run: what must exist' });
  await expect(prerequisites.locator('[data-prerequisite="jea-group"]')).toContainText('a local group on the server');
  await expect(prerequisites.locator('[data-prerequisite="jea-tasks"]')).toBeVisible();
  await expect(prerequisites.locator('[data-prerequisite="certificate-self-signed-transfer"]')).toBeVisible();
  await expect(page.getByLabel(/Addresses you administer from and the help desk's own computers/)).toBeVisible();
  expect(await scriptText(page, 'target.ps1')).toContain('-VisibleCmdlets $getService, $restartSpooler');

  const field = page.getByLabel(COMMANDS_LABEL);
  await field.fill('Get-Service, Microsoft.PowerShell.Management\\Restart-Service');
  await expect(page.locator('pre[data-script="target.ps1"]')).toContainText("$visibleCmdlets = @('Get-Service', 'Microsoft.PowerShell.Management\\Restart-Service')");
  await expect(page.locator('.warning').filter({ hasText: 'the commands you listed' }).first()).toContainText('the commands you listed (Get-Service, Microsoft.PowerShell.Management\\Restart-Service)');

  await field.fill("Get-Service'; Stop-Computer; '\nStart-Process");
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/"Get-Service';" is not a command name/);
  await expect(field).toHaveAccessibleDescription(/"Start-Process" lets users run any code/);
  await expect(page.locator('pre[data-script="target.ps1"]')).toContainText('-VisibleCmdlets $getService, $restartSpooler');
  expect(await scriptText(page, 'target.ps1')).not.toContain('Stop-Computer');
  await expectNoAxeViolations(page, 'JEA commands, invalid', { include: '.jea-commands' });
});
