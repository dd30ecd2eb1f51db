import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handoverFields } from '../../electron/api/schemas/handover';
import { createAppContext } from '../../electron/services/app-context';
import { localCaller } from '../../electron/services/context';
import { createHandover } from '../../electron/services/handovers';
import { finalizeHandover } from '../../electron/services/lifecycle';
import { runChecks } from '../../electron/services/check';
import { getTotals } from '../../electron/services/totals';
import { frenchHandover, kyrgyzHandover } from '../support/context';
import { openTestDb, testUnlock } from '../support/keys';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tasleem-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tasleem = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/tasleem.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TASLEEM_DB: '' },
  });

/** A database with two finalized handovers and a draft, written through the services. */
function office(name: string): string {
  const file = join(dir, name);
  const ctx = createAppContext({ dataDir: dir, dbFile: file, mode: 'cli', unlock: testUnlock() });
  const caller = localCaller('t');
  for (const data of [kyrgyzHandover(), frenchHandover()]) {
    const h = createHandover(ctx, caller, handoverFields.parse(data));
    finalizeHandover(ctx, caller, h.id, h.revision);
  }
  createHandover(
    ctx,
    caller,
    handoverFields.parse(kyrgyzHandover({ referenceNo: 'HO-2023-0003', handoverDate: '2023-03-01' })),
  );
  ctx.db.close();
  return file;
}

/** What an altered or half-restored copy looks like: the summary says something the records do not. */
function tamper(file: string) {
  const raw = openTestDb(file).sqlite;
  for (const table of ['handover_month_totals', 'handover_year_totals', 'handover_all_totals', 'handover_day_totals']) {
    raw.prepare(`UPDATE ${table} SET women = women + 5 WHERE receiving_country = 'KG' AND status = 'finalized'`).run();
    raw.prepare(`DELETE FROM ${table} WHERE receiving_country = 'FR'`).run();
  }
  raw.close();
}

describe('tasleem check', () => {
  it('finds a summary that disagrees with the records, rebuilds it (with an audit entry) and then finds nothing wrong', () => {
    const file = office('altered.db');
    expect(tasleem('--db', file, 'check').stdout).toMatch(/^ok {2}totals-summary: 12 buckets agree/m);
    tamper(file);

    const ctx = createAppContext({ dataDir: dir, dbFile: file, mode: 'cli', unlock: testUnlock() });
    const wrong = getTotals(ctx, { includeDrafts: false, camps: [] });
    expect(wrong.countries.map((c) => [c.country, c.women])).toEqual([['KG', 23]]); // what an unchecked app would show
    // A day-level range reads the per-day summary: as wrong until the check rebuilds it.
    const days = { includeDrafts: false, camps: [], from: '2023-01-02', to: '2023-12-30' };
    expect(getTotals(ctx, days).countries.map((c) => [c.country, c.women])).toEqual([['KG', 23]]);
    ctx.db.close();

    const r = tasleem('--db', file, 'check', '--json');
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('repaired: totals-summary');
    expect(JSON.parse(r.stdout).checks).toEqual([
      { name: 'audit-chain', ok: true, repaired: false, detail: expect.stringMatching(/^5 entries chained/) },
      {
        name: 'totals-summary',
        ok: false,
        repaired: true,
        detail: '8 of 12 buckets disagreed with the handovers table; rebuilt from the table',
      },
    ]);

    const after = createAppContext({ dataDir: dir, dbFile: file, mode: 'cli', unlock: testUnlock() });
    expect(getTotals(after, { includeDrafts: false, camps: [] }).countries.map((c) => [c.country, c.women])).toEqual([
      ['KG', 18],
      ['FR', 15],
    ]);
    expect(
      getTotals(after, { includeDrafts: false, camps: [], from: '2023-01-02', to: '2023-12-30' }).countries.map((c) => [
        c.country,
        c.women,
      ]),
    ).toEqual([
      ['KG', 18],
      ['FR', 15],
    ]);
    expect(after.db.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'totals.rebuild'").all()).toEqual([
      { details: JSON.stringify({ mismatched: 8, buckets: 12 }) },
    ]);
    after.db.close();

    const again = tasleem('--db', file, 'check');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('ok  totals-summary: 12 buckets agree');
  }, 180_000);

  it("a process holding the days of a range sees another connection's write at once, and a rebuild after a check", () => {
    const file = office('held.db');
    const open = () => createAppContext({ dataDir: dir, dbFile: file, mode: 'cli', unlock: testUnlock() });
    const [app, cli] = [open(), open()];
    const range = { includeDrafts: false, camps: [], from: '2023-01-02', to: '2023-12-30' };
    const women = () => getTotals(app, range).countries.map((c) => [c.country, c.women]);
    expect(women()).toEqual([
      ['KG', 18],
      ['FR', 15],
    ]);

    // Another connection (the CLI, a second window) records one: the held KG days are out of date and read again.
    const h = createHandover(
      cli,
      localCaller('t'),
      handoverFields.parse(kyrgyzHandover({ referenceNo: 'HO-2023-0009', handoverDate: '2023-06-15', womenCount: 7 })),
    );
    finalizeHandover(cli, localCaller('t'), h.id, h.revision);
    expect(women()).toEqual([
      ['KG', 25],
      ['FR', 15],
    ]);

    // A copy altered behind the app's back (revisions untouched): a process that opens it holds wrong days until the
    // `check` of another process rebuilds the summaries, which gives every bucket a new revision.
    openTestDb(file)
      .sqlite.prepare("UPDATE handover_day_totals SET women = women + 100 WHERE receiving_country = 'FR'")
      .run();
    const late = open();
    const lateWomen = () => getTotals(late, range).countries.map((c) => [c.country, c.women]);
    expect(lateWomen()).toEqual([
      ['FR', 115],
      ['KG', 25],
    ]);
    expect(runChecks(cli, localCaller('t')).checks.find((c) => c.name === 'totals-summary')?.repaired).toBe(true);
    expect(lateWomen()).toEqual([
      ['KG', 25],
      ['FR', 15],
    ]);
    late.db.close();
    app.db.close();
    cli.db.close();
  }, 60_000);

  it('names the first broken audit entry and fails (exit 1): the chain cannot be repaired', () => {
    const file = office('audit.db');
    const raw = openTestDb(file).sqlite;
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE id = 3").run();
    raw.close();
    const r = tasleem('--db', file, 'check');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^FAILED {2}audit-chain: first broken entry: 3 \(.*someone-else, handover\.create\) was changed after it was written$/m,
    );
    expect(r.stderr).toContain('check failed: audit-chain');
  }, 180_000);
});
