import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, openDatabase } from '../../db/open';
import { listVersions } from '../../db/queries/versions';
import { exportBundle, importBundle } from '../../electron/services/exchange/merge';
import { addOffice, initOffice, ownCard } from '../../electron/services/exchange/office';
import { resolveConflict } from '../../electron/services/exchange/resolve';
import { databaseFile } from '../../electron/services/data-dir';
import { frenchHandover, kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { testKeyStore } from '../support/keys';

// Two field offices with their own database files: Qamishli sends, Hasakah receives and decides.
let qamishli: TestApp;
let hasakah: TestApp;
beforeEach(() => {
  qamishli = testApp();
  hasakah = testApp();
  const q = initOffice(qamishli.ctx, qamishli.caller, 'Qamishli');
  const h = initOffice(hasakah.ctx, hasakah.caller, 'Hasakah');
  addOffice(qamishli.ctx, qamishli.caller, h);
  addOffice(hasakah.ctx, hasakah.caller, q);
});
afterEach(() => [qamishli, hasakah].forEach((a) => a.close()));

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2219bc30000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const count = (a: TestApp, table: string) =>
  (a.ctx.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const snapshot = (a: TestApp) =>
  [
    'handovers',
    'handover_versions',
    'persons',
    'attachments',
    'handwritten_signatures',
    'audit_log',
    'exchange_conflicts',
  ].map((t) => count(a, t));
const conflictRows = (a: TestApp) =>
  a.ctx.db.sqlite.prepare('SELECT * FROM exchange_conflicts ORDER BY received_at, id').all() as Record<
    string,
    string | null
  >[];
const audit = (a: TestApp, action: string) =>
  (
    a.ctx.db.sqlite
      .prepare('SELECT actor, entity_id, details FROM audit_log WHERE action = ? ORDER BY id')
      .all(action) as { actor: string; entity_id: string; details: string }[]
  ).map((r) => ({ ...r, details: JSON.parse(r.details) }));
const hasakahId = () => ownCard(hasakah.ctx).id;

async function finalized(app: TestApp, data: ReturnType<typeof frenchHandover>) {
  let h = await app.must('handovers:create', { data });
  await app.must('attachments:add', { handoverId: h.id, fileId: app.choose(PNG, 'attachment', 'protocol.png') });
  h = await app.must('handovers:get', { id: h.id });
  return app.must('handovers:finalize', { id: h.id, expectedRevision: h.revision });
}

async function amend(app: TestApp, id: string, data: ReturnType<typeof frenchHandover>, reason = 'recount') {
  const h = await app.must('handovers:get', { id });
  return app.must('handovers:amend', { id, expectedRevision: h.revision, reason, data });
}

/**
 * The French handover travels to Hasakah, then both offices amend it differently; Qamishli also attaches the signed
 * protocol. Returns the bundle that brings Qamishli's version, already imported once by Hasakah (one conflict).
 */
async function divergedConflict() {
  const f = await finalized(qamishli, frenchHandover());
  expect(
    importBundle(hasakah.ctx, hasakah.caller, exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data).counts.new,
  ).toBe(1);
  await amend(qamishli, f.id, frenchHandover({ womenCount: 16, notes: 'recounted at the crossing in Semalka' }));
  await qamishli.must('attachments:add', {
    handoverId: f.id,
    fileId: qamishli.choose(PDF, 'attachment', 'signed-protocol.pdf'),
  });
  await amend(hasakah, f.id, frenchHandover({ womenCount: 14 }));
  const bundle = exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data;
  const report = importBundle(hasakah.ctx, hasakah.caller, bundle);
  expect(report.counts).toMatchObject({ conflict: 1, new: 0, amended: 0 });
  return { id: f.id, bundle, bundleId: report.bundleId };
}

describe('resolving office-exchange conflicts', () => {
  it('keeps a conflict in its own table, listed once per (bundle, handover), never deleted', async () => {
    const { id, bundle, bundleId } = await divergedConflict();
    const rows = conflictRows(hasakah);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      bundle_id: bundleId,
      handover_id: id,
      reference_no: 'HO-2023-0002',
      reason: 'io.bundle.diverged',
      from_office_name: 'Qamishli',
      resolved_at: null,
      resolution: null,
    });
    expect(rows[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.parse(rows[0].incoming!).attachments).toHaveLength(2);
    expect(JSON.parse(rows[0].side_by_side!)).toEqual([
      { field: 'womenCount', local: '14', incoming: '16' },
      { field: 'notes', local: '', incoming: 'recounted at the crossing in Semalka' },
    ]);
    // Nothing in the settings any more.
    expect(
      hasakah.ctx.db.sqlite.prepare("SELECT count(*) AS n FROM settings WHERE key = 'exchange.conflicts'").get(),
    ).toEqual({ n: 0 });

    const listed = await hasakah.must('io:conflicts', {});
    expect(listed).toEqual([
      expect.objectContaining({
        id: rows[0].id,
        bundleId,
        handoverId: id,
        from: { id: ownCard(qamishli.ctx).id, name: 'Qamishli' },
        reason: 'io.bundle.diverged',
      }),
    ]);

    // The same bundle again: the conflict is reported, but no second row and no audit line.
    const before = snapshot(hasakah);
    expect(importBundle(hasakah.ctx, hasakah.caller, bundle).counts).toMatchObject({ conflict: 1 });
    expect(snapshot(hasakah)).toEqual(before);

    expect(() => hasakah.ctx.db.sqlite.prepare('DELETE FROM exchange_conflicts').run()).toThrow(/never deleted/);
  });

  it('"keep ours" changes no record, records who decided and why, and cannot be decided again', async () => {
    const { id, bundle } = await divergedConflict();
    const [conflict] = await hasakah.must('io:conflicts', {});
    const versionsBefore = listVersions(hasakah.ctx.db.orm, id);
    const recordBefore = await hasakah.must('handovers:get', { id });

    // The note is required.
    const noNote = await hasakah.call('io:resolveConflict', {
      conflictId: conflict.id,
      choice: 'keep_local',
      note: '  ',
    });
    expect(noNote.ok || noNote.error).toMatchObject({
      code: 'VALIDATION',
      details: { issues: [{ path: 'note', key: 'required' }] },
    });

    const r = await hasakah.must('io:resolveConflict', {
      conflictId: conflict.id,
      choice: 'keep_local',
      note: 'Our count at the crossing is the right one',
    });
    expect(r).toMatchObject({
      id: conflict.id,
      resolution: 'kept_local',
      resolvedBy: 'tester',
      handoverId: id,
      version: null,
    });
    expect(await hasakah.must('handovers:get', { id })).toEqual(recordBefore);
    expect(listVersions(hasakah.ctx.db.orm, id)).toEqual(versionsBefore);
    expect(await hasakah.must('attachments:list', { handoverId: id })).toHaveLength(1);
    expect(conflictRows(hasakah)[0]).toMatchObject({
      resolution: 'kept_local',
      resolved_by: 'tester',
      resolution_note: 'Our count at the crossing is the right one',
      resolved_at: r.resolvedAt,
    });
    expect(audit(hasakah, 'exchange.conflict.kept_local')).toEqual([
      {
        actor: 'tester',
        entity_id: id,
        details: expect.objectContaining({
          conflictId: conflict.id,
          note: 'Our count at the crossing is the right one',
          from: expect.objectContaining({ name: 'Qamishli' }),
          contentHash: versionsBefore[1].contentHash,
        }),
      },
    ]);
    expect(await hasakah.must('io:conflicts', {})).toEqual([]);

    // Decided once: neither choice is accepted again, and nothing changes.
    const before = snapshot(hasakah);
    for (const choice of ['keep_local', 'take_incoming'] as const) {
      const again = await hasakah.call('io:resolveConflict', { conflictId: conflict.id, choice, note: 'again' });
      expect(again.ok || again.error).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'io.conflict.already_resolved', resolution: 'kept_local' },
      });
    }
    expect(snapshot(hasakah)).toEqual(before);
    expect(() =>
      hasakah.ctx.db.sqlite.prepare("UPDATE exchange_conflicts SET resolution = 'took_incoming'").run(),
    ).toThrow(/final/);

    // The bundle once more: still their version against ours, but the decision stands: no new conflict to decide.
    importBundle(hasakah.ctx, hasakah.caller, bundle);
    expect(snapshot(hasakah)).toEqual(before);
    expect(await hasakah.must('io:conflicts', {})).toEqual([]);

    const unknown = await hasakah.call('io:resolveConflict', {
      conflictId: '01890000-0000-7000-8000-000000000009',
      choice: 'keep_local',
      note: 'x',
    });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
  });

  it('"take theirs" adds their content as a new version on top of ours, with their files; the same bundle is then unchanged', async () => {
    const { id, bundle } = await divergedConflict();
    const [conflict] = await hasakah.must('io:conflicts', {});
    const ours = listVersions(hasakah.ctx.db.orm, id);
    const theirs = listVersions(qamishli.ctx.db.orm, id);
    expect(ours).toHaveLength(2);
    expect(ours[1].contentHash).not.toBe(theirs[1].contentHash);

    const r = await hasakah.must('io:resolveConflict', {
      conflictId: conflict.id,
      choice: 'take_incoming',
      note: 'Qamishli recounted at the crossing',
    });
    expect(r).toMatchObject({
      resolution: 'took_incoming',
      handoverId: id,
      version: 3,
      contentHash: theirs[1].contentHash,
    });

    const h = await hasakah.must('handovers:get', { id });
    expect(h).toMatchObject({
      status: 'finalized',
      version: 3,
      womenCount: 16,
      notes: 'recounted at the crossing in Semalka',
      source: 'exchange',
    });
    const now = listVersions(hasakah.ctx.db.orm, id);
    expect(now.slice(0, 2)).toEqual(ours); // our history is untouched
    expect(now[2]).toMatchObject({
      version: 3,
      reason: 'Qamishli recounted at the crossing',
      createdBy: 'tester',
      contentHash: theirs[1].contentHash,
    });
    expect(now[2].content).toEqual(theirs[1].content);
    expect((await hasakah.must('attachments:list', { handoverId: id })).map((a) => a.fileName).sort()).toEqual([
      'protocol.png',
      'signed-protocol.pdf',
    ]);
    expect((await hasakah.must('handovers:summary', { search: 'Semalka' })).handovers).toBe(1); // reindexed
    expect(audit(hasakah, 'exchange.conflict.took_incoming')).toEqual([
      {
        actor: 'tester',
        entity_id: id,
        details: expect.objectContaining({
          conflictId: conflict.id,
          bundleId: conflict.bundleId,
          from: { id: ownCard(qamishli.ctx).id, name: 'Qamishli' },
          version: 3,
          previousContentHash: ours[1].contentHash,
          contentHash: theirs[1].contentHash,
          attachmentsAdded: 1,
          note: 'Qamishli recounted at the crossing',
        }),
      },
    ]);
    expect(conflictRows(hasakah)[0]).toMatchObject({
      resolution: 'took_incoming',
      resolution_note: 'Qamishli recounted at the crossing',
    });
    expect(await hasakah.must('io:conflicts', {})).toEqual([]);
    // Versions stay immutable.
    expect(() =>
      hasakah.ctx.db.sqlite.prepare('UPDATE handover_versions SET reason = ? WHERE handover_id = ?').run('x', id),
    ).toThrow(/immutable/);

    // The same bundle again: both offices hold the same content, so it is unchanged though the histories differ.
    const before = snapshot(hasakah);
    expect(importBundle(hasakah.ctx, hasakah.caller, bundle).counts).toMatchObject({ unchanged: 1, conflict: 0 });
    expect(snapshot(hasakah)).toEqual(before);
    // And the other way: Hasakah's bundle is unchanged in Qamishli too, which keeps its own two versions.
    const back = exportBundle(hasakah.ctx, hasakah.caller, ownCard(qamishli.ctx).id).data;
    expect(importBundle(qamishli.ctx, qamishli.caller, back).counts).toMatchObject({ unchanged: 1, conflict: 0 });
    expect(listVersions(qamishli.ctx.db.orm, id)).toEqual(theirs);

    // Later amendments on both sides, differently, are a conflict again: nothing is applied silently.
    await amend(hasakah, id, frenchHandover({ womenCount: 15, notes: 'recounted at the crossing in Semalka' }));
    await amend(qamishli, id, frenchHandover({ womenCount: 17, notes: 'recounted at the crossing in Semalka' }));
    expect(
      importBundle(hasakah.ctx, hasakah.caller, exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data).counts,
    ).toMatchObject({ conflict: 1 });
    expect((await hasakah.must('handovers:get', { id })).womenCount).toBe(15);
  });

  it('reference taken by a draft here: "take theirs" gives the draft their content and finalizes it as version 1', async () => {
    const theirs = await finalized(qamishli, kyrgyzHandover({ referenceNo: 'HO-2023-0042', notes: 'from Qamishli' }));
    const mine = await hasakah.must('handovers:create', {
      data: kyrgyzHandover({ referenceNo: 'HO-2023-0042', womenCount: 17, notes: 'typed in Hasakah' }),
    });
    const bundle = exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data;
    const report = importBundle(hasakah.ctx, hasakah.caller, bundle);
    expect(report.rows).toEqual([
      expect.objectContaining({ id: theirs.id, outcome: 'conflict', reason: 'io.bundle.reference_taken' }),
    ]);
    const [conflict] = await hasakah.must('io:conflicts', {});
    expect(conflict).toMatchObject({
      handoverId: theirs.id,
      referenceNo: 'HO-2023-0042',
      reason: 'io.bundle.reference_taken',
    });

    const r = await hasakah.must('io:resolveConflict', {
      conflictId: conflict.id,
      choice: 'take_incoming',
      note: 'Same handover, typed twice',
    });
    expect(r).toMatchObject({ resolution: 'took_incoming', handoverId: mine.id, version: 1 });
    const h = await hasakah.must('handovers:get', { id: mine.id });
    expect(h).toMatchObject({
      id: mine.id,
      status: 'finalized',
      version: 1,
      womenCount: 18,
      notes: 'from Qamishli',
      referenceNo: 'HO-2023-0042',
    });
    expect(listVersions(hasakah.ctx.db.orm, mine.id)).toEqual([
      expect.objectContaining({ version: 1, reason: 'Same handover, typed twice', contentHash: r.contentHash }),
    ]);
    expect(await hasakah.must('attachments:list', { handoverId: mine.id })).toHaveLength(1);
    expect(count(hasakah, 'handovers')).toBe(1); // their id did not arrive as a second record
    expect(audit(hasakah, 'exchange.conflict.took_incoming')[0]).toMatchObject({
      entity_id: mine.id,
      details: { previousStatus: 'draft', version: 1 },
    });

    // The same bundle again adds no conflict row.
    const before = snapshot(hasakah);
    importBundle(hasakah.ctx, hasakah.caller, bundle);
    expect(snapshot(hasakah)).toEqual(before);
  });

  it('refuses "take theirs" when the record here is void, changing nothing; "keep ours" is still possible', async () => {
    const { id } = await divergedConflict();
    const [conflict] = await hasakah.must('io:conflicts', {});
    const h = await hasakah.must('handovers:get', { id });
    await hasakah.must('handovers:void', { id, expectedRevision: h.revision, reason: 'entered twice' });
    const before = snapshot(hasakah);
    const refused = await hasakah.call('io:resolveConflict', {
      conflictId: conflict.id,
      choice: 'take_incoming',
      note: 'theirs',
    });
    expect(refused.ok || refused.error).toMatchObject({
      code: 'NOT_EDITABLE',
      details: { reason: 'io.conflict.local_void' },
    });
    expect(snapshot(hasakah)).toEqual(before);
    expect(await hasakah.must('io:conflicts', {})).toHaveLength(1);
    expect(
      resolveConflict(hasakah.ctx, hasakah.caller, {
        conflictId: conflict.id,
        choice: 'keep_local',
        note: 'stays void',
      }).resolution,
    ).toBe('kept_local');
  });
});

describe('after "take theirs": later amendments from the other office fast-forward by content', () => {
  async function tookTheirs() {
    const { id } = await divergedConflict();
    const [conflict] = await hasakah.must('io:conflicts', {});
    await hasakah.must('io:resolveConflict', {
      conflictId: conflict.id,
      choice: 'take_incoming',
      note: 'Qamishli recounted at the crossing',
    });
    return id;
  }

  it('adds their later versions on top of ours, renumbered; sending ours back is unchanged; a real divergence is a conflict again', async () => {
    const id = await tookTheirs();
    const ours = listVersions(hasakah.ctx.db.orm, id);
    expect(ours).toHaveLength(3); // 1, our amendment 2, their content as 3
    const conflictsBefore = conflictRows(hasakah);

    // Qamishli amends again (its version 3) and adds a file.
    await amend(qamishli, id, frenchHandover({ womenCount: 17, notes: 'second recount in Derik' }), 'second recount');
    await qamishli.must('attachments:add', {
      handoverId: id,
      fileId: qamishli.choose(PNG, 'attachment', 'recount.png'),
    });
    const theirs = listVersions(qamishli.ctx.db.orm, id);
    expect(theirs).toHaveLength(3);
    const report = importBundle(
      hasakah.ctx,
      hasakah.caller,
      exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data,
    );
    expect(report.counts).toMatchObject({ amended: 1, conflict: 0, rejected: 0 });
    expect(report.rows).toEqual([expect.objectContaining({ id, outcome: 'amended' })]);

    const now = listVersions(hasakah.ctx.db.orm, id);
    expect(now.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(now.slice(0, 3)).toEqual(ours); // our history is untouched
    const { version: _v, handoverId: _h, ...their3 } = theirs[2];
    expect(now[3]).toEqual({ ...their3, version: 4, handoverId: id }); // their content, hash, reason, author and time
    expect(now[3]).toMatchObject({ reason: 'second recount', contentHash: theirs[2].contentHash });
    const h = await hasakah.must('handovers:get', { id });
    expect(h).toMatchObject({ status: 'finalized', version: 4, womenCount: 17, notes: 'second recount in Derik' });
    expect((await hasakah.must('attachments:list', { handoverId: id })).map((a) => a.fileName).sort()).toEqual([
      'protocol.png',
      'recount.png',
      'signed-protocol.pdf',
    ]);
    expect((await hasakah.must('handovers:summary', { search: 'Derik' })).handovers).toBe(1); // reindexed
    expect(conflictRows(hasakah)).toEqual(conflictsBefore); // no new conflict
    expect(await hasakah.must('io:conflicts', {})).toEqual([]);
    expect(audit(hasakah, 'handover.exchange.amended')).toEqual([
      {
        actor: 'tester',
        entity_id: id,
        details: {
          bundleId: report.bundleId,
          from: { id: ownCard(qamishli.ctx).id, name: 'Qamishli' },
          fastForwardFrom: 2,
        },
      },
    ]);

    // Once more (their version 4): it continues from their version 3, our version 4.
    await amend(qamishli, id, frenchHandover({ womenCount: 18, notes: 'second recount in Derik' }), 'third recount');
    const again = importBundle(
      hasakah.ctx,
      hasakah.caller,
      exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data,
    );
    expect(again.counts).toMatchObject({ amended: 1, conflict: 0 });
    const five = listVersions(hasakah.ctx.db.orm, id);
    expect(five.map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    expect(five.slice(0, 4)).toEqual(now);
    expect(five[4]).toMatchObject({
      reason: 'third recount',
      contentHash: listVersions(qamishli.ctx.db.orm, id)[3].contentHash,
    });
    expect(audit(hasakah, 'handover.exchange.amended')[1].details).toMatchObject({ fastForwardFrom: 3 });

    // Our record back to Qamishli: five versions, another history, the same current content: it passes the record
    // checks and is unchanged there; Qamishli keeps its own four versions.
    const theirsNow = listVersions(qamishli.ctx.db.orm, id);
    const back = importBundle(
      qamishli.ctx,
      qamishli.caller,
      exportBundle(hasakah.ctx, hasakah.caller, ownCard(qamishli.ctx).id).data,
    );
    expect(back.counts).toMatchObject({ unchanged: 1, amended: 0, conflict: 0, rejected: 0 });
    expect(listVersions(qamishli.ctx.db.orm, id)).toEqual(theirsNow);
    expect(conflictRows(qamishli)).toEqual([]);

    // A real divergence afterwards (both amend differently) is a conflict again, nothing written.
    await amend(hasakah, id, frenchHandover({ womenCount: 19, notes: 'second recount in Derik' }));
    await amend(qamishli, id, frenchHandover({ womenCount: 20, notes: 'second recount in Derik' }));
    const before = listVersions(hasakah.ctx.db.orm, id);
    const diverged = importBundle(
      hasakah.ctx,
      hasakah.caller,
      exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data,
    );
    expect(diverged.rows).toEqual([
      expect.objectContaining({
        id,
        outcome: 'conflict',
        reason: 'io.bundle.diverged',
        sideBySide: [{ field: 'womenCount', local: '19', incoming: '20' }],
      }),
    ]);
    expect(listVersions(hasakah.ctx.db.orm, id)).toEqual(before);
    expect((await hasakah.must('handovers:get', { id })).womenCount).toBe(19);
    expect(await hasakah.must('io:conflicts', {})).toHaveLength(1);
  });

  it('does not fast-forward onto a record that is void here: a conflict, as before', async () => {
    const id = await tookTheirs();
    const h = await hasakah.must('handovers:get', { id });
    await hasakah.must('handovers:void', { id, expectedRevision: h.revision, reason: 'entered twice' });
    await amend(qamishli, id, frenchHandover({ womenCount: 17 }));
    const before = listVersions(hasakah.ctx.db.orm, id);
    expect(
      importBundle(hasakah.ctx, hasakah.caller, exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data).counts,
    ).toMatchObject({ conflict: 1, amended: 0 });
    expect(listVersions(hasakah.ctx.db.orm, id)).toEqual(before);
    expect(await hasakah.must('handovers:get', { id })).toMatchObject({ status: 'void', womenCount: 16 });
  });
});

describe('taking a record the other office voided', () => {
  it('takes their content as a new version and their void with it', async () => {
    const f = await finalized(qamishli, frenchHandover());
    importBundle(hasakah.ctx, hasakah.caller, exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data);
    await amend(qamishli, f.id, frenchHandover({ womenCount: 16 }));
    const q = await qamishli.must('handovers:get', { id: f.id });
    await qamishli.must('handovers:void', {
      id: f.id,
      expectedRevision: q.revision,
      reason: 'Entered twice in Qamishli',
    });
    await amend(hasakah, f.id, frenchHandover({ womenCount: 14 }));
    const bundle = exportBundle(qamishli.ctx, qamishli.caller, hasakahId()).data;
    importBundle(hasakah.ctx, hasakah.caller, bundle);
    const [c] = await hasakah.must('io:conflicts', {});
    expect(
      resolveConflict(hasakah.ctx, hasakah.caller, {
        conflictId: c.id,
        choice: 'take_incoming',
        note: 'Qamishli is right',
      }),
    ).toMatchObject({ version: 3 });
    expect(await hasakah.must('handovers:get', { id: f.id })).toMatchObject({
      status: 'void',
      voidReason: 'Entered twice in Qamishli',
      version: 3,
      womenCount: 16,
    });
    const before = snapshot(hasakah);
    expect(importBundle(hasakah.ctx, hasakah.caller, bundle).counts).toMatchObject({ unchanged: 1 });
    expect(snapshot(hasakah)).toEqual(before);
  });
});

describe('migration 0005', () => {
  it('moves the pending conflicts of a database at 0004 (settings `exchange.conflicts`) into the table', async () => {
    // A real conflict, to know what an entry of the old setting held.
    const { id, bundleId } = await divergedConflict();
    const row = conflictRows(hasakah)[0];
    const legacy = [
      {
        bundleId,
        from: { id: row.from_office_id, name: row.from_office_name },
        handoverId: id,
        referenceNo: row.reference_no,
        reason: row.reason,
        sideBySide: JSON.parse(row.side_by_side!),
        incoming: JSON.parse(row.incoming!),
        at: '2026-11-20T10:00:00.123Z',
      },
      {
        bundleId: 'b-2',
        from: { id: 'o-2', name: 'Kobani' },
        handoverId: 'h-2',
        referenceNo: 'HO-2023-0077',
        reason: 'io.bundle.reference_taken',
        incoming: { handover: { id: 'h-2' } },
        at: '2026-11-21T08:00:00.000Z',
      },
    ];

    // The migrations folder as it was at 0004.
    const dir = mkdtempSync(join(tmpdir(), 'tasleem-mig-'));
    try {
      const old = join(dir, 'migrations');
      cpSync(defaultMigrationsFolder(), old, { recursive: true });
      for (const f of ['0005_exchange_conflicts.sql', 'meta/0005_snapshot.json']) rmSync(join(old, f));
      const journal = JSON.parse(readFileSync(join(old, 'meta/_journal.json'), 'utf8'));
      journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0005');
      writeFileSync(join(old, 'meta/_journal.json'), JSON.stringify(journal));
      mkdirSync(join(dir, 'data'));
      const file = join(dir, 'data', 'tasleem.db');
      const { dbKey: key } = testKeyStore(dir);

      const at4 = openDatabase(file, { key, migrationsFolder: old });
      expect(
        at4.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'exchange_conflicts'").get(),
      ).toEqual({ n: 0 });
      at4.sqlite
        .prepare(
          "INSERT INTO settings (key, value, updated_at) VALUES ('exchange.conflicts', ?, '2026-11-21T08:00:00.000Z')",
        )
        .run(JSON.stringify(legacy));
      at4.sqlite
        .prepare(
          "INSERT INTO settings (key, value, updated_at) VALUES ('office.name', '\"Hasakah\"', '2026-11-21T08:00:00.000Z')",
        )
        .run();
      at4.close();

      const now = openDatabase(file, { key });
      const moved = now.sqlite.prepare('SELECT * FROM exchange_conflicts ORDER BY received_at').all() as Record<
        string,
        string | null
      >[];
      expect(
        moved.map((m) => [
          m.bundle_id,
          m.handover_id,
          m.from_office_id,
          m.from_office_name,
          m.reference_no,
          m.reason,
          m.received_at,
          m.resolved_at,
        ]),
      ).toEqual([
        [
          bundleId,
          id,
          row.from_office_id,
          'Qamishli',
          'HO-2023-0002',
          'io.bundle.diverged',
          '2026-11-20T10:00:00.123Z',
          null,
        ],
        ['b-2', 'h-2', 'o-2', 'Kobani', 'HO-2023-0077', 'io.bundle.reference_taken', '2026-11-21T08:00:00.000Z', null],
      ]);
      expect(JSON.parse(moved[0].incoming!)).toEqual(legacy[0].incoming);
      expect(JSON.parse(moved[0].side_by_side!)).toEqual(legacy[0].sideBySide);
      expect(moved[1].side_by_side).toBe('[]');
      // UUIDv7 whose time is the arrival time.
      for (const m of moved)
        expect(m.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(moved[0].id!.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-11-20T10:00:00.123Z'));
      expect(now.sqlite.prepare('SELECT key FROM settings ORDER BY key').all()).toEqual([{ key: 'office.name' }]);
      now.close();
      // Opening again runs nothing twice.
      const again = openDatabase(file, { key });
      expect(again.sqlite.prepare('SELECT count(*) AS n FROM exchange_conflicts').get()).toEqual({ n: 2 });
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tasleem exchange conflicts / resolve', () => {
  const root = join(import.meta.dirname, '../..');
  const tasleem = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin/tasleem.js'), '--db', databaseFile(hasakah.dir), ...args], {
      encoding: 'utf8',
      env: { ...process.env, TASLEEM_DB: '' },
    });

  it('lists the pending conflicts and decides one, through the same channels as the app', async () => {
    const { id } = await divergedConflict();
    const listed = tasleem('exchange', 'conflicts', '--json');
    expect(listed.status).toBe(0);
    const [c] = JSON.parse(listed.stdout);
    expect(c).toMatchObject({ handoverId: id, referenceNo: 'HO-2023-0002', from: { name: 'Qamishli' } });
    expect(tasleem('exchange', 'conflicts').stdout).toContain(`${c.id}  HO-2023-0002 (${id}) from Qamishli`);

    expect(tasleem('exchange', 'resolve', c.id, '--note', 'x').status).toBe(2); // a choice is required
    const taken = tasleem('exchange', 'resolve', c.id, '--take-incoming', '--note', 'Qamishli recounted');
    expect(taken.stderr).toBe('');
    expect(taken.stdout).toContain('HO-2023-0002: the version from Qamishli was taken as version 3.');
    expect((await hasakah.must('handovers:get', { id })).womenCount).toBe(16);

    const again = tasleem('exchange', 'resolve', c.id, '--keep-local', '--note', 'again');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('CONFLICT');
    expect(tasleem('exchange', 'conflicts').stdout).toContain('no conflicts waiting for a decision');
  }, 240_000); // six CLI processes: slow on a loaded machine
});
