import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebServer } from '../../electron/web/server';
import { addAccount, type Credentials } from '../support/accounts';
import { kyrgyzHandover, type TestApp } from '../support/context';
import { startTestServer, stopTestServer } from '../support/web-app';

let app: TestApp;
let web: WebServer;
let staticDir: string;
/** The administrator's session cookie (name=value). */
let admin: string;

beforeAll(async () => {
  ({ app, web, staticDir } = await startTestServer());
  mkdirSync(join(staticDir, 'assets'));
  admin = await signInCookie(await addAccount(app.ctx, 'administrator', 'web-admin'));
});
afterAll(() => stopTestServer({ app, web, staticDir }));

function http(
  method: string,
  path: string,
  opts: { token?: string | null; body?: string; host?: string; cookie?: string | null } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? web.token}`;
    if (opts.cookie !== null) headers.cookie = opts.cookie ?? admin;
    if (opts.host) headers.host = opts.host;
    const req = request({ host: '127.0.0.1', port: web.port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function signInCookie(who: Credentials): Promise<string> {
  const r = await http('POST', '/api/auth:signIn', { cookie: null, body: JSON.stringify(who) });
  expect(r.status).toBe(200);
  return String((r.headers['set-cookie'] as string[])[0]).split(';')[0];
}

const count = () => (app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM handovers').get() as { n: number }).n;

describe('browser mode server', () => {
  it('listens on loopback only and prints a URL with the token', () => {
    expect((web.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/?token=${web.token}`);
    expect(web.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves a handler call with the token', async () => {
    const r = await http('POST', '/api/handovers:create', { body: JSON.stringify({ data: kyrgyzHandover() }) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { referenceNo: 'HO-2023-0001' } });
  });

  it.each([
    ['no token', null],
    ['wrong token', 'x'.repeat(32)],
    ['empty token', ''],
  ])('answers 401 with %s and changes nothing', async (_n, token) => {
    const before = count();
    const r = await http('POST', '/api/handovers:create', {
      token,
      body: JSON.stringify({ data: kyrgyzHandover({ referenceNo: 'HO-2023-0099' }) }),
    });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(count()).toBe(before);
  });

  it('needs a signed-in session on top of the token: no cookie, a made-up or an ended one is 401', async () => {
    const before = count();
    for (const cookie of [null, `tasleem_session_${web.port}=${'A'.repeat(43)}`]) {
      const r = await http('POST', '/api/handovers:create', {
        cookie,
        body: JSON.stringify({ data: kyrgyzHandover({ referenceNo: 'HO-2023-0098' }) }),
      });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    const ended = await signInCookie({ username: 'web-admin', password: 'web-admin-password-1' });
    const out = await http('POST', '/api/auth:signOut', { cookie: ended, body: '{}' });
    expect(String((out.headers['set-cookie'] as string[])[0])).toContain('Max-Age=0');
    expect((await http('POST', '/api/handovers:list', { cookie: ended, body: '{}' })).status).toBe(401);
    expect(count()).toBe(before);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, a fresh one at each sign-in', async () => {
    const r = await http('POST', '/api/auth:signIn', {
      cookie: admin,
      body: JSON.stringify({ username: 'web-admin', password: 'web-admin-password-1' }),
    });
    const cookie = String((r.headers['set-cookie'] as string[])[0]);
    expect(cookie).toMatch(
      new RegExp(`^tasleem_session_${web.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`),
    );
    expect(cookie.split(';')[0]).not.toBe(admin);
    // Signing in again ended the session the request came with.
    expect((await http('POST', '/api/handovers:list', { body: '{}' })).status).toBe(401);
    admin = cookie.split(';')[0];
  });

  it('answers 403 FORBIDDEN to a viewer calling a mutating channel, and changes nothing', async () => {
    const viewer = await signInCookie(await addAccount(app.ctx, 'viewer', 'web-viewer'));
    const before = count();
    const r = await http('POST', '/api/handovers:create', {
      cookie: viewer,
      body: JSON.stringify({ data: kyrgyzHandover({ referenceNo: 'HO-2023-0097' }) }),
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await http('POST', '/api/handovers:list', { cookie: viewer, body: '{}' })).status).toBe(200);
    expect(count()).toBe(before);
  });

  it('answers 422 with the validation issues for a bad payload', async () => {
    const r = await http('POST', '/api/handovers:create', {
      body: JSON.stringify({ data: { ...kyrgyzHandover(), womenCount: -3 } }),
    });
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body).error.details.issues).toContainEqual({ path: 'data.womenCount', key: 'negative' });
  });

  it('answers 404 for an unknown channel and 400 for a body that is not JSON', async () => {
    expect((await http('POST', '/api/handovers:nuke', { body: '{}' })).status).toBe(404);
    expect((await http('POST', '/api/handovers:list', { body: '{not json' })).status).toBe(400);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await http('POST', '/api/handovers:list', { body: '{}', host: 'evil.example:80' });
    expect(r.status).toBe(403);
  });

  it('serves the app with a CSP and never a file outside it', async () => {
    const index = await http('GET', '/', { token: null });
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(index.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect((await http('GET', '/../../etc/passwd', { token: null })).status).not.toBe(200);
    expect((await http('GET', '/%2e%2e/%2e%2e/etc/passwd', { token: null })).status).not.toBe(200);
  });

  it.each([
    ['a broken percent-escape (URIError)', 'GET', '/%E0%A4%A'],
    ['a lone percent sign', 'GET', '/%'],
    ['a broken escape in a channel name', 'POST', '/api/handovers%E0%A4%A'],
    ['an encoded NUL byte', 'GET', '/index.html%00.png'],
  ])('answers 400 to %s without a token, and stays up', async (_n, method, path) => {
    const r = await http(method, path, { token: null });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await http('GET', '/', { token: null })).status).toBe(200);
  });

  it.each([
    ['OPTIONS', '///'],
    ['GET', '///?token=x'],
    ['GET', '//evil.example/files/x?token=y'],
  ])('answers %s %s (no host to resolve it against) without a 5xx, and stays up', async (method, path) => {
    const r = await http(method, path);
    expect(r.status).toBeGreaterThanOrEqual(200);
    expect(r.status).toBeLessThan(500);
    expect((await http('GET', '/', { token: null })).status).toBe(200);
  });

  it('answers a request line Node cannot parse with 400 and stays up', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const s = connect(web.port, '127.0.0.1', () => s.end('GET /\x01 \x00HTTP/9\r\n\r\n'));
      let got = '';
      s.on('data', (d) => (got += d.toString('latin1')));
      s.on('end', () => resolve(got));
      s.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await http('GET', '/', { token: null })).status).toBe(200);
  });

  it('echoes a rejected channel name cut short, not in full', async () => {
    const name = `handovers:${'x'.repeat(8000)}`;
    const r = await http('POST', `/api/${name}`, { body: '{}' });
    expect(r.status).toBe(404);
    const { error } = JSON.parse(r.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('UNKNOWN_CHANNEL');
    expect(error.message.length).toBeLessThan(500);
    expect(r.body.length).toBeLessThan(1000);
  });
});
