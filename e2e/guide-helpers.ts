import { expect, type Page } from '@playwright/test';

/** Answers the current question using only the keyboard: Tab into the radio group, arrows to the option, Tab to Next, Enter. */
export async function answerWithKeyboard(page: Page, optionLabel: string | RegExp) {
  const fieldset = page.locator('form.question fieldset');
  await expect(fieldset.getByRole('heading', { level: 2 })).toBeFocused();
  const radios = fieldset.getByRole('radio');
  const labels = await fieldset.locator('label.choice strong').allInnerTexts();
  const index = labels.findIndex((l) => (typeof optionLabel === 'string' ? l === optionLabel : optionLabel.test(l)));
  expect(index, `option ${String(optionLabel)} among ${labels.join(' | ')}`).toBeGreaterThanOrEqual(0);

  for (let i = 0; i < 6 && !(await isFocusedRadio(page)); i++) await page.keyboard.press('Tab');
  expect(await isFocusedRadio(page)).toBe(true);
  const checkedIndex = await radios.evaluateAll((els) => els.findIndex((e) => (e as HTMLInputElement).checked));
  if (checkedIndex === -1) await page.keyboard.press('Space');
  const from = checkedIndex === -1 ? 0 : checkedIndex;
  for (let i = from; i < index; i++) await page.keyboard.press('ArrowDown');
  for (let i = from; i > index; i--) await page.keyboard.press('ArrowUp');
  await expect(radios.nth(index)).toBeChecked();

  const next = page.getByRole('button', { name: 'Next' });
  for (let i = 0; i < 4 && !(await next.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
}

async function isFocusedRadio(page: Page): Promise<boolean> {
  return page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'radio');
}

/** Answers by clicking (for tests about something other than keyboard use). */
export async function answer(page: Page, optionLabel: string) {
  await choice(page, optionLabel).click();
  await page.getByRole('button', { name: 'Next' }).click();
}

export async function stepText(page: Page): Promise<string> {
  return page.locator('.step-count').innerText();
}

/** The answer whose label is exactly `optionLabel`. */
export function choice(page: Page, optionLabel: string) {
  return page.locator('label.choice').filter({ has: page.locator('strong').getByText(optionLabel, { exact: true }) });
}

/** The guide's answers for a domain server reached by name with a file-share second hop (RBKCD). */
export const KERBEROS_RBKCD = [
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
