import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PASSPHRASE } from '../support/keys';

const root = join(import.meta.dirname, '../..');
// Inside the checkout, as dist-web is: the bundle finds its native packages in the checkout's node_modules.
mkdirSync(join(root, '.tmp'), { recursive: true });
const work = mkdtempSync(join(root, '.tmp', 'web-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `npm run web` runs browser mode from the bundle scripts/build-web.js makes, not from the TypeScript sources. */
describe('browser mode bundled (npm run web)', () => {
  it('starts from dist-web, migrates a new database, answers behind its token and stops on SIGTERM', async () => {
    const outdir = join(work, 'dist-web');
    execFileSync(process.execPath, [join(root, 'scripts/build-web.js'), outdir], { cwd: root });
    for (const f of ['server.mjs', 'backup-writer.cjs', 'import-writer.cjs', 'xlsx-reader.cjs'])
      expect(existsSync(join(outdir, f)), f).toBe(true);

    const dataDir = join(work, 'data');
    const server = spawn(process.execPath, [join(outdir, 'server.mjs'), '--data-dir', dataDir, '--port', '0'], {
      cwd: work,
      env: { ...process.env, TASLEEM_DB_KEY: TEST_PASSPHRASE },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/\S+/.exec(out);
        if (m) resolve(new URL(m[0]));
      });
      void exited.then((code) => reject(new Error(`browser mode exited (${code}): ${out}`)));
    });
    const status = (token?: string) =>
      fetch(new URL('/api/auth:status', url.origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: '{}',
      });
    expect((await status()).status).toBe(401);
    const answer = await status(url.searchParams.get('token')!);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true });

    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The bundle found the checkout's migrations: the new database has every table, the latest included.
    const db = openTestDb(join(dataDir, 'tasleem.db'));
    expect(
      db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'handover_day_totals'").get(),
    ).toEqual({ n: 1 });
    db.close();
  }, 120_000);
});
