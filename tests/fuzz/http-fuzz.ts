import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebServer } from '../../electron/web/server';
import { testApp } from '../support/context';

/**
 * Sends raw bytes on a fresh connection and returns what came back before the server closed it (or the timeout). Our
 * side stays open: a client that half-closes at once gives Node's server leave to drop a response still being made.
 */
function exchange(port: number, bytes: Buffer, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    const done = () => resolve(got);
    const timer = setTimeout(() => {
      s.destroy();
      done();
    }, timeoutMs);
    s.on('connect', () => s.write(bytes));
    s.on('data', (d) => (got += d.toString('latin1')));
    s.on('close', () => {
      clearTimeout(timer);
      done();
    });
    s.on('error', () => {});
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);

export interface HttpFuzzFigures {
  requests: number;
  byStatus: Record<string, number>;
  problems: string[];
  seconds: number;
}

const PATH_PIECES = [
  '/',
  '/api/',
  'handovers:list',
  'handovers:create',
  '%',
  '%E0%A4%A',
  '%2e%2e',
  '..',
  '%00',
  '%ff',
  '//',
  '\\',
  '?',
  '#',
  'index.html',
  'assets',
  '٣',
  '\u202E',
  '%C0%AF',
  '.%2F',
  '~',
  ';',
  '@',
];

/**
 * Browser mode under random requests: random bytes on the socket, random paths (with and without the token), random
 * bodies to random channel names. Every request must get an HTTP answer other than a 5xx, and the server must still
 * serve its index page afterwards.
 */
export async function runHttpFuzz(opts: { runs: number; seed?: number }): Promise<HttpFuzzFigures> {
  const app = testApp();
  const staticDir = mkdtempSync(join(tmpdir(), 'tasleem-fuzz-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const web = await startWebServer({ ctx: app.ctx, staticDir });
  const host = `127.0.0.1:${web.port}`;
  const figures: HttpFuzzFigures = { requests: 0, byStatus: {}, problems: [], seconds: 0 };
  const started = performance.now();
  const record = (what: string, sent: Buffer, answer: string) => {
    figures.requests++;
    const status = statusOf(answer);
    figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
    if ((status === 0 || status >= 500) && figures.problems.length < 50)
      figures.problems.push(
        `${what}: answered ${JSON.stringify(answer.slice(0, 80))} to ${JSON.stringify(sent.toString('latin1').slice(0, 200))}`,
      );
  };
  const alive = async () =>
    statusOf(await exchange(web.port, Buffer.from(`GET / HTTP/1.1\r\nHost: ${host}\r\n\r\n`))) === 200;
  try {
    const path = fc.oneof(
      fc.array(fc.constantFrom(...PATH_PIECES), { maxLength: 8 }).map((p) => `/${p.join('')}`),
      fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `/${s}`),
    );
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'G\u00e9T'),
      path,
      token: fc.boolean(),
      body: fc.oneof(fc.constant(''), fc.json({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 200 })),
    });
    // Random bytes end with a blank line, so even a partial request is complete and must be answered.
    const garbage = fc
      .uint8Array({ minLength: 1, maxLength: 1500 })
      .map((b) => Buffer.concat([Buffer.from(b), Buffer.from('\r\n\r\n')]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(garbage, request), async (input) => {
        let bytes: Buffer;
        if (Buffer.isBuffer(input)) bytes = input;
        else {
          const body = Buffer.from(input.body, 'utf8');
          const target = Buffer.from(input.path, 'utf8')
            .toString('latin1')
            .replace(/[\r\n ]/g, '%20');
          bytes = Buffer.concat([
            Buffer.from(
              `${input.method} ${target} HTTP/1.1\r\nHost: ${host}\r\n${input.token ? `Authorization: Bearer ${web.token}\r\n` : ''}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
              'latin1',
            ),
            body,
          ]);
        }
        const answer = await exchange(web.port, bytes);
        record(Buffer.isBuffer(input) ? 'random bytes' : 'random request', bytes, answer);
      }),
      { numRuns: opts.runs, seed: opts.seed },
    );
    if (!(await alive())) figures.problems.push('the server stopped answering');
    if (!web.server.listening) figures.problems.push('the server is no longer listening');
  } finally {
    await web.close();
    app.close();
    rmSync(staticDir, { recursive: true, force: true });
  }
  figures.seconds = (performance.now() - started) / 1000;
  return figures;
}
