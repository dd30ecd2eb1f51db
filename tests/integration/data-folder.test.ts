import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder } from '../../db/open';
import { AppError } from '../../electron/api/result';
import { createAppContext } from '../../electron/services/app-context';
import { databaseFile } from '../../electron/services/data-dir';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { TEST_PASSPHRASE, testUnlock } from '../support/keys';
import { tempDirs } from '../support/temp';

const root = join(import.meta.dirname, '../..');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const tempDir = tempDirs('folder');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : `not an AppError: ${String(err)}`;
  }
  return undefined;
}

/** This build's migrations minus the last one: what an older Tasleem ships. */
function olderBuildMigrations(dir: string): string {
  const old = join(dir, 'old-migrations');
  cpSync(defaultMigrationsFolder(), old, { recursive: true });
  const journalFile = join(old, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.pop()!;
  rmSync(join(old, `${last.tag}.sql`));
  writeFileSync(journalFile, JSON.stringify(journal));
  return old;
}

describe('a data folder written by a newer version', () => {
  it('is refused (DATA_TOO_NEW) by an older build, byte for byte untouched', () => {
    const dir = tempDir();
    createAppContext({ dataDir: dir, mode: 'cli', unlock: testUnlock() }).db.close();
    const file = databaseFile(dir);
    const before = sha(file);
    expect(
      codeOf(() =>
        createAppContext({
          dataDir: dir,
          mode: 'desktop',
          migrationsFolder: olderBuildMigrations(dir),
          unlock: testUnlock(),
        }),
      ),
    ).toBe('DATA_TOO_NEW');
    expect(sha(file)).toBe(before);
    // The build that wrote it still opens it.
    const ctx = createAppContext({ dataDir: dir, mode: 'desktop', unlock: testUnlock() });
    ctx.db.close();
  });

  it('is refused by the CLI with the code and a non-zero exit', () => {
    const dir = tempDir();
    const file = join(dir, 'tasleem.db');
    const { db } = createAppContext({ dataDir: dir, mode: 'cli', unlock: testUnlock() });
    db.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('from-a-future-version', Date.now() + 365 * 86_400_000);
    db.close();
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'electron/cli/main.ts'), 'info', '--db', file],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('DATA_TOO_NEW');
    expect(r.stderr).toMatch(/Refusing to downgrade/);
  });
});

describe('a data folder that cannot be written', () => {
  it('is refused with DATA_FOLDER_READONLY and nothing in it changes', () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data);
    const ctx = createAppContext({ dataDir: data, mode: 'cli', unlock: testUnlock() });
    ctx.db.close();
    const before = sha(databaseFile(data));
    chmodSync(databaseFile(data), 0o444);
    chmodSync(data, 0o555);
    chmodSync(dir, 0o755);
    // Root ignores permission bits, so the app is opened as an unprivileged user where the test runs as root.
    const script = `import { createAppContext } from ${JSON.stringify(join(root, 'electron/services/app-context.ts'))};
try { createAppContext({ dataDir: ${JSON.stringify(data)}, mode: 'desktop', unlock: { passphrase: ${JSON.stringify(TEST_PASSPHRASE)} } }); console.log('OPENED'); } catch (e) { console.log('CODE=' + e.code); }`;
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: dir, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') },
      ...asUser,
    });
    expect(r.stdout.trim(), r.stderr).toBe('CODE=DATA_FOLDER_READONLY');
    expect(sha(databaseFile(data))).toBe(before);
  });
});

describe('a full disk', () => {
  let app: TestApp;
  afterEach(() => app?.close());

  it('fails the write with DISK_FULL and keeps what was there', async () => {
    app = testApp();
    await app.must('handovers:create', { data: kyrgyzHandover() });
    const pages = app.ctx.db.sqlite.pragma('page_count', { simple: true }) as number;
    // The disk "fills" at the current size: the next write needs pages it cannot get.
    app.ctx.db.sqlite.pragma(`max_page_count = ${pages}`);
    const r = await app.call('handovers:create', {
      data: kyrgyzHandover({ referenceNo: 'HO-2023-0002', notes: 'x'.repeat(4900), delegationBody: 'y'.repeat(250) }),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    expect(app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM handovers').get()).toEqual({ n: 1 });
    app.ctx.db.sqlite.pragma('max_page_count = 1073741823');
    expect(await app.call('handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-2023-0002' }) })).toMatchObject(
      { ok: true },
    );
  });
});
