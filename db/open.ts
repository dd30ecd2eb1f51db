import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
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
/** The database key: 256 random bits (services/keys/keystore.ts holds it wrapped). */
export const DB_KEY_BYTES = 32;

export const defaultMigrationsFolder = () => fileURLToPath(new URL('./migrations', import.meta.url));

/** Why a database file cannot be opened; each is a translated error code (electron/api/result.ts). */
export type DbOpenFailure = 'DB_WRONG_KEY' | 'DB_PLAIN' | 'DB_CORRUPT' | 'DB_CIPHER_UNAVAILABLE';
export class DbOpenError extends Error {
  constructor(
    readonly code: DbOpenFailure,
    message: string,
  ) {
    super(message);
  }
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The first 16 bytes of a file: a plain SQLite database starts with "SQLite format 3", an encrypted one with noise. */
export function fileHeader(file: string): Buffer | null {
  if (!existsSync(file) || statSync(file).size < 16) return null;
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(16);
    readSync(fd, b, 0, 16, 0);
    return b;
  } finally {
    closeSync(fd);
  }
}
export const isPlainDatabase = (file: string) => fileHeader(file)?.equals(PLAIN_HEADER) ?? false;

/** The key as SQLite3MultipleCiphers takes it raw (no KDF of its own: the key is already random). */
export const keyPragma = (key: Buffer) => `key = "x'${key.toString('hex')}'"`;

export interface OpenOptions {
  /** The 256-bit database key. Required: a database is never opened or created without encryption. */
  key: Buffer;
  migrationsFolder?: string;
  readonly?: boolean;
  migrate?: boolean;
  /** Run `PRAGMA quick_check` after opening (at start-up, not on every worker connection). */
  quickCheck?: boolean;
  /** Called with the open connection when migrations are about to change an existing database (a backup first). */
  beforeMigrate?: (sqlite: Database.Database, pending: number) => void;
}

function applyKey(sqlite: Database.Database, file: string, key: Buffer) {
  if (key.length !== DB_KEY_BYTES) throw new DbOpenError('DB_WRONG_KEY', 'The database key must be 256 bits');
  // A plain SQLite build silently accepts and ignores PRAGMA key; the cipher build answers `PRAGMA cipher`.
  if (!sqlite.pragma('cipher', { simple: true }))
    throw new DbOpenError(
      'DB_CIPHER_UNAVAILABLE',
      'This SQLite build cannot encrypt (better-sqlite3 must be better-sqlite3-multiple-ciphers)',
    );
  // An in-memory database never reaches a disk: there is nothing to encrypt (and SQLite3MC refuses a key for it).
  if (file === ':memory:') return;
  if (isPlainDatabase(file))
    throw new DbOpenError('DB_PLAIN', `${file} is not encrypted: convert it first (tasleem encrypt)`);
  sqlite.pragma(keyPragma(key));
  try {
    // The header (page 1) decrypts only with the right key; a later page that does not is damage, not a wrong key.
    sqlite.pragma('schema_version');
  } catch (err) {
    // A file cut short says so (SQLITE_CORRUPT); a wrong key and a file that is no database say "not a database".
    if (String((err as { code?: string }).code).startsWith('SQLITE_CORRUPT'))
      throw new DbOpenError('DB_CORRUPT', `${file} is damaged: ${(err as Error).message}`);
    // SQLite3MultipleCiphers says "file is not a database" for a wrong key and for a file that is not one at all.
    throw new DbOpenError(
      'DB_WRONG_KEY',
      `${file} cannot be opened with this key (wrong key, or not a Tasleem database): ${(err as Error).message}`,
    );
  }
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    throw new DbOpenError('DB_CORRUPT', `${file} is damaged: ${(err as Error).message}`);
  }
}

/**
 * The only place a database is opened: the key first, then pragmas, then migrations. Every connection (the app's,
 * an import's writer thread, a backup being checked) comes through here, so none can skip the key.
 */
export function openDatabase(file: string, options: OpenOptions): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new Database(file, { readonly: options.readonly ?? false, nativeBinding: sqliteNativeBinding() });
  try {
    applyKey(sqlite, file, options.key);
    if (!options.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // FULL: a handover confirmed on screen must survive a power cut on an office machine.
    sqlite.pragma('synchronous = FULL');
    if (options.quickCheck) {
      const rows = sqlite.pragma('quick_check', { simple: false }) as { quick_check: string }[];
      if (rows[0]?.quick_check !== 'ok')
        throw new DbOpenError(
          'DB_CORRUPT',
          `${file} is damaged: ${rows
            .slice(0, 3)
            .map((r) => r.quick_check)
            .join('; ')}`,
        );
    }
    const orm = drizzle(sqlite, { schema });
    if (!options.readonly && options.migrate !== false) {
      const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
      assertNotNewer(sqlite, migrationsFolder);
      const pending = options.beforeMigrate ? pendingMigrations(sqlite, migrationsFolder) : 0;
      if (pending > 0) options.beforeMigrate!(sqlite, pending);
      migrate(orm, { migrationsFolder });
    }
    // A new file is written by now: if it still reads as plain SQLite, the key was not applied. Never keep it.
    if (file !== ':memory:' && isPlainDatabase(file))
      throw new DbOpenError('DB_CIPHER_UNAVAILABLE', `${file} was written unencrypted`);
    return { sqlite, orm, close: () => sqlite.close() };
  } catch (err) {
    sqlite.close();
    if (err instanceof DbOpenError) throw err;
    // Damage found while migrating or reading the schema: a malformed page, not a programming error.
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      throw new DbOpenError('DB_CORRUPT', `${file} is damaged: ${(err as Error).message}`);
    throw err;
  }
}

/**
 * How many migrations opening would apply to an existing database. Drizzle's migrator runs those newer than the last
 * applied one; a new, empty file has nothing to keep and counts as none.
 */
export function pendingMigrations(sqlite: Database.Database, migrationsFolder: string): number {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  if (tables.length === 0) return 0;
  const known = readMigrationFiles({ migrationsFolder });
  if (!tables.some((t) => t.name === '__drizzle_migrations')) return known.length;
  const last = sqlite.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null };
  return known.filter((m) => m.folderMillis > Number(last.at ?? 0)).length;
}

export function schemaVersion(db: Db): number {
  const row = db.sqlite
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '__drizzle_migrations'")
    .get() as { n: number };
  if (!row.n) return 0;
  return (db.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

/** `PRAGMA integrity_check`: 'ok', or the first problems found. */
export function integrityCheck(sqlite: Database.Database): string {
  const rows = sqlite.pragma('integrity_check(20)') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('; ');
}
