import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/services/import/service';
import { localCaller } from '../../electron/services/context';
import { useBrowserSession } from '../support/browser-session';
import { screenshot, setLanguage } from '../support/ui';
import type { RunningApp } from '../support/web-app';

let app: RunningApp;
let page: Page;
const session = useBrowserSession();

/** The public record as an office compiles it: one protocol named in full, two with gaps, one month-only date. */
const SHEET = [
  'reference_no,handover_date,receiving_country,delegation_head_name,handing_official_name,camp_of_origin,women_count,children_count,source',
  'HO-2023-0001,16/02/2023,قرغيزستان,أرسلان توكوبايف,سامر حسن,الهول,18,41,ANHA 2023-02-16',
  'HO-2023-0002,كانون الثاني 2023,فرنسا,ستيفان روماتيه,,,15,32,ANHA 2023-01-24',
  'HO-2019-0001,2019,كازاخستان,,,,12,40,MFA KZ statement',
].join('\n');

const idOf = (ref: string) =>
  (app.ctx.db.sqlite.prepare('SELECT id FROM handovers WHERE reference_no = ?').get(ref) as { id: string }).id;
const rows = () => page.locator('[data-testid="handover-table"] [role="row"][aria-rowindex]');

beforeAll(async () => {
  app = session.app;
  const r = await importFile(app.ctx, localCaller('e2e'), { name: 'history.csv', data: Buffer.from(SHEET, 'utf8') });
  expect(r.counts.new).toBe(3);
  page = await session.open('English', { width: 1360, height: 900 });
});

describe('records with honest gaps', () => {
  it('the list marks incomplete records, says "not recorded", and filters by completeness', async () => {
    await page.goto(session.url('/handovers'));
    await expect.poll(() => rows().count()).toBe(3);
    expect(await page.getByTestId('incomplete-badge').count()).toBe(2);
    expect(await page.getByTestId('not-recorded').count()).toBeGreaterThanOrEqual(3);
    const list = await page.getByTestId('handover-table').innerText();
    expect(list).toContain('not recorded');
    expect(list).toContain('January 2023');
    expect(list).not.toContain('1 January 2023');
    await screenshot(page, 'history-list-en');

    await page.goto(session.url('/handovers?complete=incomplete'));
    await expect.poll(() => rows().count()).toBe(2);
    expect(await page.getByTestId('handover-table').innerText()).not.toContain('HO-2023-0001');
    await page.goto(session.url('/handovers?complete=complete'));
    await expect.poll(() => rows().count()).toBe(1);
    expect(await page.getByTestId('handover-table').innerText()).toContain('HO-2023-0001');
    // Through the control itself, too.
    await page.getByTestId('filter-completeness').click();
    await page.getByRole('option', { name: 'Incomplete', exact: true }).click();
    await expect.poll(() => rows().count()).toBe(2);
  });

  it('the detail page says what is not recorded, and the report is refused with an offer to amend', async () => {
    await page.goto(session.url(`/handovers/${idOf('HO-2019-0001')}`));
    await page.getByTestId('incomplete-banner').waitFor();
    expect(await page.getByTestId('detail-date').innerText()).toBe('2019');
    expect(await page.getByTestId('not-recorded').count()).toBe(3); // head, official, camp
    expect(await page.getByTestId('provenance').innerText()).toContain('history.csv, row 4');
    const offer = page.getByTestId('report-incomplete');
    expect(await offer.innerText()).toContain('Not recorded');
    await page.getByTestId('export-pdf').last().click();
    const message = page.getByTestId('report-message');
    await message.waitFor();
    expect(await message.innerText()).toContain('Head of delegation');
    await screenshot(page, 'history-detail-en');
    await page.getByTestId('complete-record').click();
    await page.waitForURL(/\/amend$/);
    expect(session.errors).toEqual([]);
  });

  it('reads the same in Arabic, mirrored', async () => {
    await page.goto(session.url('/handovers'));
    await setLanguage(page, 'العربية');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => rows().count()).toBe(3);
    expect(await page.getByTestId('handover-table').innerText()).toContain('غير مسجَّل');
    await screenshot(page, 'history-list-ar');
    await page.goto(session.url(`/handovers/${idOf('HO-2023-0002')}`));
    await page.getByTestId('incomplete-banner').waitFor();
    expect(await page.getByTestId('detail-date').innerText()).toBe('كانون الثاني ٢٠٢٣'); // the month only, in the UI's digits
    await screenshot(page, 'history-detail-ar');
    expect(session.errors).toEqual([]);
  });
});
