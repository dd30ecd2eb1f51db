import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '../../electron/api/domain/limits';
import { OPEN_EXTENSIONS, pickFile, saveHeldFile, type SaveDialog } from '../../electron/main/file-dialogs';
import { heldFileIdOf } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY, heldFileHeaders } from '../../electron/main/security';
import { translator } from '../../electron/main/strings';
import { FileStore, sweepStaleUploads } from '../../electron/services/files/store';

let dir: string;
let files: FileStore;
const t = translator('ar');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tasleem-dialogs-'));
  files = new FileStore(join(dir, 'uploads'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('desktop: the native open dialog (main/file-dialogs.ts, dialog injected)', () => {
  it('offers the kind’s extensions with translated titles, and admits the chosen path without reading it', async () => {
    const path = join(dir, 'سجل.csv');
    writeFileSync(path, 'reference_no\nHO-1\n');
    const asked: unknown[] = [];
    const r = await pickFile(
      {
        open: async (o) => (asked.push(o), { canceled: false, filePaths: [path] }),
        files,
        t,
      },
      'spreadsheet',
      'registrar-1',
    );
    expect(asked).toEqual([
      {
        title: 'اختيار ملف',
        filters: [{ name: 'جدول بيانات (CSV أو TSV أو XLSX)', extensions: OPEN_EXTENSIONS.spreadsheet }],
        properties: ['openFile'],
      },
    ]);
    expect(r).toMatchObject({ ok: true, value: { fileName: 'سجل.csv', size: 18 } });
    if (!r.ok || !r.value) throw new Error('not admitted');
    expect(files.chosen(r.value.fileId, 'spreadsheet', 'registrar-1').path).toBe(path);
    // Another actor, or a channel for another kind of file, does not get it.
    expect(() => files.chosen(r.value!.fileId, 'spreadsheet', 'someone-else')).toThrow(/no longer available/);
    expect(() => files.chosen(r.value!.fileId, 'bundle', 'registrar-1')).toThrow(/no longer available/);
  });

  it('names every kind of file in the dialog in Arabic, English and Kurdish', () => {
    for (const locale of ['ar', 'en', 'ku'] as const) {
      const tr = translator(locale);
      for (const kind of Object.keys(FILE_LIMITS)) expect(tr(`desktop.files.kinds.${kind}`)).not.toMatch(/^desktop\./);
    }
  });

  it('a cancelled dialog is null; a file over its kind’s limit is TOO_LARGE with the limit, before it is read', async () => {
    const cancelled = await pickFile({ open: async () => ({ canceled: true, filePaths: [] }), files, t }, 'p12', 'a');
    expect(cancelled).toEqual({ ok: true, value: null });
    const big = join(dir, 'big.p12');
    writeFileSync(big, Buffer.alloc(FILE_LIMITS.p12 + 1));
    const r = await pickFile({ open: async () => ({ canceled: false, filePaths: [big] }), files, t }, 'p12', 'a');
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'TOO_LARGE', details: { reason: 'io.file.too_large', params: { maxMb: 1 } } },
    });
    const gone = await pickFile(
      { open: async () => ({ canceled: false, filePaths: [join(dir, 'missing.pdf')] }), files, t },
      'reportPdf',
      'a',
    );
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('desktop: the native save dialog writes the held bytes (main/file-dialogs.ts)', () => {
  const pdf = Buffer.from('%PDF-1.7 the report');

  it('suggests the file’s name in the folder, filters by its type, and writes exactly the held bytes', async () => {
    const held = files.hold(pdf, 'HO-2023-0001.pdf', 'application/pdf', 'registrar-1');
    const target = join(dir, 'saved.pdf');
    const asked: Parameters<SaveDialog>[0][] = [];
    const r = await saveHeldFile(
      {
        save: async (o) => (asked.push(o), { canceled: false, filePath: target }),
        copy: async (from, to) => copyFileSync(from, to),
        files,
        t: translator('en'),
        folder: '/home/staff/Documents',
      },
      held.fileId,
      'registrar-1',
    );
    expect(r).toEqual({ ok: true, value: { saved: target } });
    expect(asked).toEqual([
      {
        title: 'Save the file',
        defaultPath: '/home/staff/Documents/HO-2023-0001.pdf',
        filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      },
    ]);
    expect(readFileSync(target)).toEqual(pdf);
  });

  it('cancelled: nothing written; someone else’s or an unknown id: NOT_FOUND, no dialog; a full disk: DISK_FULL', async () => {
    const held = files.hold(pdf, 'r.pdf', 'application/pdf', 'registrar-1');
    let dialogs = 0;
    const writes: string[] = [];
    const deps = {
      save: async () => (dialogs++, { canceled: true }),
      copy: async (_from: string, to: string) => void writes.push(to),
      files,
      t,
      folder: dir,
    };
    expect(await saveHeldFile(deps, held.fileId, 'registrar-1')).toEqual({ ok: true, value: { saved: null } });
    expect(await saveHeldFile(deps, held.fileId, 'viewer-2')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await saveHeldFile(deps, 'x'.repeat(24), 'registrar-1')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(dialogs).toBe(1);
    expect(writes).toEqual([]);
    const full = await saveHeldFile(
      {
        ...deps,
        save: async () => ({ canceled: false, filePath: join(dir, 'x.pdf') }),
        copy: async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      },
      held.fileId,
      'registrar-1',
    );
    expect(full).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
  });
});

describe('the preview’s URL and headers', () => {
  it('app://tasleem/files/<id> names a held file; other hosts, schemes and paths do not', () => {
    const id = 'A'.repeat(24);
    expect(heldFileIdOf(`app://tasleem/files/${id}`)).toBe(id);
    expect(heldFileIdOf(`app://evil/files/${id}`)).toBeNull();
    expect(heldFileIdOf(`file:///files/${id}`)).toBeNull();
    expect(heldFileIdOf(`app://tasleem/files/${id}/x`)).toBeNull();
    expect(heldFileIdOf('app://tasleem/files/../index.html')).toBeNull();
    expect(heldFileIdOf('app://tasleem/files/short')).toBeNull();
  });

  it('the app’s pages may frame their own files and nothing may frame the pages; files are framed by the app only', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("frame-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    const h = heldFileHeaders({ fileName: 'وثيقة 1.pdf', mime: 'application/pdf', size: 10 }, true);
    expect(h['content-security-policy']).toBe("frame-ancestors 'self'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('وثيقة 1.pdf')}`);
    expect(
      heldFileHeaders({ fileName: 'a.pdf', mime: 'application/pdf', size: 1 }, false)['content-disposition'],
    ).toMatch(/^inline;/);
  });
});

describe('FileStore', () => {
  it('keeps the last 20 held files for 30 minutes', () => {
    let now = 0;
    const store = new FileStore(join(dir, 'u'), () => now);
    const first = store.hold(Buffer.from('a'), 'a.pdf', 'application/pdf', 'x');
    expect(store.heldBytes(first.fileId).toString()).toBe('a');
    // Held as a file in the store's private folder (a bundle may be 200 MB): deleted when it expires.
    const firstPath = store.heldFile(first.fileId).path;
    expect(dirname(firstPath)).toBe(join(dir, 'u'));
    if (process.platform !== 'win32') expect((statSync(firstPath).mode & 0o777).toString(8)).toBe('600');
    now = 30 * 60_000 + 1;
    expect(() => store.heldFile(first.fileId)).toThrow(/no longer available/);
    expect(existsSync(firstPath)).toBe(false);
    const ids = Array.from({ length: 21 }, (_, i) => store.hold(Buffer.from([i]), 'f', 'x/y', 'x').fileId);
    expect(() => store.heldFile(ids[0]!)).toThrow();
    expect(store.heldBytes(ids[20]!)[0]).toBe(20);
    expect(readdirSync(join(dir, 'u'))).toHaveLength(20);
    store.clear();
    expect(existsSync(join(dir, 'u'))).toBe(false);
  });

  it('a store left behind by a crash is swept at the next start; a live one, or one written in the last 30 minutes, is not', () => {
    const root = join(dir, 'uploads-root');
    const stale = new FileStore(join(root, 'crashed'));
    stale.hold(Buffer.from('left'), 'l.csv', 'text/csv', 'x');
    const live = new FileStore(join(root, 'live'));
    const kept = live.hold(Buffer.from('kept'), 'k.csv', 'text/csv', 'x');
    const old = (Date.now() - 31 * 60_000) / 1000;
    utimesSync(join(root, 'crashed'), old, old);
    sweepStaleUploads(root);
    expect(readdirSync(root)).toEqual(['live']);
    expect(live.heldBytes(kept.fileId).toString()).toBe('kept');
    sweepStaleUploads(join(dir, 'no-such-folder'));
  });
});
