import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, defaultMigrationsFolder } from '../../db/open';
import { dispatch } from '../../electron/handlers/dispatch';
import type { Channel, InputOf } from '../../electron/api/contract';
import { createAppContext } from '../../electron/services/app-context';
import { verifyAudit } from '../../electron/services/audit/verify';
import { localCaller, type AppContext } from '../../electron/services/context';
import { databaseFile } from '../../electron/services/data-dir';
import { KeyStore, keyStoreFileFor } from '../../electron/services/keys/keystore';
import { kyrgyzHandover } from '../support/context';
import { testUnlock } from '../support/keys';
import { tempDirs } from '../support/temp';

const tmp = tempDirs('audit');
const contexts: AppContext[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) if (c.db.sqlite.open) c.db.close();
});

function open(dir = tmp()) {
  const ctx = createAppContext({ dataDir: dir, mode: 'cli', unlock: testUnlock() });
  contexts.push(ctx);
  return { ctx, dir };
}
const caller = localCaller('tester');
async function must<C extends Channel>(ctx: AppContext, channel: C, input: InputOf<C>) {
  const r = await dispatch(ctx, caller, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as never as { id: string; revision: number };
}
/** Three records: create, finalize, void each. */
async function someHistory(ctx: AppContext, from = 1) {
  for (let i = from; i < from + 3; i++) {
    const h = await must(ctx, 'handovers:create', {
      data: kyrgyzHandover({ referenceNo: `HO-2023-${String(i).padStart(4, '0')}` }),
    });
    const f = await must(ctx, 'handovers:finalize', { id: h.id, expectedRevision: h.revision });
    await must(ctx, 'handovers:void', { id: h.id, expectedRevision: f.revision, reason: 'test' });
  }
}
const entries = (ctx: AppContext) => ctx.db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
/** The head as kept in the key store, outside the database file. */
const headFile = (dir: string) => KeyStore.open(keyStoreFileFor(databaseFile(dir)), testUnlock()).auditHead()!;
/** What someone with the file and sqlite3 can do: drop the guards. */
const dropTriggers = (ctx: AppContext) =>
  ctx.db.sqlite.exec(
    'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_chained_insert;',
  );

describe('the audit log is hash-chained', () => {
  it('chains every entry, keeps the head outside the database, and verifies', async () => {
    const { ctx, dir } = open();
    await someHistory(ctx);
    expect(entries(ctx)).toBe(9);
    const rows = ctx.db.sqlite.prepare('SELECT id, prev_hash AS prev, hash FROM audit_log ORDER BY id').all() as {
      id: number;
      prev: string;
      hash: string;
    }[];
    expect(rows[0].prev).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
    expect(headFile(dir)).toEqual({ id: rows[8].id, hash: rows[8].hash });
    expect(verifyAudit(ctx)).toMatchObject({ ok: true, count: 9, broken: null });
    const viaApi = await dispatch(ctx, caller, 'audit:verify', {});
    expect(viaApi).toMatchObject({ ok: true, value: { ok: true, count: 9 } });
  });

  it('refuses editing, deleting or inserting an unchained row through SQL', async () => {
    const { ctx } = open();
    await someHistory(ctx);
    expect(() => ctx.db.sqlite.exec("UPDATE audit_log SET actor = 'someone-else' WHERE id = 2")).toThrow(/append-only/);
    expect(() => ctx.db.sqlite.exec("UPDATE audit_log SET hash = 'x' WHERE id = 2")).toThrow(/append-only/);
    expect(() => ctx.db.sqlite.exec('DELETE FROM audit_log WHERE id = 9')).toThrow(/append-only/);
    expect(() =>
      ctx.db.sqlite.exec(
        "INSERT INTO audit_log (at, actor, action, entity, details) VALUES ('2024-01-01', 'x', 'y', 'z', '{}')",
      ),
    ).toThrow(/chained/);
    expect(verifyAudit(ctx)).toMatchObject({ ok: true, count: 9 });
  });

  it('names a row altered with the triggers dropped', async () => {
    const { ctx } = open();
    await someHistory(ctx);
    dropTriggers(ctx);
    ctx.db.sqlite
      .prepare("UPDATE audit_log SET details = json_set(details, '$.reason', 'nothing to see') WHERE id = 6")
      .run();
    expect(verifyAudit(ctx)).toMatchObject({
      ok: false,
      count: 6,
      broken: { id: 6, reason: 'altered', action: 'handover.void', actor: 'tester' },
    });
  });

  it('names the entry after one removed from the middle', async () => {
    const { ctx } = open();
    await someHistory(ctx);
    dropTriggers(ctx);
    ctx.db.sqlite.exec('DELETE FROM audit_log WHERE id = 4');
    expect(verifyAudit(ctx)).toMatchObject({ ok: false, broken: { id: 5, reason: 'link' } });
  });

  it('catches a deleted last entry by the head kept outside the database, also once new entries follow', async () => {
    const { ctx } = open();
    await someHistory(ctx);
    dropTriggers(ctx);
    ctx.db.sqlite.exec('DELETE FROM audit_log WHERE id = 9');
    // The chain that is left is consistent in itself: only the head shows what is missing.
    expect(verifyAudit(ctx)).toMatchObject({ ok: false, count: 8, broken: { id: 9, reason: 'missing' } });
    // The app goes on writing (entry 9 again, a different one): the kept head does not move past the evidence.
    await someHistory(ctx, 10);
    expect(verifyAudit(ctx)).toMatchObject({ ok: false, broken: { id: 9, reason: 'rolled_back' } });
  });

  it('catches a log rolled back to an older backup of the database', async () => {
    const { ctx, dir } = open();
    await someHistory(ctx);
    const backup = join(dir, 'older.db');
    ctx.db.sqlite.exec(`VACUUM INTO '${backup}'`); // an encrypted copy (SQLite's backup API cannot write one)
    await someHistory(ctx, 10);
    expect(verifyAudit(ctx)).toMatchObject({ ok: true, count: 18 });
    ctx.db.close();
    const file = databaseFile(dir);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    copyFileSync(backup, file);
    const reopened = open(dir).ctx;
    expect(entries(reopened)).toBe(9);
    expect(verifyAudit(reopened)).toMatchObject({ ok: false, count: 9, broken: { id: 18, reason: 'missing' } });
    expect(headFile(dir).id).toBe(18);
  });

  it('answers before the head is flushed; a head a power cut left behind opens, and the start moves it forward', async () => {
    const { ctx, dir } = open();
    await someHistory(ctx);
    await ctx.keys.auditHeadSettled();
    const slots = `${keyStoreFileFor(databaseFile(dir))}.head`;
    const onDisk = readFileSync(slots); // the head at entry 9, flushed
    await must(ctx, 'handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-2023-0100' }) });
    // The entry is committed and the head already names it; its fdatasync runs after the answer.
    expect(ctx.keys.auditHeadUnflushed).toBe(true);
    expect(headFile(dir).id).toBe(10);
    await ctx.keys.auditHeadSettled();
    expect(ctx.keys.auditHeadUnflushed).toBe(false);
    await someHistory(ctx, 20);
    // A power cut before the last flushes reached the disk: the head file as it was at entry 9.
    writeFileSync(slots, onDisk);
    expect(verifyAudit(ctx)).toMatchObject({ ok: true, count: 19, head: { id: 9 } });
    ctx.db.close();
    const reopened = open(dir).ctx;
    expect(verifyAudit(reopened)).toMatchObject({ ok: true, count: 19, head: { id: 19 } });
    expect(headFile(dir).id).toBe(19);
  });

  it('notices an entry inserted with a hash of its own making only by the chain (a forged link)', async () => {
    const { ctx } = open();
    await someHistory(ctx);
    dropTriggers(ctx);
    ctx.db.sqlite
      .prepare(
        "INSERT INTO audit_log (id, at, actor, action, entity, details, prev_hash, hash) VALUES (10, '2024-01-01T00:00:00.000Z', 'x', 'handover.create', 'handover', '{}', ?, ?)",
      )
      .run('f'.repeat(64), 'e'.repeat(64));
    expect(verifyAudit(ctx)).toMatchObject({ ok: false, broken: { id: 10, reason: 'link' } });
  });

  it('seals the entries of a database written before the chain, once, and verifies them', () => {
    const dir = tmp();
    // The migrations as they were before the chain, then the app's as they are now.
    const old = join(dir, 'migrations');
    mkdirSync(join(old, 'meta'), { recursive: true });
    const journal = JSON.parse(readFileSync(join(defaultMigrationsFolder(), 'meta/_journal.json'), 'utf8')) as {
      entries: { idx: number; tag: string }[];
    };
    journal.entries = journal.entries.slice(
      0,
      journal.entries.findIndex((e) => e.tag.endsWith('_accounts_audit_chain')),
    );
    for (const e of journal.entries) cpSync(join(defaultMigrationsFolder(), `${e.tag}.sql`), join(old, `${e.tag}.sql`));
    writeFileSync(join(old, 'meta/_journal.json'), JSON.stringify(journal));
    const { dbKey: key } = KeyStore.create(keyStoreFileFor(databaseFile(dir)), testUnlock());
    const legacy = openDatabase(databaseFile(dir), { key, migrationsFolder: old });
    const insert = legacy.sqlite.prepare(
      "INSERT INTO audit_log (at, actor, action, entity, entity_id, details) VALUES (?, 'admin', ?, 'handover', 'h1', ?)",
    );
    insert.run('2023-02-16T10:00:00.000Z', 'handover.create', '{"referenceNo":"HO-2023-0001"}');
    insert.run('2023-02-16T11:00:00.000Z', 'handover.finalize', '{"version":1}');
    legacy.close();
    const { ctx } = open(dir);
    expect(ctx.db.sqlite.prepare('SELECT count(*) FROM audit_log WHERE hash IS NULL').pluck().get()).toBe(0);
    // The two old entries, sealed, then the backup made before the pending migrations, chained after them.
    expect(verifyAudit(ctx)).toMatchObject({ ok: true, count: 3 });
    expect(ctx.db.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all()).toEqual([
      'handover.create',
      'handover.finalize',
      'backup.create',
    ]);
    // Sealed rows are as immutable as any other.
    expect(() => ctx.db.sqlite.exec("UPDATE audit_log SET hash = 'x' WHERE id = 1")).toThrow(/append-only/);
  });
});
