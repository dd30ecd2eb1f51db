import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allCountryCodes } from '../../electron/api/domain/countries';
import { handoverFields } from '../../electron/api/schemas/handover';
import { localCaller } from '../../electron/services/context';
import { createHandover } from '../../electron/services/handovers';
import { finalizeHandover } from '../../electron/services/lifecycle';
import { signIn } from '../support/accounts';
import { useBrowserSession } from '../support/browser-session';
import { frenchHandover, kyrgyzHandover } from '../support/context';

const session = useBrowserSession();
let detailId = '';

beforeAll(async () => {
  const caller = localCaller('e2e');
  const seeds = [
    kyrgyzHandover(),
    frenchHandover(),
    kyrgyzHandover({ referenceNo: 'HO-2019-0001', receivingCountry: 'KZ' }),
    kyrgyzHandover({ referenceNo: 'HO-2022-0001', receivingCountry: 'XK' }),
  ];
  for (const data of seeds) {
    const h = createHandover(session.app.ctx, caller, handoverFields.parse(data));
    finalizeHandover(session.app.ctx, caller, h.id, h.revision);
    detailId ||= h.id;
  }
});

/** Everything that went wrong while a page loaded: HTTP errors (also for requests the page did not make itself, like the icon), failed requests, console errors, uncaught errors. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.status >= 400) problems.push(`${e.response.status} ${e.response.url}`);
  });
  // A request cut short by the next navigation (ERR_ABORTED) is not a missing file.
  page.on(
    'requestfailed',
    (r) =>
      r.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`failed ${r.url()}: ${r.failure()?.errorText}`),
  );
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`console ${m.type()}: ${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  return problems;
}

describe('every page loads without a missing file or a console error', () => {
  for (const lang of ['العربية', 'English'] as const) {
    it(`in ${lang}`, async () => {
      const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = await watch(page);
      await page.goto(session.app.web.url);
      await page.getByTestId('language-switcher').getByText(lang, { exact: true }).click();
      await signIn(page, session.app.admin);
      for (const route of [
        '/handovers',
        '/totals',
        '/import',
        '/settings',
        '/verify',
        '/handovers/new',
        `/handovers/${detailId}`,
        '/users',
        '/settings/audit',
        '/account',
      ]) {
        await page.goto('about:blank'); // each route as a first load, not a hash change inside the app
        await page.goto(session.url(route));
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
      }
      // A full reload too: the first load of the list is where the icon request went missing.
      await page.goto(session.app.web.url);
      await page.getByTestId('handover-table').waitFor();
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

describe('flags', () => {
  it('every row of the list shows its flag, drawn from the stylesheet without a request', async () => {
    const page = await session.open('English');
    await page.evaluate(() => (window.location.hash = '/handovers'));
    await page.getByTestId('handover-table').locator('.fi').first().waitFor();
    const flags = await page
      .getByTestId('handover-table')
      .locator('.fi')
      .evaluateAll((els) =>
        els.map((e) => ({
          cls: e.className,
          image: getComputedStyle(e).backgroundImage,
          width: e.getBoundingClientRect().width,
        })),
      );
    expect(flags.map((f) => f.cls.replace('fi fi-', '')).sort()).toEqual(['fr', 'kg', 'kz', 'xk']);
    for (const f of flags) {
      expect(f.image, f.cls).toMatch(/^url\("data:image\/svg\+xml/);
      expect(f.width, f.cls).toBeGreaterThan(10);
    }
    await page.close();
  });

  it('every country the app knows has one', async () => {
    const page = await session.open();
    const missing = await page.evaluate((codes) => {
      const box = document.createElement('div');
      document.body.append(box);
      const out: string[] = [];
      for (const code of codes) {
        const span = document.createElement('span');
        span.className = `fi fi-${code.toLowerCase()}`;
        box.append(span);
        if (!getComputedStyle(span).backgroundImage.startsWith('url("data:image/svg+xml')) out.push(code);
      }
      box.remove();
      return out;
    }, allCountryCodes());
    expect(missing).toEqual([]);
    await page.close();
  });
});
