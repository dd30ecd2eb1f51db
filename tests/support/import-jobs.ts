import type { JobProgress } from '../../electron/api/schemas/io';
import type { TestApp } from './context';

/**
 * Follows an import job through its `import.progress` events until one shows what `ok` wants, or the job ends (the
 * caller's expectations then fail with the state seen). Without `ok`, until it ends. Subscribes first, then reads the
 * job's state once, as the app's page does: nothing that happened before the subscription is missed.
 */
export function watchJob(app: TestApp, jobId: string, ok: (p: JobProgress) => boolean = () => false) {
  const bus = app.ctx.events;
  if (!bus) throw new Error('the test app has no event bus');
  return new Promise<JobProgress>((resolve, reject) => {
    const check = (p: JobProgress) => {
      if (p.jobId !== jobId || !(ok(p) || p.state !== 'running')) return;
      unsubscribe();
      resolve(structuredClone(p));
    };
    const unsubscribe = bus.subscribe((name, payload) => {
      if (name === 'import.progress') check(payload as JobProgress);
    });
    app.must('io:importProgress', { jobId }).then((p) => check(structuredClone(p)), reject);
  });
}
