import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Db } from '../../../db/open';
import { writeAudit } from '../../../db/queries/audit';
import { SYSTEM_ACTOR } from '../context';
import { backupName, backupsDir, pruneBackups } from './store';
import { writeBackup } from './write';

/**
 * A backup before migrations change an existing database: the hook runs on the open connection, before the first
 * migration. Its audit entry is written once the schema is current (an older log may not have the chain's columns).
 */
export function preMigrationBackup(dataDir: string, now: () => Date) {
  let made: { file: string; bytes: number; pending: number } | null = null;
  return {
    hook(sqlite: Database.Database, pending: number) {
      const name = backupName('pre-migration', now());
      const { bytes } = writeBackup(sqlite, join(backupsDir(dataDir, true), name));
      pruneBackups(dataDir, 'pre-migration');
      made = { file: name, bytes, pending };
    },
    audit(db: Db) {
      if (!made) return;
      writeAudit(
        db.orm,
        {
          actor: SYSTEM_ACTOR.backup,
          action: 'backup.create',
          entity: 'database',
          details: { kind: 'pre-migration', ...made },
        },
        now().toISOString(),
      );
      made = null;
    },
  };
}
