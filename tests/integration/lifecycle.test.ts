import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';

let app: TestApp;
beforeEach(() => (app = testApp()));
afterEach(() => app.close());

const uuid = () => crypto.randomUUID();

describe('lifecycle: draft → finalized → amended | void', () => {
  it('finalizes a draft, freezes version 1 and refuses later edits through the API', async () => {
    const draft = await app.must('handovers:create', { data: kyrgyzHandover() });
    expect(draft.status).toBe('draft');
    const fin = await app.must('handovers:finalize', { id: draft.id, expectedRevision: draft.revision });
    expect(fin.status).toBe('finalized');
    expect(fin.version).toBe(1);
    const versions = await app.must('handovers:versions', { id: draft.id });
    expect(versions).toHaveLength(1);
    expect(versions[0].contentHash).toMatch(/^[0-9a-f]{64}$/);

    const edit = await app.call('handovers:update', {
      id: fin.id,
      expectedRevision: fin.revision,
      data: kyrgyzHandover({ womenCount: 19 }),
    });
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.error.code).toBe('NOT_EDITABLE');
    expect((await app.must('handovers:get', { id: fin.id })).womenCount).toBe(18);
  });

  it('amends with a reason into version 2 and keeps version 1 unchanged', async () => {
    const d = await app.must('handovers:create', { data: kyrgyzHandover() });
    const f = await app.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
    const noReason = await app.call('handovers:amend', {
      id: f.id,
      expectedRevision: f.revision,
      data: kyrgyzHandover({ womenCount: 19 }),
      reason: '',
    });
    expect(noReason.ok).toBe(false);
    const a = await app.must('handovers:amend', {
      id: f.id,
      expectedRevision: f.revision,
      data: kyrgyzHandover({ womenCount: 19 }),
      reason: 'Count corrected from the signed annex',
    });
    expect(a.version).toBe(2);
    expect(a.womenCount).toBe(19);
    const versions = await app.must('handovers:versions', { id: d.id });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect((versions[0].content.fields as { womenCount: number }).womenCount).toBe(18);
    expect(versions[1].reason).toBe('Count corrected from the signed annex');
    expect(versions[0].contentHash).not.toBe(versions[1].contentHash);
    const history = await app.must('handovers:history', { id: d.id });
    expect(history.map((h) => h.action)).toEqual(['handover.create', 'handover.finalize', 'handover.amend']);

    const same = await app.call('handovers:amend', {
      id: a.id,
      expectedRevision: a.revision,
      data: kyrgyzHandover({ womenCount: 19 }),
      reason: 'nothing',
    });
    expect(same.ok).toBe(false);
    if (!same.ok) expect(same.error.details?.issues?.[0].key).toBe('no_changes');
  });

  it('voids with a reason and never deletes', async () => {
    const d = await app.must('handovers:create', { data: kyrgyzHandover() });
    const v = await app.must('handovers:void', { id: d.id, expectedRevision: d.revision, reason: 'Entered twice' });
    expect(v.status).toBe('void');
    expect(v.voidReason).toBe('Entered twice');
    const again = await app.call('handovers:void', { id: d.id, expectedRevision: v.revision, reason: 'x' });
    expect(again.ok).toBe(false);
    expect(() => app.ctx.db.sqlite.prepare('DELETE FROM handovers').run()).toThrow(/never deleted/);
    expect(() => app.ctx.db.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('refuses a stale revision (two windows editing one draft)', async () => {
    const d = await app.must('handovers:create', { data: kyrgyzHandover() });
    const first = await app.call('handovers:update', {
      id: d.id,
      expectedRevision: d.revision,
      data: kyrgyzHandover({ notes: 'window 1' }),
    });
    expect(first.ok).toBe(true);
    const second = await app.call('handovers:update', {
      id: d.id,
      expectedRevision: d.revision,
      data: kyrgyzHandover({ notes: 'window 2' }),
    });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe('CONFLICT');
    expect((await app.must('handovers:get', { id: d.id })).notes).toBe('window 1');
  });
});

describe('manifest', () => {
  const woman = (id = uuid()) => ({
    id,
    fullNameAr: 'مريم',
    fullNameLatin: 'Maryam',
    sex: 'f' as const,
    category: 'woman' as const,
    birthYear: 1990,
  });
  const child = (motherId: string | null, sex: 'f' | 'm' = 'm', extra = {}) => ({
    id: uuid(),
    fullNameLatin: 'Child',
    sex,
    category: 'child' as const,
    motherId,
    birthYear: 2015,
    ...extra,
  });

  it('blocks finalizing while the manifest disagrees with the counts, naming the difference', async () => {
    const d = await app.must('handovers:create', {
      data: kyrgyzHandover({ womenCount: 1, childrenCount: 2, boysCount: 1, girlsCount: 1 }),
    });
    const mother = woman();
    const m = await app.must('handovers:setManifest', {
      id: d.id,
      expectedRevision: d.revision,
      persons: [mother, child(mother.id)],
    });
    const refused = await app.call('handovers:finalize', { id: d.id, expectedRevision: m.revision });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('MANIFEST_MISMATCH');
      expect(refused.error.details?.differences).toEqual(
        expect.arrayContaining([
          { field: 'childrenCount', record: 2, manifest: 1 },
          { field: 'girlsCount', record: 1, manifest: 0 },
        ]),
      );
    }
    const m2 = await app.must('handovers:setManifest', {
      id: d.id,
      expectedRevision: m.revision,
      persons: [mother, child(mother.id), child(mother.id, 'f')],
    });
    const f = await app.must('handovers:finalize', { id: d.id, expectedRevision: m2.revision });
    expect(f.status).toBe('finalized');
    const frozen = (await app.must('handovers:versions', { id: d.id }))[0].content.persons as unknown[];
    expect(frozen).toHaveLength(3);
  });

  it('rejects a mother who is not a woman of the same manifest', async () => {
    const d = await app.must('handovers:create', { data: kyrgyzHandover() });
    const r = await app.call('handovers:setManifest', {
      id: d.id,
      expectedRevision: d.revision,
      persons: [child(uuid())],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details?.issues?.map((i) => i.key)).toContain('mother_not_in_manifest');
  });
});
