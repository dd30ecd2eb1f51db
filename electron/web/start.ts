import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBackupSchedule } from '../services/backup/service';
import type { AppContext } from '../services/context';
import { startAppContext } from '../services/recovery';
import { databaseFile, resolveDataDir } from '../services/data-dir';
import { keyStoreFileFor } from '../services/keys/keystore';
import { passphraseUnlock } from '../services/keys/passphrase';
import { startWebServer } from './server';

/** Set by scripts/build-web.js (`npm run web`): its bundled worker threads, beside the bundled server. */
declare const __WORKERS_DIR__: string | undefined;

const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } });
const dataDir = values['data-dir'] ?? resolveDataDir();
const unlock = await passphraseUnlock({ creating: !existsSync(keyStoreFileFor(databaseFile(dataDir))) });
const workersDir = typeof __WORKERS_DIR__ === 'string' ? __WORKERS_DIR__ : undefined;
const started = startAppContext({ dataDir, mode: 'web', unlock, workersDir });
const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
let stopBackups = () => {};
const running = (ctx: AppContext) => {
  stopBackups = startBackupSchedule(ctx, (msg, err) => console.error(msg, err));
};
if (started.ctx) running(started.ctx);
const web = await startWebServer({
  ctx: started.ctx ?? undefined,
  recovery: started.recovery ?? undefined,
  onReady: running,
  staticDir,
  port: values.port ? Number(values.port) : 0,
});
if (started.recovery)
  process.stdout.write(
    `The database did not open (${started.recovery.code}): ${started.recovery.message}\nThe page shows what can be done (restore a backup, convert a plain database).\n`,
  );
process.stdout.write(`Tasleem is running in browser mode. Open:\n${web.url}\n(data: ${dataDir}; Ctrl+C to stop)\n`);
const stop = () =>
  void web.close().then(() => {
    stopBackups();
    web.context()?.keys.flushAuditHead();
    web.context()?.db.close();
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
