import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/handlers/dispatch';
import { localCaller } from '../../electron/services/context';
import { filesOf } from '../../electron/services/files/store';
import { exportBundle, importBundle } from '../../electron/services/exchange/merge';
import { addOffice, initOffice } from '../../electron/services/exchange/office';
import { useBrowserSession } from '../support/browser-session';
import { frenchHandover, kyrgyzHandover } from '../support/context';
import { join } from 'node:path';
import { screenshot as capture, SCREENSHOTS, setLanguage } from '../support/ui';
import { startApp, type RunningApp } from '../support/web-app';

// Hasakah is shown in the browser; Qamishli, the other office, is driven through its services.
const session = useBrowserSession();
let qamishli: RunningApp;
let page: Page;
const caller = localCaller('e2e');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
type Row = { id: string; revision: number; version: number; womenCount: number; notes: string };
const must = async (ctx: RunningApp['ctx'], channel: string, input: unknown) => {
  const r = await dispatch(ctx, caller, channel, input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as Row;
};
let french: Row;
let kyrgyz: Row;

beforeAll(async () => {
  qamishli = await startApp();
  const hasakah = session.app.ctx;
  const q = initOffice(qamishli.ctx, caller, 'Qamishli');
  addOffice(qamishli.ctx, caller, initOffice(hasakah, caller, 'الحسكة'));
  addOffice(hasakah, caller, q);
  // Two handovers travel to Hasakah, then each office amends both differently: two conflicts wait there.
  for (const data of [frenchHandover(), kyrgyzHandover()]) {
    const h = await must(qamishli.ctx, 'handovers:create', { data });
    await must(qamishli.ctx, 'handovers:finalize', { id: h.id, expectedRevision: h.revision });
  }
  const to = (await must(hasakah, 'io:office', {})).id;
  importBundle(hasakah, caller, exportBundle(qamishli.ctx, caller, to).data);
  const ids = (await dispatch(qamishli.ctx, caller, 'handovers:list', {})) as { ok: true; value: { rows: Row[] } };
  [french, kyrgyz] = ['HO-2023-0002', 'HO-2023-0001'].map((ref) =>
    ids.value.rows.find((r) => (r as unknown as { referenceNo: string }).referenceNo === ref)!,
  );
  const amend = async (ctx: RunningApp['ctx'], id: string, data: unknown) => {
    const h = await must(ctx, 'handovers:get', { id });
    await must(ctx, 'handovers:amend', { id, expectedRevision: h.revision, reason: 'recount', data });
  };
  await amend(qamishli.ctx, french.id, frenchHandover({ womenCount: 16, notes: 'Recounted at the Semalka crossing' }));
  await must(qamishli.ctx, 'attachments:add', {
    handoverId: french.id,
    fileId: filesOf(qamishli.ctx).admitBytes(PDF, 'attachment', caller.actor, 'signed-protocol.pdf').fileId,
  });
  await amend(hasakah, french.id, frenchHandover({ womenCount: 14 }));
  await amend(qamishli.ctx, kyrgyz.id, kyrgyzHandover({ delegationHeadName: 'Arslan Tokobayev' }));
  await amend(hasakah, kyrgyz.id, kyrgyzHandover({ location: 'Tal Kocher' }));
  expect(importBundle(hasakah, caller, exportBundle(qamishli.ctx, caller, to).data).counts.conflict).toBe(2);
  page = await session.open(undefined, { width: 1280, height: 1000 });
});
afterAll(async () => {
  await qamishli?.stop();
});

/** From the top of the page, so the shell's fixed header is drawn where it belongs in a full-page capture. */
const screenshot = async (p: Page, name: string) => {
  await p.evaluate(() => window.scrollTo(0, 0));
  return capture(p, name);
};

/** A dialog: what the screen shows (the overlay covers the viewport only, so a full-page capture would mislead). */
const screenshotDialog = async (p: Page, name: string) => {
  // After the opening transition: overlay and dialog fully drawn.
  await p.waitForFunction(() =>
    [...document.querySelectorAll('.mantine-Modal-content, .mantine-Modal-overlay')].every(
      (e) => getComputedStyle(e).opacity === '1',
    ),
  );
  await p.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
};

const openExchange = async () => {
  await page.goto(session.url('/import'));
  await page.getByTestId('tab-exchange').click();
  await page.getByTestId('office-info').waitFor();
};

describe('resolving exchange conflicts in the app', () => {
  it("takes the other office's version after a confirmation (Arabic); the detail page shows the new version", async () => {
    // The detail page is visited first, so its queries are cached: the decision must refresh them.
    await page.goto(session.url(`/handovers/${french.id}`));
    await page.getByTestId('version-2').waitFor();
    await openExchange();
    const card = page.getByTestId('conflict-HO-2023-0002');
    await card.waitFor();
    expect(await page.getByTestId('pending-conflicts').getByTestId('side-by-side').count()).toBe(2);
    expect(await card.getByTestId('side-by-side').innerText()).toMatch(/النساء\s+14\s+16/);
    expect(await card.innerText()).toContain('Qamishli');
    // Without a note neither decision can be taken.
    expect(await card.getByTestId('take-incoming').isDisabled()).toBe(true);
    expect(await card.getByTestId('keep-local').isDisabled()).toBe(true);
    await card.getByTestId('conflict-note').fill('عدّ قامشلي على المعبر هو الصحيح');
    await screenshot(page, 'exchange-conflicts-ar');
    await card.getByTestId('take-incoming').click();
    await page.getByTestId('conflict-confirm-text').waitFor();
    expect(await page.getByTestId('conflict-confirm-text').innerText()).toContain('Qamishli');
    await screenshotDialog(page, 'exchange-conflict-confirm-ar');
    await page.getByTestId('conflict-confirm').click();
    await page.getByTestId('conflict-decided').waitFor();
    expect(await page.getByTestId('conflict-decided').innerText()).toContain('HO-2023-0002');
    await card.waitFor({ state: 'detached' });
    expect(await page.getByTestId('conflict-HO-2023-0001').count()).toBe(1);

    const h = await must(session.app.ctx, 'handovers:get', { id: french.id });
    expect(h).toMatchObject({ version: 3, womenCount: 16, notes: 'Recounted at the Semalka crossing' });
    // Same single-page app, no reload: the detail shows version 3 with the note as its reason, and the PDF.
    await page.evaluate((id) => {
      window.location.hash = `#/handovers/${id}`;
    }, french.id);
    await page.getByTestId('version-3').waitFor();
    expect(await page.getByTestId('version-3').innerText()).toContain('عدّ قامشلي على المعبر هو الصحيح');
    expect(await page.getByText('signed-protocol.pdf').count()).toBeGreaterThan(0);
  });

  it("keeps this office's version (English); the list of conflicts empties", async () => {
    await openExchange();
    await setLanguage(page, 'English');
    const card = page.getByTestId('conflict-HO-2023-0001');
    await card.waitFor();
    expect(await card.getByTestId('side-by-side').innerText()).toMatch(
      /Head of delegation\s+Arslan Tokobaev\s+Arslan Tokobayev/,
    );
    await card.getByTestId('conflict-note').fill('The passport spelling is Tokobaev');
    await screenshot(page, 'exchange-conflicts-en');
    await card.getByTestId('keep-local').click();
    await page.getByTestId('conflict-confirm-text').waitFor();
    expect(await page.getByTestId('conflict-confirm-text').innerText()).toContain('Keep this office');
    await screenshotDialog(page, 'exchange-conflict-confirm-en');
    await page.getByTestId('conflict-confirm').click();
    await page.getByTestId('conflict-decided').waitFor();
    expect(await page.getByTestId('conflict-decided').innerText()).toBe(
      "HO-2023-0001: this office's version was kept.",
    );
    await page.getByTestId('pending-conflicts').waitFor({ state: 'detached' });
    await screenshot(page, 'exchange-conflict-decided-en');
    expect(await must(session.app.ctx, 'handovers:get', { id: kyrgyz.id })).toMatchObject({
      version: 2,
      delegationHeadName: 'Arslan Tokobaev',
      location: 'Tal Kocher',
    });
    expect(session.errors).toEqual([]);
  });
});
