import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { handoverFields } from '../../electron/api/schemas/handover';
import { localCaller } from '../../electron/services/context';
import { createHandover } from '../../electron/services/handovers';
import { useBrowserSession } from '../support/browser-session';
import { kyrgyzHandover } from '../support/context';
import { tinyPdf, tinyPng } from '../support/files';
import { pickOption, screenshot } from '../support/ui';

const session = useBrowserSession();
const openPage = (lang: 'العربية' | 'English') => session.open(lang);
const url = (route: string) => session.url(route);

const rows = () =>
  session.app.ctx.db.sqlite
    .prepare('SELECT reference_no AS ref, status, version, women_count AS women FROM handovers ORDER BY reference_no')
    .all() as { ref: string; status: string; version: number; women: number }[];

/** The whole life of a record, driven through the UI exactly as staff would, once per language. */
const flows = [
  {
    lang: 'العربية' as const,
    tag: 'ar',
    ref: 'HO-2023-0001',
    country: { typed: 'قيرغ', option: 'قيرغيزستان' },
    head: 'أرسلان توكوباييف',
    search: 'ارسلان',
    t: {
      finalize: 'اعتماد',
      finalized: 'معتمد',
      void: 'ملغى',
      required: 'حقل مطلوب',
      exceed: 'مجموع الذكور والإناث أكبر من عدد الأطفال',
    },
  },
  {
    lang: 'English' as const,
    tag: 'en',
    ref: 'HO-2023-0002',
    country: { typed: 'Fran', option: 'France' },
    head: 'Stéphane Romatet',
    search: 'stephane',
    t: {
      finalize: 'Finalize',
      finalized: 'Finalized',
      void: 'Void',
      required: 'Required',
      exceed: 'Boys and girls together exceed the number of children',
    },
  },
];

describe.each(flows)('recording a handover in $tag', (flow) => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(flow.lang);
  });

  it('shows translated errors beside the fields and saves nothing', async () => {
    await page.getByTestId('new-handover').click();
    await page.locator('input[name="childrenCount"]').fill('2');
    await page.locator('input[name="boysCount"]').fill('3');
    await page.getByTestId('save').click();
    await page.getByTestId('form-error').waitFor();
    const text = await page.locator('form').innerText();
    expect(text).toContain(flow.t.required);
    expect(text).toContain(flow.t.exceed);
    expect(rows().filter((r) => r.ref === flow.ref)).toEqual([]);
  });

  it('creates a draft and opens its detail view', async () => {
    await page.locator('input[name="referenceNo"]').fill(flow.ref);
    await pickOption(page, page.getByTestId('receivingCountry'), flow.country.typed, flow.country.option);
    await page.locator('input[name="delegationHeadName"]').fill(flow.head);
    await page.locator('input[name="handingOfficialName"]').fill('Samer Hassan');
    await page.locator('input[name="womenCount"]').fill('18');
    await page.locator('input[name="childrenCount"]').fill('41');
    await page.locator('input[name="boysCount"]').fill('20');
    await page.locator('input[name="girlsCount"]').fill('21');
    await page.getByTestId('handoverDate').click();
    await page.keyboard.press('Escape');
    await screenshot(page, `recording-form-${flow.tag}`);
    await page.getByTestId('save').click();
    await page.getByTestId('status').waitFor();
    expect(rows().find((r) => r.ref === flow.ref)).toMatchObject({ status: 'draft', women: 18 });
  });

  it('attaches the scanned document, refusing a file that lies about its type', async () => {
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'fake-scan.pdf', mimeType: 'application/pdf', buffer: tinyPng() });
    await page.getByTestId('attachment-error').waitFor();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await page.getByTestId('attachments-table').getByText('scan.pdf').waitFor();
    // Shown and saved from the held file's URL (browser mode: /files/<id>?token=…): the bytes that were stored.
    await page.getByTestId('attachment-open').click();
    const frame = page.getByTestId('attachment-preview').locator('iframe');
    await frame.waitFor();
    const src = (await frame.getAttribute('src'))!;
    expect(src).toMatch(/^\.\/files\/[A-Za-z0-9_-]{22,64}\?token=[^&]+$/);
    const shown = await page.evaluate(async (u) => [...new Uint8Array(await (await fetch(u)).arrayBuffer())], src);
    expect(Buffer.from(shown).equals(tinyPdf())).toBe(true);
    await screenshot(page, `attachment-preview-${flow.tag}`);
    await page.keyboard.press('Escape');
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attachment-download').click()]);
    expect(saved.suggestedFilename()).toBe('scan.pdf');
    expect(readFileSync((await saved.path())!).equals(tinyPdf())).toBe(true);
    expect(
      (
        session.app.ctx.db.sqlite
          .prepare(
            'SELECT count(*) AS n FROM attachments a JOIN handovers h ON h.id = a.handover_id WHERE h.reference_no = ?',
          )
          .get(flow.ref) as { n: number }
      ).n,
    ).toBe(1);
  });

  it('finalizes the draft', async () => {
    await page.getByTestId('finalize').click();
    await page.getByTestId('confirm').click();
    await expect
      .poll(async () => (await page.getByTestId('status').innerText()).toLowerCase())
      .toBe(flow.t.finalized.toLowerCase());
    expect(await page.getByTestId('edit').count()).toBe(0);
    await page.getByTestId('version-1').waitFor();
  });

  it('amends it with a reason, keeping version 1 and showing the difference', async () => {
    await page.getByTestId('amend').click();
    await page.locator('input[name="womenCount"]').fill('19');
    await page.locator('textarea[name="reason"]').fill('Annex recount');
    await page.getByTestId('save').click();
    await page.getByTestId('version-2').waitFor();
    const diff = await page.getByTestId('version-diff').innerText();
    expect(diff).toMatch(/(18|١٨)[\s\S]*(19|١٩)/);
    expect(rows().find((r) => r.ref === flow.ref)).toMatchObject({ status: 'finalized', version: 2, women: 19 });
    await screenshot(page, `recording-detail-${flow.tag}`);
  });

  it('finds it by search the way people type, and by filter', async () => {
    await page.goto(url(`/handovers?q=${encodeURIComponent(flow.search)}`));
    const table = page.getByTestId('handover-table');
    await table.getByText(flow.ref).waitFor();
    expect(await table.getByRole('row').count()).toBe(2); // header + one
    await page.reload();
    await table.getByText(flow.ref).waitFor(); // the filter survives a reload
    await page.goto(url(`/handovers?status=void`));
    await page.getByTestId('list-count').waitFor();
    expect(await page.locator('main').innerText()).not.toContain(flow.ref);
    await screenshot(page, `recording-list-filtered-${flow.tag}`);
  });

  it('voids it with a reason; it stays in the records', async () => {
    await page.goto(url(`/handovers?q=${encodeURIComponent(flow.ref)}`));
    await page.getByTestId('handover-table').getByText(flow.ref).click();
    await page.getByTestId('void').click();
    await page.getByTestId('void-reason').fill('Recorded twice');
    await page.getByTestId('confirm').click();
    await page.getByTestId('void-banner').waitFor();
    expect((await page.getByTestId('status').innerText()).toLowerCase()).toBe(flow.t.void.toLowerCase());
    expect(rows().find((r) => r.ref === flow.ref)).toMatchObject({ status: 'void', version: 2 });
    await page.close();
  });
});

describe('the manifest', () => {
  it('is edited as a table, masks names until asked, and blocks finalizing while counts disagree', async () => {
    const h = createHandover(
      session.app.ctx,
      localCaller('e2e'),
      handoverFields.parse(
        kyrgyzHandover({ referenceNo: 'HO-2023-0050', womenCount: 1, childrenCount: 2, boysCount: 0, girlsCount: 0 }),
      ),
    );
    const page = await openPage('English');
    await page.goto(url(`/handovers/${h.id}`));
    await page.getByTestId('edit-manifest').click();
    await page.locator('input[name="p0-ar"]').fill('مريم أحمد');
    await page.locator('input[name="p0-latin"]').fill('Maryam Ahmad');
    await page.getByTestId('manifest-editor').getByLabel('Category').first().click();
    await page.getByRole('option', { name: 'Woman', exact: true }).click();
    await page.getByTestId('add-person').click();
    await page.locator('input[name="p1-latin"]').fill('Yusuf');
    await screenshot(page, 'recording-manifest-editor-en');
    await page.getByTestId('save-manifest').click();
    const table = page.getByTestId('manifest-table');
    await table.waitFor();
    expect(await table.innerText()).not.toContain('Maryam Ahmad');
    await page.getByTestId('reveal-names').click();
    expect(await table.innerText()).toContain('Maryam Ahmad');
    await page.getByTestId('finalize').click();
    await page.getByTestId('confirm').click();
    const error = await page.getByTestId('lifecycle-error').innerText();
    expect(error).toContain('Children: 2 in the handover, 1 in the manifest');
    await screenshot(page, 'recording-manifest-mismatch-en');
    expect(rows().find((r) => r.ref === 'HO-2023-0050')).toMatchObject({ status: 'draft' });
    await page.close();
  });
});

describe('the list', () => {
  it('sorts by a column, both ways, through the URL', async () => {
    const page = await openPage('English');
    await page.goto(url(`/handovers`));
    await page.getByTestId('sort-referenceNo').click();
    await expect.poll(() => page.url()).toContain('sort=referenceNo');
    const first = async () =>
      (await page.getByTestId('handover-table').getByRole('row').nth(1).innerText()).split('\n')[0];
    // References in this file: HO-2023-0001, HO-2023-0002 and HO-2023-0050; the first click sorts descending.
    await expect.poll(first).toBe('HO-2023-0050');
    await page.getByTestId('sort-referenceNo').click();
    await expect.poll(() => page.url()).toContain('dir=asc');
    await expect.poll(first).toBe('HO-2023-0001');
    await screenshot(page, 'recording-list-en');
    // The list's export is a held file too: the download is the canonical sheet of the records shown.
    const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(sheet.suggestedFilename()).toMatch(/^handovers-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await sheet.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFreference_no,')).toBe(true);
    expect(csv).toContain('HO-2023-0050');
    await page.close();
  });

  it('raised no page errors', () => {
    expect(session.errors).toEqual([]);
  });
});
