import countries from 'i18n-iso-countries';
import arNames from 'i18n-iso-countries/langs/ar.json';
import enNames from 'i18n-iso-countries/langs/en.json';
import kuNames from 'i18n-iso-countries/langs/ku.json';
import { getHandoverByReference, type HandoverRow } from '../../../db/queries/handovers';
import { listPersons } from '../../../db/queries/persons';
import { listSignatures } from '../../../db/queries/signatures';
import { listVersions } from '../../../db/queries/versions';
import { AppError } from '../../api/result';
import { missingProtocolFields } from '../../api/domain/handover';
import type { ReportStatus, VerifyResult } from '../../api/schemas/report';
import type { AppContext, Caller } from '../context';
import { getHandover } from '../handovers';
import type { Settings } from '../../api/schemas/settings';
import { getSettings } from '../settings';
import { x509FromPem } from '../signing/certs';
import type { Digital } from '../documents/frame';
import { handoverDocument } from '../documents/handover-model';
import { produceDocument, qrFile } from '../documents/pipeline';
import { activeIdentityOrNull, ensureIdentity, openSigner } from '../signing/identity';
import { officeCas, pinOnFirstUse, pinnedCas, unpinnedDbCa } from '../signing/trust';
import { TOTALS_MARK_PREFIX, type RecordMark } from '../signing/sign';
import { checkPdfSignature } from '../signing/verify';
import type { DocLang } from './labels';
import { missingRoles, recordHash, toApiSignature } from './signatures';

countries.registerLocale(arNames);
countries.registerLocale(enNames);
countries.registerLocale(kuNames);
const KOSOVO: Record<DocLang, string> = { ar: 'كوسوفو', en: 'Kosovo', ku: 'Kosova' };
const countryName = (code: string, lang: DocLang) =>
  code === 'XK' ? KOSOVO[lang] : (countries.getName(code, lang) ?? countries.getName(code, 'en') ?? code);

export function reportStatus(ctx: AppContext, handoverId: string): ReportStatus {
  const h = getHandover(ctx, handoverId);
  const identity = activeIdentityOrNull(ctx);
  return {
    handoverId: h.id,
    referenceNo: h.referenceNo,
    status: h.status,
    requiredRoles: getSettings(ctx).requiredSigners,
    missingRoles: missingRoles(ctx, h),
    signatures: listSignatures(ctx.db.orm, h.id).map(toApiSignature),
    willBeSigned: h.status === 'finalized',
    missingFields: missingProtocolFields(h),
    contentHash: recordHash(ctx, h),
    identity: identity
      ? { subject: identity.subject, fingerprint: identity.fingerprint, notAfter: identity.notAfter }
      : null,
  };
}

function findHandover(ctx: AppContext, by: { handoverId?: string; referenceNo?: string }): HandoverRow {
  if (by.handoverId) return getHandover(ctx, by.handoverId);
  const h = by.referenceNo ? getHandoverByReference(ctx.db.orm, by.referenceNo) : undefined;
  if (!h)
    throw new AppError('NOT_FOUND', `No handover with reference ${by.referenceNo ?? ''}`, {
      referenceNo: by.referenceNo,
    });
  return h;
}

/** The data and images of one handover's document (also used by the benchmark). */
export function handoverDocumentFor(
  ctx: AppContext,
  h: HandoverRow,
  opts: { language?: 'ar' | 'ku'; digital: Digital | null; settings?: Settings },
) {
  const settings = opts.settings ?? getSettings(ctx);
  const contentHash = recordHash(ctx, h);
  const primary = opts.language ?? settings.reportLanguage;
  const doc = handoverDocument({
    primary,
    handover: h,
    persons: listPersons(ctx.db.orm, h.id),
    signatures: listSignatures(ctx.db.orm, h.id),
    settings,
    contentHash,
    countryName: {
      ar: countryName(h.receivingCountry, 'ar'),
      en: countryName(h.receivingCountry, 'en'),
      ku: countryName(h.receivingCountry, 'ku'),
    },
    digital: opts.digital,
  });
  const mark: RecordMark = { referenceNo: h.referenceNo, contentHash, version: h.version };
  return { ...doc, mark, primary, settings };
}

export interface ExportedReport {
  fileName: string;
  mime: string;
  bytes: Buffer;
  signed: boolean;
  sha256: string;
  contentHash: string;
  referenceNo: string;
  pages: number;
}

/**
 * A finalized record gives a report signed with the organization's key; a draft (or a void record) gives one
 * watermarked and not signed. Required handwritten signatures must be present before the organization signs.
 */
export async function exportReport(
  ctx: AppContext,
  caller: Caller,
  by: { handoverId?: string; referenceNo?: string; language?: 'ar' | 'ku' },
): Promise<ExportedReport> {
  const h = findHandover(ctx, by);
  // A protocol that does not name both parties and its camp (imported from the public record, issue 10) gives no
  // report at all: a signature block with blanks would be a document nobody signed. An amendment completes it.
  const missingFields = missingProtocolFields(h);
  if (missingFields.length)
    throw new AppError(
      'PROTOCOL_INCOMPLETE',
      `The protocol of ${h.referenceNo} is incomplete; not recorded: ${missingFields.join(', ')}`,
      { missing: missingFields, handoverId: h.id, status: h.status },
    );
  const sign = h.status === 'finalized';
  const at = ctx.now();
  const settingsNow = getSettings(ctx);
  let signer: ReturnType<typeof openSigner> | null = null;
  if (sign) {
    const missing = missingRoles(ctx, h, settingsNow);
    if (missing.length)
      throw new AppError('SIGNATURES_MISSING', `Missing handwritten signatures: ${missing.join(', ')}`, { missing });
    signer = openSigner(ctx, ensureIdentity(ctx, caller));
  }
  const digital = signer ? { subject: signer.row.subject, fingerprint: signer.row.fingerprint } : null;
  const { data, files, mark, primary, settings } = handoverDocumentFor(ctx, h, {
    language: by.language,
    digital,
    settings: settingsNow,
  });
  const made = await produceDocument(ctx, caller, {
    kind: 'handover',
    data,
    files: { ...files, ...(await qrFile(mark)) },
    mark,
    signer,
    signature: {
      reason: `Handover document ${h.referenceNo}`,
      location: h.location || settings.defaultLocation,
      contactInfo: settings.reportAuthorityEn,
    },
    audit: {
      action: 'report.export',
      entity: 'handover',
      entityId: h.id,
      details: {
        referenceNo: h.referenceNo,
        status: h.status,
        version: h.version,
        signed: sign,
        contentHash: mark.contentHash,
        language: primary,
      },
    },
    at,
  });
  const suffix = sign ? '' : h.status === 'void' ? '-VOID' : '-DRAFT';
  const fileName = `${h.referenceNo.replace(/[^A-Za-z0-9.-]+/g, '_')}${h.version > 1 ? `-v${h.version}` : ''}${suffix}.pdf`;
  return {
    fileName,
    mime: 'application/pdf',
    bytes: made.bytes,
    signed: sign,
    sha256: made.sha256,
    contentHash: mark.contentHash,
    referenceNo: h.referenceNo,
    pages: made.pages,
  };
}

/**
 * Verifies a report: the organization's signature (services/signing/verify.ts) and, when asked, that the reference
 * and content hash it carries belong to a record of this database. A report of an earlier version of an amended
 * record is authentic but superseded: a warning, not a failure.
 */
export function verifyReport(
  ctx: AppContext,
  caller: Caller,
  bytes: Buffer,
  opts: { checkRecord: boolean; extraTrusted?: Buffer[] },
): VerifyResult {
  pinOnFirstUse(ctx, caller);
  // Anchors from the key store (pinned, and the sealed office list), never from the editable signing_identities rows;
  // `extraTrusted` are CA files the person verifying names on the command line.
  const offices = officeCas(ctx);
  const extra = (opts.extraTrusted ?? []).map((file) => {
    try {
      return x509FromPem(file);
    } catch {
      throw new AppError('BAD_FILE', 'The file is not a PEM or DER certificate');
    }
  });
  const trusted = [...pinnedCas(ctx), ...offices.trusted, ...extra];
  const sig = checkPdfSignature(bytes, trusted);
  const reasons: string[] = [...sig.reasons];
  const warnings: string[] = [];
  const untrusted = reasons.indexOf('untrusted_signer');
  if (untrusted >= 0 && sig.untrustedTop) {
    // Say why, when the database or the office list claims a CA the key store does not vouch for.
    if (offices.altered) reasons[untrusted] = 'trust_list_altered';
    else if (unpinnedDbCa(ctx, sig.untrustedTop)) reasons[untrusted] = 'ca_not_pinned';
  } else if (offices.altered) warnings.push('trust_list_altered');
  // The record is looked up only for a sound signature: what a broken file claims is not worth reporting.
  const record: VerifyResult['record'] = {
    checked: opts.checkRecord && reasons.length === 0,
    found: false,
    matches: false,
    status: null,
    handoverId: null,
    currentVersion: null,
  };
  if (record.checked && sig.mark?.referenceNo.startsWith(TOTALS_MARK_PREFIX)) {
    record.checked = false;
    warnings.push('totals_report');
  }
  if (record.checked) {
    if (!sig.mark) reasons.push('no_record_mark');
    else {
      const h = getHandoverByReference(ctx.db.orm, sig.mark.referenceNo);
      if (!h) reasons.push('record_not_found');
      else {
        record.found = true;
        record.status = h.status;
        record.handoverId = h.id;
        record.currentVersion = h.version;
        const version = listVersions(ctx.db.orm, h.id).find((v) => v.version === sig.mark!.version);
        record.matches = !!version && version.contentHash === sig.mark.contentHash;
        if (!record.matches) reasons.push('hash_mismatch');
        else if (h.version !== sig.mark.version) warnings.push('superseded');
        if (h.status === 'void') warnings.push('record_void');
      }
    }
  }
  return {
    authentic: reasons.length === 0,
    reasons,
    warnings,
    coversWholeDocument: sig.coversWholeDocument,
    signer: sig.signer ?? null,
    trustedBy: sig.trustedBy ?? null,
    signedAt: sig.signedAt ?? null,
    referenceNo: sig.mark?.referenceNo ?? null,
    contentHash: sig.mark?.contentHash ?? null,
    version: sig.mark?.version ?? null,
    record,
  };
}
