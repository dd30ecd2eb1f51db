import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchWalksIndex } from '../../db/queries/handovers';
import { frenchHandover, kyrgyzHandover, testApp, type TestApp } from '../support/context';

let app: TestApp;
beforeEach(() => (app = testApp()));
afterEach(() => app.close());

const count = () => (app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n;

describe('handovers through dispatch', () => {
  it('creates, reads back, updates and lists a handover', async () => {
    const created = await app.must('handovers:create', { data: kyrgyzHandover() });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // UUIDv7
    expect(created).toMatchObject({
      referenceNo: 'HO-2023-0001',
      receivingCountry: 'KG',
      womenCount: 18,
      childrenCount: 41,
      status: 'draft',
      createdBy: 'tester',
    });
    const got = await app.must('handovers:get', { id: created.id });
    expect(got).toEqual(created);
    const updated = await app.must('handovers:update', {
      id: created.id,
      expectedRevision: created.revision,
      data: kyrgyzHandover({ notes: 'annex attached' }),
    });
    expect(updated.revision).toBe(created.revision + 1);
    await app.must('handovers:create', { data: frenchHandover() });
    const list = await app.must('handovers:list', {});
    expect(await app.must('handovers:summary', {})).toEqual({
      handovers: 2,
      women: 33,
      children: 73,
      men: 0,
      persons: 106,
    });
    expect(await app.must('handovers:summary', { countries: ['FR'] })).toEqual({
      handovers: 1,
      women: 15,
      children: 32,
      men: 0,
      persons: 47,
    });
    expect(await app.call('handovers:summary', { from: '2024-01-01', to: '2023-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(list.rows.map((r) => r.referenceNo)).toEqual(['HO-2023-0001', 'HO-2023-0002']); // newest date first
  });

  it('accepts Kosovo as XK', async () => {
    const h = await app.must('handovers:create', {
      data: kyrgyzHandover({ receivingCountry: 'XK', referenceNo: 'HO-2019-0001' }),
    });
    expect(h.receivingCountry).toBe('XK');
  });

  it('suggests the next free reference number of the year', async () => {
    expect((await app.must('handovers:suggestReference', { year: 2023 })).referenceNo).toBe('HO-2023-0001');
    await app.must('handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-2023-0007' }) });
    expect((await app.must('handovers:suggestReference', { year: 2023 })).referenceNo).toBe('HO-2023-0008');
    expect((await app.must('handovers:suggestReference', { year: 2024 })).referenceNo).toBe('HO-2024-0001');
  });

  it('refuses a duplicate reference number and stores nothing', async () => {
    await app.must('handovers:create', { data: kyrgyzHandover() });
    const r = await app.call('handovers:create', { data: frenchHandover({ referenceNo: 'HO-2023-0001' }) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('DUPLICATE_REFERENCE');
      expect(r.error.details?.issues).toEqual([{ path: 'referenceNo', key: 'duplicate_reference' }]);
    }
    expect(count()).toBe(1);
  });
});

describe('invalid payloads are refused with a code and change nothing', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['negative count', { womenCount: -1 }, 'data.womenCount', 'negative'],
    ['fractional count', { childrenCount: 2.5 }, 'data.childrenCount', 'not_integer'],
    ['huge count', { menCount: 10_000_000 }, 'data.menCount', 'too_large'],
    ['count as string', { womenCount: '18' }, 'data.womenCount', 'not_a_number'],
    [
      'split above children',
      { childrenCount: 3, boysCount: 2, girlsCount: 2 },
      'data.boysCount',
      'split_exceeds_children',
    ],
    [
      'unaccompanied above children',
      { childrenCount: 1, boysCount: 0, girlsCount: 0, unaccompaniedCount: 2 },
      'data.unaccompaniedCount',
      'unaccompanied_exceeds_children',
    ],
    ['unknown country', { receivingCountry: 'ZZ' }, 'data.receivingCountry', 'unknown_country'],
    ['lower-case country', { receivingCountry: 'fr' }, 'data.receivingCountry', 'unknown_country'],
    ['impossible date', { handoverDate: '2023-02-30' }, 'data.handoverDate', 'invalid_date'],
    ['not a date', { handoverDate: '16/02/2023' }, 'data.handoverDate', 'invalid_date'],
    ['empty head of delegation', { delegationHeadName: '   ' }, 'data.delegationHeadName', 'required'],
    ['oversized notes', { notes: 'x'.repeat(5001) }, 'data.notes', 'too_long'],
    ['bad reference', { referenceNo: 'HO 2023 1' }, 'data.referenceNo', 'invalid_reference'],
    [
      'nobody handed over',
      { womenCount: 0, childrenCount: 0, boysCount: 0, girlsCount: 0, menCount: 0 },
      'data.womenCount',
      'no_persons',
    ],
    ['unknown field', { hacked: true }, 'data', 'unknown_field'],
  ];
  it.each(cases)('%s', async (_name, patch, path, key) => {
    const r = await app.call('handovers:create', { data: { ...kyrgyzHandover(), ...patch } as never });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.details?.issues).toContainEqual({ path, key });
    }
    expect(count()).toBe(0);
  });

  it('refuses an unknown channel', async () => {
    const r = await app.call('handovers:drop' as never, {} as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses a malformed id and an unknown id', async () => {
    expect(await app.call('handovers:get', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('handovers:get', { id: '01890000-0000-7000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('CHECK constraints hold even when validation is bypassed', () => {
  const base = {
    id: 'x',
    reference_no: 'R1',
    handover_date: '2023-02-16',
    receiving_country: 'KG',
    delegation_head_name: 'A',
    handing_authority: 'B',
    handing_official_name: 'C',
    camp: 'roj',
    created_at: 'now',
    created_by: 't',
    updated_at: 'now',
    updated_by: 't',
  };
  const insert = (over: Record<string, unknown>) => {
    const row = { ...base, ...over };
    const cols = Object.keys(row);
    return app.ctx.db.sqlite
      .prepare(`INSERT INTO handovers (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`)
      .run(row);
  };
  it.each([
    [{ women_count: -1 }],
    [{ children_count: 1.5 }],
    [{ children_count: 'three' }],
    [{ children_count: 1, boys_count: 1, girls_count: 1 }],
    [{ children_count: 1, unaccompanied_count: 2 }],
    [{ receiving_country: 'kg' }],
    [{ camp: 'elsewhere' }],
    [{ status: 'deleted' }],
    [{ handover_date: '16/02/2023' }],
  ])('%o', (over) => {
    expect(() => insert(over)).toThrow(/CHECK constraint failed/);
  });
  it('accepts a sound row', () => {
    expect(insert({ women_count: 1 }).changes).toBe(1);
  });
});

describe('full-text search', () => {
  beforeEach(async () => {
    await app.must('handovers:create', {
      data: kyrgyzHandover({ delegationHeadName: 'أرسلان توكوباييف', notes: 'سلّمت الأمّ موافقتها' }),
    });
    await app.must('handovers:create', { data: frenchHandover() });
  });
  const refs = async (search: string) => (await app.must('handovers:list', { search })).rows.map((r) => r.referenceNo);
  it.each([
    ['ارسلان', ['HO-2023-0001']],
    ['أرسلان', ['HO-2023-0001']],
    ['موافقتها', ['HO-2023-0001']],
    ['الام', ['HO-2023-0001']],
    ['stephane', ['HO-2023-0002']],
    ['STÉPH', ['HO-2023-0002']],
    ['HO-2023-0002', ['HO-2023-0002']],
    ['romatet affaires', ['HO-2023-0002']],
    ['nobody', []],
  ])('%s', async (q, expected) => {
    expect(await refs(q)).toEqual(expected);
  });
  it('follows an update of the record', async () => {
    const [row] = (await app.must('handovers:list', { search: 'stephane' })).rows;
    const h = await app.must('handovers:get', { id: row.id });
    await app.must('handovers:update', {
      id: h.id,
      expectedRevision: h.revision,
      data: frenchHandover({ delegationHeadName: 'Laurent Nuñez' }),
    });
    expect(await refs('stephane')).toEqual([]);
    expect(await refs('nunez')).toEqual(['HO-2023-0002']);
  });
});

describe('keyset paging', () => {
  it('walks every sort column in both directions page by page after the last row, as by offset', async () => {
    // Ties on purpose (same date, country, camp, persons), so the id decides the order inside a tie.
    for (let i = 0; i < 23; i++)
      await app.must('handovers:create', {
        data: kyrgyzHandover({
          referenceNo: `HO-2023-${String(100 + ((i * 7) % 23)).padStart(4, '0')}`,
          handoverDate: `2023-0${1 + (i % 3)}-1${i % 2}`,
          womenCount: 10 + (i % 4),
          delegationHeadName: ['Arslan', 'Aida', 'Bekova'][i % 3],
          camp: i % 2 ? 'roj' : 'al_hol',
        }),
      });
    const sorts = [
      'referenceNo',
      'handoverDate',
      'receivingCountry',
      'delegationHeadName',
      'camp',
      'status',
      'persons',
    ] as const;
    for (const sort of sorts)
      for (const direction of ['asc', 'desc'] as const) {
        const q = { sort, direction, limit: 5 } as const;
        const byOffset = (await app.must('handovers:list', { ...q, limit: 100 })).rows.map((r) => r.id);
        const walked: string[] = [];
        let after: { value: string | number; id: string } | undefined;
        for (;;) {
          const { rows } = await app.must('handovers:list', { ...q, ...(after ? { after } : {}) });
          walked.push(...rows.map((r) => r.id));
          const last = rows.at(-1);
          if (rows.length < 5 || !last) break;
          const value = sort === 'persons' ? last.womenCount + last.childrenCount + last.menCount : last[sort];
          after = { value, id: last.id };
        }
        expect(walked, `${sort} ${direction}`).toEqual(byOffset);
        expect(walked).toHaveLength(23);
      }
  });
  it('pages a frequent search by walking the sort index in the same order as sorting every match', async () => {
    // 9 of 27 records match "Zarina" (prefix: "zari"), with ties in every sort column.
    for (let i = 0; i < 27; i++)
      await app.must('handovers:create', {
        data: kyrgyzHandover({
          referenceNo: `HO-2023-${String(100 + ((i * 7) % 27)).padStart(4, '0')}`,
          handoverDate: `2023-0${1 + (i % 2)}-1${i % 2}`,
          receivingCountry: ['KG', 'FR'][i % 2],
          delegationHeadName: i % 3 ? `Bekova ${i}` : `Zarina ${i}`,
          camp: i % 4 ? 'roj' : 'al_hol',
        }),
      });
    // An update moves the record to a new search row: the companion table follows it (migration 0012).
    const [moved] = (await app.must('handovers:list', { search: 'zarina 3' })).rows;
    const h = await app.must('handovers:get', { id: moved.id });
    await app.must('handovers:update', {
      id: h.id,
      expectedRevision: h.revision,
      data: kyrgyzHandover({
        referenceNo: h.referenceNo,
        handoverDate: h.handoverDate,
        receivingCountry: h.receivingCountry,
        camp: h.camp,
        delegationHeadName: 'Zarina Osmonova',
      }),
    });
    const sqlite = app.ctx.db.sqlite;
    const paired = `SELECT count(*) FROM handover_search_rows r JOIN handover_search s ON s.rowid = r.search_rowid
      AND s.handover_id = r.handover_id`;
    expect(sqlite.prepare(paired).pluck().get()).toBe(27);
    expect(sqlite.prepare('SELECT count(*) FROM handover_search').pluck().get()).toBe(27);
    const orm = app.ctx.db.orm;
    // 9² > 27 × 2: pages of 2 walk the index; pages of 100 (and a name in one record) are sorted from the matches.
    expect(searchWalksIndex(orm, { search: 'zari', sort: 'handoverDate', limit: 2 })).toBe(true);
    expect(searchWalksIndex(orm, { search: 'zari', sort: 'handoverDate', limit: 100 })).toBe(false);
    expect(searchWalksIndex(orm, { search: 'zarina 3', sort: 'handoverDate', limit: 2 })).toBe(false);
    expect(searchWalksIndex(orm, { search: 'zari', sort: 'persons', limit: 2 })).toBe(false);
    for (const sort of ['handoverDate', 'referenceNo', 'receivingCountry'] as const)
      for (const direction of ['asc', 'desc'] as const) {
        const q = { search: 'zari', sort, direction } as const;
        const sorted = (await app.must('handovers:list', { ...q, limit: 100 })).rows.map((r) => r.id);
        const walked: string[] = [];
        let after: { value: string | number; id: string } | undefined;
        for (;;) {
          const { rows } = await app.must('handovers:list', { ...q, limit: 2, ...(after ? { after } : {}) });
          walked.push(...rows.map((r) => r.id));
          const last = rows.at(-1);
          if (rows.length < 2 || !last) break;
          after = { value: last[sort], id: last.id };
        }
        expect(walked, `${sort} ${direction}`).toEqual(sorted);
        expect(walked).toHaveLength(9);
        const second = (await app.must('handovers:list', { ...q, limit: 2, offset: 2 })).rows.map((r) => r.id);
        expect(second).toEqual(sorted.slice(2, 4));
      }
  });
  it('refuses a malformed cursor', async () => {
    const r = await app.call('handovers:list', { after: { value: { x: 1 } as unknown as number, id: 'a' } });
    expect(r.ok ? null : r.error.code).toBe('VALIDATION');
  });
});
