import { chmodSync, copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Db } from '../../../db/open';
import { lastAuditEntry, writeAudit } from '../../../db/queries/audit';
import { AppError } from '../../api/result';
import { fsyncDir } from '../fsync';
import { openAppDatabase } from '../app-context';
import type { CheckReport } from '../../api/schemas/check';
import { runChecks } from '../check';
import type { AppContext, Caller } from '../context';
import { importRunning } from '../import/jobs';
import type { KeyStore } from '../keys/keystore';
import { storageErrorCode } from '../storage-errors';
import { inspectBackup, type BackupFacts } from './inspect';
import { backupName, backupsDir, pruneBackups } from './store';
import { writeBackup } from './write';
import { backupProgress, RESTORE_STEPS, type BackupPhase } from './progress';
import { absolutePath } from './service';

export interface RestoreTarget {
  dbFile: string;
  dataDir: string;
  keys: KeyStore;
  migrationsFolder?: string;
  /** The database being replaced while it still opens; null when it does not (it is then moved aside, kept). */
  current: Db | null;
  now: () => Date;
}

export interface RestoreOutcome {
  db: Db;
  facts: BackupFacts;
  preRestore: string | null;
  movedAside: string | null;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Replaces the database with a backup, in this order, so that a refused backup or a crash changes nothing:
 * 1. the backup is copied beside the database and checked there (key, integrity_check, schema no newer, audit chain):
 *    what is checked is exactly what is swapped in;
 * 2. the current database gets a pre-restore backup (or, when it no longer opens, is moved aside into backups/);
 * 3. it is closed (SQLite checkpoints and removes its WAL), leftover -wal/-shm files are removed so they can never be
 *    applied to the restored file, and the checked copy is renamed over it (atomic on one file system);
 * 4. the restored file is opened like at start (pending migrations, with their own backup first).
 * The restore is then audited in the restored log, and the audit head kept in the key store is moved to that entry:
 * a deliberate restore by an administrator is not a rollback. The entry records the head of the log it replaced (whose
 * full log is in the pre-restore backup), and a copy put back behind the app's back still fails verification.
 */
export async function restoreDatabase(
  t: RestoreTarget,
  source: string,
  actor: string,
  onPhase: (phase: BackupPhase, done: number) => void = () => {},
): Promise<RestoreOutcome> {
  // Between phases the event loop runs, so the progress reaches the page; from the pre-restore backup to the reopened
  // database nothing else may touch the connection, so that part runs without a break.
  const phase = async (p: BackupPhase, done: number) => {
    onPhase(p, done);
    await new Promise((r) => setImmediate(r));
  };
  if (importRunning()) throw new AppError('BUSY', 'An import is running: restore when it has finished');
  const from = absolutePath(source);
  if (!existsSync(from)) throw new AppError('NOT_FOUND', `${from} does not exist`);
  if (!statSync(from).isFile()) throw new AppError('BACKUP_CORRUPT', `${from} is not a file`);
  if (from === resolve(t.dbFile)) throw new AppError('BACKUP_CORRUPT', 'The database cannot be restored from itself');
  const staged = join(dirname(t.dbFile), `.restore-${process.pid}-${Date.now()}.db`);
  let facts: BackupFacts;
  try {
    await phase('copying', 0);
    copyFileSync(from, staged);
    if (process.platform !== 'win32') chmodSync(staged, 0o600);
    await phase('verifying', 1);
    facts = inspectBackup(staged, t.keys.dbKey, t.migrationsFolder);
    await phase('writing', 2);
  } catch (err) {
    for (const f of [staged, ...SIDE_FILES.map((s) => staged + s)]) rmSync(f, { force: true });
    if (err instanceof AppError) throw err;
    const code = storageErrorCode(err);
    if (code === 'DISK_FULL') throw new AppError('DISK_FULL', `No room to restore ${from}`);
    throw new AppError('BACKUP_CORRUPT', `${from} cannot be read: ${(err as Error).message}`);
  }

  let preRestore: string | null = null;
  let movedAside: string | null = null;
  const replacedHead = t.keys.auditHead();
  try {
    if (t.current) {
      preRestore = backupName('pre-restore', t.now());
      writeBackup(t.current.sqlite, join(backupsDir(t.dataDir, true), preRestore));
      pruneBackups(t.dataDir, 'pre-restore');
      t.current.close();
    } else if (existsSync(t.dbFile)) {
      movedAside = `damaged-${t.now().toISOString().replace(/[:.]/g, '-')}.db`;
      const aside = join(backupsDir(t.dataDir, true), movedAside);
      for (const s of ['', ...SIDE_FILES]) if (existsSync(t.dbFile + s)) renameSync(t.dbFile + s, aside + s);
    }
  } catch (err) {
    rmSync(staged, { force: true });
    throw err;
  }
  for (const s of SIDE_FILES) rmSync(t.dbFile + s, { force: true });
  renameSync(staged, t.dbFile);
  fsyncDir(dirname(t.dbFile));

  const db = openAppDatabase(t.dbFile, t.dataDir, t.keys.dbKey, t.migrationsFolder);
  writeAudit(
    db.orm,
    {
      actor,
      action: 'backup.restore',
      entity: 'database',
      details: {
        from: basename(from),
        backup: { schemaVersion: facts.schemaVersion, handovers: facts.handovers, lastAudit: facts.lastAudit },
        replacedHead,
        preRestore,
        movedAside,
      },
    },
    t.now().toISOString(),
  );
  const head = lastAuditEntry(db.orm);
  if (head) t.keys.setAuditHead(head);
  return { db, facts, preRestore, movedAside };
}

export interface RestoreReport {
  from: string;
  handovers: number;
  schemaVersion: number;
  preRestore: string | null;
  movedAside: string | null;
  checks: CheckReport['checks'];
}

/**
 * The running app's restore: the context gets the restored database, then `check` runs (the audit chain, and the
 * totals summary rebuilt, audited, if it disagrees with the records). If the swap fails after the current database
 * was closed, it is opened again so the app keeps working on what it had.
 */
export async function restoreApp(ctx: AppContext, caller: Caller, source: string): Promise<RestoreReport> {
  const progress = backupProgress(ctx, 'restore', RESTORE_STEPS);
  let out: RestoreOutcome;
  try {
    out = await restoreDatabase(
      {
        dbFile: ctx.dbFile,
        dataDir: ctx.dataDir,
        keys: ctx.keys,
        migrationsFolder: ctx.migrationsFolder,
        current: ctx.db,
        now: ctx.now,
      },
      source,
      caller.actor,
      progress.phase,
    );
  } catch (err) {
    progress.failed(err);
    if (!ctx.db.sqlite.open) ctx.db = openAppDatabase(ctx.dbFile, ctx.dataDir, ctx.keys.dbKey, ctx.migrationsFolder);
    throw err;
  }
  ctx.db = out.db;
  const checks = runChecks(ctx, caller).checks;
  progress.done();
  return reportOf(source, out, checks);
}

export const reportOf = (source: string, out: RestoreOutcome, checks: CheckReport['checks']): RestoreReport => ({
  from: basename(source),
  handovers: out.facts.handovers,
  schemaVersion: out.facts.schemaVersion,
  preRestore: out.preRestore,
  movedAside: out.movedAside,
  checks,
});
