import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/handlers/dispatch';
import { localCaller } from '../../electron/services/context';
import { useBrowserSession } from '../support/browser-session';
import { kyrgyzHandover } from '../support/context';
import { flipOneByte, pdfsig } from '../support/report-tools';
import { SCREENSHOTS, screenshot } from '../support/ui';
import type { RunningApp } from '../support/web-app';

let app: RunningApp;
let page: Page;
let handoverId = '';
let signedPdf: Buffer;
const session = useBrowserSession();

beforeAll(async () => {
  app = session.app;
  const caller = localCaller('e2e');
  await dispatch(app.ctx, caller, 'settings:set', {
    patch: { requiredSigners: ['handing_official', 'delegation_head'] },
  });
  const created = await dispatch(app.ctx, caller, 'handovers:create', { data: kyrgyzHandover() });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  handoverId = (created.value as { id: string }).id;
  page = await session.open(undefined, { width: 1280, height: 1000 });
});

const base = () => app.web.url.split('?')[0];

/** A signature drawn with the mouse: a few strokes across the canvas. */
async function draw(canvas: Locator, seed: number) {
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i <= 30; i++) {
    await page.mouse.move(
      box.x + 30 + i * ((box.width - 60) / 30),
      box.y + box.height / 2 + Math.sin(i / (2 + seed)) * 50,
      { steps: 2 },
    );
  }
  await page.mouse.up();
}

async function sign(role: 'handing_official' | 'delegation_head', seed: number) {
  await page.getByTestId(`sign-${role}`).click();
  const canvas = page.getByTestId('signature-canvas');
  await canvas.waitFor();
  await page.waitForTimeout(100); // the pad attaches on the next animation frame
  await draw(canvas, seed);
  await page.getByTestId('save-signature').click();
  await canvas.waitFor({ state: 'detached' });
}

async function pickPdf(bytes: Buffer, name: string) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
  const verdict = page.getByTestId('verify-verdict');
  await verdict.waitFor();
  return verdict;
}

describe('report: sign on screen, finalize, export signed, verify', () => {
  it('refuses to finalize before the required signatures, then signs on the canvas and finalizes (Arabic UI)', async () => {
    await page.goto(`${base()}#/handovers/${handoverId}`);
    await page.getByTestId('report-panel').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByTestId('required-signatures').innerText()).toContain('ممثل الجهة المسلِّمة');

    await page.getByTestId('finalize').click();
    await page.getByTestId('confirm').click();
    expect(await page.getByTestId('lifecycle-error').innerText()).toContain('التواقيع اليدوية المطلوبة ناقصة');
    await page.keyboard.press('Escape');

    await sign('handing_official', 1);
    await sign('delegation_head', 2);
    const rows = page.getByTestId('signature-list').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await screenshot(page, 'report-panel-signed-ar');

    await page.getByTestId('finalize').click();
    await page.getByTestId('confirm').click();
    await expect.poll(() => page.getByTestId('report-state').innerText()).toBe('تُصدَّر موقّعة');
  });

  it('exports the signed PDF as a download that pdfsig accepts', async () => {
    const [dl] = (await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()])) as [
      Download,
      unknown,
    ];
    expect(dl.suggestedFilename()).toBe('HO-2023-0001.pdf');
    const path = await dl.path();
    const { readFileSync } = await import('node:fs');
    signedPdf = readFileSync(path);
    const out = pdfsig(signedPdf);
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Total document signed');
    await page.getByTestId('report-message').waitFor();

    // The preview is the PDF itself, from the app's authenticated URL: the same bytes as the download.
    const preview = page.getByTestId('report-preview');
    await preview.waitFor();
    const src = (await preview.getAttribute('src'))!;
    expect(src).toMatch(/^\.\/files\/[A-Za-z0-9_-]{22,}\?token=/);
    const shown = Buffer.from(
      await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())), src),
    );
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(shown)).toBe(sha(signedPdf));
    expect(await preview.getAttribute('data-sha256')).toBe(sha(signedPdf));
    expect(pdfsig(shown)).toContain('Signature is Valid.');
    // Another tab without this session's cookie gets nothing from the same URL.
    const stranger = await page.context().browser()!.newContext();
    try {
      const res = await stranger.request.get(new URL(src, base()).toString());
      expect(res.status()).toBe(401);
    } finally {
      await stranger.close();
    }
    await page.waitForTimeout(4000); // the PDF viewer draws the first page
    await screenshot(page, 'report-preview-ar');
    // A full-page capture resizes the window and blanks the PDF viewer's frame: the preview itself, as seen.
    await preview.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000);
    await preview.screenshot({ path: join(SCREENSHOTS, 'report-preview-pdf-ar.png') });

    // Save again: the same held file downloads again, byte for byte.
    const [again] = (await Promise.all([page.waitForEvent('download'), page.getByTestId('save-pdf').click()])) as [
      Download,
      unknown,
    ];
    expect(sha(readFileSync(await again.path()))).toBe(sha(signedPdf));
  });

  it('shows the preview in English too', async () => {
    await page.getByTestId('language-switcher').getByText('English', { exact: true }).click();
    const before = await page.getByTestId('report-preview').getAttribute('src');
    await page.getByTestId('export-pdf').click();
    await expect
      .poll(() => page.getByTestId('report-preview').getAttribute('src'), { timeout: 30_000 })
      .not.toBe(before);
    await page.waitForTimeout(4000);
    await screenshot(page, 'report-preview-en');
    await page.getByTestId('report-preview').scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000);
    await page.getByTestId('report-preview').screenshot({ path: join(SCREENSHOTS, 'report-preview-pdf-en.png') });
    await page.getByTestId('language-switcher').getByText('العربية', { exact: true }).click();
  });

  it('verify page: valid for the exported file, not authentic for a changed one (English UI)', async () => {
    await page.goto(`${base()}#/verify`);
    let verdict = await pickPdf(signedPdf, 'HO-2023-0001.pdf');
    expect(await verdict.getAttribute('data-authentic')).toBe('true');
    await screenshot(page, 'report-verify-valid-ar');

    await page.getByTestId('language-switcher').getByText('English', { exact: true }).click();
    await page.reload();
    verdict = await pickPdf(flipOneByte(signedPdf), 'tampered.pdf');
    await expect.poll(() => verdict.getAttribute('data-authentic')).toBe('false');
    expect(await page.getByTestId('verify-reasons').innerText()).toContain('The file was changed after it was signed.');
    await screenshot(page, 'report-verify-tampered-en');
    expect(session.errors).toEqual([]);
  });
});
