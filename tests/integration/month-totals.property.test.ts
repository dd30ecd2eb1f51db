import fc from 'fast-check';
import { CAMPS, type Camp } from '../../electron/api/domain/handover';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMonthTotals } from '../../db/queries/month-totals';
import { countryTotals, periodTotals, type TotalsFilter } from '../../db/queries/totals';
import type { Db } from '../../db/open';
import { exportBundle, importBundle } from '../../electron/services/exchange/merge';
import { addOffice, initOffice, ownCard } from '../../electron/services/exchange/office';
import { createHandover, updateHandover } from '../../electron/services/handovers';
import { CANONICAL_COLUMNS } from '../../electron/api/domain/import';
import { importFile } from '../../electron/services/import/service';
import { amendHandover, finalizeHandover, voidHandover } from '../../electron/services/lifecycle';
import { testApp, type TestApp } from '../support/context';
import { openTestDb } from '../support/keys';
import { databaseFile } from '../../electron/services/data-dir';
import { countedFields } from '../support/naive-totals';

/**
 * The trigger-kept summary (handover_month_totals) against a plain GROUP BY over the table after every step of a random
 * history of creates, edits and amendments, finalizations, voids, spreadsheet imports and merges of another office's
 * bundle (new records and amendments), each through the real services on real database files.
 */
const COUNTRIES = ['KG', 'FR', 'XK', 'DE'];
const DAY0 = Date.UTC(2022, 10, 20);
const isoDay = (n: number) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);

const content = fc
  .record({
    // Biased to crowd buckets (one country, camp and fortnight across a month's end): a record leaving a bucket then
    // leaves others behind it, and held days go out of date while a range is read after every step.
    country: fc.oneof(fc.constant('KG'), fc.constantFrom(...COUNTRIES)),
    day: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 35, max: 48 })),
    camp: fc.oneof(fc.constant<Camp>('al_hol'), fc.constantFrom(...CAMPS)),
    women: fc.integer({ min: 1, max: 9 }),
    children: fc.integer({ min: 0, max: 9 }),
    men: fc.integer({ min: 0, max: 2 }),
  })
  .map((c) => ({
    ...c,
    date: isoDay(c.day),
    boys: Math.floor(c.children / 2),
    girls: Math.ceil(c.children / 2) - (c.children % 2 ? 1 : 0),
    unaccompanied: c.children % 3 === 0 ? 0 : 1,
  }));
type Content = typeof content extends fc.Arbitrary<infer T> ? T : never;

const step = fc.oneof(
  content.map((c) => ({ kind: 'create' as const, c })),
  fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), c: content }),
  fc.record({ kind: fc.constant('finalize' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
  fc.array(content, { minLength: 1, maxLength: 3 }).map((rows) => ({ kind: 'import' as const, rows })),
  content.map((c) => ({ kind: 'exchangeNew' as const, c })),
  fc.record({ kind: fc.constant('exchangeAmend' as const), pick: fc.nat(), c: content }),
);

function csv(rows: Content[], refs: string[]): Buffer {
  const lines = rows.map((c, i) => {
    const v: Record<string, string> = {
      reference_no: refs[i],
      handover_date: c.date,
      receiving_country: c.country,
      delegation_head_name: 'Arslan Tokobaev',
      delegation_head_title: '',
      delegation_body: '',
      handing_official_name: 'سامر حسن',
      location: 'Qamishli',
      camp_of_origin: c.camp === 'other' ? 'Ayn Issa' : c.camp,
      women_count: String(c.women),
      children_count: String(c.children),
      boys_count: String(c.boys),
      girls_count: String(c.girls),
      unaccompanied_count: String(c.unaccompanied),
      men_count: String(c.men),
      notes: '',
    };
    return CANONICAL_COLUMNS.map((k) => v[k] ?? '').join(',');
  });
  return Buffer.from([CANONICAL_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n');
}

/** The figures straight from the table: what the summary must add up to. */
function plainTotals(db: Db, f: TotalsFilter) {
  const camps = f.camps?.length ? ` AND camp IN (${f.camps.map((c) => `'${c}'`).join(',')})` : '';
  return db.sqlite
    .prepare(
      `SELECT receiving_country AS country, count(*) AS handovers, sum(women_count) AS women, sum(children_count) AS children, sum(boys_count) AS boys,
      sum(girls_count) AS girls, sum(unaccompanied_count) AS unaccompanied, sum(men_count) AS men, sum(women_count + children_count + men_count) AS persons,
      min(handover_date) AS first, max(handover_date) AS last FROM handovers
      WHERE status IN (${f.statuses.map((s) => `'${s}'`).join(',')}) AND handover_date >= ? AND handover_date <= ?${camps}
      GROUP BY receiving_country ORDER BY persons DESC, receiving_country`,
    )
    .all(f.from ?? '0000', f.to ?? '9999');
}

/** Handovers and persons per month or year straight from the table. */
function plainPeriods(db: Db, f: TotalsFilter, by: 'month' | 'year') {
  const camps = f.camps?.length ? ` AND camp IN (${f.camps.map((c) => `'${c}'`).join(',')})` : '';
  return db.sqlite
    .prepare(
      `SELECT substr(handover_date, 1, ${by === 'month' ? 7 : 4}) AS period, count(*) AS handovers,
      sum(women_count + children_count + men_count) AS persons FROM handovers
      WHERE status IN (${f.statuses.map((s) => `'${s}'`).join(',')}) AND handover_date >= ? AND handover_date <= ?${camps}
      GROUP BY 1 ORDER BY 1`,
    )
    .all(f.from ?? '0000', f.to ?? '9999');
}

const apps: TestApp[] = [];
afterAll(() => apps.forEach((a) => a.close()));

describe('handover_month_totals (property)', () => {
  it('equals a plain GROUP BY over the table after every create, change, finalize, void, import and exchange merge', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: -5, max: 105 }),
        async (steps, a, b, c) => {
          const [here, peer] = [testApp(), testApp()];
          apps.push(here, peer);
          addOffice(here.ctx, here.caller, initOffice(peer.ctx, peer.caller, 'Hasakah'));
          addOffice(peer.ctx, peer.caller, initOffice(here.ctx, here.caller, 'Qamishli'));
          const to = ownCard(here.ctx).id;
          const ranges: TotalsFilter[] = [
            { statuses: ['finalized'] },
            {
              statuses: ['finalized', 'draft'],
              from: isoDay(Math.min(a, b)),
              to: isoDay(Math.max(a, b)),
              camps: ['roj', 'other'],
            },
            // Open at one end, from any day (before, inside or after the records).
            { statuses: ['finalized'], from: isoDay(c) },
            { statuses: ['draft'], to: isoDay(c), camps: ['al_hol'] },
            { statuses: ['draft', 'finalized'], from: isoDay(Math.min(a, c)), to: isoDay(Math.max(a, c)) },
          ];
          let n = 0;
          const ref = () => `P-${run}-${n++}`;
          const rows = (app: TestApp) =>
            app.ctx.db.sqlite.prepare('SELECT id, status, revision FROM handovers ORDER BY id').all() as {
              id: string;
              status: string;
              revision: number;
            }[];
          const pick = (app: TestApp, i: number, statuses: string[]) => {
            const candidates = rows(app).filter((r) => statuses.includes(r.status));
            return candidates.length ? candidates[i % candidates.length] : undefined;
          };
          run++;
          for (const s of steps) {
            if (s.kind === 'create') createHandover(here.ctx, here.caller, countedFields(s.c, ref()));
            else if (s.kind === 'change') {
              const r = pick(here, s.pick, ['draft', 'finalized']);
              const current =
                r &&
                (here.ctx.db.sqlite.prepare('SELECT reference_no FROM handovers WHERE id = ?').get(r.id) as {
                  reference_no: string;
                });
              if (r && current) {
                const data = countedFields(s.c, current.reference_no);
                try {
                  if (r.status === 'draft') updateHandover(here.ctx, here.caller, r.id, r.revision, data);
                  else amendHandover(here.ctx, here.caller, r.id, r.revision, data, 'correction');
                } catch (e) {
                  if (!/changes nothing/.test(String((e as Error).message))) throw e;
                }
              }
            } else if (s.kind === 'finalize') {
              const r = pick(here, s.pick, ['draft']);
              if (r) finalizeHandover(here.ctx, here.caller, r.id, r.revision);
            } else if (s.kind === 'void') {
              const r = pick(here, s.pick, ['draft', 'finalized']);
              if (r) voidHandover(here.ctx, here.caller, r.id, r.revision, 'test');
            } else if (s.kind === 'import') {
              const report = await importFile(here.ctx, here.caller, {
                name: 'sheet.csv',
                data: csv(
                  s.rows,
                  s.rows.map(() => ref()),
                ),
              });
              expect(report.counts.new, JSON.stringify(report.rows)).toBe(s.rows.length);
            } else {
              if (s.kind === 'exchangeNew') {
                const h = createHandover(peer.ctx, peer.caller, countedFields(s.c, ref()));
                finalizeHandover(peer.ctx, peer.caller, h.id, h.revision);
              } else {
                const r = pick(peer, s.pick, ['finalized']);
                const current =
                  r &&
                  (peer.ctx.db.sqlite.prepare('SELECT reference_no FROM handovers WHERE id = ?').get(r.id) as {
                    reference_no: string;
                  });
                if (!r || !current) continue;
                try {
                  amendHandover(
                    peer.ctx,
                    peer.caller,
                    r.id,
                    r.revision,
                    countedFields(s.c, current.reference_no),
                    'their correction',
                  );
                } catch (e) {
                  if (!/changes nothing/.test(String((e as Error).message))) throw e;
                }
              }
              const merged = importBundle(here.ctx, here.caller, exportBundle(peer.ctx, peer.caller, to).data);
              if (s.kind === 'exchangeNew') expect(merged.counts.new).toBe(1);
            }
            const buckets = (
              here.ctx.db.sqlite
                .prepare(
                  'SELECT (SELECT count(*) FROM (SELECT 1 FROM handovers GROUP BY status, substr(handover_date, 1, 7), receiving_country, camp)) + (SELECT count(*) FROM (SELECT 1 FROM handovers GROUP BY status, substr(handover_date, 1, 4), receiving_country, camp)) + (SELECT count(*) FROM (SELECT 1 FROM handovers GROUP BY status, receiving_country, camp)) + (SELECT count(*) FROM (SELECT 1 FROM handovers GROUP BY status, handover_date, receiving_country, camp)) AS n',
                )
                .get() as { n: number }
            ).n;
            expect(checkMonthTotals(here.ctx.db.orm), s.kind).toEqual({ buckets, mismatched: 0 });
            for (const f of ranges) {
              const expected = plainTotals(here.ctx.db, f);
              expect(countryTotals(here.ctx.db.orm, f), s.kind).toEqual(expected);
              for (const by of ['month', 'year'] as const)
                expect(periodTotals(here.ctx.db.orm, f, by), `${s.kind} per ${by}`).toEqual(
                  plainPeriods(here.ctx.db, f, by),
                );
            }
          }
          // A process that opens the file now holds nothing: every bucket of a range is read at once.
          const fresh = openTestDb(databaseFile(here.dir));
          for (const f of ranges) expect(countryTotals(fresh.orm, f), 'fresh').toEqual(plainTotals(here.ctx.db, f));
          fresh.close();
          here.close();
          peer.close();
          apps.splice(apps.indexOf(here), 2);
        },
      ),
      { numRuns: Number(process.env.MONTH_TOTALS_RUNS ?? 15) },
    );
  }, 600_000);
});
