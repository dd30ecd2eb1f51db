import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBackup } from '../../electron/services/backup/service';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { addAccount, type Credentials } from '../support/accounts';
import type { TestApp } from '../support/context';
import { startTestServer, stopTestServer } from '../support/web-app';

let app: TestApp;
let web: WebServer;
let staticDir: string;

beforeAll(async () => {
  ({ app, web, staticDir } = await startTestServer());
});
afterAll(() => stopTestServer({ app, web, staticDir }));

function post(path: string, body: unknown, cookie?: string) {
  return new Promise<{ status: number; cookie?: string }>((resolve, reject) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${web.token}`,
    };
    if (cookie) headers.cookie = cookie;
    const req = request({ host: '127.0.0.1', port: web.port, method: 'POST', path, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }),
      );
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const signIn = async (who: Credentials) => (await post('/api/auth:signIn', who)).cookie!;

/** An open event stream: what it received so far, and whether the server ended it. */
interface Stream {
  status: number;
  type: string;
  text: () => string;
  ended: Promise<void>;
  close(): void;
}
function openStream(opts: { token?: string; cookie?: string }) {
  return new Promise<Stream>((resolve, reject) => {
    const query = opts.token === undefined ? '' : `?token=${encodeURIComponent(opts.token)}`;
    const headers: Record<string, string> = opts.cookie ? { cookie: opts.cookie } : {};
    const req = request({ host: '127.0.0.1', port: web.port, path: `/events${query}`, headers });
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      const ended = new Promise<void>((r) => res.on('close', () => r()));
      const first = new Promise<void>((r) => res.once('data', () => r()));
      // A 200 stream is handed over once its opening comment arrived: from then on, events reach it.
      void (res.statusCode === 200 ? first : ended).then(() =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          text: () => text,
          ended,
          close: () => req.destroy(),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const progress = (jobId: string) => ({
  jobId,
  state: 'running' as const,
  phase: 'checking' as const,
  done: 1,
  total: 2,
});
const tick = () => new Promise((r) => setTimeout(r, 50));

describe('browser mode: events as server-sent events (GET /events)', () => {
  it('is refused without the token, with a wrong one, and without a signed-in session', async () => {
    const cookie = await signIn(await addAccount(app.ctx, 'registrar', 'ev-refused'));
    for (const s of [
      await openStream({ cookie }),
      await openStream({ token: 'x'.repeat(32), cookie }),
      await openStream({ token: web.token }),
      await openStream({ token: web.token, cookie: `tasleem_session_${web.port}=${'A'.repeat(43)}` }),
    ]) {
      expect(s.status).toBe(401);
      expect(s.text()).toContain('UNAUTHORIZED');
    }
  });

  it('sends each session the events its role may receive, as text/event-stream', async () => {
    const registrar = await openStream({
      token: web.token,
      cookie: await signIn(await addAccount(app.ctx, 'registrar', 'ev-registrar')),
    });
    const viewer = await openStream({
      token: web.token,
      cookie: await signIn(await addAccount(app.ctx, 'viewer', 'ev-viewer')),
    });
    expect(registrar.status).toBe(200);
    expect(registrar.type).toBe('text/event-stream; charset=utf-8');
    app.ctx.events!.emit('import.progress', progress('job-1'));
    app.ctx.events!.emit('backup.progress', {
      backupId: 'b',
      operation: 'backup',
      phase: 'copying',
      state: 'running',
      done: 0,
      total: 0,
    });
    await tick();
    expect(registrar.text()).toContain(`event: import.progress\ndata: ${JSON.stringify(progress('job-1'))}\n\n`);
    expect(registrar.text()).not.toContain('backup.progress');
    expect(viewer.text()).not.toContain('event:');
    registrar.close();
    viewer.close();
  });

  it('a stream whose session signed out is ended at the next event, and receives nothing more', async () => {
    const cookie = await signIn(await addAccount(app.ctx, 'administrator', 'ev-admin'));
    const s = await openStream({ token: web.token, cookie });
    expect((await post('/api/auth:signOut', {}, cookie)).status).toBe(200);
    app.ctx.events!.emit('import.progress', progress('after-sign-out'));
    await s.ended;
    expect(s.text()).not.toContain('after-sign-out');
  });

  it('a real import job reports its progress on the stream, ending with its report', async () => {
    const cookie = await signIn(await addAccount(app.ctx, 'registrar', 'ev-importer'));
    const s = await openStream({ token: web.token, cookie });
    const inspected = await app.must('io:inspect', {
      fileId: app.choose(
        'reference_no,handover_date,receiving_country,delegation_head_name,handing_official_name,camp_of_origin,women_count,children_count\nHO-EV-1,2023-02-16,KG,A,B,roj,1,2\n',
        'spreadsheet',
        'x.csv',
      ),
    });
    const { jobId } = await app.must('io:importStart', { uploadId: inspected.uploadId, options: { dryRun: true } });
    await expect.poll(() => s.text().includes('"state":"done"'), { timeout: 20_000 }).toBe(true);
    const mine = s
      .text()
      .split('\n\n')
      .filter((m) => m.startsWith('event: import.progress'))
      .map((m) => JSON.parse(m.split('\ndata: ')[1]!) as { jobId: string; state: string; report?: unknown })
      .filter((p) => p.jobId === jobId);
    expect(mine[0]).toMatchObject({ state: 'running', phase: 'reading' });
    expect(mine.at(-1)).toMatchObject({ state: 'done', report: { counts: { rows: 1, new: 1 } } });
    s.close();
  });

  it('a backup reports backup.progress to an administrator’s stream, ending with the bytes written', async () => {
    const s = await openStream({
      token: web.token,
      cookie: await signIn(await addAccount(app.ctx, 'administrator', 'ev-backup-admin')),
    });
    const info = makeBackup(app.ctx, 'ev-backup-admin', 'manual');
    await expect.poll(() => s.text().includes('"state":"done"'), { timeout: 10_000 }).toBe(true);
    const reports = s
      .text()
      .split('\n\n')
      .filter((m) => m.startsWith('event: backup.progress'))
      .map((m) => JSON.parse(m.split('\ndata: ')[1]!) as { state: string; done: number; operation: string });
    expect(reports.map((r) => r.state)).toEqual(['running', 'done']);
    expect(reports[1]).toMatchObject({ operation: 'backup', done: info.bytes });
    s.close();
  });

  it('closing the server ends the streams still open', async () => {
    const other = await startWebServer({ ctx: app.ctx, staticDir });
    const cookie = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: other.port,
          method: 'POST',
          path: '/api/auth:signIn',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${other.token}` },
        },
        (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie']?.[0]).split(';')[0]!);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ username: 'ev-importer', password: 'ev-importer-password-1' }));
    });
    const s = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: other.port,
        path: `/events?token=${other.token}`,
        headers: { cookie },
      });
      req.on('response', resolve);
      req.on('error', reject);
      req.end();
    });
    expect(s.statusCode).toBe(200);
    const ended = new Promise<void>((r) => s.on('close', () => r()));
    s.resume();
    await other.close();
    await ended;
  });
});
