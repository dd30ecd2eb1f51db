import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../api/result';
import { BACKUP_KINDS, BACKUPS_KEPT, type BackupKind } from '../../api/domain/backup';

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  /** When it was made (ISO), read from its name. */
  at: string;
  bytes: number;
}

/** backups/ beside the database, private like the data folder (0700; each file 0600). */
export function backupsDir(dataDir: string, create = false): string {
  const dir = join(dataDir, 'backups');
  if (create) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
  }
  return dir;
}

// `tasleem-2026-11-30T11-55-02-123Z-daily.db`: sorts by time, and no colon (Windows refuses them in names).
const NAME = new RegExp(
  `^tasleem-(\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z)-(${BACKUP_KINDS.join('|')})\\.db$`,
);

export function backupName(kind: BackupKind, at: Date): string {
  return `tasleem-${at.toISOString().replace(/[:.]/g, '-')}-${kind}.db`;
}

function parseName(name: string): { kind: BackupKind; at: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [date, time] = m[1].split('T');
  const [h, min, s, ms] = time.replace('Z', '').split('-');
  return { kind: m[2] as BackupKind, at: `${date}T${h}:${min}:${s}.${ms}Z` };
}

/** The backups in the folder, newest first. Files of other names (temporary ones, damaged databases) are not listed. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const parsed = parseName(name);
    if (!parsed) continue;
    out.push({ name, ...parsed, bytes: statSync(join(dir, name)).size });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The path of a listed backup by its name; any other name (a path, `..`) is refused. */
export function backupPath(dataDir: string, name: string): string {
  if (!parseName(name)) throw new AppError('NOT_FOUND', `No backup named ${name}`);
  const file = join(backupsDir(dataDir), name);
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `No backup named ${name}`);
  return file;
}

/** Keeps the newest BACKUPS_KEPT[kind] backups of a kind; returns the names removed. */
export function pruneBackups(dataDir: string, kind: BackupKind): string[] {
  const old = listBackups(dataDir)
    .filter((b) => b.kind === kind)
    .slice(BACKUPS_KEPT[kind]);
  for (const b of old) rmSync(join(backupsDir(dataDir), b.name), { force: true });
  return old.map((b) => b.name);
}
