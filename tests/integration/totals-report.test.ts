import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { frenchHandover, kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { heldBytes } from '../support/files';
import { flipOneByte, pdfsig, pdftotext } from '../support/report-tools';

let app: TestApp;
beforeEach(async () => {
  app = testApp();
  for (const data of [
    kyrgyzHandover(),
    frenchHandover(),
    kyrgyzHandover({
      referenceNo: 'HO-2023-0003',
      receivingCountry: 'XK',
      womenCount: 2,
      childrenCount: 5,
      boysCount: 0,
      girlsCount: 0,
    }),
  ]) {
    const d = await app.must('handovers:create', { data });
    await app.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
  }
});
afterEach(() => app.close());

const compact = (s: string) => s.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

describe('totals as a signed PDF', () => {
  it('is signed over the whole file and shows the countries and figures of the filter', async () => {
    const file = await app.must('totals:export', {
      filter: { from: '2023-01-01', to: '2023-12-31' },
      format: 'pdf',
      locale: 'ar',
    });
    expect(file.fileName).toBe('tasleem-totals-2023-01-01_2023-12-31.pdf');
    const pdf = heldBytes(app.ctx, file);
    const sig = pdfsig(pdf);
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
    expect(pdfsig(flipOneByte(pdf))).toContain('Digest Mismatch');
    const text = pdftotext(pdf);
    expect(text).toContain('Kyrgyzstan');
    expect(text).toContain('France');
    expect(text).toContain('Kosovo');
    // Kyrgyzstan 18 + 41 = 59 persons; the sum of the three is 59 + 47 + 7 = 113 (Arabic-Indic digits in Arabic).
    expect(compact(text)).toContain('٥٩');
    expect(compact(text)).toContain('١١٣');
    const history = app.ctx.db.sqlite
      .prepare("SELECT action, details FROM audit_log WHERE action = 'totals.report'")
      .all() as { details: string }[];
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0].details).fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is verified by the CLI as authentic, and a changed copy is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tasleem-totals-pdf-'));
    try {
      const pdf = heldBytes(app.ctx, await app.must('totals:export', { filter: {}, format: 'pdf', locale: 'ku' }));
      writeFileSync(join(dir, 'good.pdf'), pdf);
      writeFileSync(join(dir, 'bad.pdf'), flipOneByte(pdf));
      const verify = (f: string) => {
        try {
          return {
            code: 0,
            out: execFileSync(
              process.execPath,
              [
                join(import.meta.dirname, '../../bin/tasleem.js'),
                '--db',
                app.ctx.db.sqlite.name,
                'verify',
                join(dir, f),
              ],
              { encoding: 'utf8', stdio: 'pipe' },
            ),
          };
        } catch (e) {
          return { code: (e as { status: number }).status, out: String((e as { stdout?: string }).stdout) };
        }
      };
      expect(verify('good.pdf').code).toBe(0);
      expect(verify('bad.pdf').code).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
