import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAMPS } from '../../electron/api/domain/handover';
import { afterAll, describe, expect, it } from 'vitest';
import { addUpByCountry, countedFields } from '../support/naive-totals';
import { openDatabase } from '../../db/open';
import type { CountryTotals, TotalsFilter } from '../../electron/api/domain/totals';
import { countRecorded, countryTotals, periodTotals, sumCountryTotals } from '../../db/queries/totals';
import type { AppContext } from '../../electron/services/context';
import { localCaller } from '../../electron/services/context';
import { createHandover, updateHandover } from '../../electron/services/handovers';
import { amendHandover, finalizeHandover, voidHandover } from '../../electron/services/lifecycle';
import { testKeyStore } from '../support/keys';

/**
 * The SQL aggregate against a naive reducer over what the records *should* hold after a random history of
 * edits, finalizations, amendments and voids. Records go through the real services, so amendments leave their
 * earlier versions in handover_versions exactly as the app does; only the current content may count.
 */
const dir = mkdtempSync(join(tmpdir(), 'tasleem-prop-'));
const keys = testKeyStore(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COUNTRIES = ['KG', 'FR', 'XK', 'DE', 'RU', 'KZ'];
const DAY0 = Date.UTC(2019, 0, 1);
const isoDay = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);

const content = fc
  .record({
    country: fc.constantFrom(...COUNTRIES),
    day: fc.integer({ min: 0, max: 2200 }),
    camp: fc.constantFrom(...CAMPS),
    women: fc.integer({ min: 0, max: 40 }),
    children: fc.integer({ min: 0, max: 60 }),
    men: fc.integer({ min: 0, max: 5 }),
    boysShare: fc.double({ min: 0, max: 1, noNaN: true }),
    girlsShare: fc.double({ min: 0, max: 1, noNaN: true }),
    unaccShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((c) => {
    const boys = Math.floor(c.children * c.boysShare);
    const girls = Math.floor((c.children - boys) * c.girlsShare);
    return {
      country: c.country,
      date: isoDay(c.day),
      camp: c.camp,
      women: c.women + c.children + c.men === 0 ? 1 : c.women,
      children: c.children,
      boys,
      girls,
      unaccompanied: Math.floor(c.children * c.unaccShare),
      men: c.men,
    };
  });
type Content = typeof content extends fc.Arbitrary<infer T> ? T : never;

const op = fc.oneof(
  fc.constant({ kind: 'finalize' as const }),
  fc.constant({ kind: 'void' as const }),
  content.map((c) => ({ kind: 'change' as const, content: c })),
);
const history = fc.record({ initial: content, ops: fc.array(op, { maxLength: 4 }) });

const filterArb = fc
  .record({
    a: fc.option(fc.integer({ min: -30, max: 2300 }), { nil: undefined }),
    b: fc.option(fc.integer({ min: -30, max: 2300 }), { nil: undefined }),
    camps: fc.subarray([...CAMPS]),
    includeDrafts: fc.boolean(),
  })
  .map(({ a, b, camps, includeDrafts }): TotalsFilter => {
    const [lo, hi] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
    return {
      from: lo === undefined ? undefined : isoDay(lo),
      to: hi === undefined ? undefined : isoDay(hi),
      camps,
      statuses: includeDrafts ? ['finalized', 'draft'] : ['finalized'],
    };
  });

const fields = (c: Content, i: number) => countedFields(c, `P-${i}`);

interface Model {
  status: 'draft' | 'finalized' | 'void';
  content: Content;
}

/** Plays a history through the services and returns what the record must hold at the end. */
function play(ctx: AppContext, i: number, h: { initial: Content; ops: { kind: string; content?: Content }[] }): Model {
  const caller = localCaller('prop');
  let row = createHandover(ctx, caller, fields(h.initial, i));
  const model: Model = { status: 'draft', content: h.initial };
  for (const o of h.ops) {
    if (model.status === 'void') break;
    if (o.kind === 'finalize' && model.status === 'draft') {
      row = finalizeHandover(ctx, caller, row.id, row.revision);
      model.status = 'finalized';
    } else if (o.kind === 'void') {
      row = voidHandover(ctx, caller, row.id, row.revision, 'test');
      model.status = 'void';
    } else if (o.kind === 'change' && o.content) {
      if (JSON.stringify(o.content) === JSON.stringify(model.content)) continue; // an amendment must change something
      row =
        model.status === 'draft'
          ? updateHandover(ctx, caller, row.id, row.revision, fields(o.content, i))
          : amendHandover(ctx, caller, row.id, row.revision, fields(o.content, i), 'correction');
      model.content = o.content;
    }
  }
  return model;
}

function naive(models: Model[], f: TotalsFilter): CountryTotals[] {
  return addUpByCountry(
    models
      .filter(
        ({ status, content: c }) =>
          status !== 'void' &&
          f.statuses.includes(status) &&
          !(f.from && c.date < f.from) &&
          !(f.to && c.date > f.to) &&
          !(f.camps?.length && !f.camps.includes(c.camp)),
      )
      .map((m) => m.content),
  );
}

let run = 0;
describe('countryTotals (property)', () => {
  it('equals a naive reducer over the current content, whatever the history', () => {
    fc.assert(
      fc.property(
        fc.array(history, { maxLength: 14 }),
        fc.array(filterArb, { minLength: 1, maxLength: 4 }),
        (histories, filters) => {
          const dbFile = join(dir, `p${run++}.db`);
          const db = openDatabase(dbFile, { key: keys.dbKey });
          try {
            const ctx: AppContext = { db, dbFile, keys, dataDir: dir, mode: 'cli', now: () => new Date() };
            const models = histories.map((h, i) => play(ctx, i, h));
            for (const f of filters) {
              const expected = naive(models, f);
              const actual = countryTotals(db.orm, f);
              expect(actual).toEqual(expected);
              const sum = sumCountryTotals(actual);
              expect(sum.persons).toBe(expected.reduce((s, r) => s + r.persons, 0));
              expect(sum.handovers).toBe(
                models.filter(
                  (m) =>
                    m.status !== 'void' &&
                    f.statuses.includes(m.status) &&
                    (!f.from || m.content.date >= f.from) &&
                    (!f.to || m.content.date <= f.to) &&
                    (!f.camps?.length || f.camps.includes(m.content.camp)),
                ).length,
              );
              const years = periodTotals(db.orm, f, 'year');
              expect(years.reduce((s, p) => s + p.persons, 0)).toBe(sum.persons);
              expect(years.reduce((s, p) => s + p.handovers, 0)).toBe(sum.handovers);
            }
            expect(countRecorded(db.orm)).toBe(models.filter((m) => m.status !== 'void').length);
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
