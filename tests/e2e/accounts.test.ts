import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { handoverFields } from '../../electron/api/schemas/handover';
import { localCaller } from '../../electron/services/context';
import { createHandover } from '../../electron/services/handovers';
import { finalizeHandover } from '../../electron/services/lifecycle';
import { addAccount, type Credentials } from '../support/accounts';
import { useBrowserSession } from '../support/browser-session';
import { frenchHandover, kyrgyzHandover } from '../support/context';
import { screenshot, setLanguage } from '../support/ui';

const session = useBrowserSession();
let viewer: Credentials;
let draftId = '';
let finalId = '';

beforeAll(async () => {
  const caller = localCaller('e2e');
  draftId = createHandover(session.app.ctx, caller, handoverFields.parse(kyrgyzHandover())).id;
  const f = createHandover(session.app.ctx, caller, handoverFields.parse(frenchHandover()));
  finalId = finalizeHandover(session.app.ctx, caller, f.id, f.revision).id;
  viewer = await addAccount(session.app.ctx, 'viewer', 'layla');
});

const snapshot = () =>
  session.app.ctx.db.sqlite.prepare('SELECT id, revision, status FROM handovers ORDER BY id').all();

/** Every control on the page that could change something: buttons and links by their test ids and roles. */
const MUTATING = [
  'new-handover',
  'edit',
  'finalize',
  'amend',
  'void',
  'edit-manifest',
  'add-attachment',
  'sign-handing_official',
  'sign-delegation_head',
  'sign-witness',
  'export-pdf',
  'save-settings',
  'add-user',
];
async function mutatingControls(page: Page, except: string[] = []): Promise<string[]> {
  const found: string[] = [];
  for (const id of MUTATING) if (!except.includes(id) && (await page.getByTestId(id).count())) found.push(id);
  return found;
}

describe('accounts in the browser', () => {
  it('asks to sign in before anything, and refuses a wrong password with a translated message', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(session.app.web.url);
    await page.getByTestId('sign-in-username').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByTestId('account-menu').count()).toBe(0);
    await page.getByTestId('sign-in-username').fill('layla');
    await page.getByTestId('sign-in-password').fill('not her password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').innerText()).toContain('اسم المستخدم أو كلمة المرور غير صحيحة');
    await screenshot(page, 'accounts-sign-in-ar');
    await setLanguage(page, 'English');
    await screenshot(page, 'accounts-sign-in-en');
    await page.close();
  });

  it('a viewer finds no way to change a record: no control offered, and a direct call is FORBIDDEN', async () => {
    const before = snapshot();
    const page = await session.open('English', undefined, viewer);
    expect(await page.getByTestId('account-menu').getAttribute('data-role')).toBe('viewer');
    const nav = await page.locator('nav a').allInnerTexts();
    expect(nav).toEqual(['Handovers', 'Totals', 'Verify a report']);
    for (const route of ['/handovers', `/handovers/${draftId}`, `/handovers/${finalId}`, '/totals']) {
      await page.goto(session.url(route));
      await page.waitForLoadState('networkidle');
      // The totals page's own PDF export is a viewer's (totals), and changes no record.
      expect(await mutatingControls(page, route === '/totals' ? ['export-pdf'] : []), route).toEqual([]);
    }
    await page.goto(session.url(`/handovers/${draftId}`));
    await page.getByTestId('status').waitFor();
    await screenshot(page, 'accounts-viewer-detail-en');
    // What a viewer could try from the page itself: the same requests the app would send.
    const codes = await page.evaluate(
      async ([id]) => {
        const token = sessionStorage.getItem('tasleem.token');
        const post = async (channel: string, body: unknown) => {
          const r = await fetch(`./api/${channel}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          });
          return [r.status, ((await r.json()) as { error?: { code: string } }).error?.code ?? 'ok'];
        };
        return [
          await post('handovers:update', { id, expectedRevision: 1, data: {} }),
          await post('handovers:finalize', { id, expectedRevision: 1 }),
          await post('handovers:void', { id, expectedRevision: 1, reason: 'x' }),
          await post('users:create', {
            username: 'mallory',
            displayName: 'M',
            role: 'administrator',
            password: 'long enough password',
          }),
          await post('handovers:get', { id }),
        ];
      },
      [draftId],
    );
    expect(codes).toEqual([
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [200, 'ok'],
    ]);
    expect(snapshot()).toEqual(before);
    await page.close();
  });

  it('the administrator manages users and reads the audit log, filtered, with a verified chain', async () => {
    for (const lang of ['العربية', 'English'] as const) {
      const page = await session.open(lang);
      await page.goto(session.url('/users'));
      await page.getByTestId('user-layla').waitFor();
      await screenshot(page, `accounts-users-${lang === 'English' ? 'en' : 'ar'}`);
      await page.goto(session.url('/settings/audit'));
      await page.getByTestId('audit-verify').click();
      await page.getByTestId('audit-verdict').waitFor();
      expect(await page.getByTestId('audit-verdict').getAttribute('data-ok')).toBe('true');
      await page.getByTestId('audit-actor').click();
      await page.getByRole('option', { name: 'layla', exact: true }).click();
      await page.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid=audit-row]')].every((r) => r.textContent?.includes('layla')),
      );
      const actions = await page
        .getByTestId('audit-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
      expect(actions).toContain('auth.sign_in');
      expect(actions).toContain('auth.sign_in_failed');
      await screenshot(page, `accounts-audit-${lang === 'English' ? 'en' : 'ar'}`);
      await page.close();
    }
  });

  it('a registrar may record but is offered neither users nor settings', async () => {
    const registrar = await addAccount(session.app.ctx, 'registrar', 'samer');
    const page = await session.open('English', undefined, registrar);
    expect(await page.locator('nav a').allInnerTexts()).toEqual(['Handovers', 'Totals', 'Import', 'Verify a report']);
    await page.getByTestId('new-handover').waitFor();
    await page.close();
  });

  it('signing out returns to the sign-in screen and the session is gone', async () => {
    const page = await session.open('English');
    await page.getByTestId('account-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-username').waitFor();
    await page.goto(session.url('/handovers'));
    await page.getByTestId('sign-in-username').waitFor();
    expect(session.errors).toEqual([]);
    await page.close();
  });
});
