import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';

let app: TestApp;
beforeEach(() => (app = testApp()));
afterEach(() => app.close());

describe('sample data from the public record', () => {
  it('loads the seed article’s two handovers with their sources, and removes them in one step without touching real records', async () => {
    const real = await app.must('handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-2024-0001' }) });
    await app.must('handovers:finalize', { id: real.id, expectedRevision: real.revision });
    expect(await app.must('samples:load', {})).toEqual({ loaded: 2 });
    expect(await app.must('samples:status', {})).toEqual({ active: 2 });
    const samples = app.ctx.db.sqlite
      .prepare(
        "SELECT receiving_country AS c, women_count AS w, children_count AS k, date_precision AS p, delegation_head_name_latin AS latin, source_note IS NOT NULL AS sourced FROM handovers WHERE reference_no LIKE 'SAMPLE-%' ORDER BY 1",
      )
      .all();
    expect(samples).toEqual([
      { c: 'FR', w: 15, k: 32, p: 'month', latin: 'Stéphane Romatet', sourced: 1 },
      { c: 'KG', w: 18, k: 41, p: null, latin: 'Arslan Tokobaev', sourced: 1 },
    ]);
    expect((await app.must('totals:get', {})).sum.handovers).toBe(3);

    expect(await app.must('samples:remove', {})).toEqual({ removed: 2 });
    expect(await app.must('samples:status', {})).toEqual({ active: 0 });
    const totals = await app.must('totals:get', {});
    expect(totals.sum).toMatchObject({ handovers: 1, women: 18, children: 41 });
    const states = app.ctx.db.sqlite
      .prepare('SELECT reference_no AS ref, status, void_reason AS reason FROM handovers ORDER BY 1')
      .all();
    expect(states).toEqual([
      { ref: 'HO-2024-0001', status: 'finalized', reason: null },
      { ref: 'SAMPLE-2023-0001', status: 'void', reason: 'Sample data removed before real use' },
      { ref: 'SAMPLE-2023-0002', status: 'void', reason: 'Sample data removed before real use' },
    ]);
  });
});
