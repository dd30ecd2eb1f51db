import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSession } from '../support/browser-session';
import { pickOption, screenshot, setLanguage } from '../support/ui';

const session = useBrowserSession();
let page: Page;

beforeAll(async () => {
  page = await session.open();
});

const listUrl = () => session.url('/handovers');

async function fillRequired(
  country: { typed: string; option: string },
  head: string,
  official: string,
  women: number,
  children: number,
) {
  await page.goto(listUrl());
  await page.getByTestId('new-handover').click();
  await pickOption(page, page.getByTestId('receivingCountry'), country.typed, country.option);
  await page.locator('input[name="delegationHeadName"]').fill(head);
  await page.locator('input[name="handingOfficialName"]').fill(official);
  await page.locator('input[name="womenCount"]').fill(String(women));
  await page.locator('input[name="childrenCount"]').fill(String(children));
}

describe('the app shell in browser mode', () => {
  it('starts in Arabic, right to left', async () => {
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await page.getByText('لا توجد عمليات تسليم بعد.').waitFor();
    await screenshot(page, 'shell-list-empty-ar');
  });

  it('creates a handover in Arabic, and it is listed after a reload', async () => {
    await fillRequired({ typed: 'قيرغ', option: 'قيرغيزستان' }, 'أرسلان توكوباييف', 'سامر حسن', 18, 41);
    await expect.poll(() => page.getByTestId('total-persons').innerText()).toMatch(/59|٥٩/);
    await screenshot(page, 'shell-form-ar');
    await page.getByTestId('save').click();
    await page.getByTestId('status').waitFor();
    await page.goto(listUrl());
    await page.reload();
    const table = page.getByTestId('handover-table');
    await table.getByText('أرسلان توكوباييف').waitFor();
    expect(await table.innerText()).toContain('قيرغيزستان');
  });

  it('switches to English, left to right, remembered across a reload', async () => {
    await setLanguage(page, 'English');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await page.reload();
    await page.getByRole('heading', { name: 'Handovers' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('creates a handover in English, and both are listed after a reload', async () => {
    await fillRequired({ typed: 'Fran', option: 'France' }, 'Stéphane Romatet', 'Leila Mohammed', 15, 32);
    await page.getByTestId('save').click();
    await page.getByTestId('status').waitFor();
    await page.goto(listUrl());
    await page.reload();
    const table = page.getByTestId('handover-table');
    await table.getByText('Stéphane Romatet').waitFor();
    const text = await table.innerText();
    expect(text).toContain('France');
    expect(text).toContain('Kyrgyzstan');
    expect(await page.getByTestId('list-count').innerText()).toContain('2 handovers');
    await screenshot(page, 'shell-list-en');
  });

  it('shows translated validation errors beside the fields and saves nothing', async () => {
    await page.getByTestId('new-handover').click();
    await page.locator('input[name="delegationHeadName"]').fill('');
    await page.locator('input[name="childrenCount"]').fill('2');
    await page.locator('input[name="boysCount"]').fill('3');
    await page.getByTestId('save').click();
    await page.getByTestId('form-error').waitFor();
    const form = await page.locator('form').innerText();
    expect(form).toContain('Required');
    expect(form).toContain('Boys and girls together exceed the number of children');
    await screenshot(page, 'shell-form-errors-en');
    expect((session.app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n).toBe(2);
  });

  it('speaks Kurdish (Kurmanji, Latin script), left to right', async () => {
    await page.goto(listUrl());
    await setLanguage(page, 'Kurdî');
    await page.getByRole('heading', { name: 'Radestkirin' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await page.getByTestId('handover-table').innerText()).toContain('Qirgizistan');
    await screenshot(page, 'shell-list-ku');
    await page.getByRole('link', { name: 'Mîheng' }).click();
    await page.getByTestId('save-settings').waitFor();
    await screenshot(page, 'shell-settings-ku');
  });

  it('raised no page errors', () => {
    expect(session.errors).toEqual([]);
  });
});
