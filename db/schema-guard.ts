import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/** The database was migrated by a newer Tasleem than this one: opening it could lose what that version added. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly applied: number,
    readonly known: number,
  ) {
    super(`The database has ${applied} migrations applied; this version knows ${known}. Refusing to downgrade it.`);
  }
}

/**
 * Refuses a database holding a migration this build does not ship. Drizzle's migrator only compares timestamps and
 * would silently run the older code against a newer schema, so the check is done here, before it.
 */
export function assertNotNewer(sqlite: Database.Database, migrationsFolder: string): void {
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return;
  const known = readMigrationFiles({ migrationsFolder });
  const knownHashes = new Set(known.map((m) => m.hash));
  const latestKnown = Math.max(0, ...known.map((m) => m.folderMillis));
  const applied = sqlite.prepare('SELECT hash, created_at AS at FROM __drizzle_migrations').all() as {
    hash: string;
    at: number;
  }[];
  if (applied.some((m) => Number(m.at) > latestKnown && !knownHashes.has(m.hash)))
    throw new DatabaseTooNewError(applied.length, known.length);
}
