import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/services/app-context';
import { startWebServer } from '../../electron/web/server';
import { addAccount } from '../support/accounts';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { testUnlock } from '../support/keys';
import { pdfsig } from '../support/report-tools';
import { heldBytes, tinyPdf } from '../support/files';
import { signedRecord } from '../support/signing';

const EPOCH = '1780000000'; // 2026-05-28T20:26:40Z
let app: TestApp;
beforeEach(() => {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  app = testApp();
});
afterEach(() => {
  delete process.env.SOURCE_DATE_EPOCH;
  app.close();
});

describe('one document whatever the transport', { timeout: 120_000 }, () => {
  it('the CLI (no browser), browser mode over HTTP and the in-process dispatch the desktop IPC uses give byte-identical signed PDFs', async () => {
    const d = await signedRecord(app);
    const db = join(app.dir, 'tasleem.db');

    // The desktop app binds ipcMain to dispatch on a context from createAppContext, as here.
    const inProcess = heldBytes(app.ctx, await app.must('report:export', { handoverId: d.id }));

    // Browser mode: its own context on the same file, the real HTTP server.
    const ctx = createAppContext({ dataDir: app.dir, dbFile: db, mode: 'web', unlock: testUnlock() });
    const web = await startWebServer({ ctx, staticDir: app.dir });
    const admin = await addAccount(ctx, 'administrator', 'transport-admin');
    let overHttp: Buffer;
    try {
      const post = (channel: string, body: unknown, cookie = '') =>
        fetch(`http://127.0.0.1:${web.port}/api/${channel}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json', cookie },
          body: JSON.stringify(body),
        });
      const signedIn = await post('auth:signIn', admin);
      expect(signedIn.status).toBe(200);
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
      const res = await post('report:export', { handoverId: d.id }, cookie);
      const body = (await res.json()) as { ok: boolean; value: { fileId: string; sha256: string } };
      expect(body.ok).toBe(true);
      // The bytes are a normal download from their URL (token in the query, as a link or an <iframe> sends it).
      const file = await fetch(
        `http://127.0.0.1:${web.port}/files/${body.value.fileId}?token=${web.token}&download=1`,
        {
          headers: { cookie },
        },
      );
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''HO-2023-0001.pdf");
      overHttp = Buffer.from(await file.arrayBuffer());
      expect(createHash('sha256').update(overHttp).digest('hex')).toBe(body.value.sha256);
      // Without the session, or for another account, the same URL gives nothing.
      expect((await fetch(`http://127.0.0.1:${web.port}/files/${body.value.fileId}?token=${web.token}`)).status).toBe(
        401,
      );
    } finally {
      await web.close();
      ctx.db.close();
    }

    // The CLI in its own process, with no Chromium to be found.
    const out = join(app.dir, 'cli.pdf');
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', 'report', 'HO-2023-0001', '--out', out, '--db', db],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          TASLEEM_DATA_DIR: app.dir,
          SOURCE_DATE_EPOCH: EPOCH,
          PATH: '/nonexistent',
          CHROMIUM_PATH: '/nonexistent',
        },
      },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const fromCli = readFileSync(out);

    expect(pdfsig(inProcess)).toContain('Signature is Valid.');
    expect(pdfsig(inProcess)).toContain('Total document signed');
    expect(overHttp.equals(inProcess)).toBe(true);
    expect(fromCli.equals(inProcess)).toBe(true);
    // The signing time is the fixed one, so the equality above is not two exports of a clock that stood still.
    expect(inProcess.toString('latin1')).toMatch(/\/M \(D:20260528202640Z?/);
  });

  it('a sheet, the totals and an attachment: the same bytes and SHA-256 in process, over HTTP and from the CLI', async () => {
    const d = await app.must('handovers:create', { data: kyrgyzHandover() });
    const scan = tinyPdf();
    const att = await app.must('attachments:add', {
      handoverId: d.id,
      fileId: app.choose(scan, 'attachment', 'scan.pdf'),
    });
    const inputs = {
      'io:export': { format: 'csv', filter: {} },
      'totals:export': { filter: { includeDrafts: true }, format: 'csv', locale: 'ar' },
      'attachments:get': { id: att.id },
    } as const;
    const inProcess = {
      'io:export': heldBytes(app.ctx, await app.must('io:export', inputs['io:export'])),
      'totals:export': heldBytes(app.ctx, await app.must('totals:export', inputs['totals:export'])),
      'attachments:get': heldBytes(app.ctx, await app.must('attachments:get', inputs['attachments:get'])),
    };
    expect(inProcess['attachments:get'].equals(scan)).toBe(true);
    expect(inProcess['io:export'].toString('utf8')).toContain('HO-2023-0001');

    const db = join(app.dir, 'tasleem.db');
    const ctx = createAppContext({ dataDir: app.dir, dbFile: db, mode: 'web', unlock: testUnlock() });
    const web = await startWebServer({ ctx, staticDir: app.dir });
    const registrar = await addAccount(ctx, 'registrar', 'transport-registrar');
    try {
      const post = (channel: string, body: unknown, cookie = '') =>
        fetch(`http://127.0.0.1:${web.port}/api/${channel}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json', cookie },
          body: JSON.stringify(body),
        });
      const cookie = ((await post('auth:signIn', registrar)).headers.get('set-cookie') ?? '').split(';')[0];
      for (const channel of Object.keys(inputs) as (keyof typeof inputs)[]) {
        const body = (await (await post(channel, inputs[channel], cookie)).json()) as {
          value: { fileId: string; sha256: string; base64?: string };
        };
        expect(body.value.base64).toBeUndefined();
        const res = await fetch(
          `http://127.0.0.1:${web.port}/files/${body.value.fileId}?token=${web.token}&download=1`,
          { headers: { cookie } },
        );
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(bytes.equals(inProcess[channel])).toBe(true);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(body.value.sha256);
      }
    } finally {
      await web.close();
      ctx.db.close();
    }

    const out = join(app.dir, 'cli.csv');
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', 'export', '--out', out, '--db', db],
      { encoding: 'utf8', env: { ...process.env, TASLEEM_DATA_DIR: app.dir } },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(readFileSync(out).equals(inProcess['io:export'])).toBe(true);
  });
});
