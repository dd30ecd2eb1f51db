import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { isPlainDatabase, keyPragma, openDatabase } from '../../db/open';
import { createAppContext } from '../../electron/services/app-context';
import { createHandover } from '../../electron/services/handovers';
import { localCaller } from '../../electron/services/context';
import { handoverFields } from '../../electron/api/schemas/handover';
import { keyStoreFileFor } from '../../electron/services/keys/keystore';
import { verifyAudit } from '../../electron/services/audit/verify';
import { kyrgyzHandover } from '../support/context';
import { testUnlock } from '../support/keys';

const root = join(import.meta.dirname, '../..');
let dir: string;

/** The real `tasleem` entry point, as a user runs it (TASLEEM_DB_KEY: the test passphrase, tests/support/setup-env.ts). */
const tasleem = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/tasleem.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TASLEEM_DB: '' },
  });
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const references = (db: string) => {
  const r = tasleem('--db', db, 'list', '--json');
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { rows: { referenceNo: string }[] }).rows.map((x) => x.referenceNo).sort();
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tasleem-cli-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function record(db: string, referenceNo: string) {
  const ctx = createAppContext({ dataDir: dir, dbFile: db, mode: 'cli', unlock: testUnlock() });
  createHandover(ctx, localCaller('t'), handoverFields.parse(kyrgyzHandover({ referenceNo })));
  ctx.db.close();
}

// Each run of the real entry point starts tsx: on a loaded machine several take most of a minute.
describe('tasleem backup / restore / encrypt', { timeout: 240_000 }, () => {
  it('backup <file> writes an encrypted copy; restore <file> puts it back and the log verifies', () => {
    const db = join(dir, 'office.db');
    record(db, 'HO-CLI-1');
    const file = join(dir, 'stick', '..', 'backup-1.db');
    const b = tasleem('--db', db, 'backup', file);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.stdout).toContain('backup written');
    expect(isPlainDatabase(join(dir, 'backup-1.db'))).toBe(false);
    expect(statSync(join(dir, 'backup-1.db')).mode & 0o777).toBe(0o600);

    record(db, 'HO-CLI-2');
    expect(references(db)).toEqual(['HO-CLI-1', 'HO-CLI-2']);
    const r = tasleem('--db', db, 'restore', join(dir, 'backup-1.db'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/restored from backup-1\.db: 1 handovers/);
    expect(r.stdout).toMatch(/backed up first: backups\/tasleem-.*-pre-restore\.db/);
    expect(references(db)).toEqual(['HO-CLI-1']);
    const audit = tasleem('--db', db, 'audit', 'verify');
    expect(audit.status).toBe(0);
    const list = tasleem('--db', db, 'backups', '--json');
    expect(JSON.parse(list.stdout).backups.map((x: { kind: string }) => x.kind)).toEqual(['pre-restore']);
  });

  it('restore refuses a file that is not a backup of this database, and leaves the database as it was', () => {
    const db = join(dir, 'office.db');
    const other = join(dir, 'other.db');
    record(other, 'HO-OTHER');
    const before = sha(db);
    const r = tasleem('--db', db, 'restore', other);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('BACKUP_WRONG_KEY');
    expect(sha(db)).toBe(before);
  });

  it('encrypt converts a plain database, keeps the plain original beside it, and the app then opens it encrypted', () => {
    const db = join(dir, 'plain.db');
    // A database as an earlier, unencrypted build left it: the app's own schema, written without a key.
    const seed = join(dir, 'seed.db');
    record(seed, 'HO-PLAIN-1');
    const ctx0 = createAppContext({ dataDir: dir, dbFile: seed, mode: 'cli', unlock: testUnlock() });
    ctx0.db.sqlite.prepare('VACUUM INTO ?').run(db);
    const key = ctx0.keys.dbKey;
    ctx0.db.close();
    const copy = new Database(db);
    copy.pragma(keyPragma(key));
    copy.pragma("rekey = ''"); // SQLite3MultipleCiphers: an empty key decrypts the file in place
    copy.close();
    expect(isPlainDatabase(db)).toBe(true);
    const plainBytes = readFileSync(db);
    expect(tasleem('--db', db, 'list').stderr).toContain('DB_PLAIN');

    const r = tasleem('--db', db, 'encrypt');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const kept = readdirSync(dir).find((f) => f.startsWith('plain.plain-'))!;
    expect(r.stdout).toContain(join(dir, kept));
    expect(r.stdout).toContain('NOT encrypted');
    expect(readFileSync(join(dir, kept)).equals(plainBytes)).toBe(true);

    expect(isPlainDatabase(db)).toBe(false);
    expect(existsSync(keyStoreFileFor(db))).toBe(true);
    expect(references(db)).toEqual(['HO-PLAIN-1']);
    // The key is in the new key store: without its passphrase nothing opens, and the plain copy is refused.
    const wrong = spawnSync(process.execPath, [join(root, 'bin/tasleem.js'), '--db', db, 'list'], {
      encoding: 'utf8',
      env: { ...process.env, TASLEEM_DB: '', TASLEEM_DB_KEY: 'not the passphrase' },
    });
    expect(wrong.stderr).toContain('DB_WRONG_KEY');
    expect(() => openDatabase(join(dir, kept), { key: Buffer.alloc(32, 1) })).toThrow(/not encrypted/);
    const ctx = createAppContext({ dataDir: dir, dbFile: db, mode: 'cli', unlock: testUnlock() });
    const entry = ctx.db.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'database.encrypt'").get() as {
      actor: string;
    };
    expect(entry.actor).toMatch(/^cli:/);
    expect(verifyAudit(ctx).ok).toBe(true);
    ctx.db.close();

    const again = tasleem('--db', db, 'encrypt');
    expect(again.stderr).toContain('DB_NOT_PLAIN');
  });
});
