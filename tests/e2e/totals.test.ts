import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HandoverFieldsInput } from '../../electron/api/schemas/handover';
import { handoverFields } from '../../electron/api/schemas/handover';
import { localCaller } from '../../electron/services/context';
import { createHandover } from '../../electron/services/handovers';
import { finalizeHandover, voidHandover } from '../../electron/services/lifecycle';
import { useBrowserSession } from '../support/browser-session';
import { pdfsig } from '../support/report-tools';
import { frenchHandover, kyrgyzHandover } from '../support/context';
import { screenshot, setLanguage } from '../support/ui';
import type { RunningApp } from '../support/web-app';

let app: RunningApp;
let page: Page;
const session = useBrowserSession();
const thisYear = new Date().getFullYear();

interface Seed {
  data: HandoverFieldsInput;
  status: 'draft' | 'finalized' | 'void';
}
const seeds: Seed[] = [
  { data: kyrgyzHandover(), status: 'finalized' },
  { data: frenchHandover(), status: 'finalized' },
  {
    data: kyrgyzHandover({
      referenceNo: 'HO-2024-0001',
      handoverDate: '2024-02-20',
      camp: 'roj',
      womenCount: 30,
      childrenCount: 70,
      boysCount: 30,
      girlsCount: 40,
    }),
    status: 'finalized',
  },
  {
    data: kyrgyzHandover({
      referenceNo: 'HO-2019-0001',
      handoverDate: '2019-01-10',
      receivingCountry: 'KZ',
      delegationHeadName: 'Test Head',
      womenCount: 12,
      childrenCount: 40,
      boysCount: 0,
      girlsCount: 0,
      menCount: 33,
    }),
    status: 'finalized',
  },
  {
    data: kyrgyzHandover({
      referenceNo: 'HO-2022-0001',
      handoverDate: '2022-06-01',
      receivingCountry: 'XK',
      womenCount: 5,
      childrenCount: 9,
      boysCount: 4,
      girlsCount: 5,
    }),
    status: 'finalized',
  },
  {
    data: kyrgyzHandover({
      referenceNo: `HO-${thisYear}-0001`,
      handoverDate: `${thisYear}-01-15`,
      receivingCountry: 'DE',
      camp: 'roj',
      womenCount: 3,
      childrenCount: 7,
      boysCount: 3,
      girlsCount: 4,
    }),
    status: 'finalized',
  },
  {
    data: kyrgyzHandover({
      referenceNo: `HO-${thisYear}-0002`,
      handoverDate: `${thisYear}-02-01`,
      receivingCountry: 'NL',
      womenCount: 4,
      childrenCount: 6,
      boysCount: 3,
      girlsCount: 3,
    }),
    status: 'draft',
  },
  {
    data: kyrgyzHandover({
      referenceNo: 'HO-2023-0099',
      handoverDate: '2023-03-01',
      receivingCountry: 'RU',
      womenCount: 100,
      childrenCount: 200,
      boysCount: 0,
      girlsCount: 0,
    }),
    status: 'void',
  },
];

/** What the page must show, computed from the seeds here, not copied from the app. */
function expected(filter: { drafts?: boolean; camp?: string; from?: string; to?: string } = {}) {
  const by = new Map<string, number>();
  for (const s of seeds) {
    if (s.status === 'void' || (s.status === 'draft' && !filter.drafts)) continue;
    const d = handoverFields.parse(s.data);
    if (
      (filter.camp && d.camp !== filter.camp) ||
      (filter.from && d.handoverDate < filter.from) ||
      (filter.to && d.handoverDate > filter.to)
    )
      continue;
    by.set(d.receivingCountry, (by.get(d.receivingCountry) ?? 0) + d.womenCount + d.childrenCount + d.menCount);
  }
  return { byCountry: by, persons: [...by.values()].reduce((a, b) => a + b, 0) };
}

async function seed() {
  const caller = localCaller('e2e');
  for (const s of seeds) {
    let h = createHandover(app.ctx, caller, handoverFields.parse(s.data));
    if (s.status !== 'draft') h = finalizeHandover(app.ctx, caller, h.id, h.revision);
    if (s.status === 'void') voidHandover(app.ctx, caller, h.id, h.revision, 'entered twice');
  }
}

const sumPersons = async () =>
  Number(await page.getByTestId('totals-sum').locator('[data-col="persons"]').getAttribute('data-value'));
const rowCountries = async () =>
  page.locator('[data-testid^="totals-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-country')));
const personsOf = async (code: string) =>
  Number(await page.getByTestId(`totals-row-${code}`).locator('[data-col="persons"]').getAttribute('data-value'));
const hashParams = async () =>
  new URLSearchParams(((await page.evaluate('location.hash')) as string).split('?')[1] ?? '');

async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = (await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])) as [
    Download,
    unknown,
  ];
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

beforeAll(async () => {
  app = session.app;
  page = await session.open(undefined, { width: 1366, height: 900 });
  await page.evaluate("location.hash = '#/totals'");
});

describe('totals page (browser mode)', () => {
  it('explains an empty database and offers to record the first handover (Arabic)', async () => {
    await page.getByTestId('totals-empty').waitFor();
    expect(await page.getByTestId('totals-empty').innerText()).toContain('لم تُسجَّل أي عملية تسليم بعد');
    const button = page.getByTestId('totals-first-handover');
    expect(await button.getAttribute('href')).toBe('#/handovers/new');
    await screenshot(page, 'totals-empty-ar');
  });

  it('shows the table, sum, charts and map in Arabic, right to left', async () => {
    await seed();
    await page.reload();
    await page.getByTestId('totals-table').waitFor();
    const exp = expected();
    expect(await sumPersons()).toBe(exp.persons);
    expect(await rowCountries()).toEqual(
      [...exp.byCountry.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c),
    );
    expect(await personsOf('KG')).toBe(exp.byCountry.get('KG'));
    const kg = await page.getByTestId('totals-row-KG').innerText();
    expect(kg).toContain('قيرغيزستان');
    expect(kg).toContain(new Intl.NumberFormat('ar-SY').format(exp.byCountry.get('KG')!)); // Arabic-Indic digits
    expect(kg).toMatch(/[٠-٩]/);
    expect(await page.getByTestId('totals-scope').innerText()).toContain('المعتمدة فقط');
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');

    // Charts: one stacked bar segment per series and country, a timeline, a filled map.
    await page.getByTestId('chart-persons').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByTestId('chart-persons').locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(
      exp.byCountry.size,
    );
    expect(await page.getByTestId('chart-persons').innerText()).toContain('النساء');
    await page.getByTestId('chart-timeline').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByTestId('chart-map').locator('path.country').count()).toBeGreaterThan(150);
    for (const code of ['KG', 'FR', 'KZ', 'DE'])
      expect(await page.getByTestId(`map-country-${code}`).getAttribute('data-persons')).toBe(
        String(exp.byCountry.get(code)),
      );
    expect(await page.getByTestId('map-missing').innerText()).toContain('كوسوفو');

    await page.getByTestId('map-country-KZ').hover();
    const tip = page.getByTestId('map-tooltip');
    await tip.waitFor();
    expect(await tip.innerText()).toContain('كازاخستان');
    expect(await tip.innerText()).toContain(new Intl.NumberFormat('ar-SY').format(exp.byCountry.get('KZ')!));
    await screenshot(page, 'totals-ar');
  });

  it('changes the figures with the filters', async () => {
    const all = await sumPersons();
    await page.getByTestId('filter-drafts').click();
    await expect.poll(sumPersons).toBe(expected({ drafts: true }).persons);
    expect(await sumPersons()).toBeGreaterThan(all);
    expect(await rowCountries()).toContain('NL');
    expect((await hashParams()).get('drafts')).toBe('1');
    await page.getByTestId('filter-drafts').click();
    await expect.poll(sumPersons).toBe(all);

    await page.getByTestId('filter-camp').click();
    await page.getByRole('option', { name: 'مخيم روج' }).click();
    await expect.poll(sumPersons).toBe(expected({ camp: 'roj' }).persons);
    expect(await rowCountries()).toEqual(['KG', 'FR', 'DE']);
    await page.getByTestId('filter-camp').click();
    await page.getByRole('option', { name: 'كل المخيمات' }).click();
    await expect.poll(sumPersons).toBe(all);

    await page.getByTestId('quick-this-year').click();
    await expect.poll(sumPersons).toBe(expected({ from: `${thisYear}-01-01`, to: `${thisYear}-12-31` }).persons);
    expect(await rowCountries()).toEqual(['DE']);
    await page.getByTestId('quick-last-year').click();
    await expect.poll(async () => (await hashParams()).get('from')).toBe(`${thisYear - 1}-01-01`);
    await page.getByTestId('quick-all-time').click();
    await expect.poll(sumPersons).toBe(all);

    // Sorting by country name (Arabic collation) and back.
    await page.getByTestId('sort-country').click();
    await expect.poll(async () => (await hashParams()).get('sort')).toBe('country');
    const links = () => page.locator('[data-testid^="totals-link-"]').allInnerTexts();
    const byName = (await links()).sort(new Intl.Collator('ar').compare);
    expect(byName[0]).toBe('ألمانيا');
    await expect.poll(links).toEqual(byName);
    const names = await links();
    await page.getByTestId('sort-country').click();
    await expect
      .poll(() => page.locator('[data-testid^="totals-link-"]').allInnerTexts())
      .toEqual([...names].reverse());
    await page.getByTestId('sort-persons').click();
    await expect.poll(rowCountries).toEqual(['KG', 'KZ', 'FR', 'XK', 'DE']);
  });

  it('shows translated errors for inverted and malformed ranges', async () => {
    await page.evaluate("location.hash = '#/totals?from=2024-02-01&to=2023-01-01'");
    await page.getByTestId('totals-error').waitFor();
    expect(await page.getByTestId('totals-error').innerText()).toContain('تاريخ النهاية يسبق تاريخ البداية');
    await screenshot(page, 'totals-error-ar');
    await page.evaluate("location.hash = '#/totals?from=2024-02-30'");
    await expect.poll(() => page.getByTestId('totals-error').innerText()).toContain('تاريخ غير صالح');
    await page.evaluate("location.hash = '#/totals?camp=atlantis'");
    await expect.poll(() => page.getByTestId('totals-error').innerText()).toContain('مخيم غير معروف');
    await page.evaluate("location.hash = '#/totals'");
    await page.getByTestId('totals-table').waitFor();
  });

  it('exports CSV and XLSX in Arabic that re-open with the same numbers', async () => {
    const exp = expected();
    const csv = await download('export-csv');
    expect(csv.name).toMatch(/^tasleem-totals-.*\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(csv.bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    expect(rows[0][1]).toBe('البلد');
    const body = rows.slice(1, -1);
    expect(new Map(body.map((r) => [r[0], Number(r[9])]))).toEqual(exp.byCountry);
    expect(rows.at(-1)![1]).toBe('المجموع');
    expect(Number(rows.at(-1)![9])).toBe(exp.persons);
    expect(body.find((r) => r[0] === 'KG')![1]).toBe('قيرغيزستان');

    const xlsx = await download('export-xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const got = new Map<string, number>();
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value) got.set(String(row.getCell(1).value), row.getCell(10).value as number);
    });
    expect(got).toEqual(exp.byCountry);
    expect(ws.getRow(ws.rowCount).getCell(10).value).toBe(exp.persons);

    const pdf = await download('export-pdf');
    expect(pdf.name).toMatch(/\.pdf$/);
    const sig = pdfsig(Buffer.from(pdf.bytes));
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
  });

  it('opens the handover list filtered to a country', async () => {
    await page.getByTestId('totals-link-KG').click();
    await expect.poll(() => page.evaluate('location.hash')).toBe('#/handovers?country=KG');
    // The list's own sums for that country: both Kyrgyz handovers and nobody else.
    await expect
      .poll(() => page.getByTestId('list-count').innerText())
      .toContain(new Intl.NumberFormat('ar-SY').format(expected().byCountry.get('KG')!));
    await page.goBack();
    await page.getByTestId('totals-table').waitFor();
  });

  it('works in English, left to right, with English exports', async () => {
    await setLanguage(page, 'English');
    await expect.poll(() => page.evaluate('document.documentElement.dir')).toBe('ltr');
    await page.getByRole('heading', { name: 'Totals', exact: true }).waitFor();
    const head = await page.getByTestId('totals-table').locator('thead').innerText();
    for (const h of ['Country', 'Women', 'Unaccompanied', 'First handover']) expect(head).toContain(h);
    expect(await page.getByTestId('totals-row-KG').innerText()).toContain('Kyrgyzstan');
    expect(await page.getByTestId('totals-row-KG').innerText()).toContain(String(expected().byCountry.get('KG')));
    expect(await page.getByTestId('map-missing').innerText()).toContain('Kosovo');
    await page.getByTestId('filter-camp').click();
    await page.getByRole('option', { name: 'al-Hol' }).click();
    await expect.poll(sumPersons).toBe(expected({ camp: 'al_hol' }).persons);
    await page.getByTestId('timeline-granularity').getByText('Per year').click();
    await expect.poll(async () => (await hashParams()).get('tl')).toBe('year');
    await page.getByTestId('map-country-KZ').hover();
    expect(await page.getByTestId('map-tooltip').innerText()).toContain('Kazakhstan');
    await screenshot(page, 'totals-en');

    const csv = await download('export-csv');
    const rows = Papa.parse<string[]>(csv.bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    expect(rows[0].slice(0, 3)).toEqual(['Country code', 'Country', 'Handovers']);
    expect(Number(rows.at(-1)![9])).toBe(expected({ camp: 'al_hol' }).persons);

    await page.getByTestId('filter-camp').click();
    await page.getByRole('option', { name: 'All camps' }).click();
    await expect.poll(sumPersons).toBe(expected().persons);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'totals-en-print');
    await page.emulateMedia({ media: 'screen' });
    expect(session.errors).toEqual([]);
  });
});
