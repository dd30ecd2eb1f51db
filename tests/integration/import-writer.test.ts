import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../db/open';
import type { JobProgress } from '../../electron/api/schemas/io';
import { CANONICAL_COLUMNS } from '../../electron/api/domain/import';
import { ImportCancelled, importFile } from '../../electron/services/import/service';
import { buildWorkers } from '../../scripts/build-workers.js';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { watchJob } from '../support/import-jobs';

/**
 * The import writes through its own thread and connection (services/import/writer-thread.ts): these tests hold the
 * rows it has already written inside the open transaction up against cancels, strict mode, late duplicates, a
 * competing writer, and the app's own requests meanwhile.
 */
let app: TestApp;
beforeEach(() => (app = testApp()));
afterEach(() => app.close());

const count = (table = 'handovers') =>
  (app.ctx.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const snapshotDb = () =>
  ['handovers', 'handover_versions', 'audit_log', 'handover_search', 'handover_search_rows', 'settings'].map((t) =>
    count(t),
  );
const line = (i: number, ref = `HO-2022-${i + 1}`, women = 1) =>
  `${ref},2022-03-0${(i % 9) + 1},DE,Head ${i},,,Official,Qamishli,roj,${women},2,1,1,0,0,`;
const sheet = (lines: string[]) => Buffer.from(`${CANONICAL_COLUMNS.join(',')}\n${lines.join('\n')}\n`, 'utf8');
const many = (n: number) => Array.from({ length: n }, (_, i) => line(i));

const until = (jobId: string, ok: (p: JobProgress) => boolean) => watchJob(app, jobId, ok);

describe('the import writer thread', () => {
  it('a cancel after thousands of rows were written inside the transaction leaves the database as it was', async () => {
    const before = snapshotDb();
    let calls = 0;
    const err = await importFile(
      app.ctx,
      app.caller,
      { name: 'big.csv', data: sheet(many(5000)) },
      {},
      {
        // Cancelled on the last chunk: by then most rows have gone to the writer thread.
        isCancelled: () => ++calls === 10,
      },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportCancelled);
    expect(calls).toBe(10);
    expect(snapshotDb()).toEqual(before);
  });

  it('strict mode: one bad row at the very end undoes the thousands written before it', async () => {
    const before = snapshotDb();
    const r = await importFile(
      app.ctx,
      app.caller,
      { name: 'strict.csv', data: sheet([...many(3000), line(3000, 'HO-BAD', -1)]) },
      { strict: true },
    );
    expect(r.committed).toBe(false);
    expect(r.counts).toMatchObject({ new: 3000, rejected: 1 });
    expect(snapshotDb()).toEqual(before);
  });

  it('a reference repeated far apart with other content leaves both rows out, in whichever chunk each falls', async () => {
    const lines = many(1500);
    lines.push(line(1500, 'HO-2022-1', 7));
    const r = await importFile(app.ctx, app.caller, { name: 'dup.csv', data: sheet(lines) });
    expect(r.committed).toBe(true);
    expect(r.counts).toMatchObject({ rows: 1501, new: 1499, rejected: 2 });
    expect(r.rows.filter((o) => o.outcome === 'rejected').map((o) => o.line)).toEqual([2, 1502]);
    const stored = app.ctx.db.sqlite
      .prepare("SELECT count(*) AS n FROM handovers WHERE reference_no = 'HO-2022-1'")
      .get() as { n: number };
    expect(stored.n).toBe(0);
    expect(count()).toBe(1499);
    expect(count('handover_versions')).toBe(1499);
    expect(count('handover_search')).toBe(1499);
    // Each record's search row is the one its companion row names (migration 0012).
    const paired = app.ctx.db.sqlite
      .prepare(
        'SELECT count(*) FROM handover_search_rows r JOIN handover_search s ON s.rowid = r.search_rowid AND s.handover_id = r.handover_id',
      )
      .pluck()
      .get();
    expect(paired).toBe(1499);
  });

  it('while a job is being written the app keeps answering; a save meanwhile is refused as BUSY at once, and works after', async () => {
    const inspected = await app.must('io:inspect', {
      fileId: app.choose(sheet(many(20_000)), 'spreadsheet', 'big.csv'),
    });
    const { jobId } = await app.must('io:importStart', { uploadId: inspected.uploadId, options: {} });
    const during = await until(jobId, (p) => p.phase === 'checking' && p.done > 0);
    expect(during).toMatchObject({ state: 'running', phase: 'checking' });
    // The writer thread holds the write transaction from before the first row is checked until the commit.
    const list = await app.call('handovers:list', { limit: 10, offset: 0 });
    expect(list.ok).toBe(true);
    const saved = await app.call('handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-DURING-1' }) });
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.error.code).toBe('BUSY');
    const done = await until(jobId, () => false);
    expect(done).toMatchObject({ state: 'done', report: { committed: true, counts: { new: 20_000 } } });
    expect((await app.call('handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-DURING-1' }) })).ok).toBe(
      true,
    );
    expect(count()).toBe(20_001);
  }, 120_000);

  it('another process holding the write lock makes the job fail as BUSY, changing nothing', async () => {
    const other = openDatabase(app.ctx.db.sqlite.name, { key: app.ctx.keys.dbKey, migrate: false }).sqlite;
    other.exec('BEGIN IMMEDIATE');
    try {
      const before = snapshotDb();
      const inspected = await app.must('io:inspect', { fileId: app.choose(sheet(many(10)), 'spreadsheet', 'x.csv') });
      const { jobId } = await app.must('io:importStart', { uploadId: inspected.uploadId, options: {} });
      const p = await until(jobId, () => false);
      expect(p).toMatchObject({ state: 'failed', error: { code: 'BUSY' } });
      expect(snapshotDb()).toEqual(before);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 30_000);

  it('runs from the bundle the desktop build makes (<workersDir>/import-writer.cjs), without the TypeScript loader', async () => {
    // Inside the project, as dist-electron/ is, so that require('better-sqlite3') finds node_modules.
    mkdirSync(join('node_modules', '.cache'), { recursive: true });
    const workersDir = mkdtempSync(join('node_modules', '.cache', 'tasleem-workers-'));
    onTestFinished(() => rmSync(workersDir, { recursive: true, force: true }));
    await buildWorkers(workersDir);
    const r = await importFile({ ...app.ctx, workersDir: resolve(workersDir) }, app.caller, {
      name: 'bundled.csv',
      data: sheet(many(50)),
    });
    expect(r.committed).toBe(true);
    expect(count()).toBe(50);
    expect(count('handover_versions')).toBe(50);
  });
});
