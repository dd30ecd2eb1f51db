import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRows } from '../../db/queries/import';
import type { HandoverFieldsInput } from '../../electron/api/schemas/handover';
import { FIELD_OF_COLUMN, IMPORT_COLUMNS } from '../../electron/api/schemas/handover';
import { importFile } from '../../electron/services/import/service';
import { frenchHandover, kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { heldBytes } from '../support/files';

let a: TestApp;
let b: TestApp;
beforeEach(() => ((a = testApp()), (b = testApp())));
afterEach(() => (a.close(), b.close()));

const canonical = (app: TestApp) =>
  exportRows(app.ctx.db.orm, {}).map((h) => ({
    ...Object.fromEntries(IMPORT_COLUMNS.filter((c) => c !== 'camp_of_origin').map((c) => [c, h[FIELD_OF_COLUMN[c]]])),
    camp: h.camp,
    campOther: h.campOther,
  }));

async function roundTrip(format: 'csv' | 'xlsx') {
  const file = await a.must('io:export', { format });
  const report = await importFile(b.ctx, b.caller, { name: file.fileName, data: heldBytes(a.ctx, file) });
  return { file, report };
}

// Text a person might type: Arabic, Latin with accents, quotes, commas, semicolons, line breaks, formula starters.
const piece = fc.constantFrom(
  'سامر',
  'حسن',
  'Stéphane',
  'O’Brien',
  '"quoted"',
  'a,b',
  'x;y',
  '=SUM(A1)',
  '+1',
  '-',
  '@me',
  "'=typed",
  "''+2",
  "'quoted",
  'line\nbreak',
  'tab\there',
  'ملاحظة؛ مهمة',
  '١٢٣',
  'Kyrgyz',
);
const typed = (min: number) => fc.array(piece, { minLength: min, maxLength: 4 }).map((p) => p.join(' ').trim());
const record = fc.record({
  referenceNo: fc.integer({ min: 1, max: 999_999 }).map((n) => `HO-2023-${n}`),
  handoverDate: fc
    .date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  receivingCountry: fc.constantFrom('KG', 'FR', 'XK', 'DE', 'RU', 'KZ', 'NL', 'SE'),
  delegationHeadName: typed(1),
  delegationHeadTitle: typed(0),
  delegationBody: typed(0),
  handingAuthority: typed(1),
  handingOfficialName: typed(1),
  handingOfficialTitle: typed(0),
  location: typed(0),
  camp: fc.constantFrom('al_hol', 'roj', 'other') as fc.Arbitrary<'al_hol' | 'roj' | 'other'>,
  campOther: fc.constantFrom('Ain Issa', 'مخيم العريشة', 'Tal Abyad'),
  women: fc.integer({ min: 0, max: 200 }),
  boys: fc.integer({ min: 0, max: 50 }),
  girls: fc.integer({ min: 0, max: 50 }),
  extraChildren: fc.integer({ min: 0, max: 50 }),
  men: fc.integer({ min: 0, max: 40 }),
  notes: typed(0),
});
type Generated = typeof record extends fc.Arbitrary<infer T> ? T : never;
const toInput = (r: Generated): HandoverFieldsInput => ({
  referenceNo: r.referenceNo,
  handoverDate: r.handoverDate,
  receivingCountry: r.receivingCountry,
  delegationHeadName: r.delegationHeadName,
  delegationHeadTitle: r.delegationHeadTitle,
  delegationBody: r.delegationBody,
  handingAuthority: r.handingAuthority,
  handingOfficialName: r.handingOfficialName,
  handingOfficialTitle: r.handingOfficialTitle,
  location: r.location,
  camp: r.camp,
  campOther: r.camp === 'other' ? r.campOther : '',
  womenCount: r.women + 1,
  childrenCount: r.boys + r.girls + r.extraChildren,
  boysCount: r.boys,
  girlsCount: r.girls,
  unaccompaniedCount: Math.min(r.extraChildren, 3),
  menCount: r.men,
  notes: r.notes,
});

describe('export → import into an empty database reproduces the same records', () => {
  it.each(['csv', 'xlsx'] as const)(
    '%s: the sample handovers, finalized and draft, Kosovo, another camp',
    async (format) => {
      const k = await a.must('handovers:create', { data: kyrgyzHandover() });
      await a.must('handovers:finalize', { id: k.id, expectedRevision: k.revision });
      await a.must('handovers:create', {
        data: frenchHandover({ notes: 'Signed "handover document"; 24 January,\nQamishli' }),
      });
      await a.must('handovers:create', {
        data: kyrgyzHandover({
          referenceNo: 'HO-2023-0003',
          receivingCountry: 'XK',
          camp: 'other',
          campOther: 'Ain Issa',
          notes: '=HYPERLINK("http://x","y")',
        }),
      });
      const v = await a.must('handovers:create', {
        data: kyrgyzHandover({ referenceNo: 'HO-2023-0004', receivingCountry: 'DE' }),
      });
      await a.must('handovers:void', {
        id: v.id,
        expectedRevision: v.revision,
        reason: 'Entered twice; see HO-2023-0001',
      });
      const { file, report } = await roundTrip(format);
      if (format === 'csv') {
        const bytes = heldBytes(a.ctx, file);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(bytes.toString('utf8').split('\r\n')[0]).toBe(`\uFEFF${IMPORT_COLUMNS.join(',')}`);
      }
      expect(report.counts).toMatchObject({ rows: 4, new: 4, rejected: 0, conflict: 0 });
      expect(
        Object.fromEntries(
          canonical(b).map((h) => {
            const r = h as Record<string, unknown>;
            return [r.reference_no, [r.status, r.void_reason]];
          }),
        ),
      ).toEqual({
        'HO-2023-0001': ['finalized', null],
        'HO-2023-0002': ['draft', null],
        'HO-2023-0003': ['draft', null],
        'HO-2023-0004': ['void', 'Entered twice; see HO-2023-0001'],
      });
      expect(canonical(b)).toEqual(canonical(a));
      // …and importing the export back into the office it came from changes nothing.
      const home = await importFile(a.ctx, a.caller, { name: file.fileName, data: heldBytes(a.ctx, file) });
      expect(home.counts).toMatchObject({ unchanged: 4, new: 0, conflict: 0 });
    },
  );

  it.each(['csv', 'xlsx'] as const)(
    '%s: property over typed text, counts and dates',
    async (format) => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(record, { minLength: 1, maxLength: 6, selector: (r) => r.referenceNo }),
          async (records) => {
            // Handovers are never deleted (trigger): fresh databases for every run.
            a.close();
            b.close();
            a = testApp();
            b = testApp();
            for (const r of records) await a.must('handovers:create', { data: toInput(r) });
            const { report } = await roundTrip(format);
            expect(report.counts.new).toBe(records.length);
            expect(canonical(b)).toEqual(canonical(a));
          },
        ),
        { numRuns: 12 },
      );
    },
    120_000,
  );

  it('the filtered export writes only the matching records', async () => {
    await a.must('handovers:create', { data: kyrgyzHandover() });
    await a.must('handovers:create', { data: frenchHandover() });
    const file = await a.must('io:export', { format: 'csv', filter: { countries: ['FR'] } });
    const lines = heldBytes(a.ctx, file).toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^HO-2023-0002,2023-01-24,FR,/);
  });
});

describe('tasleem import / export (CLI)', () => {
  const root = join(import.meta.dirname, '../..');
  const tasleem = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin/tasleem.js'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, TASLEEM_DB: '' },
    });

  it('imports, reports rejected rows by line with exit 3, is idempotent, and exports what it imported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tasleem-cli-io-'));
    try {
      const db = join(dir, 'office.db');
      const sheet = join(dir, 'sheet.csv');
      writeFileSync(
        sheet,
        'reference_no;handover_date;receiving_country;delegation_head_name;handing_official_name;camp_of_origin;women_count;children_count\n' +
          'HO-1;16/02/2023;Kyrgyzstan;Arslan Tokobaev;سامر حسن;الهول;18;41\nHO-2;03/04/2023;Narnia;X;Y;roj;1;0\n',
      );
      const first = tasleem('--db', db, 'import', sheet);
      expect(first.status).toBe(3);
      expect(first.stdout).toContain('line 3\tHO-2\trejected\treceiving_country: Unknown country (“Narnia”)');
      expect(first.stdout).toContain('2 rows: 1 new, 0 already present, 0 conflicts, 1 rejected');
      const json = tasleem('--db', db, 'import', sheet, '--json', '--dry-run');
      expect(JSON.parse(json.stdout).counts).toMatchObject({ unchanged: 1, rejected: 1 });
      const out = join(dir, 'out.xlsx');
      expect(tasleem('--db', db, 'export', '--format', 'xlsx', '--out', out).status).toBe(0);
      const back = tasleem('--db', db, 'import', out);
      expect(back.status).toBe(0);
      expect(back.stdout).toContain('1 rows: 0 new, 1 already present');
      writeFileSync(sheet, '');
      const empty = tasleem('--db', db, 'import', sheet);
      expect(empty.status).toBe(1);
      expect(empty.stderr).toContain('BAD_FILE: The file is empty. Nothing was changed.');
      expect(tasleem('import', '--help').stdout).toContain('Exit status');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
