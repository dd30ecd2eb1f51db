import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyStore } from '../../electron/services/keys/keystore';
import { certToPem, createCa } from '../../electron/services/signing/certs';
import { getSettings } from '../../electron/services/settings';
import { signIn } from '../support/accounts';
import { useBrowserSession } from '../support/browser-session';
import { samplePng } from '../support/signature-png';
import { SCREENSHOTS, screenshot, setLanguage } from '../support/ui';

const session = useBrowserSession();

describe('recovery passphrase in Settings', () => {
  it('guides, refuses a weak or mistyped passphrase, and saves a strong one that then opens the data', async () => {
    const keyFile = session.app.ctx.keys.file;
    for (const [lang, code] of [
      ['English', 'en'],
      ['العربية', 'ar'],
    ] as const) {
      const page = await session.open(lang);
      await page.goto(session.url('/settings'));
      const section = page.getByTestId('recovery-section');
      await section.waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(code === 'ar' ? 'rtl' : 'ltr');
      await page.getByTestId('recovery-status').waitFor();
      const passphrase = page.getByTestId('recovery-passphrase');

      // A weak one: the meter says so while typing, and saving is refused with the reason under the field.
      await passphrase.fill('password12345');
      await page.getByTestId('recovery-strength').waitFor();
      expect(Number(await page.getByTestId('recovery-strength').getAttribute('data-score'))).toBeLessThan(3);
      await page.getByTestId('recovery-repeat').fill('password12345');
      await page.getByTestId('recovery-password').fill(session.app.admin.password);
      await page.getByTestId('recovery-save').click();
      const weakText = code === 'en' ? 'Too easy to guess' : 'سهلة التخمين';
      await page.getByText(weakText).first().waitFor();

      // Strong but repeated wrong, then right.
      const strong = `${code} copper lantern orchard seventeen`;
      await passphrase.fill(strong);
      await page
        .locator('[data-testid="recovery-strength"][data-score="4"], [data-testid="recovery-strength"][data-score="3"]')
        .waitFor();
      await page.getByTestId('recovery-repeat').fill(`${strong}!`);
      await page.getByTestId('recovery-save').click();
      await page.getByText(code === 'en' ? 'The two passphrases differ' : 'العبارتان مختلفتان').waitFor();
      await page.getByTestId('recovery-repeat').fill(strong);
      await screenshot(page, `recovery-passphrase-${code}`);
      await page.getByTestId('recovery-save').click();
      await page.getByTestId('recovery-saved').waitFor();
      await screenshot(page, `recovery-passphrase-saved-${code}`);

      // The new passphrase opens the key store (a new machine, a broken keychain); the server's key is the same.
      const reopened = KeyStore.open(keyFile, { passphrase: strong });
      expect(reopened.dbKey.equals(session.app.ctx.keys.dbKey)).toBe(true);
      await page.close();
    }
    expect(session.errors).toEqual([]);
  });

  it('locks after the configured idle time and asks for the password again', async () => {
    await session.app.ctx.db.sqlite.prepare('SELECT 1').get();
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => session.errors.push(e.message));
    // The page's own timers run on a fake clock: minutes pass at once.
    await page.clock.install();
    await page.goto(session.app.web.url);
    await signIn(page, session.app.admin);
    await setLanguage(page, 'English');
    await page.goto(session.url('/settings'));
    const idle = page.getByLabel('Lock after minutes without use');
    await idle.fill('2');
    await page.getByTestId('save-settings').click();
    await page.reload();
    await page.getByTestId('account-menu').waitFor();
    await page.clock.runFor(60_000);
    expect(await page.getByTestId('account-menu').count()).toBe(1); // a minute: still in
    await page.clock.runFor(61_000);
    await page.getByTestId('sign-in-password').waitFor();
    expect(await page.getByTestId('sign-in-username').inputValue()).toBe(session.app.admin.username);
    await page.getByTestId('sign-in-password').fill(session.app.admin.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('account-menu').waitFor();
    const actions = (
      session.app.ctx.db.sqlite
        .prepare(`SELECT details FROM audit_log WHERE action = 'auth.sign_out' ORDER BY id DESC LIMIT 1`)
        .all() as { details: string }[]
    ).map((r) => JSON.parse(r.details).reason);
    expect(actions).toEqual(['idle']);
    await page.close();
  });

  it("trusts another office's CA from Settings, and shows a list edited outside the app as such", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tasleem-ca-'));
    const caFile = join(dir, 'hasakah-ca.pem');
    writeFileSync(caFile, certToPem(createCa('Hasakah Office', new Date()).cert));
    const forged = certToPem(createCa('Forged Office', new Date()).cert);
    for (const [lang, code] of [
      ['English', 'en'],
      ['العربية', 'ar'],
    ] as const) {
      const page = await session.open(lang);
      await page.goto(session.url('/settings'));
      await page.getByTestId('trusted-offices').waitFor();
      await page.getByTestId('trusted-office-file').setInputFiles(caFile);
      await page.getByTestId('trusted-office-label').fill(code === 'en' ? 'Hasakah office' : 'مكتب الحسكة');
      await page.getByTestId('trusted-office-add').click();
      await page.locator('[data-testid="trusted-office"][data-sealed="true"]').waitFor();
      const sealed = session.app.ctx.keys.trustedCas();
      expect(sealed).toHaveLength(1);

      // Someone appends a CA to the list with SQL: the page says the list was altered and marks that entry.
      const row = session.app.ctx.db.sqlite
        .prepare(`SELECT value FROM settings WHERE key = 'signing.officeCas'`)
        .get() as { value: string };
      const list = JSON.parse(row.value) as unknown[];
      session.app.ctx.db.sqlite
        .prepare(`UPDATE settings SET value = ? WHERE key = 'signing.officeCas'`)
        .run(
          JSON.stringify([
            ...list,
            { pem: forged, label: 'Hasakah (new)', addedAt: new Date().toISOString(), addedBy: 'e2e-admin' },
          ]),
        );
      await page.reload();
      await page.getByTestId('trusted-offices-altered').waitFor();
      expect(await page.locator('[data-testid="trusted-office"][data-sealed="false"]').count()).toBe(1);
      await page.getByTestId('trusted-offices').scrollIntoViewIfNeeded();
      await page.getByTestId('trusted-offices').screenshot({ path: join(SCREENSHOTS, `trusted-offices-${code}.png`) });

      // Discarding the unsealed entry re-seals what the administrator trusted; then stop trusting the office too.
      await page.locator('[data-testid="trusted-office"][data-sealed="false"]').getByRole('button').click();
      await page.getByTestId('trusted-offices-altered').waitFor({ state: 'detached' });
      expect(session.app.ctx.keys.trustedCas()).toEqual(sealed);
      await page.getByTestId('trusted-office').getByRole('button').click();
      await page.getByTestId('trusted-office').waitFor({ state: 'detached' });
      expect(session.app.ctx.keys.trustedCas()).toEqual([]);
      await page.close();
    }
    expect(session.errors).toEqual([]);
  });
});

describe('report logo in Settings', () => {
  it('is chosen as a file (uploaded, never read into the page), shown, refused when not an image, and removed', async () => {
    for (const [lang, code] of [
      ['English', 'en'],
      ['العربية', 'ar'],
    ] as const) {
      const page = await session.open(lang);
      await page.goto(session.url('/settings'));
      const section = page.getByTestId('report-settings');
      await section.waitFor();
      await page
        .getByTestId('report-logo-file')
        .setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
      await section.getByText(code === 'en' ? 'The logo must be a PNG or JPEG' : 'يجب أن يكون الشعار صورة').waitFor();
      expect(getSettings(session.app.ctx).reportLogo).toBe('');
      await page
        .getByTestId('report-logo-file')
        .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: samplePng() });
      await section.locator('img[src^="data:image/png;base64,"]').waitFor();
      expect(getSettings(session.app.ctx).reportLogo).toBe(`data:image/png;base64,${samplePng().toString('base64')}`);
      expect(await section.getByText(code === 'en' ? 'The logo must be' : 'يجب أن يكون الشعار').count()).toBe(0);
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: join(SCREENSHOTS, `report-logo-${code}.png`) });
      await page.getByTestId('report-logo-remove').click();
      await section.locator('img').waitFor({ state: 'detached' });
      expect(getSettings(session.app.ctx).reportLogo).toBe('');
      await page.close();
    }
    expect(session.errors).toEqual([]);
  });
});
