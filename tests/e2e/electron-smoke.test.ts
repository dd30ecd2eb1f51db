import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JS helper shared with `npm start`
import { electronBinary } from '../../scripts/electron-binary.js';

const root = join(import.meta.dirname, '../..');
const binary: string | null = electronBinary();
if (!binary) console.warn('[electron-smoke] SKIPPED: the Electron binary is not installed on this machine (it cannot be downloaded here); the same UI is tested through browser mode.');

describe.skipIf(!binary)('desktop app (needs the Electron binary)', () => {
  it('opens one secure window showing the app, and the preload exposes only invoke', async () => {
    expect(spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' }).status).toBe(0);
    const dataDir = mkdtempSync(join(tmpdir(), 'tasleem-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, TASLEEM_DATA_DIR: dataDir } });
    try {
      const win = await app.firstWindow();
      await win.getByRole('heading').first().waitFor();
      expect(await win.evaluate(() => Object.keys((window as unknown as { tasleem: object }).tasleem))).toEqual(['invoke']);
      expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      const info = await win.evaluate(() => (window as unknown as { tasleem: { invoke(c: string, i: unknown): Promise<unknown> } }).tasleem.invoke('app:info', {}));
      expect(info).toMatchObject({ ok: true, value: { mode: 'desktop', dataDir } });
      expect(await app.windows()).toHaveLength(1);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
