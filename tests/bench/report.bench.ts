// The signed report: warm time of one export through the app's pipeline (data, Typst, QR, placeholder, CMS
// signature, hash, audit entry committed, the file held for the page) against two baselines measured in the same run:
// - Chromium printing a bare A4 page (what the app did before was print HTML; target: report ≤ 0.5× that page);
// - LibreOffice converting the same protocol from .docx in a warm batch, when `soffice` is installed (target: the
//   report ≥ 3× faster). Medians of interleaved rounds.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { dispatch } from '../../electron/handlers/dispatch';
import { qrFile } from '../../electron/services/documents/pipeline';
import { typeset } from '../../electron/services/documents/typst';
import { getHandover } from '../../electron/services/handovers';
import { handoverDocumentFor } from '../../electron/services/report/report';
import { launchChromium } from '../support/chromium';
import { kyrgyzHandover, testApp } from '../support/context';
import { signedRecord } from '../support/signing';
import { protocolDocx } from './protocol-docx';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const BATCH = Number(process.env.BENCH_SOFFICE_BATCH ?? 10);
const BARE =
  '<!doctype html><html><head><meta charset="utf-8"><style>@page { size: A4; margin: 14mm }</style></head><body></body></html>';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** CPU time of this process (all its threads: Typst's too) spent in the last `time` call, in ms. */
let lastCpu = 0;
async function time(fn: () => unknown): Promise<number> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1000;
  return wall;
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const ms = (x: number) => `${x.toFixed(1)} ms`;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

const app = testApp();
const browser = await launchChromium();
const work = mkdtempSync(join(tmpdir(), 'tasleem-report-bench-'));
try {
  const page = await (await browser.newContext({ offline: true })).newPage();
  const printBare = async () => {
    await page.setContent(BARE, { waitUntil: 'load' });
    await page.pdf({ preferCSSPageSize: true, printBackground: true });
  };

  const d = await signedRecord(app, kyrgyzHandover({ delegationMembers: [{ name: 'Aida Bekova', title: 'Consul' }] }));
  const h = getHandover(app.ctx, d.id);
  const doc = handoverDocumentFor(app.ctx, h, { digital: { subject: 'Bench', fingerprint: '0'.repeat(64) } });

  const exportOnce = async () => {
    const r = await dispatch(app.ctx, app.caller, 'report:export', { handoverId: d.id });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  };
  // The audit head's fdatasync runs after the answer (KeyStore#setAuditHeadSoon): timed on its own, and waited for
  // before anything else is timed, so it never lands inside the next measurement (the bare page's included).
  const headFlush: number[] = [];
  const settleHead = async () => {
    const t0 = performance.now();
    const pending = app.ctx.keys.auditHeadUnflushed;
    await app.ctx.keys.auditHeadSettled();
    if (pending) headFlush.push(performance.now() - t0);
  };
  const files = { ...doc.files, ...(await qrFile(doc.mark)) };
  const typesetOnce = () => typeset(app.ctx, 'handover', doc.data, new Date(), files);

  // Warm-up: launch Chromium, create the Typst compiler (fonts parsed once), JIT the signing path.
  for (let i = 0; i < 3; i++) {
    await printBare();
    typesetOnce();
    await exportOnce();
    await settleHead();
  }
  headFlush.length = 0;
  const rssWarm = rssMb();
  const bare: number[] = [];
  const full: number[] = [];
  const fullCpu: number[] = [];
  const typst: number[] = [];
  const loadBefore = load();
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(await time(printBare));
    full.push(await time(exportOnce));
    fullCpu.push(lastCpu);
    await settleHead();
    typst.push(await time(typesetOnce));
  }
  // A record never exported before: nothing of its layout is in the compiler's cache yet.
  const fresh: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const n = await signedRecord(
      app,
      kyrgyzHandover({ referenceNo: `HO-2023-${String(100 + i).padStart(4, '0')}`, womenCount: 10 + i }),
    );
    fresh.push(
      await time(async () => {
        const r = await dispatch(app.ctx, app.caller, 'report:export', { handoverId: n.id });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
      }),
    );
    await settleHead();
  }
  // Memory over many documents: the compiler's cache is trimmed after each one.
  for (let i = 0; i < 100; i++) typesetOnce();
  const rssAfter = rssMb();

  const [b, f, t, n] = [median(bare), median(full), median(typst), median(fresh)];
  console.log(
    `signed report (the seed's Kyrgyz protocol, ${typesetOnce().pages} page), warm, median of ${ROUNDS}: ${ms(f)}`,
  );
  console.log(
    `  CPU of this process per export (median): ${ms(median(fullCpu))}; load average ${loadBefore} → ${load()}`,
  );
  console.log(`  of which Typst typesetting the PDF/A-2b: ${ms(t)}`);
  console.log(
    `  after the answer (not in the figure above): the audit head's fdatasync, ${ms(median(headFlush))} (median of ${headFlush.length})`,
  );
  console.log(`  baseline: Chromium printing a bare A4 page: ${ms(b)}  → ratio ${(f / b).toFixed(2)}× (target ≤ 0.5×)`);
  console.log(`  a record exported for the first time: ${ms(n)}  → ratio ${(n / b).toFixed(2)}× the bare page`);
  console.log(
    `  memory: RSS ${rssWarm.toFixed(0)} MB after warm-up, ${rssAfter.toFixed(0)} MB after ${ROUNDS * 2 + 100} more documents`,
  );

  const soffice = spawnSync('which', ['soffice'], { encoding: 'utf8' }).stdout.trim();
  if (!soffice) {
    console.log(
      '  LibreOffice ratio skipped: soffice is not on the PATH (apt-get install libreoffice-writer-nogui to measure it)',
    );
  } else {
    writeFileSync(
      join(work, 'p0.docx'),
      await protocolDocx(doc, await QRCode.toBuffer('TASLEEM:bench', { type: 'png', margin: 0 })),
    );
    for (let i = 1; i < BATCH; i++) copyFileSync(join(work, 'p0.docx'), join(work, `p${i}.docx`));
    const profile = `-env:UserInstallation=file://${join(work, 'profile')}`;
    const convert = (files: string[]) => {
      const r = spawnSync(
        soffice,
        [
          profile,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          join(work, 'out'),
          ...files.map((x) => join(work, x)),
        ],
        { encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
    };
    convert(['p0.docx']); // first start creates the profile
    const one: number[] = [];
    const many: number[] = [];
    for (let i = 0; i < 3; i++) {
      one.push(await time(() => convert(['p0.docx'])));
      many.push(await time(() => convert(Array.from({ length: BATCH }, (_, k) => `p${k}.docx`))));
    }
    // Per document in a warm batch: what one more document costs once the instance is up.
    const perDoc = (median(many) - median(one)) / (BATCH - 1);
    const loPages = spawnSync('pdfinfo', [join(work, 'out', 'p0.pdf')], { encoding: 'utf8' }).stdout.match(
      /Pages:\s+(\d+)/,
    )?.[1];
    console.log(
      `  baseline: LibreOffice ${soffice} converting the same protocol from .docx (${loPages} page(s)): ${ms(median(one))} started per file, ${ms(perDoc)} per document in a warm batch of ${BATCH}`,
    );
    console.log(
      `    → the signed report is ${(perDoc / f).toFixed(1)}× faster than the warm batch (target ≥ 3×), ${(median(one) / f).toFixed(0)}× faster than a start per file`,
    );
  }
} finally {
  await browser.close();
  app.close();
  rmSync(work, { recursive: true, force: true });
}
