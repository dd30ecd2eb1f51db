import { dirname } from 'node:path';
import { openDatabase } from '../../db/open';
import type { AppContext } from './context';
import { databaseFile } from './data-dir';
import type { PdfPrinter } from './pdf/printer';

export function createAppContext(opts: { dataDir: string; mode: AppContext['mode']; dbFile?: string; migrationsFolder?: string; pdf?: PdfPrinter; resourcesDir?: string; workersDir?: string }): AppContext {
  const file = opts.dbFile ?? databaseFile(opts.dataDir);
  const db = openDatabase(file, { migrationsFolder: opts.migrationsFolder });
  return { db, dataDir: opts.dbFile ? dirname(opts.dbFile) : opts.dataDir, mode: opts.mode, now: () => new Date(), pdf: opts.pdf, resourcesDir: opts.resourcesDir, workersDir: opts.workersDir };
}
