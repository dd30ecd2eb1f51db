import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastAuditEntry } from '../../db/queries/audit';
import type { JobProgress } from '../../electron/api/schemas/io';
import { CANONICAL_COLUMNS } from '../../electron/api/domain/import';
import { testApp, type TestApp } from '../support/context';
import { watchJob } from '../support/import-jobs';

let app: TestApp;
beforeEach(() => (app = testApp()));
afterEach(() => app.close());

const count = () => (app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n;
const sheet = (n: number) =>
  `${CANONICAL_COLUMNS.join(',')}\n${Array.from({ length: n }, (_, i) => `HO-2022-${i + 1},2022-03-0${(i % 9) + 1},DE,Head ${i},,,Official,Qamishli,roj,1,2,1,1,0,0,`).join('\n')}\n`;

const waitFor = (jobId: string) => watchJob(app, jobId);
const until = (jobId: string, ok: (p: JobProgress) => boolean) => watchJob(app, jobId, ok);

describe('the import job API (what the import page uses)', () => {
  it('inspect suggests a mapping from Arabic headers, remembers what the user chose, and the job imports', async () => {
    const csv =
      'رقم,التاريخ,البلد,رئيس الوفد,المسؤول المسلم,المخيم,النساء,الأطفال,لون\nHO-1,2023-02-16,قيرغيزستان,Arslan Tokobaev,سامر حسن,الهول,18,41,أزرق\n';
    const inspected = await app.must('io:inspect', { fileId: app.choose(csv, 'spreadsheet', 'عربي.csv') });
    expect(inspected).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      rowCount: 1,
      headers: ['رقم', 'التاريخ', 'البلد', 'رئيس الوفد', 'المسؤول المسلم', 'المخيم', 'النساء', 'الأطفال', 'لون'],
    });
    // "رقم" alone is not a known header: the user maps it in the mapping step.
    expect(inspected.mapping).toEqual([
      null,
      'handover_date',
      'receiving_country',
      'delegation_head_name',
      'handing_official_name',
      'camp_of_origin',
      'women_count',
      'children_count',
      null,
    ]);
    expect(inspected.sample[0]).toEqual({
      line: 2,
      cells: ['HO-1', '2023-02-16', 'قيرغيزستان', 'Arslan Tokobaev', 'سامر حسن', 'الهول', '18', '41', 'أزرق'],
    });
    const mapping = ['reference_no', ...inspected.mapping.slice(1)] as typeof inspected.mapping;
    const { jobId } = await app.must('io:importStart', { uploadId: inspected.uploadId, options: { mapping } });
    const headAtStart = app.ctx.auditHead!.read()?.id ?? 0;
    const done = await waitFor(jobId);
    expect(done.state).toBe('done');
    expect(done.report).toMatchObject({ committed: true, counts: { new: 1 }, unknownColumns: ['لون'] });
    // The job's audit entries came after its call returned; the head kept outside the database already includes them.
    const last = lastAuditEntry(app.ctx.db.orm)!;
    expect(last.id).toBeGreaterThan(headAtStart);
    expect(app.ctx.auditHead!.read()).toEqual(last);
    // Next time the same headers come, the mapping is remembered.
    const again = await app.must('io:inspect', { fileId: app.choose(csv, 'spreadsheet', 'عربي.csv') });
    expect(again.mapping[0]).toBe('reference_no');
  });

  it('a file-level problem comes back as a translated reason; a missing column fails the job, changing nothing', async () => {
    const bad = await app.call('io:inspect', { fileId: app.choose('', 'spreadsheet', 'x.csv') });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'BAD_FILE', details: { reason: 'io.file.empty' } });
    const inspected = await app.must('io:inspect', { fileId: app.choose(sheet(2), 'spreadsheet', 'x.csv') });
    const { jobId } = await app.must('io:importStart', {
      uploadId: inspected.uploadId,
      // The counts the totals need are required of every sheet; the parties and the camp are not (issue 10).
      options: { mapping: inspected.mapping.map((m) => (m === 'children_count' ? null : m)) },
    });
    const p = await waitFor(jobId);
    expect(p).toMatchObject({
      state: 'failed',
      error: { code: 'BAD_FILE', details: { reason: 'io.file.missing_columns' } },
    });
    expect(count()).toBe(0);
  });

  it('reports progress while checking, and a cancelled job writes nothing', async () => {
    const inspected = await app.must('io:inspect', { fileId: app.choose(sheet(20_000), 'spreadsheet', 'big.csv') });
    expect(inspected.rowCount).toBe(20_000);
    const { jobId } = await app.must('io:importStart', { uploadId: inspected.uploadId, options: {} });
    const early = await until(jobId, (p) => p.phase === 'checking');
    expect(early).toMatchObject({ state: 'running', phase: 'checking', total: 20_000 });
    expect((await app.must('io:importCancel', { jobId })).cancelled).toBe(true);
    expect((await waitFor(jobId)).state).toBe('cancelled');
    expect(count()).toBe(0);
    // The same upload can still be imported afterwards.
    const { jobId: second } = await app.must('io:importStart', { uploadId: inspected.uploadId, options: {} });
    const done = await waitFor(second);
    expect(done.report?.counts.new).toBe(20_000);
    expect(done.report?.rows).toEqual([]);
    expect(count()).toBe(20_000);
  }, 120_000);

  it('the report over the API lists the rows needing attention, at most 1000, and says how many more', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `HO-${i},not a date,DE,H,O,roj,1,0,0,0,0,0,`).join('\n');
    const csv = `reference_no,handover_date,receiving_country,delegation_head_name,handing_official_name,camp_of_origin,women_count,children_count,boys_count,girls_count,unaccompanied_count,men_count,notes\n${rows}\nHO-OK,2020-01-01,DE,H,O,roj,1,0,0,0,0,0,\n`;
    const inspected = await app.must('io:inspect', { fileId: app.choose(csv, 'spreadsheet', 'x.csv') });
    const { jobId } = await app.must('io:importStart', { uploadId: inspected.uploadId, options: { dryRun: true } });
    const p = await waitFor(jobId);
    expect(p.report?.counts).toEqual({ rows: 1201, new: 1, unchanged: 0, conflict: 0, rejected: 1200 });
    expect(p.report?.rows).toHaveLength(1000);
    expect(p.report?.rowsOmitted).toBe(200);
    expect(p.report?.rows[0]).toMatchObject({
      line: 2,
      outcome: 'rejected',
      reasons: [{ key: 'io.reason.invalid_date', column: 'handover_date', value: 'not a date' }],
    });
  });
});
