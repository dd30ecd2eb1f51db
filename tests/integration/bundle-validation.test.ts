import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, type HandoverContent } from '../../electron/services/content';
import { BundleError, openBundle, sealBundle } from '../../electron/services/exchange/bundle';
import { exportBundle, importBundle, type BundleRecord } from '../../electron/services/exchange/merge';
import { addOffice, initOffice, knownOffices, ownCard, ownKeys } from '../../electron/services/exchange/office';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { tinyPdf, tinyPng } from '../support/files';

// Qamishli sends; Hasakah receives. Every bundle here is signed with Qamishli's real key, so only the checks on the
// records themselves can refuse what it carries.
let qamishli: TestApp;
let hasakah: TestApp;
beforeEach(async () => {
  qamishli = testApp();
  hasakah = testApp();
  addOffice(qamishli.ctx, qamishli.caller, initOffice(hasakah.ctx, hasakah.caller, 'Hasakah'));
  addOffice(hasakah.ctx, hasakah.caller, initOffice(qamishli.ctx, qamishli.caller, 'Qamishli'));
  let h = await qamishli.must('handovers:create', { data: kyrgyzHandover() });
  await qamishli.must('attachments:add', {
    handoverId: h.id,
    fileId: qamishli.choose(tinyPng(), 'attachment', 'protocol.png'),
  });
  h = await qamishli.must('handovers:get', { id: h.id });
  await qamishli.must('handovers:finalize', { id: h.id, expectedRevision: h.revision });
});
afterEach(() => [qamishli, hasakah].forEach((a) => a.close()));

const TABLES = [
  'handovers',
  'handover_versions',
  'persons',
  'attachments',
  'handwritten_signatures',
  'exchange_conflicts',
  'audit_log',
];
const snapshot = (a: TestApp) => TABLES.map((t) => a.ctx.db.sqlite.prepare(`SELECT * FROM ${t}`).all());

/** Qamishli's real bundle for Hasakah, opened, changed by `edit`, and sealed again with Qamishli's signing key. */
function forged(edit: (r: BundleRecord) => void): Buffer {
  const real = exportBundle(qamishli.ctx, qamishli.caller, ownCard(hasakah.ctx).id);
  const { header, payload } = openBundle(real.data, ownKeys(hasakah.ctx), knownOffices(hasakah.ctx));
  const records = (payload as { records: BundleRecord[] }).records;
  records.forEach(edit);
  const me = ownKeys(qamishli.ctx);
  return sealBundle(
    { records },
    {
      bundleId: header.bundleId,
      createdAt: header.createdAt,
      records: records.length,
      from: me.card,
      signKey: me.signKey,
      to: ownCard(hasakah.ctx),
    },
  );
}

/** Changes a content field in the row and in the last version alike, hashes recomputed: consistent, only invalid. */
function setField(r: BundleRecord, field: string, value: unknown) {
  (r.handover as Record<string, unknown>)[field] = value;
  const last = r.versions[r.versions.length - 1];
  const content = last.content as unknown as HandoverContent;
  (content.fields as Record<string, unknown>)[field] = value;
  last.contentHash = contentHash(content);
}

describe('records arriving in an exchange bundle', () => {
  it('takes an untouched bundle (the forging itself changes nothing)', () => {
    expect(
      importBundle(
        hasakah.ctx,
        hasakah.caller,
        forged(() => {}),
      ).counts,
    ).toMatchObject({ new: 1, rejected: 0 });
  });

  it.each<[string, (r: BundleRecord) => void, string]>([
    ['a negative count', (r) => setField(r, 'womenCount', -5), 'io.bundle.record_invalid'],
    ['more boys and girls than children', (r) => setField(r, 'boysCount', 500), 'io.bundle.record_invalid'],
    ['a country that does not exist', (r) => setField(r, 'receivingCountry', 'ZZ'), 'io.bundle.record_invalid'],
    ['a date that is not a day', (r) => setField(r, 'handoverDate', '2023-02-30'), 'io.bundle.record_invalid'],
    [
      'a name of 100,000 characters',
      (r) => setField(r, 'delegationHeadName', 'x'.repeat(100_000)),
      'io.bundle.record_invalid',
    ],
    [
      'untrimmed text (never stored by this app)',
      (r) => setField(r, 'location', '  Qamishli  '),
      'io.bundle.record_invalid',
    ],
    [
      'a column this app does not have',
      (r) => Object.assign(r.handover, { isAdmin: true }),
      'io.bundle.record_malformed',
    ],
    ['a draft', (r) => Object.assign(r.handover, { status: 'draft' }), 'io.bundle.record_malformed'],
    [
      'a void record without a reason',
      (r) => Object.assign(r.handover, { status: 'void', voidReason: null }),
      'io.bundle.record_malformed',
    ],
    [
      'an attachment of a type not accepted',
      (r) => Object.assign(r.attachments[0], { mime: 'text/html' }),
      'io.bundle.record_malformed',
    ],
    [
      'a PNG attachment named evil.html',
      (r) => Object.assign(r.attachments[0], { fileName: 'evil.html' }),
      'io.bundle.record_invalid',
    ],
    [
      'an attachment that is not what its type says',
      (r) => Object.assign(r.attachments[0], { mime: 'application/pdf', fileName: 'scan.pdf' }),
      'io.bundle.record_invalid',
    ],
    [
      'an attachment whose bytes do not match its hash',
      (r) => Object.assign(r.attachments[0], { data: tinyPdf().toString('base64') }),
      'io.bundle.record_invalid',
    ],
    [
      'a bidi override in an attachment name',
      (r) => Object.assign(r.attachments[0], { fileName: 'scan\u202Egnp.exe.png' }),
      'io.bundle.record_invalid',
    ],
    [
      'a person with neither name',
      (r) =>
        r.persons.push({
          id: '01890000-0000-7000-8000-000000000009',
          position: 0,
          fullNameAr: '',
          fullNameLatin: '',
          sex: 'f',
          birthYear: null,
          birthDate: null,
          category: 'woman',
          motherId: null,
          camp: '',
          idDocumentNo: '',
          unaccompanied: false,
          consentRecorded: false,
        }),
      'io.bundle.record_invalid',
    ],
    [
      'not a record at all',
      (r) => Object.assign(r, { handover: 'DROP TABLE handovers' }),
      'io.bundle.record_malformed',
    ],
  ])('refuses %s with a translated reason and writes nothing', (_n, edit, reason) => {
    const before = snapshot(hasakah);
    const report = importBundle(hasakah.ctx, hasakah.caller, forged(edit));
    expect(report.counts).toMatchObject({ new: 0, rejected: 1 });
    expect(report.rows[0]).toMatchObject({ outcome: 'rejected', reason });
    expect(snapshot(hasakah)).toEqual(before);
  });

  it('echoes a rejected record’s reference number cut short', () => {
    const report = importBundle(
      hasakah.ctx,
      hasakah.caller,
      forged((r) => Object.assign(r.handover, { referenceNo: 'R'.repeat(50_000), isAdmin: 1 })),
    );
    expect(report.rows[0].outcome).toBe('rejected');
    expect(report.rows[0].referenceNo.length).toBeLessThanOrEqual(121);
  });

  it('stops unpacking a payload at the size limit', () => {
    const me = ownKeys(qamishli.ctx);
    const padded = sealBundle(
      { records: [], pad: ' '.repeat(4 * 1024 * 1024) },
      {
        bundleId: '01890000-0000-7000-8000-0000000000aa',
        createdAt: new Date().toISOString(),
        records: 0,
        from: me.card,
        signKey: me.signKey,
        to: ownCard(hasakah.ctx),
      },
    );
    expect(padded.length).toBeLessThan(64 * 1024);
    const opened = () => openBundle(padded, ownKeys(hasakah.ctx), knownOffices(hasakah.ctx), 1024 * 1024);
    expect(opened).toThrow(BundleError);
    expect(opened).toThrow('bundle: too_large');
    // Under the limit the same file opens.
    expect(openBundle(padded, ownKeys(hasakah.ctx), knownOffices(hasakah.ctx), 8 * 1024 * 1024).payload).toMatchObject({
      records: [],
    });
  });
});
