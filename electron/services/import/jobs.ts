import { randomUUID } from 'node:crypto';
import { AppError } from '../../api/result';
import type { ImportReportOut, InspectResult, JobProgress } from '../../api/schemas/io';
import type { AppContext, Caller } from '../context';
import { keepAuditHead } from '../audit/head';
import { emit, throttle } from '../events';
import { cellText } from './rows';
import {
  ImportCancelled,
  importFile,
  readImportTable,
  sha256,
  suggestFor,
  type ImportOptions,
  type ImportReport,
} from './service';
import type { Table } from './decode';

/**
 * The app's import runs as a job: the file is uploaded and read once (inspect), then checked in chunks with the event
 * loop free between them, so the window and other requests stay responsive; progress goes out as `import.progress`
 * events (io:importProgress answers once, for a page that subscribed late), and the renderer may cancel. Nothing is written before the single transaction at the end, so a cancelled job changes nothing.
 */
interface Upload {
  name: string;
  data: Buffer;
  table: Table;
  sha256: string;
}
interface Job {
  progress: JobProgress;
  cancelled: boolean;
}

const uploads = new Map<string, Upload>();
const jobs = new Map<string, Job>();
const KEEP_UPLOADS = 2;
const KEEP_JOBS = 10;
const API_ROWS = 1000;
const PROGRESS_MS = 100;

function keepLast<T>(map: Map<string, T>, n: number) {
  while (map.size > n) map.delete(map.keys().next().value as string);
}

export async function inspectUpload(
  ctx: AppContext,
  { fileName, bytes: data }: { fileName: string; bytes: Buffer },
): Promise<InspectResult> {
  const table = await readImportTable(ctx, data);
  const uploadId = randomUUID();
  const hash = sha256(data);
  uploads.set(uploadId, { name: fileName, data, table, sha256: hash });
  keepLast(uploads, KEEP_UPLOADS);
  return {
    uploadId,
    fileName,
    sha256: hash,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headers: table.headers,
    mapping: suggestFor(ctx, table),
    required: ['reference_no', 'handover_date', 'receiving_country', 'delegation_head_name', 'camp_of_origin'],
    rowCount: table.rows.length,
    sample: table.rows
      .slice(0, 5)
      .map((r) => ({ line: r.line, cells: table.headers.map((_, i) => cellText(r.cells[i])) })),
  };
}

/**
 * Over the API, the report lists the rows needing attention (rejected and conflicts first), not every new one; the
 * first 1000 of them unless `all` (the CLI, which prints them in file order).
 */
export function apiReport(report: ImportReport, all = false): ImportReportOut {
  const order = { rejected: 0, conflict: 1, unchanged: 2, new: 3 } as const;
  const notable = report.rows
    .filter((r) => r.outcome !== 'new')
    .sort((a, b) => order[a.outcome] - order[b.outcome] || a.line - b.line);
  const shown = all ? notable.length : API_ROWS;
  return { ...report, rows: notable.slice(0, shown), rowsOmitted: Math.max(0, notable.length - shown) };
}

export function startImportJob(
  ctx: AppContext,
  caller: Caller,
  uploadId: string,
  { allRows, ...options }: ImportOptions & { allRows?: boolean },
): { jobId: string } {
  const upload = uploads.get(uploadId);
  if (!upload) throw new AppError('NOT_FOUND', 'The uploaded file is no longer available; choose it again');
  const jobId = randomUUID();
  const job: Job = {
    cancelled: false,
    progress: { jobId, state: 'running', phase: 'reading', done: 0, total: upload.table.rows.length },
  };
  jobs.set(jobId, job);
  keepLast(jobs, KEEP_JOBS);
  const tell = () => emit(ctx, 'import.progress', { ...job.progress });
  const tellSometimes = throttle(tell, () => job.progress.phase, PROGRESS_MS);
  tell();
  void importFile(ctx, caller, { name: upload.name, data: upload.data, table: upload.table }, options, {
    onProgress: (phase, done, total) => {
      Object.assign(job.progress, { phase, done, total });
      tellSometimes();
    },
    isCancelled: () => job.cancelled,
  }).then(
    // The upload stays (the last two are kept): importing it again reports every row as already present.
    // The job's audit entries were written after io:importStart returned: the head outside the database follows now.
    (report) => {
      keepAuditHead(ctx);
      Object.assign(job.progress, { state: 'done', report: apiReport(report, allRows) });
      tell();
    },
    (err: unknown) => {
      if (err instanceof ImportCancelled) job.progress.state = 'cancelled';
      else {
        job.progress.state = 'failed';
        job.progress.error =
          err instanceof AppError
            ? { code: err.code, message: err.message, details: err.details }
            : { code: 'INTERNAL', message: 'Internal error' };
        if (!(err instanceof AppError)) console.error('[tasleem] import failed', err);
      }
      keepAuditHead(ctx);
      tell();
    },
  );
  return { jobId };
}

export function jobProgressOf(jobId: string): JobProgress {
  const job = jobs.get(jobId);
  if (!job) throw new AppError('NOT_FOUND', `No import job ${jobId}`);
  return job.progress;
}

export function cancelJob(jobId: string): { cancelled: boolean } {
  const job = jobs.get(jobId);
  if (!job) throw new AppError('NOT_FOUND', `No import job ${jobId}`);
  if (job.progress.state !== 'running') return { cancelled: job.progress.state === 'cancelled' };
  job.cancelled = true;
  return { cancelled: true };
}

/** A restore must not swap the database under an import's writer. */
export const importRunning = () => [...jobs.values()].some((j) => j.progress.state === 'running');
