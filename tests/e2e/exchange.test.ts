import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCaller } from '../../electron/services/context';
import { exportBundle, importBundle } from '../../electron/services/exchange/merge';
import { addOffice, initOffice } from '../../electron/services/exchange/office';
import { launchChromium } from '../support/chromium';
import { frenchHandover } from '../support/context';
import { screenshot } from '../support/ui';
import { signIn } from '../support/accounts';
import { startApp, type RunningApp } from '../support/web-app';
import { dispatch } from '../../electron/handlers/dispatch';

// Two offices: Qamishli (driven through its services) and Hasakah (the browser shows it).
let qamishli: RunningApp;
let hasakah: RunningApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const caller = localCaller('e2e');
const must = async (app: RunningApp, channel: string, input: unknown) => {
  const r = await dispatch(app.ctx, caller, channel, input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as { id: string; revision: number };
};

beforeAll(async () => {
  qamishli = await startApp();
  hasakah = await startApp();
  const q = initOffice(qamishli.ctx, caller, 'Qamishli');
  const h = initOffice(hasakah.ctx, caller, 'الحسكة');
  addOffice(qamishli.ctx, caller, h);
  addOffice(hasakah.ctx, caller, q);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(hasakah.web.url);
  await signIn(page, hasakah.admin);
});
afterAll(async () => {
  await browser?.close();
  await qamishli?.stop();
  await hasakah?.stop();
});

describe('office exchange in the app', () => {
  it('receives a bundle and shows a conflict side by side, overwriting nothing', async () => {
    let f = await must(qamishli, 'handovers:create', { data: frenchHandover() });
    f = await must(qamishli, 'handovers:finalize', { id: f.id, expectedRevision: f.revision });
    const hasakahId = (await must(hasakah, 'io:office', {})).id;
    importBundle(hasakah.ctx, caller, exportBundle(qamishli.ctx, caller, hasakahId).data);
    // Both offices amend the same handover, differently.
    await must(qamishli, 'handovers:amend', {
      id: f.id,
      expectedRevision: f.revision,
      reason: 'recount',
      data: frenchHandover({ womenCount: 16 }),
    });
    const fh = await must(hasakah, 'handovers:get', { id: f.id });
    await must(hasakah, 'handovers:amend', {
      id: f.id,
      expectedRevision: fh.revision,
      reason: 'recount',
      data: frenchHandover({ womenCount: 14 }),
    });
    const bundle = exportBundle(qamishli.ctx, caller, hasakahId);

    await page.goto(`${hasakah.web.url.split('?')[0]}#/import`);
    await page.getByTestId('tab-exchange').click();
    await page.getByTestId('office-info').waitFor();
    expect(await page.getByTestId('office-info').innerText()).toContain('الحسكة');
    await page
      .getByTestId('bundle-file')
      .setInputFiles({ name: bundle.fileName, mimeType: 'application/json', buffer: bundle.data });
    await page.getByTestId('bundle-report').waitFor();
    expect(await page.getByTestId('bundle-conflict').innerText()).toContain('١');
    const side = await page.getByTestId('bundle-report').getByTestId('side-by-side').innerText();
    expect(side).toContain('النساء');
    expect(side).toMatch(/14\s+16/);
    await page.getByTestId('pending-conflicts').waitFor();
    await screenshot(page, 'exchange-conflict-ar');
    expect(((await must(hasakah, 'handovers:get', { id: f.id })) as unknown as { womenCount: number }).womenCount).toBe(
      14,
    );
  });

  it('a tampered bundle is refused with a clear message', async () => {
    const hasakahId = (await must(hasakah, 'io:office', {})).id;
    const file = JSON.parse(exportBundle(qamishli.ctx, caller, hasakahId).data.toString());
    file.header.records = 99;
    await page
      .getByTestId('bundle-file')
      .setInputFiles({ name: 'x.tasleem', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByTestId('exchange-error').waitFor();
    expect(await page.getByTestId('exchange-error').innerText()).toContain('توقيع الملف غير مطابق');
  });

  it('sends a bundle to another office from the app', async () => {
    await page.getByTestId('bundle-to').click();
    await page.getByRole('option', { name: 'Qamishli' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bundle-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^tasleem-.*-to-Qamishli-\d{4}-\d{2}-\d{2}\.tasleem$/);
    const data = readFileSync((await download.path())!);
    const report = importBundle(qamishli.ctx, caller, data);
    // Qamishli gets Hasakah's amendment as a conflict of its own: each office decides on its side.
    expect(report.counts).toMatchObject({ conflict: 1, new: 0 });
    // The office card is a held file as well: the very card Qamishli adds.
    const [card] = await Promise.all([page.waitForEvent('download'), page.getByTestId('office-card').click()]);
    expect(card.suggestedFilename()).toBe('الحسكة.tasleem-office.json');
    const own = (await must(hasakah, 'io:office', {})) as unknown as { card: string };
    expect(readFileSync((await card.path())!, 'utf8')).toBe(own.card);
    expect(errors).toEqual([]);
  });

  it('imports a bundle the desktop app was opened with (double-click, second launch) and shows its report', async () => {
    // What electron/main/main.ts does on 'second-instance' or 'open-file': queue the path, show the exchange tab.
    const dir = mkdtempSync(join(tmpdir(), 'tasleem-opened-'));
    try {
      const hasakahId = (await must(hasakah, 'io:office', {})).id;
      await must(qamishli, 'handovers:create', { data: frenchHandover({ referenceNo: 'HO-2023-0300' }) }).then((h) =>
        must(qamishli, 'handovers:finalize', { id: h.id, expectedRevision: h.revision }),
      );
      const bundle = exportBundle(qamishli.ctx, caller, hasakahId);
      const file = join(dir, bundle.fileName);
      writeFileSync(file, bundle.data);
      hasakah.ctx.openedBundles = [file];
      await page.goto(`${hasakah.web.url.split('?')[0]}#/handovers`);
      await page.evaluate(() => (location.hash = '#/import?tab=exchange&opened=1'));
      await page.getByTestId('bundle-report').waitFor();
      expect(await page.getByTestId('bundle-new').innerText()).toMatch(/1|١/);
      expect(hasakah.ctx.openedBundles).toEqual([]);
      await screenshot(page, 'exchange-opened-bundle-ar');
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
