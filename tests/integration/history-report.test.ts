import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/queries/audit';
import { getHandoverByReference } from '../../db/queries/handovers';
import { importFile } from '../../electron/services/import/service';
import ar from '../../renderer/src/i18n/locales/ar/core.json';
import en from '../../renderer/src/i18n/locales/en/core.json';
import ku from '../../renderer/src/i18n/locales/ku/core.json';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { execFileSync } from 'node:child_process';
import { heldBytes } from '../support/files';
import { pdfsig } from '../support/report-tools';
import { samplePng } from '../support/signature-png';

let app: TestApp;
beforeEach(() => (app = testApp()));
afterEach(() => app.close());

const compact = (s: string) => s.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

/** The seed's Kyrgyz row as the public record gives it: no handing official, the head named in Arabic only. */
async function importSeed() {
  const sheet = Papa.unparse([
    [
      'reference_no',
      'handover_date',
      'receiving_country',
      'delegation_head_name',
      'camp_of_origin',
      'women_count',
      'children_count',
      'source',
    ],
    ['HO-2023-0001', '2023-02-16', 'قرغيزستان', '', 'الهول', '18', '41', 'ANHA, 16 February 2023'],
  ]);
  const r = await importFile(app.ctx, app.caller, { name: 'history.csv', data: Buffer.from(sheet) });
  expect(r.counts.new).toBe(1);
  return getHandoverByReference(app.ctx.db.orm, 'HO-2023-0001')!;
}

describe('a signed report needs a complete protocol', { timeout: 120_000 }, () => {
  it('refuses the report of an incomplete record, naming what is not recorded, and writes nothing', async () => {
    const h = await importSeed();
    const status = await app.must('report:status', { handoverId: h.id });
    expect(status.missingFields).toEqual(['delegationHeadName', 'handingOfficialName']);
    const before = (await listAudit(app.ctx.db.orm, 'handover', h.id)).length;
    const r = await app.call('report:export', { handoverId: h.id });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PROTOCOL_INCOMPLETE');
    expect(r.error.details).toMatchObject({ missing: ['delegationHeadName', 'handingOfficialName'] });
    expect(await listAudit(app.ctx.db.orm, 'handover', h.id)).toHaveLength(before);
    for (const catalog of [ar, en, ku]) expect(catalog.errors.PROTOCOL_INCOMPLETE.length).toBeGreaterThan(20);
  });

  it('keeps the app’s rule: a protocol typed in the app names both parties and the camp', async () => {
    const r = await app.call('handovers:create', {
      data: kyrgyzHandover({ delegationHeadName: '', handingOfficialName: ' ', camp: 'other', campOther: '' }),
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect((r.error.details?.issues as { path: string; key: string }[]).map((i) => i.path).sort()).toEqual([
      'data.campOther',
      'data.delegationHeadName',
      'data.handingOfficialName',
    ]);
    // An app record's amendment may not empty a party either.
    const d = await app.must('handovers:create', { data: kyrgyzHandover() });
    const f = await app.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
    const amend = await app.call('handovers:amend', {
      id: f.id,
      expectedRevision: f.revision,
      data: kyrgyzHandover({ handingOfficialName: '' }),
      reason: 'try',
    });
    expect(!amend.ok && amend.error.code).toBe('VALIDATION');
  });

  it('an amendment completes the record (audited, a version each); then its report is signed, each half in its script', async () => {
    const h = await importSeed();
    expect((await app.must('totals:get', {})).incomplete).toBe(1);
    const fields = (over: Record<string, unknown>) => ({
      ...kyrgyzHandover(),
      handoverDate: h.handoverDate,
      handingAuthority: h.handingAuthority,
      handingOfficialName: '',
      delegationHeadName: '',
      delegationHeadTitle: '',
      delegationBody: '',
      location: '',
      boysCount: 0,
      girlsCount: 0,
      sourceNote: h.sourceNote,
      ...over,
    });
    // A first amendment may leave it incomplete: an imported record needs only what the totals need.
    const v2 = await app.must('handovers:amend', {
      id: h.id,
      expectedRevision: h.revision,
      data: fields({ delegationHeadName: 'أرسلان توكوبايف', delegationHeadNameLatin: 'Arslan Tokobaev' }),
      reason: 'Head of delegation named in the Kyrgyz MFA statement',
    });
    expect(v2.version).toBe(2);
    expect((await app.must('report:status', { handoverId: h.id })).missingFields).toEqual(['handingOfficialName']);
    const v3 = await app.must('handovers:amend', {
      id: h.id,
      expectedRevision: v2.revision,
      data: fields({
        delegationHeadName: 'أرسلان توكوبايف',
        delegationHeadNameLatin: 'Arslan Tokobaev',
        handingOfficialName: 'سامر حسن',
        handingOfficialNameLatin: 'Samer Hasan',
      }),
      reason: 'Handing official named in the office’s paper register',
    });
    expect(v3.version).toBe(3);
    const amends = (await listAudit(app.ctx.db.orm, 'handover', h.id)).filter((a) => a.action === 'handover.amend');
    expect(amends.map((a) => (a.details as { version: number }).version)).toEqual([2, 3]);
    expect((await app.must('report:status', { handoverId: h.id })).missingFields).toEqual([]);
    expect((await app.must('totals:get', {})).incomplete).toBe(0);

    for (const [role, name] of [
      ['handing_official', 'سامر حسن'],
      ['delegation_head', 'أرسلان توكوبايف'],
    ] as const)
      await app.must('report:sign', {
        handoverId: h.id,
        role,
        signerName: name,
        fileId: app.choose(samplePng(1), 'signaturePng'),
      });
    const r = await app.must('report:export', { handoverId: h.id });
    expect(r.signed).toBe(true);
    const pdf = heldBytes(app.ctx, r);
    expect(pdfsig(pdf)).toContain('Signature Validation: Signature is Valid.');
    if (process.env.TASLEEM_KEEP_PDF) writeFileSync(process.env.TASLEEM_KEEP_PDF, pdf);
    // Reading order, not layout: each half's sentence comes out whole.
    const text = compact(execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' }));
    // The English half names the head in Latin letters, the Arabic half in Arabic ones.
    expect(text).toContain('headedbyArslanTokobaev');
    expect(text).not.toContain('headedbyأرسلان');
    // (pdftotext takes the lam-alef ligature of أرسلان apart, so the surname is what is looked for.)
    expect(text).toMatch(/برئاسة[^A-Za-z]{0,12}توكوبايف/);
  });
});
