import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverFields } from '../../electron/api/schemas/handover';
import { createAppContext } from '../../electron/services/app-context';
import { makeBackup } from '../../electron/services/backup/service';
import { localCaller } from '../../electron/services/context';
import { createHandover } from '../../electron/services/handovers';
import { startAppContext } from '../../electron/services/recovery';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { addAccount, signIn } from '../support/accounts';
import { useBrowserSession } from '../support/browser-session';
import { launchChromium } from '../support/chromium';
import { kyrgyzHandover } from '../support/context';
import { testUnlock } from '../support/keys';
import { screenshot, setLanguage } from '../support/ui';

const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

describe('recovery in the browser', () => {
  let dataDir: string;
  let web: WebServer;
  let browser: Browser;
  let admin: { username: string; password: string };

  beforeAll(async () => {
    // A real data folder with a record and a backup, whose database is then damaged on disk.
    dataDir = mkdtempSync(join(tmpdir(), 'tasleem-e2e-recovery-'));
    const ctx = createAppContext({ dataDir, mode: 'web', unlock: testUnlock() });
    admin = await addAccount(ctx, 'administrator', 'e2e-admin');
    createHandover(
      ctx,
      localCaller('e2e'),
      handoverFields.parse(kyrgyzHandover({ delegationHeadName: 'Before the damage' })),
    );
    makeBackup(ctx, 'e2e', 'manual');
    ctx.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ctx.db.close();
    const bytes = readFileSync(ctx.dbFile);
    for (let i = 4096; i < bytes.length; i += 997) bytes[i] ^= 0x5a;
    writeFileSync(ctx.dbFile, bytes);

    // Browser mode as electron/web/start.ts starts it.
    const started = startAppContext({ dataDir, mode: 'web', unlock: testUnlock() });
    expect(started.recovery?.code).toBe('DB_CORRUPT');
    web = await startWebServer({ recovery: started.recovery!, staticDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    web?.context()?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a damaged database shows the recovery screen; restoring a backup from it reaches the app with the record', async () => {
    const errors: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(web.url);
    const screen = page.getByTestId('recovery-screen');
    await screen.waitFor();
    expect(await screen.getAttribute('data-code')).toBe('DB_CORRUPT');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await screen.innerText()).toContain('ملف قاعدة البيانات تالف');
    expect(await page.getByTestId('backup-row').count()).toBe(1);
    await screenshot(page, 'recovery-damaged-ar');
    await setLanguage(page, 'English');
    expect(await screen.innerText()).toContain('The database file is damaged');
    await screenshot(page, 'recovery-damaged-en');

    // Nothing else answers meanwhile.
    const other = await page.evaluate(async (token) => {
      const r = await fetch('./api/handovers:list', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      });
      return ((await r.json()) as { error?: { code: string } }).error?.code;
    }, new URL(web.url).searchParams.get('token'));
    expect(other).toBe('RECOVERY_MODE');

    await page.getByTestId('backup-restore').click();
    await page.getByTestId('recovery-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('recovery-done').innerText()).toMatch(
      /Restored from tasleem-.*-manual\.db.*damaged-/s,
    );
    await screenshot(page, 'recovery-restored-en');
    await page.getByTestId('recovery-open').click();
    await signIn(page, admin);
    await page.getByText('Before the damage').first().waitFor();
    expect(web.context()).not.toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('Settings → Backups', () => {
  const session = useBrowserSession();

  it('lists backups, makes one now and refuses a file that is not a backup, in Arabic and English', async () => {
    const page = await session.open('English');
    await page.goto(session.url('/settings'));
    const section = page.getByTestId('backups-section');
    await section.waitFor();
    expect(await page.getByTestId('backup-row').count()).toBe(0);
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-outcome').waitFor();
    await page.getByTestId('backup-row').first().waitFor();
    expect(await page.getByTestId('backup-row').first().innerText()).toContain('manual');

    const notABackup = join(session.app.dataDir, 'not-a-backup.db');
    writeFileSync(notABackup, 'just some bytes, not a database at all'.repeat(200));
    await page.getByTestId('backup-restore-path').fill(notABackup);
    await page.getByTestId('backup-restore-file').click();
    await page.getByTestId('backup-confirm').click();
    await page.getByTestId('backup-error').waitFor();
    expect(await page.getByTestId('backup-error').innerText()).toContain("does not open with this database's key");
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: await screenshot(page, 'backups-settings-en') });
    await setLanguage(page, 'العربية');
    await page.getByTestId('backup-row').first().waitFor();
    expect(await section.innerText()).toContain('النسخ الاحتياطية');
    await section.screenshot({ path: await screenshot(page, 'backups-settings-ar') });
    await page.close();
  });
});
