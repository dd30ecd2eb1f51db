import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, openDatabase, schemaVersion } from '../../db/open';
import { createAppContext } from '../../electron/services/app-context';
import { ensureDailyBackup, makeBackup, startBackupSchedule } from '../../electron/services/backup/service';
import { backupsDir, listBackups } from '../../electron/services/backup/store';
import { databaseFile } from '../../electron/services/data-dir';
import { KeyStore, keyStoreFileFor } from '../../electron/services/keys/keystore';
import { restoreInRecovery, startAppContext } from '../../electron/services/recovery';
import { verifyAudit } from '../../electron/services/audit/verify';
import { frenchHandover, kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { testDbKey, testUnlock } from '../support/keys';
import { tempDirs } from '../support/temp';

const tmp = tempDirs('backup');
const apps: TestApp[] = [];
afterEach(() => apps.splice(0).forEach((a) => a.close()));
const newApp = () => {
  const a = testApp();
  apps.push(a);
  return a;
};

/** What a restore must give back: every record table, row for row (the audit log grows by the restore's entries). */
function content(app: TestApp) {
  const q = (sql: string) => app.ctx.db.sqlite.prepare(sql).all();
  return {
    handovers: q('SELECT * FROM handovers ORDER BY id'),
    versions: q('SELECT * FROM handover_versions ORDER BY handover_id, version'),
    persons: q('SELECT * FROM persons ORDER BY id'),
    totals: q('SELECT * FROM handover_month_totals ORDER BY 1, 2, 3, 4'),
  };
}
const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : '-');
/** The live database as bytes on disk (file and WAL), and the backups folder's listing. */
const disk = (app: TestApp) => ({
  db: sha(app.ctx.dbFile),
  wal: sha(`${app.ctx.dbFile}-wal`),
  backups: existsSync(backupsDir(app.dir)) ? readdirSync(backupsDir(app.dir)).sort() : [],
});

async function seeded() {
  const app = newApp();
  const h = await app.must('handovers:create', { data: kyrgyzHandover() });
  await app.must('handovers:finalize', { id: h.id, expectedRevision: h.revision });
  await app.must('handovers:create', { data: frenchHandover() });
  return app;
}

describe('backups', () => {
  it('backup → change → restore gives back exactly the earlier content, audited, with the chain verifying', async () => {
    const app = await seeded();
    const before = content(app);
    const made = await app.must('backup:create', {});
    expect(made.kind).toBe('manual');
    expect(statSync(join(backupsDir(app.dir), made.name)).mode & 0o777).toBe(0o600);
    expect(statSync(backupsDir(app.dir)).mode & 0o777).toBe(0o700);

    const later = await app.must('handovers:create', {
      data: kyrgyzHandover({ referenceNo: 'HO-2023-0099', delegationHeadName: 'Added after the backup' }),
    });
    const draft = before.handovers.find((h) => (h as { status: string }).status === 'draft') as { id: string };
    await app.must('handovers:void', { id: draft.id, expectedRevision: 1, reason: 'changed after the backup' });
    expect(content(app)).not.toEqual(before);
    const headBefore = app.ctx.keys.auditHead()!;

    const seen: string[] = [];
    app.ctx.events!.subscribe((name, p) => {
      const e = p as { operation: string; phase: string; state: string; done: number; total: number };
      if (name === 'backup.progress') seen.push(`${e.operation}:${e.phase}:${e.state}:${e.done}/${e.total}`);
    });
    const r = await app.must('backup:restore', { name: made.name });
    // The restore's steps, each announced before it runs (its own pre-restore backup is part of the last one).
    expect(seen).toEqual([
      'restore:copying:running:0/3',
      'restore:verifying:running:1/3',
      'restore:writing:running:2/3',
      'restore:writing:done:3/3',
    ]);
    expect(r.preRestore).toMatch(/-pre-restore\.db$/);
    expect(r.handovers).toBe(2);
    expect(content(app)).toEqual(before);
    expect((await app.call('handovers:get', { id: later.id })).ok).toBe(false);

    // The restore is in the restored log, naming the head it replaced; the kept head follows it; the chain verifies.
    const entry = app.ctx.db.sqlite
      .prepare("SELECT actor, details FROM audit_log WHERE action = 'backup.restore'")
      .get() as { actor: string; details: string };
    expect(entry.actor).toBe('tester');
    expect(JSON.parse(entry.details)).toMatchObject({
      from: made.name,
      replacedHead: headBefore,
      preRestore: r.preRestore,
    });
    expect(await app.must('audit:verify', {})).toMatchObject({ ok: true });
    expect(r.checks.find((c) => c.name === 'audit-chain')?.ok).toBe(true);

    // The pre-restore backup holds what was replaced: restoring it brings the later record back.
    await app.must('backup:restore', { name: r.preRestore! });
    expect((await app.must('handovers:get', { id: later.id })).delegationHeadName).toBe('Added after the backup');
    expect(await app.must('audit:verify', {})).toMatchObject({ ok: true });
  });

  it('a copy put back behind the app (not through restore) is still reported as rolled back', async () => {
    const app = await seeded();
    const made = await app.must('backup:create', {});
    await app.must('handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-2023-0100' }) });
    const file = app.ctx.dbFile;
    app.ctx.db.close();
    for (const s of ['-wal', '-shm']) rmSync(file + s, { force: true });
    copyFileSync(join(backupsDir(app.dir), made.name), file);
    const again = createAppContext({ dataDir: app.dir, mode: 'cli', unlock: testUnlock() });
    app.ctx = again;
    expect(verifyAudit(again).ok).toBe(false);
  });

  it('refuses a backup with another key, damaged, cut short, plain, from a newer version or with a broken audit log, changing nothing', async () => {
    const app = await seeded();
    const good = join(backupsDir(app.dir), (await app.must('backup:create', {})).name);
    const dir = tmp();
    const other = newApp();
    await other.must('handovers:create', { data: kyrgyzHandover() });
    const otherKey = join(dir, 'other-key.db');
    await other.must('backup:saveTo', { path: otherKey });

    const corrupt = join(dir, 'corrupt.db');
    const bytes = readFileSync(good);
    for (let i = 4096 + 100; i < bytes.length; i += 4096) bytes[i] ^= 0xff;
    writeFileSync(corrupt, bytes);

    const truncated = join(dir, 'truncated.db');
    copyFileSync(good, truncated);
    truncateSync(truncated, Math.floor(statSync(good).size / 2));

    const plain = join(dir, 'plain.db');
    const p = new Database(plain);
    p.exec('CREATE TABLE handovers (id); CREATE TABLE audit_log (id)');
    p.close();

    const key = testDbKey(app.ctx.dbFile);
    const tooNew = join(dir, 'too-new.db');
    copyFileSync(good, tooNew);
    const n = openDatabase(tooNew, { key, migrate: false });
    n.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', 9e12);
    n.close();

    const brokenAudit = join(dir, 'broken-audit.db');
    copyFileSync(good, brokenAudit);
    const b = openDatabase(brokenAudit, { key, migrate: false });
    const triggers = b.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
      .all() as { name: string }[];
    for (const t of triggers) b.sqlite.exec(`DROP TRIGGER ${t.name}`);
    b.sqlite.exec("UPDATE audit_log SET actor = 'someone else' WHERE id = 1");
    b.close();

    const cases: [string, string][] = [
      [otherKey, 'BACKUP_WRONG_KEY'],
      [corrupt, 'BACKUP_CORRUPT'],
      [truncated, 'BACKUP_CORRUPT'],
      [plain, 'BACKUP_PLAIN'],
      [tooNew, 'BACKUP_TOO_NEW'],
      [brokenAudit, 'BACKUP_AUDIT_BROKEN'],
      [join(dir, 'absent.db'), 'NOT_FOUND'],
      [dir, 'BACKUP_CORRUPT'],
    ];
    const before = { disk: disk(app), content: content(app), audit: app.ctx.keys.auditHead() };
    for (const [file, code] of cases) {
      const r = await app.call('backup:restore', { path: file });
      expect([file, r.ok ? 'restored' : r.error.code]).toEqual([file, code]);
      expect(disk(app)).toEqual(before.disk);
      expect(readdirSync(app.dir).filter((f) => f.startsWith('.restore-'))).toEqual([]);
    }
    expect(content(app)).toEqual(before.content);
    expect(app.ctx.keys.auditHead()).toEqual(before.audit);
    expect((await app.call('backup:restore', { path: 'relative.db' })).ok).toBe(false);
  });

  it('keeps the 7 newest daily backups, and makes a daily one only when the newest is a day old', async () => {
    const app = await seeded();
    let now = Date.parse('2026-01-01T08:00:00Z');
    app.ctx.now = () => new Date(now);
    const made: string[] = [];
    for (let day = 0; day < 10; day++) {
      const b = ensureDailyBackup(app.ctx);
      expect(b).not.toBeNull();
      made.push(b!.name);
      now += 6 * 3600_000;
      expect(ensureDailyBackup(app.ctx)).toBeNull(); // six hours later: not due
      now += 18 * 3600_000;
    }
    const daily = listBackups(app.dir).filter((b) => b.kind === 'daily');
    expect(daily.map((b) => b.name)).toEqual(made.slice(3).reverse());
    // Kinds are rotated apart: manual backups do not push daily ones out.
    for (let i = 0; i < 12; i++) {
      now += 1000;
      makeBackup(app.ctx, 'tester', 'manual');
    }
    expect(listBackups(app.dir).filter((b) => b.kind === 'manual')).toHaveLength(10);
    expect(listBackups(app.dir).filter((b) => b.kind === 'daily')).toHaveLength(7);
    expect(verifyAudit(app.ctx).ok).toBe(true);
  });

  it('makes the daily backup after start, not during it, or as the app stops when it stops sooner', async () => {
    const daily = (a: TestApp) => listBackups(a.dir).filter((b) => b.kind === 'daily');
    const log = (msg: string, err: unknown) => {
      throw new Error(`${msg}: ${String(err)}`);
    };
    const app = await seeded();
    const stop = startBackupSchedule(app.ctx, log, { firstAfterMs: 30 });
    expect(daily(app)).toHaveLength(0); // the start returns before any backup work
    // Made by its own thread, then audited on the app's: waited for until the audit entry is there.
    const audited = () =>
      app.ctx.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.create'").pluck().get();
    await expect.poll(audited, { timeout: 60_000, interval: 50 }).toBe(1);
    expect(daily(app)).toHaveLength(1);
    expect(verifyAudit(app.ctx).ok).toBe(true);
    stop();
    expect(daily(app)).toHaveLength(1); // checked already: stopping makes no second one

    const quick = await seeded();
    startBackupSchedule(quick.ctx, log, { firstAfterMs: 60_000 })();
    expect(daily(quick)).toHaveLength(1);
  });

  it('makes a backup before migrating an existing database, and only then', async () => {
    const dir = tmp();
    // The shipped migrations minus the last one: a database as the previous version left it.
    const older = join(dir, 'older-migrations');
    cpSync(defaultMigrationsFolder(), older, { recursive: true });
    const journalFile = join(older, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const last = journal.entries.pop()!;
    writeFileSync(journalFile, JSON.stringify(journal));
    rmSync(join(older, `${last.tag}.sql`));

    const data = join(dir, 'data');
    mkdirSync(data, { mode: 0o700 });
    const keys = KeyStore.create(keyStoreFileFor(databaseFile(data)), testUnlock());
    const first = openDatabase(databaseFile(data), { key: keys.dbKey, migrationsFolder: older });
    first.sqlite.exec("INSERT INTO handovers (id) SELECT 'x' WHERE 0"); // an existing database, however small
    const olderVersion = schemaVersion(first);
    first.close();

    const ctx = createAppContext({ dataDir: data, mode: 'cli', unlock: testUnlock() });
    const backups = listBackups(data);
    expect(backups.map((b) => b.kind)).toEqual(['pre-migration']);
    const audit = ctx.db.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'backup.create'").all() as {
      details: string;
    }[];
    expect(audit.map((a) => JSON.parse(a.details))).toMatchObject([{ kind: 'pre-migration', file: backups[0].name }]);
    expect(schemaVersion(ctx.db)).toBe(olderVersion + 1);
    ctx.db.close();
    const copy = openDatabase(join(backupsDir(data), backups[0].name), {
      key: testDbKey(databaseFile(data)),
      migrate: false,
      readonly: true,
    });
    expect(schemaVersion(copy)).toBe(olderVersion);
    copy.close();

    // Opened again, nothing pending: no further backup.
    createAppContext({ dataDir: data, mode: 'cli', unlock: testUnlock() }).db.close();
    expect(listBackups(data)).toHaveLength(1);
  });

  it('a damaged database starts in recovery; restoring a backup moves it aside and opens the backup', async () => {
    const app = await seeded();
    const made = await app.must('backup:create', {});
    const before = content(app);
    const { dbFile, dir } = { dbFile: app.ctx.dbFile, dir: app.dir };
    app.ctx.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    app.ctx.db.close();
    const bytes = readFileSync(dbFile);
    for (let i = 4096; i < bytes.length; i += 997) bytes[i] ^= 0x5a;
    writeFileSync(dbFile, bytes);

    const started = startAppContext({ dataDir: dir, mode: 'web', unlock: testUnlock() });
    expect(started.ctx).toBeNull();
    const rec = started.recovery!;
    expect(rec.code).toBe('DB_CORRUPT');
    expect(rec.keys).not.toBeNull();
    const { ctx, report } = await restoreInRecovery(rec, { name: made.name });
    app.ctx = ctx;
    expect(report.movedAside).toMatch(/^damaged-/);
    expect(readFileSync(join(backupsDir(dir), report.movedAside!)).equals(bytes)).toBe(true);
    expect(content(app)).toEqual(before);
    expect(verifyAudit(ctx).ok).toBe(true);
  });
});
