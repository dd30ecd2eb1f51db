import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listVersions } from '../../db/queries/versions';
import { AppError } from '../../electron/api/result';
import { addOffice, initOffice, ownCard } from '../../electron/services/exchange/office';
import { exportBundle, importBundle, pendingConflicts } from '../../electron/services/exchange/merge';
import { filesOf } from '../../electron/services/files/store';
import { databaseFile } from '../../electron/services/data-dir';
import { frenchHandover, kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { heldBytes } from '../support/files';

// Two field offices, each with its own database and no network between them.
let qamishli: TestApp;
let hasakah: TestApp;
let kobani: TestApp;
beforeEach(() => {
  qamishli = testApp();
  hasakah = testApp();
  kobani = testApp();
  const q = initOffice(qamishli.ctx, qamishli.caller, 'Qamishli');
  const h = initOffice(hasakah.ctx, hasakah.caller, 'Hasakah');
  const k = initOffice(kobani.ctx, kobani.caller, 'Kobani');
  addOffice(qamishli.ctx, qamishli.caller, h);
  addOffice(qamishli.ctx, qamishli.caller, k);
  addOffice(hasakah.ctx, hasakah.caller, q);
});
afterEach(() => [qamishli, hasakah, kobani].forEach((a) => a.close()));

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2219bc30000000049454e44ae426082',
  'hex',
);
const snapshot = (a: TestApp) =>
  ['handovers', 'handover_versions', 'persons', 'attachments', 'audit_log', 'settings'].map(
    (t) => (a.ctx.db.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
  );
const rows = (a: TestApp) =>
  a.ctx.db.sqlite
    .prepare('SELECT id, reference_no, status, version, women_count, notes FROM handovers ORDER BY reference_no')
    .all();

async function finalized(app: TestApp, data: ReturnType<typeof kyrgyzHandover>, persons?: unknown[]) {
  let h = await app.must('handovers:create', { data });
  if (persons)
    h = await app.must('handovers:setManifest', { id: h.id, expectedRevision: h.revision, persons: persons as never });
  await app.must('attachments:add', { handoverId: h.id, fileId: app.choose(PNG, 'attachment', 'protocol.png') });
  h = await app.must('handovers:get', { id: h.id });
  return app.must('handovers:finalize', { id: h.id, expectedRevision: h.revision });
}

const MANIFEST = [
  { id: '01890000-0000-7000-8000-000000000001', fullNameAr: 'مريم', sex: 'f', category: 'woman' },
  {
    id: '01890000-0000-7000-8000-000000000002',
    fullNameLatin: 'Yusuf',
    sex: 'm',
    category: 'child',
    motherId: '01890000-0000-7000-8000-000000000001',
  },
];

describe('office exchange bundle between two databases', () => {
  it('moves finalized handovers with versions, manifest and attachments; idempotent; amendments arrive as versions; conflicts are listed, never overwritten', async () => {
    const k = await finalized(
      qamishli,
      kyrgyzHandover({ womenCount: 1, childrenCount: 1, boysCount: 1, girlsCount: 0 }),
      MANIFEST,
    );
    const f = await finalized(qamishli, frenchHandover());
    await qamishli.must('handovers:create', { data: kyrgyzHandover({ referenceNo: 'HO-2023-0099' }) }); // a draft does not travel
    const to = ownCard(hasakah.ctx).id;

    const first = exportBundle(qamishli.ctx, qamishli.caller, to);
    expect(first.records).toBe(2);
    expect(first.data.toString()).not.toContain('Tokobaev'); // encrypted
    const r1 = importBundle(hasakah.ctx, hasakah.caller, first.data);
    expect(r1.counts).toMatchObject({ new: 2, conflict: 0, rejected: 0 });
    expect(rows(hasakah)).toEqual(
      rows(qamishli).filter((r) => (r as { reference_no: string }).reference_no !== 'HO-2023-0099'),
    );
    expect(await hasakah.must('handovers:manifest', { id: k.id })).toHaveLength(2);
    expect(await hasakah.must('attachments:list', { handoverId: k.id })).toHaveLength(1);
    expect(listVersions(hasakah.ctx.db.orm, k.id).map((v) => v.contentHash)).toEqual(
      listVersions(qamishli.ctx.db.orm, k.id).map((v) => v.contentHash),
    );
    expect((await hasakah.must('handovers:summary', { search: 'Tokobaev' })).handovers).toBe(1);

    // The same bundle again changes nothing.
    const before = snapshot(hasakah);
    expect(importBundle(hasakah.ctx, hasakah.caller, first.data).counts).toMatchObject({ unchanged: 2, new: 0 });
    expect(snapshot(hasakah)).toEqual(before);

    // Qamishli amends the Kyrgyz record; Hasakah amends the French one on its side.
    const kq = await qamishli.must('handovers:get', { id: k.id });
    await qamishli.must('handovers:amend', {
      id: k.id,
      expectedRevision: kq.revision,
      reason: 'Typo in the notes',
      data: {
        ...kyrgyzHandover({ womenCount: 1, childrenCount: 1, boysCount: 1, girlsCount: 0 }),
        notes: 'corrected in Qamishli',
      },
    });
    const fq = await qamishli.must('handovers:get', { id: f.id });
    await qamishli.must('handovers:amend', {
      id: f.id,
      expectedRevision: fq.revision,
      reason: 'count',
      data: frenchHandover({ womenCount: 16 }),
    });
    const fh = await hasakah.must('handovers:get', { id: f.id });
    await hasakah.must('handovers:amend', {
      id: f.id,
      expectedRevision: fh.revision,
      reason: 'count',
      data: frenchHandover({ womenCount: 14 }),
    });

    const second = exportBundle(qamishli.ctx, qamishli.caller, to);
    const r2 = importBundle(hasakah.ctx, hasakah.caller, second.data);
    expect(r2.rows.map((r) => [r.referenceNo, r.outcome]).sort()).toEqual([
      ['HO-2023-0001', 'amended'],
      ['HO-2023-0002', 'conflict'],
    ]);
    const kh = await hasakah.must('handovers:get', { id: k.id });
    expect(kh).toMatchObject({ version: 2, notes: 'corrected in Qamishli' });
    expect(listVersions(hasakah.ctx.db.orm, k.id).map((v) => v.reason)).toEqual(['', 'Typo in the notes']);
    // Hasakah's own amendment stays; the conflict is kept side by side for a person.
    expect((await hasakah.must('handovers:get', { id: f.id })).womenCount).toBe(14);
    const c = r2.rows.find((r) => r.outcome === 'conflict')!;
    expect(c.sideBySide).toEqual([{ field: 'womenCount', local: '14', incoming: '16' }]);
    expect(pendingConflicts(hasakah.ctx)).toEqual([
      expect.objectContaining({ handoverId: f.id, referenceNo: 'HO-2023-0002', reason: 'io.bundle.diverged' }),
    ]);
  });

  it('refuses a truncated, tampered, unknown-office or other-office bundle, changing nothing', async () => {
    await finalized(qamishli, kyrgyzHandover());
    const toHasakah = exportBundle(qamishli.ctx, qamishli.caller, ownCard(hasakah.ctx).id).data;
    const toKobani = exportBundle(qamishli.ctx, qamishli.caller, ownCard(kobani.ctx).id).data;
    const reason = (app: TestApp, data: Buffer) => {
      const before = snapshot(app);
      try {
        importBundle(app.ctx, app.caller, data);
        return 'imported';
      } catch (err) {
        expect(snapshot(app)).toEqual(before);
        return (err as AppError).details?.reason;
      }
    };
    expect(reason(hasakah, toHasakah.subarray(0, toHasakah.length - 200))).toBe('io.bundle.malformed');
    const file = JSON.parse(toHasakah.toString());
    const flip = (s: string) =>
      s[10] === 'A' ? `${s.slice(0, 10)}B${s.slice(11)}` : `${s.slice(0, 10)}A${s.slice(11)}`;
    expect(reason(hasakah, Buffer.from(JSON.stringify({ ...file, ciphertext: flip(file.ciphertext) })))).toBe(
      'io.bundle.tampered',
    );
    expect(reason(hasakah, Buffer.from(JSON.stringify({ ...file, header: { ...file.header, records: 7 } })))).toBe(
      'io.bundle.tampered',
    );
    expect(reason(hasakah, toKobani)).toBe('io.bundle.other_office');
    // Kobani does not know Qamishli: it cannot tell who sent it.
    expect(reason(kobani, toKobani)).toBe('io.bundle.unknown_office');
    expect(reason(hasakah, Buffer.from('not a bundle'))).toBe('io.bundle.malformed');
    expect(reason(hasakah, toHasakah)).toBe('imported');
  });
});

describe('the bundle leaves as a held file, the same through the app and the CLI', () => {
  it('io:bundleExport holds it for its maker; `tasleem exchange export` goes through that channel and writes those bytes', async () => {
    await finalized(qamishli, kyrgyzHandover());
    const to = ownCard(hasakah.ctx).id;
    const held = await qamishli.must('io:bundleExport', { toOfficeId: to, ids: [] });
    expect(held).toMatchObject({ records: 1, mime: 'application/json', fileName: expect.stringMatching(/\.tasleem$/) });
    const bytes = heldBytes(qamishli.ctx, held);
    expect(held.size).toBe(bytes.length);
    expect(held.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(() => filesOf(qamishli.ctx).heldFile(held.fileId, 'someone-else')).toThrow(/no longer available/);
    expect(importBundle(hasakah.ctx, hasakah.caller, bytes).counts).toMatchObject({ new: 1 });

    // The CLI opens the database where it lies; its held copy goes in an uploads folder beside it, and with the run.
    const uploads = readdirSync(join(qamishli.dir, 'uploads'));
    const out = join(qamishli.dir, 'to-hasakah.tasleem');
    const cli = spawnSync(
      process.execPath,
      [
        join(process.cwd(), 'bin/tasleem.js'),
        '--db',
        databaseFile(qamishli.dir),
        'exchange',
        'export',
        '--to',
        to,
        '--out',
        out,
      ],
      { encoding: 'utf8', env: { ...process.env, TASLEEM_DB: '' } },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const written = readFileSync(out);
    expect(cli.stdout).toMatch(
      new RegExp(
        `^bundle [0-9a-f-]+: 1 handover\\(s\\) → .*; SHA-256 ${createHash('sha256').update(written).digest('hex')}\\n$`,
      ),
    );
    expect(importBundle(hasakah.ctx, hasakah.caller, written).counts).toMatchObject({ unchanged: 1, rejected: 0 });
    expect(readdirSync(join(qamishli.dir, 'uploads'))).toEqual(uploads);
  });
});
