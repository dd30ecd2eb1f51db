import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { sqliteNativeBinding } from './native-binding';
import { assertNotNewer } from './schema-guard';

/** The connection is carried along ($client) for the few statements Drizzle's builder cannot express. */
export type Orm = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export interface Db {
  sqlite: Database.Database;
  orm: Orm;
  close(): void;
}

export const BUSY_TIMEOUT_MS = 5000;

export const defaultMigrationsFolder = () => fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * The only place a database is opened: pragmas, then migrations. Encryption (PRAGMA key) will be added here,
 * before any other statement, when the cipher build lands.
 */
export function openDatabase(file: string, options: { migrationsFolder?: string; readonly?: boolean; migrate?: boolean } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { readonly: options.readonly ?? false, nativeBinding: sqliteNativeBinding() });
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // FULL: a handover confirmed on screen must survive a power cut on an office machine.
    sqlite.pragma('synchronous = FULL');
    const orm = drizzle(sqlite, { schema });
    if (!options.readonly && options.migrate !== false) {
      const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
      assertNotNewer(sqlite, migrationsFolder);
      migrate(orm, { migrationsFolder });
    }
    return { sqlite, orm, close: () => sqlite.close() };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  const row = db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '__drizzle_migrations'").get() as { n: number };
  if (!row.n) return 0;
  return (db.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}
