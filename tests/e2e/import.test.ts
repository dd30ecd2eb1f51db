import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS } from '../../electron/api/domain/import';
import { useBrowserSession } from '../support/browser-session';
import { screenshot, setLanguage } from '../support/ui';
import type { RunningApp } from '../support/web-app';

let app: RunningApp;
let page: Page;
const session = useBrowserSession();

beforeAll(async () => {
  app = session.app;
  page = await session.open(undefined, { width: 1280, height: 1000 });
});

const count = () => (app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n;

// An office's own sheet: Arabic headers, one of them ("رقم") not recognised, an extra column, day-first dates.
const ARABIC_SHEET = [
  'رقم,التاريخ,البلد,رئيس الوفد,المسؤول المسلم,المخيم,النساء,الأطفال,لون',
  'HO-2019-0301,05/11/2019,كازاخستان,أحمد علييف,سامر حسن,الهول,12,30,أزرق',
  'HO-2020-0302,23/06/2020,Kosovo,Arben Gashi,ليلى محمد,روج,3,9,',
  'HO-2020-0303,31/02/2020,فرنسا,Stéphane Romatet,ليلى محمد,روج,15,32,',
].join('\n');

const bigSheet = (n: number) =>
  `${CANONICAL_COLUMNS.join(',')}\n${Array.from({ length: n }, (_, i) => `HO-2024-${i + 1},2024-0${(i % 9) + 1}-1${i % 10},DE,Head ${i},Head of delegation,Ministry,Official,Qamishli,roj,1,2,1,1,0,0,note`).join('\n')}\n`;

async function chooseFile(name: string, text: string) {
  await page
    .getByTestId('import-file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await page.getByTestId('file-info').waitFor();
}

describe('import in the app (browser mode, Chromium)', () => {
  it('maps an unrecognised Arabic header, previews, checks, then imports with a row report', async () => {
    await page.goto(`${app.web.url.split('?')[0]}#/import`);
    await page.getByRole('heading', { name: 'استيراد عمليات التسليم' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await chooseFile('سجل-المكتب.csv', ARABIC_SHEET);
    expect(await page.getByTestId('file-info').innerText()).toContain('٣ سطرًا'); // Arabic digits in Arabic
    // The reference column is not recognised yet: the import buttons wait for it.
    await page.getByTestId('mapping-missing').waitFor();
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
    await page.getByTestId('map-0').click();
    await page.getByRole('option', { name: 'الرقم المرجعي (reference_no)' }).click();
    await expect.poll(() => page.getByTestId('mapping-missing').count()).toBe(0);
    const preview = await page.getByTestId('preview-table').innerText();
    expect(preview).toContain('HO-2019-0301');
    expect(preview).toContain('الرقم المرجعي');
    await screenshot(page, 'import-mapping-ar');

    await page.getByTestId('import-check').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('count-new').innerText()).toContain('٢');
    expect(await page.getByTestId('count-rejected').innerText()).toContain('١');
    const rows = await page.getByTestId('report-rows').innerText();
    expect(rows).toContain('HO-2020-0303');
    expect(rows).toContain('ليس تاريخًا'); // translated reason, with its line number
    expect(rows).toContain('4');
    expect(count()).toBe(0);

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-committed').waitFor();
    expect(count()).toBe(2);
    await screenshot(page, 'import-report-ar');
    const stored = app.ctx.db.sqlite
      .prepare('SELECT receiving_country AS c, handover_date AS d, source FROM handovers ORDER BY reference_no')
      .all();
    expect(stored).toEqual([
      { c: 'KZ', d: '2019-11-05', source: 'import' },
      { c: 'XK', d: '2020-06-23', source: 'import' },
    ]);
  });

  it('remembers the mapping for the same headers', async () => {
    await page.reload();
    await chooseFile('سجل-المكتب.csv', ARABIC_SHEET);
    expect(await page.getByTestId('mapping-missing').count()).toBe(0);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('count-unchanged').innerText()).toContain('٢');
  });

  it('shows a progress bar on a large file, stays responsive, and cancel changes nothing', async () => {
    await setLanguage(page, 'English');
    // Progress arrives as server-sent events: one stream, and the job's state read once per start, never polled.
    const progressReads: string[] = [];
    const streams: string[] = [];
    page.on('request', (r) => {
      if (decodeURIComponent(r.url()).includes('/api/io:importProgress')) progressReads.push(r.url());
      if (new URL(r.url()).pathname === '/events') streams.push(r.url());
    });
    await page.reload();
    await chooseFile('register-2024.csv', bigSheet(100_000));
    expect(await page.getByTestId('file-info').innerText()).toContain('100,000 rows');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-progress').waitFor();
    await expect
      .poll(async () => page.getByTestId('import-progress').innerText(), { timeout: 30_000 })
      .toMatch(/Checking rows: [1-9][\d,]* of 100,000/);
    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-cancelled').waitFor({ timeout: 30_000 });
    expect(count()).toBe(2);

    // The window must not freeze: the longest gap between animation frames while 100,000 rows are imported.
    await page.evaluate(() => {
      const w = window as unknown as { maxGap: number };
      w.maxGap = 0;
      let last = performance.now();
      const tick = (now: number) => {
        w.maxGap = Math.max(w.maxGap, now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.getByTestId('import-run').click();
    await expect
      .poll(async () => page.getByTestId('import-progress').innerText(), { timeout: 30_000 })
      .toMatch(/Checking rows: [1-9][\d,]* of 100,000/);
    await screenshot(page, 'import-progress-en');
    const first = await page.getByTestId('import-progress').innerText();
    await expect
      .poll(
        async () =>
          (await page.getByTestId('import-progress').count()) === 0 ||
          (await page.getByTestId('import-progress').innerText()) !== first,
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.getByTestId('import-committed').waitFor({ timeout: 180_000 });
    expect(count()).toBe(100_002);
    expect(progressReads).toHaveLength(2);
    expect(streams.length).toBeGreaterThanOrEqual(1);
    expect(streams[0]).toContain('token=');
    const maxGap = await page.evaluate(() => (window as unknown as { maxGap: number }).maxGap);
    expect(maxGap).toBeLessThan(1000);
    await screenshot(page, 'import-done-en');
  }, 240_000);

  it('a file that is not a spreadsheet gets a clear message', async () => {
    await page.reload();
    await page.getByTestId('import-file').setInputFiles({
      name: 'photo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3, 0, 0, 0]),
    });
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').innerText()).toBe('This is not a CSV or XLSX file.');
    expect(session.errors).toEqual([]);
  });
});
