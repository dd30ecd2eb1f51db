import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/services/app-context';
import { localCaller } from '../../electron/services/context';
import { importFile } from '../../electron/services/import/service';
import { testApp } from '../support/context';
import { testUnlock } from '../support/keys';

const root = join(import.meta.dirname, '../..');
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tasleem-history-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tasleem = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/tasleem.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TASLEEM_DB: '' },
  });

/**
 * An office's history sheet as such sheets are compiled from statements and news reports: Arabic headers, country
 * names as the press writes them (قرغيزستان, كازخستان, روسيا الاتحادية), month names, Arabic-Indic digits, a month-only
 * and a year-only date, and gaps: most rows name no handing official, some no head of delegation and no camp. Each
 * row says where it comes from. The first row is the seed article's Kyrgyz handover.
 */
const HEADER = [
  'الرقم المرجعي',
  'التاريخ',
  'الدولة',
  'رئيس الوفد',
  'المسؤول المسلم',
  'المخيم',
  'النساء',
  'الأطفال',
  'الرجال',
  'source',
];
const ROWS = [
  ['HO-2023-0001', '16 شباط 2023', 'قرغيزستان', 'أرسلان توكوبايف', '', 'الهول', '١٨', '٤١', '', 'ANHA 2023-02-16'],
  ['HO-2023-0002', 'كانون الثاني 2023', 'فرنسا', 'ستيفان روماتيه', '', '', '15', '32', '', 'ANHA 2023-01-24'],
  ['HO-2019-0001', '2019', 'كازخستان', '', '', '', '12', '40', '33', 'MFA KZ statement'],
  ['HO-2021-0001', 'آذار 2021', 'روسيا الاتحادية', '', 'سامر حسن', 'روج', '5', '9', '', ''],
  ['HO-2020-0001', '٢٠٢٠-١٠', 'هولندا', 'Jan de Vries', 'ليلى محمد', 'روج', '2', '3', '0', 'NOS 2020-10'],
];

/**
 * What `tasleem totals --json` must print for that sheet, worked out by hand from the rows above. Only HO-2020-0001
 * names both parties and the camp (the handing authority is the office's, from its settings): four are incomplete.
 */
const row = (
  country: string,
  handovers: number,
  women: number,
  children: number,
  men: number,
  d: [string, string],
) => ({
  country,
  handovers,
  women,
  children,
  men,
  persons: women + children + men,
  boys: 0,
  girls: 0,
  unaccompanied: 0,
  first: d[0],
  last: d[1],
});
const EXPECTED = {
  countries: [
    row('FR', 1, 15, 32, 0, ['2023-01-01', '2023-01-01']),
    row('KG', 1, 18, 41, 0, ['2023-02-16', '2023-02-16']),
    row('KZ', 1, 12, 40, 33, ['2019-01-01', '2019-01-01']),
    row('NL', 1, 2, 3, 0, ['2020-10-01', '2020-10-01']),
    row('RU', 1, 5, 9, 0, ['2021-03-01', '2021-03-01']),
  ],
  sum: { ...row('', 5, 52, 125, 33, ['2019-01-01', '2023-02-16']), country: undefined },
  incomplete: 4,
};

const csvText = () => Papa.unparse([HEADER, ...ROWS]);
async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('history').addRows([HEADER, ...ROWS]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const FILES: [string, () => Buffer | Promise<Buffer>][] = [
  ['history.csv', () => Buffer.from(csvText(), 'utf8')],
  // Windows-1256 has no Arabic-Indic digits: such files carry 0-9.
  [
    'history-1256.csv',
    () =>
      iconv.encode(
        csvText()
          .replace(/,/g, ';')
          .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660)),
        'windows-1256',
      ),
  ],
  ['history.xlsx', xlsx],
];

describe('an office history sheet, with its gaps, as written', () => {
  it.each(FILES)(
    "%s: `tasleem import` takes every row and `totals --json` prints exactly the sheet's figures",
    async (name, make) => {
      const db = join(dir, `${name}.db`);
      const file = join(dir, name);
      writeFileSync(file, await make());
      expect(tasleem('--db', db, 'init').status).toBe(0);
      const imported = tasleem('--db', db, 'import', file, '--json');
      expect(imported.status, imported.stderr + imported.stdout).toBe(0);
      const report = JSON.parse(imported.stdout);
      expect(report.counts).toMatchObject({ rows: 5, new: 5, rejected: 0 });

      const out = tasleem('--db', db, 'totals', '--json');
      expect(out.status, out.stderr).toBe(0);
      const totals = JSON.parse(out.stdout);
      expect(totals.sum).toEqual(JSON.parse(JSON.stringify(EXPECTED.sum)));
      expect([...totals.countries].sort((a, b) => a.country.localeCompare(b.country))).toEqual(EXPECTED.countries);
      expect(totals.incomplete).toBe(EXPECTED.incomplete);

      // Stored as written: precision kept, gaps left empty (never a placeholder), provenance kept.
      const ctx = createAppContext({ dataDir: dir, dbFile: db, mode: 'cli', unlock: testUnlock() });
      const stored = ctx.db.sqlite
        .prepare(
          `SELECT reference_no AS ref, handover_date AS date, date_precision AS p, delegation_head_name AS head,
            handing_official_name AS official, camp, camp_other AS campOther, source_note AS note, source_file AS file,
            source_row AS line, status FROM handovers ORDER BY 1`,
        )
        .all();
      ctx.db.close();
      expect(stored).toEqual([
        {
          ref: 'HO-2019-0001',
          date: '2019-01-01',
          p: 'year',
          head: '',
          official: '',
          camp: 'other',
          campOther: '',
          note: 'MFA KZ statement',
          file: name,
          line: 4,
          status: 'finalized',
        },
        {
          ref: 'HO-2020-0001',
          date: '2020-10-01',
          p: 'month',
          head: 'Jan de Vries',
          official: 'ليلى محمد',
          camp: 'roj',
          campOther: '',
          note: 'NOS 2020-10',
          file: name,
          line: 6,
          status: 'finalized',
        },
        {
          ref: 'HO-2021-0001',
          date: '2021-03-01',
          p: 'month',
          head: '',
          official: 'سامر حسن',
          camp: 'roj',
          campOther: '',
          note: null,
          file: name,
          line: 5,
          status: 'finalized',
        },
        {
          ref: 'HO-2023-0001',
          date: '2023-02-16',
          p: null,
          head: 'أرسلان توكوبايف',
          official: '',
          camp: 'al_hol',
          campOther: '',
          note: 'ANHA 2023-02-16',
          file: name,
          line: 2,
          status: 'finalized',
        },
        {
          ref: 'HO-2023-0002',
          date: '2023-01-01',
          p: 'month',
          head: 'ستيفان روماتيه',
          official: '',
          camp: 'other',
          campOther: '',
          note: 'ANHA 2023-01-24',
          file: name,
          line: 3,
          status: 'finalized',
        },
      ]);
    },
    180_000,
  );

  it('--as-draft still works: the rows are drafts and the totals count none of them unless asked', () => {
    const db = join(dir, 'drafts.db');
    const file = join(dir, 'drafts.csv');
    writeFileSync(file, csvText());
    expect(tasleem('--db', db, 'import', file, '--as-draft', '--json').status).toBe(0);
    expect(JSON.parse(tasleem('--db', db, 'totals', '--json').stdout).sum.handovers).toBe(0);
    const withDrafts = JSON.parse(tasleem('--db', db, 'totals', '--json', '--include-drafts').stdout);
    expect(withDrafts.sum).toMatchObject({ handovers: 5, women: 52, children: 125 });
    expect(withDrafts.incomplete).toBe(4);
  }, 120_000);
});

describe('a sheet that lacks the counts the totals need', () => {
  it('refuses each such row with a translated reason naming the column, and changes nothing', async () => {
    const app = testApp();
    try {
      const sheet = Papa.unparse([
        ['reference_no', 'handover_date', 'receiving_country', 'women_count', 'children_count'],
        ['HO-1', '2019', 'KZ', '', ''],
        ['HO-2', '2020-10', 'NL', '2', ''],
        ['HO-3', 'March 2021', 'RU', '', '٩'],
      ]);
      const before = app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
      const r = await importFile(app.ctx, app.caller, { name: 'counts.csv', data: Buffer.from(sheet) });
      expect(r.counts).toMatchObject({ new: 0, rejected: 3 });
      expect(r.rows.map((o) => [o.line, o.reasons.map((x) => `${x.column}:${x.key}`)])).toEqual([
        [2, ['women_count:validation.required', 'children_count:validation.required']],
        [3, ['children_count:validation.required']],
        [4, ['women_count:validation.required']],
      ]);
      expect(app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM handovers').get()).toEqual({ n: 0 });
      expect(app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
      // The CLI says it in words (the English catalog), row by row.
      const file = join(dir, 'counts.csv');
      writeFileSync(file, sheet);
      const cli = tasleem('--db', join(dir, 'counts.db'), 'import', file);
      const english = (await import('../../renderer/src/i18n/locales/en/core.json')).default as {
        validation: Record<string, string>;
      };
      expect(cli.stdout).toContain(`line 2\tHO-1\trejected\twomen_count: ${english.validation.required}`);
    } finally {
      app.close();
    }
  }, 120_000);
});

describe('the seed article', () => {
  it('the Kyrgyz row as the article writes it imports and totals to 18 women and 41 children', async () => {
    const app = testApp();
    try {
      await importFile(app.ctx, localCaller('t'), {
        name: 'seed.csv',
        data: Buffer.from(Papa.unparse([HEADER, ROWS[0]]), 'utf8'),
      });
      const totals = await app.must('totals:get', {});
      expect(totals.countries).toMatchObject([{ country: 'KG', women: 18, children: 41, handovers: 1 }]);
      expect(totals.incomplete).toBe(1);
    } finally {
      app.close();
    }
  });
});
