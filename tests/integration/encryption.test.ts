import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { createAppContext } from '../../electron/services/app-context';
import { backupsDir } from '../../electron/services/backup/store';
import { databaseFile } from '../../electron/services/data-dir';
import { keyStoreFileFor } from '../../electron/services/keys/keystore';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { tinyPdf } from '../support/files';
import { TEST_PASSPHRASE, testUnlock } from '../support/keys';
import { codeOf, tempDirs } from '../support/temp';

/** A name that appears nowhere else, in Arabic and Latin script, and a marker inside the attached scan. */
const NAME_LATIN = 'Zubaida Qarakhanova-Encrypt';
const NAME_ARABIC = 'زبيدة قره خانوفا';
const SCAN_MARKER = 'SCAN-MARKER-7f3a9c-PASSPORT';
const needles = [NAME_LATIN, NAME_ARABIC, SCAN_MARKER].flatMap((s) => [
  Buffer.from(s, 'utf8'),
  Buffer.from(s, 'utf16le'),
  Buffer.from(s.toLowerCase(), 'utf8'),
]);

/** Every byte of every file given, searched for every needle; returns the files that contain one and the bytes read. */
export function searchBytes(files: string[]): { hits: string[]; bytes: number } {
  let bytes = 0;
  const hits: string[] = [];
  for (const f of files) {
    const b = readFileSync(f);
    bytes += b.length;
    for (const n of needles) if (b.includes(n)) hits.push(`${f}: ${n.toString('utf8')}`);
  }
  return { hits, bytes };
}

const tmp = tempDirs('enc');
let app: TestApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

describe('encryption at rest', () => {
  it('leaves no trace of a recorded name or an attached scan in the database or WAL bytes', async () => {
    app = testApp();
    const h = await app.must('handovers:create', {
      data: kyrgyzHandover({
        delegationHeadName: NAME_LATIN,
        handingOfficialName: NAME_ARABIC,
        notes: `${NAME_LATIN} / ${NAME_ARABIC}`,
      }),
    });
    const pdf = tinyPdf();
    const scan = Buffer.concat([pdf.subarray(0, 9), Buffer.from(`% ${SCAN_MARKER}\n`), pdf.subarray(9)]);
    await app.must('attachments:add', {
      handoverId: h.id,
      fileId: app.choose(scan, 'attachment', `${NAME_LATIN}.pdf`),
    });
    // The app itself reads them back: they are stored, only not readable without the key.
    expect((await app.must('handovers:get', { id: h.id })).delegationHeadName).toBe(NAME_LATIN);
    expect((await app.must('handovers:list', { search: 'قره خانوفا' })).rows.map((r) => r.id)).toEqual([h.id]);

    const file = app.ctx.dbFile;
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0); // the records are still in the WAL, not yet checkpointed
    const live = searchBytes([file, `${file}-wal`, `${file}-shm`, keyStoreFileFor(file)]);
    expect(live.hits).toEqual([]);
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toContain('SQLite format');

    app.ctx.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const after = searchBytes([file]);
    expect(after.hits).toEqual([]);

    // Backups are encrypted too: the automatic kind in backups/, and one saved to a chosen file.
    const kept = await app.must('backup:create', {});
    const chosen = join(tmp(), 'usb-stick-backup.db');
    await app.must('backup:saveTo', { path: chosen });
    const backups = searchBytes([join(backupsDir(app.dir), kept.name), chosen]);
    expect(backups.hits).toEqual([]);
    console.log(
      `[encryption] bytes searched: ${live.bytes + after.bytes + backups.bytes} (database, WAL, SHM, key store, the checkpointed database, two backups) for ${needles.length} needles: 0 hits`,
    );

    // The same search does find them in a plain copy: the search itself works.
    const plain = join(tmp(), 'plain.db');
    app.ctx.db.sqlite.exec(`ATTACH DATABASE '${plain}' AS plain KEY ''`);
    app.ctx.db.sqlite.exec(
      'CREATE TABLE plain.h AS SELECT delegation_head_name, handing_official_name FROM main.handovers',
    );
    app.ctx.db.sqlite.exec('CREATE TABLE plain.a AS SELECT data FROM main.attachments');
    app.ctx.db.sqlite.exec('DETACH DATABASE plain');
    expect(searchBytes([plain]).hits.length).toBeGreaterThanOrEqual(3);
  });

  it('makes the data folder 0700 and the database, WAL and key store 0600', async () => {
    app = testApp();
    await app.must('handovers:create', { data: kyrgyzHandover() });
    expect(statSync(app.dir).mode & 0o777).toBe(0o700);
    for (const f of [app.ctx.dbFile, `${app.ctx.dbFile}-wal`, `${app.ctx.dbFile}-shm`, keyStoreFileFor(app.ctx.dbFile)])
      expect([f, statSync(f).mode & 0o777]).toEqual([f, 0o600]);
  });

  it('refuses a wrong passphrase or key with a clear code, changing nothing', async () => {
    const dir = tmp();
    const first = createAppContext({ dataDir: dir, mode: 'cli', unlock: testUnlock() });
    const key = first.keys.dbKey;
    first.db.close();
    const before = createHash('sha256')
      .update(readFileSync(databaseFile(dir)))
      .digest('hex');
    expect(
      codeOf(() => createAppContext({ dataDir: dir, mode: 'cli', unlock: { passphrase: 'wrong passphrase!' } })),
    ).toBe('DB_WRONG_KEY');
    expect(codeOf(() => createAppContext({ dataDir: dir, mode: 'cli', unlock: {} }))).toBe('DB_KEY_REQUIRED');
    const otherKey = Buffer.from(key.map((b) => b ^ 1));
    expect(codeOf(() => openDatabase(databaseFile(dir), { key: otherKey }))).toBe('DB_WRONG_KEY');
    expect(
      createHash('sha256')
        .update(readFileSync(databaseFile(dir)))
        .digest('hex'),
    ).toBe(before);
    const again = createAppContext({ dataDir: dir, mode: 'cli', unlock: { passphrase: TEST_PASSPHRASE } });
    expect(again.keys.dbKey.equals(key)).toBe(true);
    again.db.close();
  });

  it('never opens a plain database silently, nor creates a key store for it', () => {
    const dir = tmp();
    const file = databaseFile(dir);
    const plain = new Database(file);
    plain.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('kept as it was')");
    plain.close();
    const before = readFileSync(file);
    expect(codeOf(() => createAppContext({ dataDir: dir, mode: 'cli', unlock: testUnlock() }))).toBe('DB_PLAIN');
    expect(codeOf(() => openDatabase(file, { key: Buffer.alloc(32, 9) }))).toBe('DB_PLAIN');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(keyStoreFileFor(file))).toBe(false);
  });

  it('an encrypted database whose key store is gone cannot be opened (KEYSTORE_MISSING), not replaced by a new one', () => {
    const dir = tmp();
    const first = createAppContext({ dataDir: dir, mode: 'cli', unlock: testUnlock() });
    first.db.close();
    rmSync(keyStoreFileFor(databaseFile(dir)));
    expect(codeOf(() => createAppContext({ dataDir: dir, mode: 'cli', unlock: testUnlock() }))).toBe(
      'KEYSTORE_MISSING',
    );
    expect(existsSync(keyStoreFileFor(databaseFile(dir)))).toBe(false);
  });
});
