import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeFormula, toCsv, toXlsx, type Sheet } from '../../electron/services/export-sheets';
import type { HandoverFieldsInput } from '../../electron/api/schemas/handover';
import { frenchHandover, kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { heldBytes } from '../support/files';

let app: TestApp;
beforeEach(() => {
  app = testApp();
});
afterEach(() => app.close());

async function recordFinalized(data: HandoverFieldsInput) {
  const h = await app.must('handovers:create', { data });
  return app.must('handovers:finalize', { id: h.id, expectedRevision: h.revision });
}

const root = join(import.meta.dirname, '../..');
const tasleem = (db: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/tasleem.js'), '--db', db, 'totals', ...args], {
    encoding: 'utf8',
    env: { ...process.env, TASLEEM_DB: '' },
  });

describe('totals:get', () => {
  it('is empty on an empty database, and says nothing was recorded', async () => {
    const r = await app.must('totals:get', {});
    expect(r.countries).toEqual([]);
    expect(r.sum).toMatchObject({ handovers: 0, persons: 0, first: null, last: null });
    expect(r.recorded).toBe(0);
  });

  it('counts finalized records by default, drafts only when asked, void never', async () => {
    await recordFinalized(kyrgyzHandover());
    const fr = await app.must('handovers:create', { data: frenchHandover() });
    const de = await app.must('handovers:create', {
      data: kyrgyzHandover({
        referenceNo: 'HO-2023-0003',
        receivingCountry: 'DE',
        womenCount: 2,
        childrenCount: 3,
        boysCount: 1,
        girlsCount: 2,
        menCount: 1,
      }),
    });

    let r = await app.must('totals:get', {});
    expect(r.countries.map((c) => c.country)).toEqual(['KG']);
    expect(r.countries[0]).toMatchObject({
      handovers: 1,
      women: 18,
      children: 41,
      boys: 20,
      girls: 21,
      men: 0,
      persons: 59,
      first: '2023-02-16',
      last: '2023-02-16',
    });
    expect(r.recorded).toBe(3);

    r = await app.must('totals:get', { includeDrafts: true });
    expect(r.countries.map((c) => [c.country, c.persons])).toEqual([
      ['KG', 59],
      ['FR', 47],
      ['DE', 6],
    ]);
    expect(r.sum).toMatchObject({
      handovers: 3,
      women: 35,
      children: 76,
      men: 1,
      persons: 112,
      first: '2023-01-24',
      last: '2023-02-16',
    });

    await app.must('handovers:void', { id: fr.id, expectedRevision: fr.revision, reason: 'entered twice' });
    const deFinal = await app.must('handovers:finalize', { id: de.id, expectedRevision: de.revision });
    await app.must('handovers:void', { id: deFinal.id, expectedRevision: deFinal.revision, reason: 'wrong country' });
    r = await app.must('totals:get', { includeDrafts: true });
    expect(r.countries.map((c) => c.country)).toEqual(['KG']);
    expect(r.sum.persons).toBe(59);
    expect(r.recorded).toBe(1);
  });

  it('counts only the current version of an amended record', async () => {
    const kg = await recordFinalized(kyrgyzHandover());
    await app.must('handovers:amend', {
      id: kg.id,
      expectedRevision: kg.revision,
      data: kyrgyzHandover({ womenCount: 20, handoverDate: '2023-02-17' }),
      reason: 'count corrected',
    });
    const r = await app.must('totals:get', {});
    expect(r.countries).toHaveLength(1);
    expect(r.countries[0]).toMatchObject({ country: 'KG', handovers: 1, women: 20, persons: 61, first: '2023-02-17' });
  });

  it('filters by date range and camp; ties sort by country code', async () => {
    await recordFinalized(kyrgyzHandover());
    await recordFinalized(frenchHandover());
    await recordFinalized(
      kyrgyzHandover({
        referenceNo: 'HO-2024-0001',
        handoverDate: '2024-02-20',
        camp: 'roj',
        womenCount: 1,
        childrenCount: 0,
        boysCount: 0,
        girlsCount: 0,
      }),
    );
    await recordFinalized(
      kyrgyzHandover({
        referenceNo: 'HO-2024-0002',
        handoverDate: '2024-03-01',
        receivingCountry: 'XK',
        camp: 'roj',
        womenCount: 1,
        childrenCount: 0,
        boysCount: 0,
        girlsCount: 0,
      }),
    );

    expect(
      (await app.must('totals:get', { from: '2023-02-01', to: '2023-12-31' })).countries.map((c) => c.country),
    ).toEqual(['KG']);
    expect((await app.must('totals:get', { from: '2024-01-01' })).countries.map((c) => [c.country, c.persons])).toEqual(
      [
        ['KG', 1],
        ['XK', 1],
      ],
    );
    const roj = await app.must('totals:get', { camps: ['roj'] });
    expect(roj.countries.map((c) => [c.country, c.persons])).toEqual([
      ['FR', 47],
      ['KG', 1],
      ['XK', 1],
    ]);
    const all = await app.must('totals:get', {});
    expect(all.countries.find((c) => c.country === 'KG')).toMatchObject({
      handovers: 2,
      persons: 60,
      first: '2023-02-16',
      last: '2024-02-20',
    });
  });

  it('refuses inverted and malformed ranges and unknown camps with translatable keys', async () => {
    const inverted = await app.call('totals:get', { from: '2024-02-01', to: '2024-01-31' });
    expect(inverted.ok).toBe(false);
    if (!inverted.ok)
      expect(inverted.error).toMatchObject({
        code: 'VALIDATION',
        details: { issues: [{ path: 'to', key: 'inverted_range' }] },
      });
    const malformed = await app.call('totals:get', { from: '2024-02-30' });
    if (malformed.ok) throw new Error('accepted 30 February');
    expect(malformed.error.details?.issues).toEqual([{ path: 'from', key: 'invalid_date' }]);
    const word = await app.call('totals:get', { to: 'yesterday' });
    expect(!word.ok && word.error.details?.issues?.[0]).toEqual({ path: 'to', key: 'invalid_date' });
    const camp = await app.call('totals:get', { camps: ['atlantis' as never] });
    expect(!camp.ok && camp.error.details?.issues?.[0]).toEqual({ path: 'camps.0', key: 'unknown_camp' });
  });

  it('gives a timeline per month and per year', async () => {
    await recordFinalized(kyrgyzHandover());
    await recordFinalized(frenchHandover());
    await recordFinalized(kyrgyzHandover({ referenceNo: 'HO-2024-0001', handoverDate: '2024-02-20' }));
    const months = await app.must('totals:timeline', { filter: {}, granularity: 'month' });
    expect(months.periods).toEqual([
      { period: '2023-01', handovers: 1, persons: 47 },
      { period: '2023-02', handovers: 1, persons: 59 },
      { period: '2024-02', handovers: 1, persons: 59 },
    ]);
    const years = await app.must('totals:timeline', { filter: { from: '2023-02-01' }, granularity: 'year' });
    expect(years.periods).toEqual([
      { period: '2023', handovers: 1, persons: 59 },
      { period: '2024', handovers: 1, persons: 59 },
    ]);
  });
});

describe('totals:export', () => {
  it('writes CSV with a BOM and Arabic headers that parses back to the same figures', async () => {
    await recordFinalized(kyrgyzHandover());
    await recordFinalized(frenchHandover());
    const file = await app.must('totals:export', { filter: {}, format: 'csv', locale: 'ar' });
    expect(file.fileName).toMatch(/^tasleem-totals-.*\.csv$/);
    expect(file.mime).toContain('text/csv');
    const bytes = heldBytes(app.ctx, file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header.slice(0, 4)).toEqual(['رمز البلد', 'البلد', 'عمليات التسليم', 'النساء']);
    expect(rows.map((r) => [r[0], r[1], Number(r[9])])).toEqual([
      ['KG', 'قيرغيزستان', 59],
      ['FR', 'فرنسا', 47],
      ['', 'المجموع', 106],
    ]);
    expect(rows[2][10]).toBe('2023-01-24');
  });

  it('writes XLSX with numbers as numbers, right to left in Arabic', async () => {
    await recordFinalized(kyrgyzHandover());
    const file = await app.must('totals:export', { filter: { includeDrafts: true }, format: 'xlsx', locale: 'en' });
    expect(file.fileName).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(heldBytes(app.ctx, file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Totals');
    expect(ws.getRow(1).getCell(2).value).toBe('Country');
    expect(ws.getRow(2).getCell(1).value).toBe('KG');
    expect(ws.getRow(2).getCell(2).value).toBe('Kyrgyzstan');
    expect(ws.getRow(2).getCell(4).value).toBe(18);
    expect(ws.getRow(3).getCell(10).value).toBe(59);
    expect(ws.views[0].rightToLeft).toBe(false);
    const ar = await app.must('totals:export', { filter: {}, format: 'xlsx', locale: 'ar' });
    const wbAr = new ExcelJS.Workbook();
    await wbAr.xlsx.load(heldBytes(app.ctx, ar) as unknown as ArrayBuffer);
    expect(wbAr.worksheets[0].views[0].rightToLeft).toBe(true);
  });
});

describe('export-sheets formula escaping', () => {
  const nasty = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', 'plain', ' =not-first'];
  const sheet: Sheet = {
    name: 'Bad:/name*',
    columns: [{ header: '=header' }, { header: 'n' }],
    rows: nasty.map((s, i) => [s, -i]),
  };

  it('prefixes an apostrophe to text cells that start like a formula, leaves numbers alone', () => {
    expect(nasty.map(escapeFormula)).toEqual([
      '\'=HYPERLINK("http://x","y")',
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tTAB",
      "'\rCR",
      'plain',
      ' =not-first',
    ]);
    expect(escapeFormula(-5)).toBe(-5);
  });

  it('escapes in CSV', () => {
    const parsed = Papa.parse<string[]>(toCsv(sheet).toString('utf8').slice(1), { skipEmptyLines: true }).data;
    expect(parsed[0][0]).toBe("'=header");
    expect(parsed.slice(1).map((r) => r[0])).toEqual(nasty.map((s) => String(escapeFormula(s))));
    expect(parsed[3][1]).toBe('-2');
  });

  it('escapes in XLSX, where no cell becomes a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([sheet])) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Bad  name');
    const values = nasty.map((_, i) => ws.getRow(i + 2).getCell(1).value);
    // XML reads a stored carriage return back as a line feed; what matters is the apostrophe in front.
    expect(values).toEqual(nasty.map((s) => String(escapeFormula(s)).replace('\r', '\n')));
    expect(ws.getRow(4).getCell(2).value).toBe(-2);
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });
});

// Each run spawns the real entry point (tsx + a fresh database): seconds, not milliseconds.
describe('tasleem totals (CLI)', { timeout: 60_000 }, () => {
  it('prints an empty table on an empty database', () => {
    const r = tasleem(join(app.dir, 'cli-empty.db'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Country\s+Handovers\s+Women/);
    expect(r.stdout).toMatch(/Total\s+0\s+0/);
  });

  it('prints the documented JSON shape, a table and CSV', async () => {
    await recordFinalized(kyrgyzHandover());
    await recordFinalized(kyrgyzHandover({ referenceNo: 'HO-2024-0001', handoverDate: '2024-02-20', camp: 'roj' }));
    await recordFinalized(frenchHandover());
    await app.must('handovers:create', {
      data: kyrgyzHandover({ referenceNo: 'HO-2024-0002', receivingCountry: 'XK' }),
    });
    const db = app.ctx.db.sqlite.name;
    const json = tasleem(db, '--json');
    expect(json.status, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(Object.keys(out)).toEqual(['countries', 'sum', 'incomplete']);
    expect(out.countries[0]).toEqual({
      country: 'KG',
      handovers: 2,
      women: 36,
      children: 82,
      men: 0,
      persons: 118,
      first: '2023-02-16',
      last: '2024-02-20',
      boys: 40,
      girls: 42,
      unaccompanied: 0,
    });
    expect(out.countries.map((c: { country: string }) => c.country)).toEqual(['KG', 'FR']);
    expect(out.sum).toMatchObject({ handovers: 3, persons: 165, first: '2023-01-24', last: '2024-02-20' });

    const drafts = JSON.parse(
      tasleem(db, '--json', '--include-drafts', '--camp', 'al_hol', '--from', '2023-02-01').stdout,
    );
    expect(drafts.countries.map((c: { country: string; persons: number }) => [c.country, c.persons])).toEqual([
      ['KG', 59],
      ['XK', 59],
    ]);

    const table = tasleem(db);
    expect(table.stdout.split('\n')[2]).toMatch(/^KG\s+2\s+36\s+82/);
    const csv = tasleem(db, '--csv');
    expect(csv.stdout.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(csv.stdout.slice(1), { skipEmptyLines: true }).data;
    expect(rows.map((r) => r[0])).toEqual(['Country code', 'KG', 'FR', '']);
  });

  it('reports bad dates and unknown camps on stderr with a non-zero exit', () => {
    const db = join(app.dir, 'cli-bad.db');
    for (const args of [
      ['--from', '2024-13-01'],
      ['--from', '2024-02-01', '--to', '2024-01-01'],
      ['--camp', 'atlantis'],
      ['--to', '01/02/2024'],
    ]) {
      const r = tasleem(db, ...args);
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--(from|to|camp): (Not a valid date|The end date is before|Unknown camp)/);
    }
  });
});
