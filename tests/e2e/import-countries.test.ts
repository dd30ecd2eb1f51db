import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSession } from '../support/browser-session';
import { pickOption, screenshot } from '../support/ui';
import type { RunningApp } from '../support/web-app';

let app: RunningApp;
let page: Page;
const session = useBrowserSession();

beforeAll(async () => {
  app = session.app;
  page = await session.open('English', { width: 1280, height: 1100 });
});

// Countries as an office writes them: the seed article's قرغيزستان (known through our additions), a Kurmanji name
// (known through CLDR), and one name no source carries.
const SHEET = [
  'reference_no,handover_date,receiving_country,delegation_head_name,handing_official_name,camp_of_origin,women_count,children_count',
  'HO-2023-0001,16/02/2023,قرغيزستان,Arslan Tokobaev,سامر حسن,الهول,18,41',
  'HO-2019-0001,2019-01-10,Qazaxistan,Test Head,سامر حسن,الهول,12,40',
  'HO-2021-0001,2021-03-11,Kirgizija,Test Head,سامر حسن,روج,5,9',
  'HO-2021-0002,2021-04-11,Kirgizija,Test Head,سامر حسن,روج,2,3',
].join('\n');

const count = () => (app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n;

describe('a country the sheet writes in its own way', () => {
  it('is assigned once in the import page, remembered, and resolved when the file is checked again', async () => {
    await page.goto(session.url('/import'));
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET, 'utf8') });
    await page.getByTestId('file-info').waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('count-rejected').innerText()).toContain('2');
    expect(await page.getByTestId('report-rows').innerText()).toContain('Did you mean: Kyrgyzstan');

    // One line per distinct name, with how many rows it stopped; nothing chosen for the user.
    const unknown = page.getByTestId('unknown-countries');
    await unknown.waitFor();
    expect(await unknown.locator('[data-testid^="unknown-country-"]').filter({ hasText: 'Kirgizija' }).count()).toBe(1);
    expect(await page.getByTestId('remember-countries').isDisabled()).toBe(true);
    await screenshot(page, 'import-unknown-country-en');
    await page.getByTestId('suggestion-0-KG').click();
    await page.getByTestId('remember-countries').click();

    // Checked again with the alias: nothing rejected, the panel gone.
    await expect.poll(async () => (await page.getByTestId('count-rejected').innerText()).replace(/\D/g, '')).toBe('0');
    expect(await page.getByTestId('unknown-countries').count()).toBe(0);
    expect(count()).toBe(0); // that was a check: nothing written
    await page.getByTestId('import-run').click();
    await expect.poll(async () => (await page.getByTestId('count-new').innerText()).replace(/\D/g, '')).toBe('4');
    const byCountry = app.ctx.db.sqlite
      .prepare('SELECT receiving_country AS c, count(*) AS n FROM handovers GROUP BY 1 ORDER BY 1')
      .all();
    expect(byCountry).toEqual([
      { c: 'KG', n: 3 },
      { c: 'KZ', n: 1 },
    ]);

    // The choice is the office's: listed in Settings, removable.
    await page.goto(session.url('/settings'));
    const row = page.getByTestId('alias-row');
    await row.waitFor();
    expect(await row.innerText()).toContain('Kirgizija');
    expect(await row.innerText()).toContain('Kyrgyzstan');
    await screenshot(page, 'settings-country-aliases-en');
  });

  it('is refused in Settings when the name already means another country, with a translated message', async () => {
    await page.getByTestId('alias-name').fill('فرنسا');
    await pickOption(page, page.getByTestId('alias-country'), 'Kyrg', 'Kyrgyzstan');
    await page.getByTestId('alias-add').click();
    expect(await page.getByTestId('alias-error').innerText()).toContain('already means another country');
    expect(await page.getByTestId('alias-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Remove “Kirgizija”' }).click();
    await page.getByTestId('aliases-empty').waitFor();
  });

  it('the country picker finds a country by the ways people write it', async () => {
    await page.goto(session.url('/handovers/new'));
    const input = page.getByTestId('receivingCountry');
    for (const [typed, name] of [
      ['قرغيزستان', 'Kyrgyzstan'],
      ['Holland', 'Netherlands'],
      ['UK', 'United Kingdom'],
      ['كازخستان', 'Kazakhstan'],
    ] as const) {
      await input.click();
      await input.fill(typed);
      expect(await page.getByRole('option').first().innerText(), typed).toContain(name);
    }
  });
});
