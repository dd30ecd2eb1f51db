import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { filesOf } from '../../electron/services/files/store';
import { heldBytes, tinyPdf, tinyPng } from '../support/files';

let app: TestApp;
let handoverId: string;
beforeEach(async () => {
  app = testApp();
  handoverId = (await app.must('handovers:create', { data: kyrgyzHandover() })).id;
});
afterEach(() => app.close());

const stored = () => (app.ctx.db.sqlite.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n;

describe('attachments', () => {
  it('stores a scanned PDF with its SHA-256 and gives the same bytes back', async () => {
    const pdf = tinyPdf();
    const meta = await app.must('attachments:add', {
      handoverId,
      fileId: app.choose(pdf, 'attachment', 'protocol-scan.pdf'),
    });
    expect(meta).toMatchObject({
      mime: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      fileName: 'protocol-scan.pdf',
    });
    const back = await app.must('attachments:get', { id: meta.id });
    // Held for the caller under a file id (what the page previews and saves), the very bytes stored.
    expect(heldBytes(app.ctx, back).equals(pdf)).toBe(true);
    expect(back).toMatchObject({ id: meta.id, sha256: meta.sha256, size: pdf.length });
    expect(filesOf(app.ctx).heldFile(back.fileId, app.caller.actor).sha256).toBe(meta.sha256);
    expect((await app.must('attachments:list', { handoverId })).map((a) => a.id)).toEqual([meta.id]);
    const history = await app.must('handovers:history', { id: handoverId });
    expect(history.at(-1)).toMatchObject({ action: 'attachment.add', details: { sha256: meta.sha256 } });
  });

  it('takes the type from the bytes: a PNG without extension is a PNG', async () => {
    const meta = await app.must('attachments:add', {
      handoverId,
      fileId: app.choose(tinyPng(), 'attachment', 'photo'),
    });
    expect(meta.mime).toBe('image/png');
  });

  it.each([
    ['a PNG named .pdf (lies about its type)', 'scan.pdf', tinyPng(), 'UNSUPPORTED_TYPE'],
    [
      'an executable named .pdf',
      'scan.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]),
      'UNSUPPORTED_TYPE',
    ],
    ['a text file', 'notes.txt', Buffer.from('hello, this is not a scan'), 'UNSUPPORTED_TYPE'],
    ['an empty file', 'empty.pdf', Buffer.alloc(0), 'UNSUPPORTED_TYPE'],
  ])('refuses %s and stores nothing', async (_n, fileName, bytes, code) => {
    const r = await app.call('attachments:add', { handoverId, fileId: app.choose(bytes, 'attachment', fileName) });
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(stored()).toBe(0);
  });

  it('refuses a file over the configured limit', async () => {
    await app.must('settings:set', { patch: { attachmentMaxMb: 1 } });
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(1024 * 1024 + 1, 32)]);
    const r = await app.call('attachments:add', { handoverId, fileId: app.choose(big, 'attachment', 'big.pdf') });
    expect(r).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(stored()).toBe(0);
  });

  it('refuses a path in the file name, and a file id that is unknown, of another kind or chosen by someone else', async () => {
    expect(
      await app.call('attachments:add', {
        handoverId,
        fileId: app.choose(tinyPdf(), 'attachment', '../../etc/passwd.pdf'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const pdf = tinyPdf();
    for (const fileId of [
      'x'.repeat(24),
      app.choose(pdf, 'reportPdf', 'a.pdf'),
      filesOf(app.ctx).admitBytes(pdf, 'attachment', 'someone-else', 'a.pdf').fileId,
    ])
      expect(await app.call('attachments:add', { handoverId, fileId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    expect(await app.call('attachments:add', { handoverId, fileId: '%%%not an id' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(stored()).toBe(0);
  });

  it('refuses attaching to a void handover', async () => {
    const h = await app.must('handovers:get', { id: handoverId });
    await app.must('handovers:void', { id: h.id, expectedRevision: h.revision, reason: 'duplicate' });
    expect(
      await app.call('attachments:add', { handoverId, fileId: app.choose(tinyPdf(), 'attachment', 'a.pdf') }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_EDITABLE' } });
  });

  it('keeps a PNG named evil.html under a name that ends in .png, and says so in the audit', async () => {
    const meta = await app.must('attachments:add', {
      handoverId,
      fileId: app.choose(tinyPng(), 'attachment', 'evil.html'),
    });
    expect(meta).toMatchObject({ mime: 'image/png', fileName: 'evil.html.png' });
    const row = app.ctx.db.sqlite.prepare('SELECT file_name AS name FROM attachments WHERE id = ?').get(meta.id) as {
      name: string;
    };
    expect(row.name).toBe('evil.html.png');
    const history = await app.must('handovers:history', { id: handoverId });
    expect(history.at(-1)).toMatchObject({
      action: 'attachment.add',
      details: { fileName: 'evil.html.png', givenName: 'evil.html' },
    });
    // A name that already says what the file is stays as it was.
    expect(
      (
        await app.must('attachments:add', {
          handoverId,
          fileId: app.choose(tinyPng(), 'attachment', 'Scan.JPEG.png'),
        })
      ).fileName,
    ).toBe('Scan.JPEG.png');
    expect(
      (await app.must('attachments:add', { handoverId, fileId: app.choose(tinyPng(), 'attachment', 'photo') }))
        .fileName,
    ).toBe('photo.png');
  });

  it('strips bidi controls from names: an override cannot make "gnp.exe" read as "exe.png"', async () => {
    const spoof = 'scan\u202Egnp.exe';
    const meta = await app.must('attachments:add', {
      handoverId,
      fileId: app.choose(tinyPng(), 'attachment', spoof),
    });
    expect(meta.fileName).toBe('scangnp.exe.png');
    const all = await app.must('attachments:add', {
      handoverId,
      fileId: app.choose(tinyPdf(), 'attachment', '\u2067تقرير\u2069\u200F\u061C\u202Ascan\u202C\u2066.pdf'),
    });
    expect(all.fileName).toBe('تقريرscan.pdf');
    for (const { name } of app.ctx.db.sqlite.prepare('SELECT file_name AS name FROM attachments').all() as {
      name: string;
    }[]) {
      expect(name).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    }
    // A name made only of controls is no name.
    expect(
      await app.call('attachments:add', { handoverId, fileId: app.choose(tinyPng(), 'attachment', '\u202E\u202E') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'fileName', key: 'required' }] } },
    });
  });
});
