import type { JobProgress } from '../../electron/api/schemas/io';
import type { TestApp } from './context';

/**
 * Polls an import job until it reports what `ok` wants, or until it ends (the caller's expectations then fail with
 * the state seen). Without `ok`, until it ends.
 */
export async function pollJob(
  app: TestApp,
  jobId: string,
  ok: (p: JobProgress) => boolean = () => false,
): Promise<JobProgress> {
  for (;;) {
    const p = await app.must('io:importProgress', { jobId });
    if (ok(p) || p.state !== 'running') return p;
    await new Promise((r) => setTimeout(r, 5));
  }
}
