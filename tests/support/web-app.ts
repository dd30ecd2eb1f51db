import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppContext } from '../../electron/services/app-context';
import { testUnlock } from './keys';
import type { AppContext } from '../../electron/services/context';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { addAccount, type Credentials } from './accounts';
import { testApp, type TestApp } from './context';

export interface RunningApp {
  ctx: AppContext;
  web: WebServer;
  dataDir: string;
  /** An administrator account made at start, with which session.open() signs in. */
  admin: Credentials;
  stop(): Promise<void>;
}

/** Browser mode on a fresh temp data folder: the real server, handlers and SQLite file, past its first run. */
export async function startApp(): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tasleem-e2e-'));
  // Wired as electron/web/start.ts does.
  const ctx = createAppContext({ dataDir, mode: 'web', unlock: testUnlock() });
  const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  const web = await startWebServer({ ctx, staticDir });
  const admin = await addAccount(ctx, 'administrator', 'e2e-admin');
  return {
    ctx,
    web,
    dataDir,
    admin,
    async stop() {
      await web.close();
      ctx.db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  app: TestApp;
  web: WebServer;
  /** A static folder holding one index.html. */
  staticDir: string;
}

/** Browser mode's server over a test app and a one-page static folder: for the tests of the server itself. */
export async function startTestServer(): Promise<TestServer> {
  const app = testApp();
  const staticDir = mkdtempSync(join(tmpdir(), 'tasleem-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  return { app, web: await startWebServer({ ctx: app.ctx, staticDir }), staticDir };
}

export async function stopTestServer({ app, web, staticDir }: TestServer): Promise<void> {
  await web.close();
  app.close();
  rmSync(staticDir, { recursive: true, force: true });
}
