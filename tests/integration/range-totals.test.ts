import { afterAll, describe, expect, it } from 'vitest';
import { countryTotals, periodTotals, type TotalsFilter } from '../../db/queries/totals';
import { MANY } from '../../db/queries/range-totals';
import type { Db } from '../../db/open';
import { handoverFields } from '../../electron/api/schemas/handover';
import { databaseFile } from '../../electron/services/data-dir';
import { createHandover } from '../../electron/services/handovers';
import { finalizeHandover, voidHandover } from '../../electron/services/lifecycle';
import { kyrgyzHandover, testApp } from '../support/context';
import { openTestDb } from '../support/keys';

/**
 * Day-level ranges answered from the days held in memory (db/queries/range-totals.ts) against a GROUP BY over the
 * table: on a connection that holds nothing yet (every bucket read in one pass over the month summary) and on one that
 * holds them while records are added and voided (only the changed buckets read again).
 */
const COUNTRIES = ['KG', 'FR', 'DE', 'SE', 'NL', 'BE', 'FI', 'KZ', 'UZ', 'TJ'];
const app = testApp();
afterAll(() => app.close());

const plain = (db: Db, f: TotalsFilter) =>
  db.sqlite
    .prepare(
      `SELECT receiving_country AS country, count(*) AS handovers, sum(women_count) AS women, sum(children_count) AS children,
      sum(boys_count) AS boys, sum(girls_count) AS girls, sum(unaccompanied_count) AS unaccompanied, sum(men_count) AS men,
      sum(women_count + children_count + men_count) AS persons, min(handover_date) AS first, max(handover_date) AS last
      FROM handovers WHERE status IN (${f.statuses.map((s) => `'${s}'`).join(',')}) AND handover_date BETWEEN ? AND ?
      ${f.camps?.length ? `AND camp IN (${f.camps.map((c) => `'${c}'`).join(',')})` : ''}
      GROUP BY 1 ORDER BY persons DESC, country`,
    )
    .all(f.from ?? '0000', f.to ?? '9999');

const plainMonths = (db: Db, f: TotalsFilter) =>
  db.sqlite
    .prepare(
      `SELECT substr(handover_date, 1, 7) AS period, count(*) AS handovers, sum(women_count + children_count + men_count) AS persons
      FROM handovers WHERE status IN (${f.statuses.map((s) => `'${s}'`).join(',')}) AND handover_date BETWEEN ? AND ?
      ${f.camps?.length ? `AND camp IN (${f.camps.map((c) => `'${c}'`).join(',')})` : ''}
      GROUP BY 1 ORDER BY 1`,
    )
    .all(f.from ?? '0000', f.to ?? '9999');

const RANGES: TotalsFilter[] = [
  { statuses: ['finalized'], from: '2022-11-03', to: '2023-02-27' },
  { statuses: ['finalized', 'draft'], from: '2022-12-01', to: '2023-01-31' },
  { statuses: ['finalized', 'draft'], from: '2023-01-10', to: '2023-01-20', camps: ['roj'] },
  { statuses: ['draft'], to: '2023-01-15' },
  { statuses: ['finalized'], from: '2023-02-01' },
  { statuses: ['finalized'], from: '2024-01-01', to: '2024-12-31' },
];

const buckets = (db: Db, f: TotalsFilter) =>
  (
    db.sqlite
      .prepare(
        `SELECT count(*) AS n FROM handover_all_totals WHERE status IN (${f.statuses.map((s) => `'${s}'`).join(',')})`,
      )
      .get() as { n: number }
  ).n;

describe('day-level ranges from held days', () => {
  it('equal the table on a connection holding nothing and after writes on one holding the buckets', () => {
    const ids: { id: string; revision: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const day = new Date(Date.UTC(2022, 10, 1) + ((i * 37) % 120) * 86_400_000).toISOString().slice(0, 10);
      const h = createHandover(
        app.ctx,
        app.caller,
        handoverFields.parse(
          kyrgyzHandover({
            referenceNo: `R-${i}`,
            handoverDate: day,
            receivingCountry: COUNTRIES[i % COUNTRIES.length],
            camp: i % 3 ? 'al_hol' : 'roj',
            womenCount: 1 + (i % 5),
            childrenCount: 2 * (i % 4),
            boysCount: i % 4,
            girlsCount: i % 4,
            unaccompaniedCount: i % 2,
          }),
        ),
      );
      ids.push(i % 3 === 2 ? h : finalizeHandover(app.ctx, app.caller, h.id, h.revision));
    }

    const fresh = openTestDb(databaseFile(app.dir));
    for (const f of RANGES) {
      expect(countryTotals(fresh.orm, f), JSON.stringify(f)).toEqual(plain(fresh, f));
      expect(periodTotals(fresh.orm, f, 'month')).toEqual(plainMonths(fresh, f));
    }
    // The first range read every finalized bucket at once: the one-pass path.
    expect(buckets(fresh, RANGES[0])).toBeGreaterThanOrEqual(MANY);

    // The app's connection holds the buckets; a new record and a void change two of them (read again one by one).
    for (const f of RANGES) countryTotals(app.ctx.db.orm, f);
    const late = createHandover(
      app.ctx,
      app.caller,
      handoverFields.parse(kyrgyzHandover({ referenceNo: 'R-late', handoverDate: '2023-01-15', womenCount: 9 })),
    );
    finalizeHandover(app.ctx, app.caller, late.id, late.revision);
    voidHandover(app.ctx, app.caller, ids[1].id, ids[1].revision, 'entered twice');
    for (const f of RANGES) {
      expect(countryTotals(app.ctx.db.orm, f), JSON.stringify(f)).toEqual(plain(app.ctx.db, f));
      expect(countryTotals(fresh.orm, f), `other connection ${JSON.stringify(f)}`).toEqual(plain(fresh, f));
      expect(periodTotals(app.ctx.db.orm, f, 'month')).toEqual(plainMonths(app.ctx.db, f));
    }
    fresh.close();
  }, 60_000);
});
