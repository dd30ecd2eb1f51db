import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyrgyzHandover } from '../support/context';
// @ts-expect-error -- plain JS helper shared with `npm start`
import { electronBinary } from '../../scripts/electron-binary.js';

const root = join(import.meta.dirname, '../..');
const binary: string | null = electronBinary();
if (!binary) {
  console.warn(
    '[electron-smoke] SKIPPED: the Electron binary is not installed on this machine (it cannot be downloaded here). ' +
      'Not run: launching the desktop app, its Arabic shell and menus, creating a handover and exporting its report through IPC, ' +
      'the single-instance hand-over, remembering the window. The same UI is tested through browser mode.',
  );
}

type Invoke = (channel: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
const invoke = (page: Page, channel: string, input: unknown) =>
  page.evaluate(([c, i]) => (window as unknown as { tasleem: { invoke: Invoke } }).tasleem.invoke(c as string, i), [
    channel,
    input,
  ] as const);

describe.skipIf(!binary)('desktop app (needs the Electron binary)', () => {
  let dataDir: string;
  let app: ElectronApplication;
  let win: Page;

  beforeAll(async () => {
    // `npm start` does the same: the bundles, then the SQLite addon for Electron beside Node's.
    expect(spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' }).status).toBe(0);
    expect(spawnSync(process.execPath, ['scripts/electron-native.js'], { cwd: root, stdio: 'inherit' }).status).toBe(0);
    dataDir = mkdtempSync(join(tmpdir(), 'tasleem-electron-'));
    app = await electron.launch({
      executablePath: binary!,
      args: [root],
      env: {
        ...process.env,
        TASLEEM_DATA_DIR: dataDir,
        TASLEEM_SQLITE_BINDING: join(root, '.electron-native/better_sqlite3.node'),
      },
    });
    win = await app.firstWindow();
  }, 600_000);
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the app from app://tasleem/ in Arabic, right to left, with only invoke exposed', async () => {
    await win.waitForLoadState('domcontentloaded');
    expect(win.url()).toMatch(/^app:\/\/tasleem\//);
    await expect.poll(() => win.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await win.evaluate(() => Object.keys((window as unknown as { tasleem: object }).tasleem))).toEqual([
      'invoke',
    ]);
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await app.windows()).toHaveLength(1);
  });

  it('has native menus in Arabic, Edit included', async () => {
    const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.items.map((i) => i.label));
    expect(labels).toEqual(expect.arrayContaining(['ملف', 'تحرير', 'عرض', 'مساعدة']));
  });

  it('refuses to navigate to a file: page', async () => {
    await win.evaluate(() => (location.href = 'file:///etc/hostname'));
    await new Promise((r) => setTimeout(r, 500));
    expect(win.url()).toMatch(/^app:\/\/tasleem\//);
  });

  it('creates a handover and exports its report through IPC', async () => {
    const setup = await invoke(win, 'auth:setup', {
      username: 'admin',
      displayName: 'مدير النظام',
      password: 'a long enough password',
    });
    expect(setup.ok).toBe(true);
    const created = await invoke(win, 'handovers:create', { data: kyrgyzHandover() });
    expect(created).toMatchObject({ ok: true });
    const report = await invoke(win, 'report:export', {
      handoverId: (created.value as { id: string }).id,
      language: 'ar',
    });
    expect(report.ok).toBe(true);
    // The preview's URL (app://tasleem/files/<id>) serves the report's bytes to the window, and nothing else does.
    const bytes = await win.evaluate(
      async (id) => Array.from(new Uint8Array(await (await fetch(`/files/${id}`)).arrayBuffer())),
      (report.value as { fileId: string }).fileId,
    );
    const pdf = Buffer.from(bytes);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe((report.value as { sha256: string }).sha256);
  });

  it('a second launch hands its bundle to the running app and quits', async () => {
    const second = spawnSync(binary!, [root, join(dataDir, 'missing.tasleem')], {
      env: { ...process.env, TASLEEM_DATA_DIR: dataDir },
      timeout: 60_000,
    });
    expect(second.status).toBe(0);
    await expect.poll(() => win.url()).toContain('#/import?tab=exchange');
    expect(await app.windows()).toHaveLength(1);
  });

  it('quits cleanly, leaving its log and the window’s place in the data folder', async () => {
    await app.close();
    expect(existsSync(join(dataDir, 'logs', 'main.log'))).toBe(true);
    const state = JSON.parse(readFileSync(join(dataDir, 'shell-state.json'), 'utf8')) as {
      window?: { bounds: { width: number } };
    };
    expect(state.window?.bounds.width).toBeGreaterThan(0);
  });
});
