// The signed report: warm time of one export (data, template, fonts, QR, print, placeholder, signature, audit) as a
// ratio to Chromium printing a bare A4 page (target ≤ 2×) and to Chromium printing the same finished HTML (the
// pipeline's own overhead; aim ≤ 1.3×). All three on the same warm Chromium, interleaved, medians.
import { dispatch } from '../../electron/api/dispatch';
import { createPlaywrightPrinter } from '../../electron/services/pdf/playwright-printer';
import { buildReportHtml } from '../../electron/services/report/report';
import { getHandover } from '../../electron/services/handovers';
import { ensureIdentity } from '../../electron/services/signing/identity';
import { kyrgyzHandover, testApp } from '../support/context';
import { samplePng } from '../support/signature-png';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const BARE = '<!doctype html><html><head><meta charset="utf-8"><style>@page { size: A4; margin: 14mm }</style></head><body></body></html>';

const app = testApp();
const printer = createPlaywrightPrinter();
app.ctx.pdf = printer;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

try {
  const d = await app.must('handovers:create', { data: kyrgyzHandover() });
  await app.must('report:sign', { handoverId: d.id, role: 'handing_official', signerName: 'سامر حسن', pngBase64: samplePng(1) });
  await app.must('report:sign', { handoverId: d.id, role: 'delegation_head', signerName: 'Arslan Tokobaev', pngBase64: samplePng(2) });
  await app.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
  const row = ensureIdentity(app.ctx, app.caller);
  const digital = { subject: row.subject, issuer: '', fingerprint: row.fingerprint, at: new Date().toISOString() };
  const { html } = await buildReportHtml(app.ctx, getHandover(app.ctx, d.id), { digital });

  const exportOnce = async () => {
    const r = await dispatch(app.ctx, app.caller, 'report:export', { handoverId: d.id });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  };
  // Warm-up: launch Chromium, load fonts, JIT the signing path.
  for (let i = 0; i < 2; i++) {
    await printer.htmlToPdf(BARE);
    await printer.htmlToPdf(html);
    await exportOnce();
  }
  const bare: number[] = [];
  const same: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(await time(() => printer.htmlToPdf(BARE)));
    same.push(await time(() => printer.htmlToPdf(html)));
    full.push(await time(exportOnce));
  }
  const [b, s, f] = [median(bare), median(same), median(full)];
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`signed report, warm (median of ${ROUNDS}): ${ms(f)}`);
  console.log(`  baseline: Chromium printing a bare A4 page: ${ms(b)}  → ratio ${(f / b).toFixed(2)}× (target ≤ 2×)`);
  console.log(`  baseline: Chromium printing the same finished HTML (${(html.length / 1024).toFixed(0)} KB): ${ms(s)}  → ratio ${(f / s).toFixed(2)}× (aim ≤ 1.3×)`);
} finally {
  await printer.close();
  app.close();
}
