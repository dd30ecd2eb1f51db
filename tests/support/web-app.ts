import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppContext } from '../../electron/services/app-context';
import { localCaller, type AppContext } from '../../electron/services/context';
import { startWebServer, type WebServer } from '../../electron/web/server';

export interface RunningApp {
  ctx: AppContext;
  web: WebServer;
  dataDir: string;
  stop(): Promise<void>;
}

/** Browser mode on a fresh temp data folder: the real server, handlers and SQLite file. */
export async function startApp(): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tasleem-e2e-'));
  // Wired as electron/web/start.ts does.
  const ctx = createAppContext({ dataDir, mode: 'web' });
  const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
  const web = await startWebServer({ ctx, caller: localCaller('e2e'), staticDir });
  return {
    ctx,
    web,
    dataDir,
    async stop() {
      await web.close();
      ctx.db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
