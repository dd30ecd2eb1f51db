import { dirname } from 'node:path';
import { openDatabase } from '../../db/open';
import type { AppContext } from './context';
import { databaseFile } from './data-dir';

export function createAppContext(opts: { dataDir: string; mode: AppContext['mode']; dbFile?: string; migrationsFolder?: string; resourcesDir?: string; workersDir?: string }): AppContext {
  const file = opts.dbFile ?? databaseFile(opts.dataDir);
  const db = openDatabase(file, { migrationsFolder: opts.migrationsFolder });
  return { db, dataDir: opts.dbFile ? dirname(opts.dbFile) : opts.dataDir, mode: opts.mode, now: () => new Date(), resourcesDir: opts.resourcesDir, workersDir: opts.workersDir };
}
