import type { Worker } from 'node:worker_threads';
import type { AuditEntry } from '../../../db/queries/audit';
import type { ImportTuple } from '../../../db/queries/import';
import { BUSY_TIMEOUT_MS, type Db } from '../../../db/open';
import { AppError } from '../../api/result';
import type { AppContext } from '../context';
import { startWorker } from '../workers';
import type { FromWriter, ToWriter, WriterData } from './writer-thread';

/** The app's side of the writer thread: send rows as they pass the checks, then commit or roll back. */
export interface ImportWriter {
  write(tuples: ImportTuple[]): void;
  /** Waits until every row sent is written, then writes the audit entry (and settings) and commits. */
  commit(at: string, audit: AuditEntry, settings: Record<string, unknown> | null): Promise<void>;
  /** Drops everything sent so far; resolves when the transaction is rolled back. Safe to call more than once. */
  rollback(): Promise<void>;
  readonly written: number;
}

function writerError(m: Extract<FromWriter, { kind: 'failed' }>): AppError {
  // Another process (a CLI import, a second app window) is writing: say so instead of "internal error".
  if (m.code === 'SQLITE_BUSY')
    return new AppError('BUSY', 'The database is busy with another write; try again in a moment');
  return new AppError('INTERNAL', `import write failed: ${m.message}`);
}

/** Imports writing per connection: busy_timeout is the connection's, whichever context object holds it. */
const writersOf = new WeakMap<Db['sqlite'], number>();

/**
 * While this process's own import holds the write lock, a write from the app's thread (a form saved meanwhile) fails
 * at once with BUSY instead of waiting out busy_timeout: that wait is synchronous and would stall every request.
 */
function holdLock(sqlite: Db['sqlite']): () => void {
  const n = (writersOf.get(sqlite) ?? 0) + 1;
  writersOf.set(sqlite, n);
  if (n === 1) sqlite.pragma('busy_timeout = 0');
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (writersOf.get(sqlite) ?? 1) - 1;
    writersOf.set(sqlite, left);
    if (left === 0 && sqlite.open) sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  };
}

/** Starts the writer thread and resolves once it holds the write transaction (BEGIN IMMEDIATE). */
export function openImportWriter(ctx: AppContext, onWritten?: (count: number) => void): Promise<ImportWriter> {
  const cancel = new SharedArrayBuffer(4);
  const worker: Worker = startWorker(ctx, 'import-writer', {
    file: ctx.db.sqlite.name,
    key: ctx.keys.dbKey,
    cancel,
  } satisfies WriterData);
  const send = (m: ToWriter) => worker.postMessage(m);
  let written = 0;
  let release = () => {};
  let failure: AppError | null = null;
  let settle: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  const ended = new Promise<boolean>((resolve, reject) => {
    worker.on('message', (m: FromWriter) => {
      if (m.kind === 'written') {
        written = m.count;
        onWritten?.(written);
      } else if (m.kind === 'done') {
        release();
        resolve(m.committed);
      } else if (m.kind === 'failed') {
        release();
        failure = writerError(m);
        reject(failure);
      } else {
        release = holdLock(ctx.db.sqlite);
        settle?.resolve();
      }
    });
    worker.on('error', reject);
    worker.on('exit', () => {
      release();
      reject(failure ?? new AppError('INTERNAL', 'import writer stopped'));
    });
  });
  ended.catch((err: unknown) => settle?.reject(err));

  let finished: Promise<void> | null = null;
  const writer: ImportWriter = {
    write: (tuples) => {
      if (failure) throw failure;
      if (tuples.length) send({ kind: 'rows', tuples });
    },
    commit: (at, audit, settings) => {
      if (finished) return finished;
      send({ kind: 'commit', at, audit, settings });
      finished = ended.then((committed) => {
        if (!committed) throw new AppError('INTERNAL', 'import was rolled back');
      });
      return finished;
    },
    rollback: () => {
      if (finished) return finished.catch(() => undefined);
      Atomics.store(new Int32Array(cancel), 0, 1);
      send({ kind: 'rollback' });
      finished = ended.then(
        () => undefined,
        () => undefined,
      );
      return finished;
    },
    get written() {
      return written;
    },
  };
  return new Promise<ImportWriter>((resolve, reject) => {
    settle = { resolve: () => resolve(writer), reject };
  });
}
