import { createInterface } from 'node:readline';
import type { Unlock } from './keystore';

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput(s: string): void; output: NodeJS.WritableStream };
    out._writeToOutput = (s: string) => {
      // Echo the prompt itself and line ends only, never the typed characters.
      if (s.startsWith(question) || s === '\r\n' || s === '\n') out.output.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/**
 * The database passphrase for browser mode and the CLI: `TASLEEM_DB_KEY`, else a prompt when a person is at a
 * terminal (twice for a new database, so a typo does not lock the data away), else none (the opening then fails with
 * DB_KEY_REQUIRED, translated).
 */
export async function passphraseUnlock(
  opts: { creating: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<Unlock> {
  if (env.TASLEEM_DB_KEY) return { passphrase: env.TASLEEM_DB_KEY };
  if (!process.stdin.isTTY) return {};
  const first = await askHidden(
    opts.creating ? 'New database passphrase (recovery key, keep it safe): ' : 'Database passphrase: ',
  );
  if (opts.creating && (await askHidden('Repeat the passphrase: ')) !== first)
    throw new Error('The two passphrases differ');
  return { passphrase: first };
}
