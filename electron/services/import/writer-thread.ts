import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../db/open';
import { writeAudit, type AuditEntry } from '../../../db/queries/audit';
import { prepareImportWriter, type ImportTuple } from '../../../db/queries/import';
import { writeSettings } from '../../../db/queries/settings';

/**
 * The import's writer thread: its own connection holds one write transaction from the first row to the commit, so
 * the app's thread never runs the long synchronous write and checks the next rows while these are written. Messages
 * are handled in order; a rollback (or the shared cancel flag, seen between batches) leaves the database untouched.
 */
export interface WriterData {
  file: string;
  /** The database key: the thread opens its own connection, through db/open like every other. */
  key: Uint8Array;
  /** Int32Array over a SharedArrayBuffer: 1 = cancelled, so queued batches are skipped without being written. */
  cancel: SharedArrayBuffer;
}
export type ToWriter =
  | { kind: 'rows'; tuples: ImportTuple[] }
  | { kind: 'commit'; at: string; audit: AuditEntry; settings: Record<string, unknown> | null }
  | { kind: 'rollback' };
export type FromWriter =
  | { kind: 'ready' }
  | { kind: 'written'; count: number }
  | { kind: 'done'; committed: boolean }
  | { kind: 'failed'; message: string; code?: string };

const { file, key, cancel } = workerData as WriterData;
const cancelled = new Int32Array(cancel);
const port = parentPort!;
const post = (m: FromWriter) => port.postMessage(m);

try {
  const db = openDatabase(file, { key: Buffer.from(key), migrate: false });
  // A bulk write touches many index pages; a larger page cache keeps them from spilling to the WAL mid-transaction.
  db.sqlite.pragma('cache_size = -65536');
  db.sqlite.pragma('wal_autocheckpoint = 0');
  const writer = prepareImportWriter(db.sqlite);
  db.sqlite.exec('BEGIN IMMEDIATE');
  let written = 0;
  const finish = (committed: boolean) => {
    db.sqlite.exec(committed ? 'COMMIT' : 'ROLLBACK');
    // The commit is durable once the WAL is synced (synchronous = FULL): the import is done for the person waiting.
    // Copying the WAL into the database file is housekeeping, done here afterwards rather than before answering.
    post({ kind: 'done', committed });
    if (committed) db.sqlite.pragma('wal_checkpoint(PASSIVE)');
    db.close();
    port.close();
  };
  port.on('message', (m: ToWriter) => {
    if (!db.sqlite.open) return;
    try {
      if (m.kind === 'rows') {
        if (Atomics.load(cancelled, 0)) return;
        for (const t of m.tuples) writer.write(t);
        written += m.tuples.length;
        post({ kind: 'written', count: written });
      } else if (m.kind === 'commit') {
        writer.finish();
        writeAudit(db.orm, m.audit, m.at);
        if (m.settings) writeSettings(db.orm, m.settings, m.at);
        finish(true);
      } else finish(false);
    } catch (err) {
      if (db.sqlite.open) {
        if (db.sqlite.inTransaction) db.sqlite.exec('ROLLBACK');
        db.close();
      }
      const e = err as Error & { code?: string };
      post({ kind: 'failed', message: e.message, code: e.code });
      port.close();
    }
  });
  post({ kind: 'ready' });
} catch (err) {
  const e = err as Error & { code?: string };
  post({ kind: 'failed', message: e.message, code: e.code });
  port.close();
}
