import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/services/import/service';
import { testApp, type TestApp } from '../support/context';

let app: TestApp;
beforeEach(() => (app = testApp()));
afterEach(() => app.close());

/** A month-only, a year-only and a day-precise handover, as a history sheet writes them. */
async function importHistory() {
  const sheet = Papa.unparse([
    ['reference_no', 'handover_date', 'receiving_country', 'women_count', 'children_count', 'source'],
    ['H-MONTH', 'March 2021', 'France', '15', '32', 'MFA statement'],
    ['H-YEAR', '2019', 'Kazakhstan', '5', '10', 'news report'],
    ['H-DAY', '2021-03-20', 'Kyrgyzstan', '18', '41', 'news report'],
  ]);
  const r = await importFile(app.ctx, app.caller, { name: 'history.csv', data: Buffer.from(sheet) });
  expect(r.counts.new).toBe(3);
}

const listed = async (from?: string, to?: string) =>
  (await app.must('handovers:list', { from, to })).rows.map((r) => r.referenceNo).sort();
const counted = async (from?: string, to?: string) => (await app.must('totals:get', { from, to })).sum.handovers;

describe('a month- or year-only date is filtered by its first day (the documented rule)', () => {
  it('a range that starts mid-month leaves out that month’s month-only handover, in the list and in the totals', async () => {
    await importHistory();
    expect(await listed('2021-03-15', '2021-03-31')).toEqual(['H-DAY']);
    expect(await counted('2021-03-15', '2021-03-31')).toBe(1);
  });

  it('a range that holds the month’s first day takes it in', async () => {
    await importHistory();
    expect(await listed('2021-03-01', '2021-03-31')).toEqual(['H-DAY', 'H-MONTH']);
    expect(await counted('2021-03-01', '2021-03-01')).toBe(1);
    expect(await counted('2021-02-01', '2021-02-28')).toBe(0);
  });

  it('a year-only date counts on 1 January of that year, and nowhere later in it', async () => {
    await importHistory();
    expect(await listed('2019-01-01', '2019-01-01')).toEqual(['H-YEAR']);
    expect(await listed('2019-06-01', '2019-12-31')).toEqual([]);
    expect(await counted('2019-02-01', '2020-12-31')).toBe(0);
    expect(await counted(undefined, undefined)).toBe(3);
  });
});
