import { existsSync, statSync } from 'node:fs';
import {
  DbOpenError,
  defaultMigrationsFolder,
  integrityCheck,
  isPlainDatabase,
  openDatabase,
  schemaVersion,
} from '../../../db/open';
import { lastAuditEntry, type AuditHead } from '../../../db/queries/audit';
import { assertNotNewer, DatabaseTooNewError } from '../../../db/schema-guard';
import { AppError } from '../../api/result';
import { verifyAudit } from '../audit/verify';
import type { AppContext } from '../context';

export interface BackupFacts {
  schemaVersion: number;
  handovers: number;
  auditEntries: number;
  /** The backup's last audit entry: a restore records it, with the head of the log it replaces. */
  lastAudit: AuditHead | null;
}

const corrupt = (file: string, why: string) => new AppError('BACKUP_CORRUPT', `${file} is not a usable backup: ${why}`);

/**
 * Everything a restore must know before it replaces anything: the file opens with this database's key, passes
 * `integrity_check`, is a Tasleem database no newer than this version, and its audit chain is whole. Read-only: the
 * file is not changed.
 */
export function inspectBackup(file: string, key: Buffer, migrationsFolder = defaultMigrationsFolder()): BackupFacts {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `${file} does not exist`);
  if (statSync(file).size === 0) throw corrupt(file, 'the file is empty');
  if (isPlainDatabase(file))
    throw new AppError('BACKUP_PLAIN', `${file} is an unencrypted database, not a backup made by Tasleem`);
  let db;
  try {
    db = openDatabase(file, { key, readonly: true, migrate: false });
  } catch (err) {
    if (err instanceof DbOpenError && err.code === 'DB_WRONG_KEY')
      throw new AppError('BACKUP_WRONG_KEY', `${file} does not open with this database's key`);
    if (err instanceof DbOpenError) throw corrupt(file, err.message);
    throw corrupt(file, (err as Error).message);
  }
  try {
    let check: string;
    try {
      check = integrityCheck(db.sqlite);
    } catch (err) {
      throw corrupt(file, (err as Error).message);
    }
    if (check !== 'ok') throw corrupt(file, check);
    const tables = new Set(
      (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!tables.has('handovers') || !tables.has('audit_log') || !tables.has('__drizzle_migrations'))
      throw corrupt(file, 'it is not a Tasleem database');
    try {
      assertNotNewer(db.sqlite, migrationsFolder);
    } catch (err) {
      if (err instanceof DatabaseTooNewError)
        throw new AppError('BACKUP_TOO_NEW', `${file} was written by a newer version of Tasleem: ${err.message}`);
      throw err;
    }
    const chained = (
      db.sqlite.prepare('SELECT count(*) AS n FROM pragma_table_info(?) WHERE name = ?').get('audit_log', 'hash') as {
        n: number;
      }
    ).n;
    // A backup from before the chain existed has nothing to verify yet; it is sealed when opened, like any such log.
    if (chained) {
      const v = verifyAudit({ db } as AppContext);
      if (!v.ok)
        throw new AppError('BACKUP_AUDIT_BROKEN', `The audit log in ${file} is broken at entry ${v.broken!.id}`, {
          entry: v.broken!.id,
          brokenBy: v.broken!.reason,
        });
    }
    const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      schemaVersion: schemaVersion(db),
      handovers: count('handovers'),
      auditEntries: count('audit_log'),
      lastAudit: chained ? lastAuditEntry(db.orm) : null,
    };
  } finally {
    db.close();
  }
}
