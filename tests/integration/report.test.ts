import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/queries/audit';
import { verifyReport } from '../../electron/services/report/report';
import { createCa, issueSigningCert, toP12 } from '../../electron/services/signing/certs';
import { dbKeyVault } from '../../electron/services/signing/vault';
import { frenchHandover, kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { testKeyStore } from '../support/keys';
import {
  appendIncrementalUpdate,
  flipOneByte,
  pageTexts,
  pdffonts,
  pdfimages,
  pdfinfo,
  pdfsig,
  pdftotext,
} from '../support/report-tools';
import { samplePng } from '../support/signature-png';
import { heldBytes } from '../support/files';
import { signBoth } from '../support/signing';

let app: TestApp;
beforeEach(() => {
  app = testApp();
});
afterEach(() => app.close());

const pdfOf = (r: { fileId: string }, ctx = app.ctx) => heldBytes(ctx, r);
const compact = (s: string) => s.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

async function finalized(data = kyrgyzHandover(), sign = true) {
  const d = await app.must('handovers:create', { data });
  if (sign) await signBoth(app, d.id, data, 'Head of delegation');
  return app.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
}

describe('signed handover report', { timeout: 60_000 }, () => {
  it('exports the Kyrgyz handover signed: pdfsig valid and total, bundled fonts, Arabic title, country and counts', async () => {
    const h = await finalized();
    const r = await app.must('report:export', { handoverId: h.id });
    expect(r.signed).toBe(true);
    expect(r.fileName).toBe('HO-2023-0001.pdf');
    const pdf = pdfOf(r);

    const sig = pdfsig(pdf);
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect(sig).not.toContain('Not total document signed');
    expect(sig).toMatch(/Signer Certificate Common Name: Autonomous Administration/);

    const fonts = pdffonts(pdf);
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/Noto(NaskhArabic|Sans)/);
      expect(row).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, unicode map
    }

    const text = pdftotext(pdf);
    // Noto Naskh's cursive attachment shifts glyphs vertically, and poppler then splits Arabic words with spaces:
    // the letters come back in logical order, so compare without whitespace and bidi marks.
    expect(compact(text)).toContain(compact('وثيقة تسليم'));
    expect(text).toContain('Handover Document');
    expect(compact(text)).toContain('قيرغيزستان');
    expect(text).toContain('Kyrgyzstan');
    expect(text).toContain('Arslan Tokobaev');
    expect(text).toContain('HO-2023-0001');
    expect(text).toMatch(/\b18\b/);
    expect(text).toMatch(/\b41\b/);
    expect(text).toMatch(/\b59\b/);
    expect(text).toContain(r.contentHash);

    const v = await app.must('report:verify', { fileId: app.choose(pdfOf(r), 'reportPdf') });
    expect(v).toMatchObject({
      authentic: true,
      reasons: [],
      coversWholeDocument: true,
      referenceNo: 'HO-2023-0001',
      contentHash: r.contentHash,
      version: 1,
    });
    expect(v.record).toMatchObject({ checked: true, found: true, matches: true, status: 'finalized' });
    const versions = await app.must('handovers:versions', { id: h.id });
    expect(r.contentHash).toBe(versions[0].contentHash);

    const audit = (await listAudit(app.ctx.db.orm, 'handover', h.id)).filter((a) => a.action === 'report.export');
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ signed: true, fileSha256: r.sha256, contentHash: r.contentHash });
  });

  it('fits the seed protocol with its clauses and both signature boxes on one A4 page, as PDF/A-2b, in Arabic and in Kurmanji', async () => {
    const h = await finalized(kyrgyzHandover({ delegationMembers: [{ name: 'Aida Bekova', title: 'Consul' }] }));
    for (const language of ['ar', 'ku'] as const) {
      const pdf = pdfOf(await app.must('report:export', { handoverId: h.id, language }));
      expect(pdfinfo(pdf)).toEqual({
        pages: 1,
        pageSize: expect.stringMatching(/^595\.\d+ x 841\.\d+ pts \(A4\)/),
        pdfa: '2b',
      });
      const text = pdftotext(pdf);
      expect(text).toContain('For the handing authority');
      expect(text).toContain('Head of the receiving delegation');
      expect(text).toContain('This document is drawn up in two originals');
      // The page counter in the document's language, then in English, after the reference.
      expect(text).toContain('HO-2023-0001 · \u2068');
      expect(text).toContain(language === 'ku' ? 'Rûpel 1 ji 1' : 'صفحة');
      expect(text).toContain('Page 1 of 1');
      if (language === 'ku') expect(text).toContain('Belgeya Radestkirinê');
    }
  });

  it('flows a long document onto more pages, the signature block whole on one page', async () => {
    const members = Array.from({ length: 50 }, (_, i) => ({
      name: `Delegate Number ${i + 1}`,
      title: 'Member of the delegation',
    }));
    const data = kyrgyzHandover({ delegationMembers: members, notes: 'Long annex. '.repeat(150) });
    const d = await app.must('handovers:create', { data });
    await signBoth(app, d.id, data);
    for (let i = 1; i <= 4; i++)
      await app.must('report:sign', {
        handoverId: d.id,
        role: 'witness',
        signerName: `Witness Number ${i}`,
        fileId: app.choose(samplePng(2 + i), 'signaturePng'),
      });
    const h = await app.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
    const pdf = pdfOf(await app.must('report:export', { handoverId: h.id }));
    expect(pdfsig(pdf)).toContain('Total document signed');
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pdfinfo(pdf).pages).toBe(pages.length);
    const signers = ['Arslan Tokobaev', 'Witness Number 1', 'Witness Number 2', 'Witness Number 3', 'Witness Number 4'];
    const withSignatures = pages.filter((p) => p.includes('Head of the receiving delegation'));
    expect(withSignatures).toHaveLength(1);
    for (const name of signers) expect(withSignatures[0]).toContain(name);
    // The witnesses appear nowhere else: no box of theirs was split off onto another page.
    expect(pages.filter((p) => signers.slice(1).some((n) => p.includes(n)))).toHaveLength(1);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it('fails on one changed byte (pdfsig: Digest Mismatch) and on an appended incremental update (not total)', async () => {
    const h = await finalized(frenchHandover());
    const pdf = pdfOf(await app.must('report:export', { handoverId: h.id }));

    const flipped = flipOneByte(pdf);
    expect(pdfsig(flipped)).toContain('Digest Mismatch');
    const vf = await app.must('report:verify', { fileId: app.choose(flipped, 'reportPdf') });
    expect(vf.authentic).toBe(false);
    expect(vf.reasons).toContain('digest_mismatch');

    const extended = appendIncrementalUpdate(pdf);
    const sigOut = pdfsig(extended);
    expect(sigOut).toContain('Not total document signed');
    const ve = await app.must('report:verify', { fileId: app.choose(extended, 'reportPdf') });
    expect(ve.authentic).toBe(false);
    expect(ve.coversWholeDocument).toBe(false);
    expect(ve.reasons).toContain('not_whole_document');

    const truncated = pdf.subarray(0, Math.floor(pdf.length * 0.7));
    expect((await app.must('report:verify', { fileId: app.choose(truncated, 'reportPdf') })).reasons).toEqual([
      'truncated',
    ]);
    const notPdf = Buffer.from('PK\u0003\u0004 this is a zip, not a PDF at all');
    expect((await app.must('report:verify', { fileId: app.choose(notPdf, 'reportPdf') })).reasons).toEqual(['not_pdf']);
    // The untouched file still verifies: the failures above come from the changes.
    expect((await app.must('report:verify', { fileId: app.choose(pdf, 'reportPdf') })).authentic).toBe(true);
  });

  it('refuses a report signed by someone else (another organization CA), and one whose record differs', async () => {
    const other = testApp();
    try {
      const d = await other.must('handovers:create', { data: kyrgyzHandover() });
      const f = await other.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
      const foreign = await other.must('report:export', { handoverId: f.id });
      expect(pdfsig(pdfOf(foreign, other.ctx))).toContain('Signature is Valid.'); // cryptographically fine, just not ours
      await finalized();
      const v = await app.must('report:verify', { fileId: app.choose(pdfOf(foreign, other.ctx), 'reportPdf') });
      expect(v.authentic).toBe(false);
      expect(v.reasons).toEqual(['untrusted_signer']);

      // Trusting their CA explicitly: the signature passes, but their record is not ours.
      const caPem = heldBytes(other.ctx, await other.must('signing:exportCa', {}));
      expect(caPem.toString('utf8')).toContain('BEGIN CERTIFICATE');
      const v2 = verifyReport(app.ctx, app.caller, pdfOf(foreign, other.ctx), {
        checkRecord: true,
        extraTrusted: [caPem],
      });
      expect(v2.reasons).toEqual(['hash_mismatch']);
    } finally {
      other.close();
    }
  });

  it('reports an amended record’s earlier report as authentic but superseded', async () => {
    const h = await finalized();
    const v1 = await app.must('report:export', { handoverId: h.id });
    await app.must('handovers:amend', {
      id: h.id,
      expectedRevision: h.revision,
      data: kyrgyzHandover({ notes: 'Annex corrected' }),
      reason: 'Annex corrected',
    });
    const v = await app.must('report:verify', { fileId: app.choose(pdfOf(v1), 'reportPdf') });
    expect(v.authentic).toBe(true);
    expect(v.warnings).toContain('superseded');
  });

  it('prints the logo chosen as a file; refuses one that is not an image and a patch carrying image data', async () => {
    const images = (pdf: Buffer) => (pdfimages(pdf).match(/^\s*1\s+\d+\s+(image|smask)/gm) ?? []).length;
    await app.must('handovers:create', { data: frenchHandover() });
    const before = images(pdfOf(await app.must('report:export', { referenceNo: 'HO-2023-0002' })));
    const s = await app.must('settings:setLogo', { fileId: app.choose(samplePng(), 'reportLogo', 'logo.png') });
    expect(s.reportLogo).toBe(`data:image/png;base64,${samplePng().toString('base64')}`);
    expect(images(pdfOf(await app.must('report:export', { referenceNo: 'HO-2023-0002' })))).toBeGreaterThan(before);

    const gif = await app.call('settings:setLogo', { fileId: app.choose('GIF89a, not a logo', 'reportLogo') });
    expect(gif.ok || gif.error.code).toBe('BAD_FILE');
    expect(() => app.choose(Buffer.alloc(500_001), 'reportLogo')).toThrow(/Larger than 0.48 MB/);
    const patch = await app.call('settings:set', {
      patch: { reportLogo: 'data:image/png;base64,AAAA' } as unknown as { reportLogo: '' },
    });
    expect(patch.ok || patch.error.code).toBe('VALIDATION');
    expect((await app.must('settings:get', {})).reportLogo).toBe(s.reportLogo);
    expect((await app.must('settings:set', { patch: { reportLogo: '' } })).reportLogo).toBe('');
  });

  it('exports a draft watermarked DRAFT and not signed', async () => {
    const d = await app.must('handovers:create', { data: frenchHandover() });
    const r = await app.must('report:export', { referenceNo: 'HO-2023-0002' });
    expect(r.signed).toBe(false);
    expect(r.fileName).toBe('HO-2023-0002-DRAFT.pdf');
    const pdf = pdfOf(r);
    expect(pdfsig(pdf)).toMatch(/does not contain any signatures/);
    const text = pdftotext(pdf);
    expect(text).toContain('DRAFT');
    expect(compact(text)).toContain('مسودة');
    expect(text).toContain('France');
    expect(text).toContain('Stéphane Romatet');
    expect(text).toMatch(/\b15\b/);
    expect(text).toMatch(/\b32\b/);
    const v = await app.must('report:verify', { fileId: app.choose(pdfOf(r), 'reportPdf') });
    expect(v).toMatchObject({ authentic: false, reasons: ['unsigned'] });
    expect((await listAudit(app.ctx.db.orm, 'handover', d.id)).map((a) => a.action)).toContain('report.export');
  });

  it('gives clear errors: unknown reference, missing required signatures, a bad signature image', async () => {
    const unknown = await app.call('report:export', { referenceNo: 'HO-1999-0404' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('NOT_FOUND');

    await app.must('settings:set', { patch: { requiredSigners: ['handing_official', 'delegation_head'] } });
    const d = await app.must('handovers:create', { data: kyrgyzHandover() });
    const refused = await app.call('handovers:finalize', { id: d.id, expectedRevision: d.revision });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('SIGNATURES_MISSING');
      expect(refused.error.details?.missing).toEqual(['handing_official', 'delegation_head']);
    }
    const notPng = await app.call('report:sign', {
      handoverId: d.id,
      role: 'delegation_head',
      signerName: 'Arslan Tokobaev',
      fileId: app.choose('GIF89a not a png at all, really not one at all, sorry about that......', 'signaturePng'),
    });
    expect(notPng.ok).toBe(false);
    await app.must('report:sign', {
      handoverId: d.id,
      role: 'handing_official',
      signerName: 'سامر حسن',
      fileId: app.choose(samplePng(1), 'signaturePng'),
    });
    const status = await app.must('report:status', { handoverId: d.id });
    expect(status.missingRoles).toEqual(['delegation_head']);
    await app.must('report:sign', {
      handoverId: d.id,
      role: 'delegation_head',
      signerName: 'Arslan Tokobaev',
      fileId: app.choose(samplePng(2), 'signaturePng'),
    });
    const f = await app.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
    expect(f.status).toBe('finalized');
    const s = await app.must('report:status', { handoverId: d.id });
    expect(s.signatures.map((x) => x.role).sort()).toEqual(['delegation_head', 'handing_official']);
    expect(s.signatures[0].imageDataUrl).toMatch(/^data:image\/png;base64,/);
    const remove = await app.call('report:removeSignature', { id: s.signatures[0].id });
    expect(remove.ok).toBe(false);
  });
});

describe('signing identity', { timeout: 60_000 }, () => {
  it('keeps the private key sealed under a key derived from the database key, and fails clearly with another', async () => {
    const id = await app.must('signing:create', {});
    expect(id.ca.subject).toContain('Tasleem Report Signing CA');
    const row = app.ctx.db.sqlite.prepare('SELECT * FROM signing_identities').get() as Record<string, string>;
    expect(JSON.stringify(row)).not.toMatch(/PRIVATE KEY/);
    expect(row.vault).toBe('dbkey');
    // No key file beside the database: a copy of the folder opens nothing without the keychain or passphrase.
    expect(existsSync(join(app.dir, 'signing.key'))).toBe(false);

    const h = await finalized(kyrgyzHandover(), false);
    const other = testKeyStore(app.dir, 'other.keystore');
    app.ctx.keyVault = dbKeyVault(other);
    const r = await app.call('report:export', { handoverId: h.id });
    app.ctx.keyVault = undefined;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('SIGNING_KEY_UNAVAILABLE');
  });

  it('imports a .p12 and signs with it; refuses a wrong password, an expired certificate and a file that is not a .p12', async () => {
    const now = new Date();
    const ca = createCa('Partner NGO', now);
    const good = issueSigningCert(ca, 'Partner NGO Reports', now);
    const p12 = toP12(good.key, [good.cert, ca.cert], 'correct horse');

    const wrong = await app.call('signing:importP12', { fileId: app.choose(p12, 'p12'), password: 'wrong' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.code).toBe('P12_WRONG_PASSWORD');

    const garbage = await app.call('signing:importP12', {
      fileId: app.choose('%PDF-1.7 definitely not a p12', 'p12'),
      password: 'x',
    });
    expect(garbage.ok).toBe(false);
    if (!garbage.ok) expect(garbage.error.code).toBe('P12_INVALID');

    const old = issueSigningCert(ca, 'Partner NGO Reports', now, {
      notBefore: new Date('2019-01-01'),
      notAfter: new Date('2021-01-01'),
    });
    const expired = await app.call('signing:importP12', {
      fileId: app.choose(toP12(old.key, [old.cert, ca.cert], 'pw'), 'p12'),
      password: 'pw',
    });
    expect(expired.ok).toBe(false);
    if (!expired.ok) expect(expired.error.code).toBe('CERTIFICATE_EXPIRED');
    expect(await app.must('signing:identity', {})).toBeNull(); // nothing stored by the failures

    const imported = await app.must('signing:importP12', { fileId: app.choose(p12, 'p12'), password: 'correct horse' });
    expect(imported.kind).toBe('imported');
    expect(imported.ca.subject).toContain('Tasleem Report Signing CA');
    const h = await finalized();
    const r = await app.must('report:export', { handoverId: h.id });
    const sig = pdfsig(pdfOf(r));
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Signer Certificate Common Name: Partner NGO Reports');
    expect((await app.must('report:verify', { fileId: app.choose(pdfOf(r), 'reportPdf') })).authentic).toBe(true);
  });
});
