import type { Channel } from '../../electron/api/contract';
import type { FileKind } from '../../electron/api/domain/limits';
import { kyrgyzHandover } from '../support/context';
import { tinyPdf, tinyPng } from '../support/files';

/** Ids of what the fuzzed database holds before the first payload (tests/fuzz/contract-fuzz.ts seeds them). */
export interface Seeded {
  draftId: string;
  finalizedId: string;
  attachmentId: string;
  signatureId: string;
  officeId: string;
  conflictId: string;
  accountId: string;
  /** Each kind's sample file (sampleFiles), admitted for the caller whose payloads these are. */
  files: Record<FileKind, string>;
}

/** One file per kind for the file channels: admitted for each role before its payloads (ids are bound to who chose). */
export function sampleFiles(officeId: string): Record<FileKind, Buffer> {
  return {
    spreadsheet: Buffer.from('reference_no,handover_date\nHO-9,2023-01-01\n'),
    bundle: Buffer.from('{"header":{}}'),
    attachment: tinyPdf(),
    reportPdf: tinyPdf(),
    p12: tinyPdf(),
    caCertificate: tinyPdf(),
    signaturePng: tinyPng(),
    reportLogo: tinyPng(),
    officeCard: Buffer.from(
      JSON.stringify({
        format: 'tasleem-office',
        id: officeId,
        name: 'Hasakah',
        signPublicKey: 'AAAA',
        encPublicKey: 'AAAA',
      }),
    ),
  };
}

const WOMAN = '01890000-0000-7000-8000-000000000001';
const CHILD = '01890000-0000-7000-8000-000000000002';

/**
 * One well-formed input per channel: the fuzzer mutates it (a field replaced by a hostile value, removed, or an unknown
 * one added), so the payloads reach past the first check into the handlers. Typed by the contract: a new channel
 * does not compile until it has a sample here, so the fuzzing covers every channel.
 */
export function samples(s: Seeded): Record<Channel, unknown> {
  const data = kyrgyzHandover({
    referenceNo: 'HO-FUZZ-1',
    womenCount: 1,
    childrenCount: 1,
    boysCount: 1,
    girlsCount: 0,
  });
  const persons = [
    { id: WOMAN, fullNameAr: 'مريم', sex: 'f', category: 'woman' },
    { id: CHILD, fullNameLatin: 'Yusuf', sex: 'm', category: 'child', motherId: WOMAN },
  ];
  const filter = { from: '2023-01-01', to: '2023-12-31', camps: ['al_hol'], includeDrafts: false };
  return {
    'app:info': {},
    'app:check': {},
    'settings:get': {},
    'settings:set': { patch: { attachmentMaxMb: 10 } },
    'settings:setLogo': { fileId: s.files.reportLogo },
    'handovers:create': { data },
    'handovers:get': { id: s.finalizedId },
    'handovers:update': { id: s.draftId, expectedRevision: 1, data },
    'handovers:list': {
      search: 'Tokobaev',
      countries: ['KG'],
      statuses: ['finalized'],
      sort: 'handoverDate',
      direction: 'desc',
      offset: 0,
      limit: 50,
    },
    'handovers:summary': { search: '', countries: ['KG'] },
    'handovers:suggestReference': { year: 2023 },
    'handovers:finalize': { id: s.draftId, expectedRevision: 1 },
    'handovers:amend': { id: s.finalizedId, expectedRevision: 1, data, reason: 'Typo', persons },
    'handovers:void': { id: s.finalizedId, expectedRevision: 1, reason: 'Duplicate' },
    'handovers:setManifest': { id: s.draftId, expectedRevision: 1, persons },
    'handovers:manifest': { id: s.finalizedId },
    'handovers:versions': { id: s.finalizedId },
    'handovers:history': { id: s.finalizedId },
    'io:inspect': { fileId: s.files.spreadsheet },
    'io:importStart': {
      uploadId: 'no-such-upload',
      options: { dryRun: true, asDraft: false, strict: true, dateOrder: 'dmy', mapping: ['reference_no', null] },
    },
    'io:importProgress': { jobId: 'no-such-job' },
    'io:importCancel': { jobId: 'no-such-job' },
    'io:export': { format: 'csv', filter: { countries: ['KG'] } },
    'io:office': {},
    'io:officeCard': {},
    'io:officeInit': { name: 'Qamishli' },
    'io:offices': {},
    'io:officeAdd': { fileId: s.files.officeCard },
    'io:bundleExport': { toOfficeId: s.officeId, ids: [s.finalizedId] },
    'io:bundleImport': { fileId: s.files.bundle },
    'io:openedBundle': {},
    'io:conflicts': {},
    'io:resolveConflict': { conflictId: s.conflictId, choice: 'keep_local', note: 'checked by phone' },
    'report:status': { handoverId: s.finalizedId },
    'report:sign': {
      handoverId: s.draftId,
      role: 'witness',
      signerName: 'Witness',
      signerTitle: '',
      fileId: s.files.signaturePng,
    },
    'report:removeSignature': { id: s.signatureId },
    'report:export': { handoverId: s.finalizedId, language: 'ar' },
    'report:verify': { fileId: s.files.reportPdf, checkRecord: true, caFileIds: [s.files.caCertificate] },
    'signing:identity': {},
    'signing:create': {},
    'signing:importP12': { fileId: s.files.p12, password: 'x' },
    'signing:exportCa': { format: 'pem' },
    'signing:officeCas': {},
    'keys:recovery': {},
    'keys:setRecovery': { password: 'not the password', passphrase: 'a weak one!!' },
    'signing:trustCa': { fileId: s.files.caCertificate, label: 'Hasakah office' },
    'signing:untrustCa': { fingerprint: 'ab'.repeat(32) },
    'attachments:add': { handoverId: s.draftId, fileId: s.files.attachment },
    'attachments:list': { handoverId: s.finalizedId },
    'attachments:get': { id: s.attachmentId },
    'totals:get': filter,
    'totals:timeline': { filter, granularity: 'month' },
    'totals:export': { filter, format: 'csv', locale: 'en' },
    'countries:aliases': {},
    'countries:addAliases': { aliases: [{ name: 'Qirghizistan', code: 'KG' }] },
    'countries:removeAlias': { name: 'Qirghizistan' },
    'samples:status': {},
    'samples:load': {},
    'samples:remove': {},
    'auth:status': {},
    'auth:setup': { username: 'second', displayName: 'Second', password: 'a long enough password' },
    'auth:signIn': { username: 'admin', password: 'not the password' },
    'auth:signOut': { reason: 'user' },
    'auth:changePassword': { current: 'not the password', next: 'another long password' },
    'users:list': {},
    'users:create': {
      username: 'registrar1',
      displayName: 'Registrar',
      role: 'registrar',
      password: 'a long enough password',
    },
    'users:update': { id: s.accountId, patch: { displayName: 'Admin', disabled: false } },
    'users:resetPassword': { id: s.accountId, password: 'a long enough password' },
    'audit:list': { actor: 'admin', from: '2023-01-01', to: '2030-12-31' },
    'audit:verify': {},
    'backup:list': {},
    'backup:create': {},
    // Into a folder that does not exist, and from a backup that is not there: the fuzzer never writes or restores.
    'backup:saveTo': { path: '/nonexistent-tasleem-fuzz/backup.db' },
    'backup:restore': { name: 'tasleem-2023-02-16T10-00-00-000Z-daily.db' },
    'recovery:status': {},
    'recovery:restore': { name: 'tasleem-2023-02-16T10-00-00-000Z-daily.db' },
    'recovery:encrypt': { username: 'admin', password: 'not the password' },
  };
}
