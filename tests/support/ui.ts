import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = join(import.meta.dirname, '../../.tmp/screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // A full-page capture draws the fixed header where the viewport is scrolled to: from the top it sits at the top.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Picks an option of a Mantine Select/searchable Select by typing and clicking the option text. */
export async function pickOption(page: Page, input: ReturnType<Page['locator']>, typed: string, option: string) {
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

export async function setLanguage(page: Page, label: 'العربية' | 'English' | 'Kurdî') {
  await page.getByTestId('language-switcher').getByText(label, { exact: true }).click();
}
