import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { signIn, type Credentials } from './accounts';
import { launchChromium } from './chromium';
import { setLanguage } from './ui';
import { startApp, type RunningApp } from './web-app';

export interface BrowserSession {
  app: RunningApp;
  browser: Browser;
  /** Uncaught errors of every page opened through the session; a test asserts it stays empty. */
  errors: string[];
  /** A new tab on the app (token applied), signed in (as the administrator unless `as` names another account), optionally switched to a language. */
  open(
    lang?: 'العربية' | 'English' | 'Kurdî',
    viewport?: { width: number; height: number },
    as?: Credentials,
  ): Promise<Page>;
  /** The address of a route of the app, e.g. url('/handovers?q=x'). */
  url(route: string): string;
}

/** Browser mode on a fresh data folder plus one Chromium, for the file that calls it (beforeAll/afterAll). */
export function useBrowserSession(): BrowserSession {
  const session = { errors: [] as string[] } as BrowserSession;
  beforeAll(async () => {
    session.app = await startApp();
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.stop();
  });
  session.url = (route) => `${session.app.web.url.split('?')[0]}#${route}`;
  session.open = async (lang, viewport = { width: 1280, height: 900 }, as) => {
    // browser.newPage opens its own context: each tab has its own cookie, so tabs can be different accounts.
    const page = await session.browser.newPage({ viewport });
    page.on('pageerror', (e) => session.errors.push(e.message));
    await page.goto(session.app.web.url);
    await signIn(page, as ?? session.app.admin);
    if (lang) await setLanguage(page, lang);
    return page;
  };
  return session;
}
