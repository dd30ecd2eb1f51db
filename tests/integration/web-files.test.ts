import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '../../electron/api/domain/limits';
import { filesOf } from '../../electron/services/files/store';
import { type WebServer } from '../../electron/web/server';
import { addAccount } from '../support/accounts';
import type { TestApp } from '../support/context';
import { startTestServer, stopTestServer } from '../support/web-app';

let app: TestApp;
let web: WebServer;
let staticDir: string;
let cookie: string;

beforeAll(async () => {
  ({ app, web, staticDir } = await startTestServer());
  const who = await addAccount(app.ctx, 'registrar', 'files-registrar');
  const r = await fetch(`http://127.0.0.1:${web.port}/api/auth:signIn`, {
    method: 'POST',
    headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
});
afterAll(() => stopTestServer({ app, web, staticDir }));

const upload = (kind: string, body: Buffer | ReadableStream, opts: { cookie?: string; name?: string } = {}) =>
  fetch(`http://127.0.0.1:${web.port}/upload/${kind}?name=${encodeURIComponent(opts.name ?? 'f.bin')}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${web.token}`,
      'content-type': 'application/octet-stream',
      cookie: opts.cookie ?? cookie,
    },
    body,
    duplex: 'half',
  } as RequestInit);

const uploads = () => {
  const dir = filesOf(app.ctx).uploadDir;
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('browser mode: a chosen file is a raw request body (POST /upload/<kind>)', () => {
  it('admits the bytes for channels of that kind, under the name sent, for the signed-in actor', async () => {
    const res = await upload('spreadsheet', Buffer.from('reference_no\nHO-1\n'), { name: 'سجل.csv' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: true; value: { fileId: string; fileName: string; size: number } };
    expect(body.value).toMatchObject({ fileName: 'سجل.csv', size: 18 });
    const file = filesOf(app.ctx).chosen(body.value.fileId, 'spreadsheet', 'files-registrar');
    expect(readFileSync(file.path, 'utf8')).toBe('reference_no\nHO-1\n');
    expect(() => filesOf(app.ctx).chosen(body.value.fileId, 'bundle', 'files-registrar')).toThrow();
  });

  it('a body over the kind’s limit (FILE_LIMITS) is cut off: 413 TOO_LARGE, nothing kept', async () => {
    const before = uploads().length;
    const res = await upload('p12', Buffer.alloc(FILE_LIMITS.p12 + 1));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE', details: { params: { maxMb: 1 } } },
    });
    expect(uploads().length).toBe(before);
    // Streamed without a declared length, it is cut off as it arrives.
    const chunks = [Buffer.alloc(600_000), Buffer.alloc(600_000)];
    const stream = new ReadableStream({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
    });
    const streamed = await upload('p12', stream);
    expect(streamed.status).toBe(413);
    expect(uploads().length).toBe(before);
  });

  it('refuses an unknown kind, a missing session and a wrong token', async () => {
    expect((await upload('executable', Buffer.from('x'))).status).toBe(404);
    expect((await upload('spreadsheet', Buffer.from('x'), { cookie: 'none=1' })).status).toBe(401);
    const wrong = await fetch(`http://127.0.0.1:${web.port}/upload/spreadsheet`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', cookie },
      body: 'x',
    });
    expect(wrong.status).toBe(401);
  });
});
