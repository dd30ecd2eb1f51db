import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppContext } from '../services/app-context';
import { databaseFile, resolveDataDir } from '../services/data-dir';
import { keyStoreFileFor } from '../services/keys/keystore';
import { passphraseUnlock } from '../services/keys/passphrase';
import { startWebServer } from './server';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } });
const dataDir = values['data-dir'] ?? resolveDataDir();
const unlock = await passphraseUnlock({ creating: !existsSync(keyStoreFileFor(databaseFile(dataDir))) });
const ctx = createAppContext({ dataDir, mode: 'web', unlock });
const staticDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const web = await startWebServer({ ctx, staticDir, port: values.port ? Number(values.port) : 0 });
process.stdout.write(`Tasleem is running in browser mode. Open:\n${web.url}\n(data: ${dataDir}; Ctrl+C to stop)\n`);
const stop = () =>
  void web.close().then(() => {
    ctx.db.close();
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
