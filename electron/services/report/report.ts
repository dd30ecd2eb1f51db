import countries from 'i18n-iso-countries';
import arNames from 'i18n-iso-countries/langs/ar.json';
import enNames from 'i18n-iso-countries/langs/en.json';
import kuNames from 'i18n-iso-countries/langs/ku.json';
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { writeAudit } from '../../../db/queries/audit';
import { getHandoverByReference, type HandoverRow } from '../../../db/queries/handovers';
import { listPersons } from '../../../db/queries/persons';
import { listSignatures } from '../../../db/queries/signatures';
import { listVersions } from '../../../db/queries/versions';
import { AppError } from '../../api/result';
import type { ReportStatus, VerifyResult } from '../../api/schemas/report';
import type { AppContext, Caller } from '../context';
import { getHandover } from '../handovers';
import { getSettings } from '../settings';
import { certFromPem } from '../signing/certs';
import { activeIdentityOrNull, ensureIdentity, openSigner, trustedCas } from '../signing/identity';
import { TOTALS_MARK_PREFIX, finishUnsigned, signReport, type RecordMark } from '../signing/sign';
import { checkPdfSignature } from '../signing/verify';
import { inlineFontsCss } from './assets';
import { LABELS, type DocLang } from './labels';
import { missingRoles, recordHash, toApiSignature } from './signatures';
import { esignWidgetRect, renderReportHtml, type ReportModel } from './template';

countries.registerLocale(arNames);
countries.registerLocale(enNames);
countries.registerLocale(kuNames);
const KOSOVO: Record<DocLang, string> = { ar: 'كوسوفو', en: 'Kosovo', ku: 'Kosova' };
const countryName = (code: string, lang: DocLang) => (code === 'XK' ? KOSOVO[lang] : (countries.getName(code, lang) ?? countries.getName(code, 'en') ?? code));

/** What the QR code in the footer encodes: the reference and the SHA-256 of the record's content. */
export const qrPayload = (m: RecordMark) => `TASLEEM:${m.referenceNo};SHA256:${m.contentHash};V:${m.version}`;

async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 0, color: { dark: '#000000', light: '#ffffff' } });
  return svg.replace('<svg ', '<svg width="20mm" height="20mm" ');
}

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
    contentHash: recordHash(ctx, h),
    identity: identity ? { subject: identity.subject, fingerprint: identity.fingerprint, notAfter: identity.notAfter } : null,
  };
}

function findHandover(ctx: AppContext, by: { handoverId?: string; referenceNo?: string }): HandoverRow {
  if (by.handoverId) return getHandover(ctx, by.handoverId);
  const h = by.referenceNo ? getHandoverByReference(ctx.db.orm, by.referenceNo) : undefined;
  if (!h) throw new AppError('NOT_FOUND', `No handover with reference ${by.referenceNo ?? ''}`, { referenceNo: by.referenceNo });
  return h;
}

/** Builds the finished HTML of one report (also used by the benchmark to print "the same finished HTML"). */
export async function buildReportHtml(ctx: AppContext, h: HandoverRow, opts: { language?: 'ar' | 'ku'; digital: ReportModel['digital'] }) {
  const settings = getSettings(ctx);
  const hash = recordHash(ctx, h);
  const mark: RecordMark = { referenceNo: h.referenceNo, contentHash: hash, version: h.version };
  const model: ReportModel = {
    primary: opts.language ?? settings.reportLanguage,
    handover: h,
    persons: listPersons(ctx.db.orm, h.id),
    signatures: listSignatures(ctx.db.orm, h.id),
    settings,
    contentHash: hash,
    version: h.version,
    countryName: { ar: countryName(h.receivingCountry, 'ar'), en: countryName(h.receivingCountry, 'en'), ku: countryName(h.receivingCountry, 'ku') },
    digital: opts.digital,
    qrSvg: await qrSvg(qrPayload(mark)),
    fontsCss: inlineFontsCss(ctx),
  };
  return { html: renderReportHtml(model), mark, primary: model.primary, settings };
}

export interface ExportedReport {
  fileName: string;
  mime: string;
  bytes: Buffer;
  signed: boolean;
  sha256: string;
  contentHash: string;
  referenceNo: string;
}

/**
 * A finalized record gives a report signed with the organization's key; a draft (or a void record) gives one
 * watermarked and not signed. Required handwritten signatures must be present before the organization signs.
 */
export async function exportReport(ctx: AppContext, caller: Caller, by: { handoverId?: string; referenceNo?: string; language?: 'ar' | 'ku' }): Promise<ExportedReport> {
  if (!ctx.pdf) throw new AppError('PDF_UNAVAILABLE', 'PDF printing is not available in this mode');
  const h = findHandover(ctx, by);
  const sign = h.status === 'finalized';
  const at = ctx.now();
  let signer: ReturnType<typeof openSigner> | null = null;
  if (sign) {
    const missing = missingRoles(ctx, h);
    if (missing.length) throw new AppError('SIGNATURES_MISSING', `Missing handwritten signatures: ${missing.join(', ')}`, { missing });
    signer = openSigner(ctx, ensureIdentity(ctx, caller));
  }
  const digital = signer ? { subject: signer.row.subject, issuer: certFromPem(signer.row.caCertPem).subject.getField('CN')?.value ?? '', fingerprint: signer.row.fingerprint, at: at.toISOString() } : null;
  const { html, mark, primary, settings } = await buildReportHtml(ctx, h, { language: by.language, digital });
  let pdf: Buffer;
  try {
    pdf = await ctx.pdf.htmlToPdf(html);
  } catch (err) {
    throw new AppError('PDF_UNAVAILABLE', `The report could not be printed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const info = { title: `${LABELS.title[primary]} / ${LABELS.title.en} — ${h.referenceNo}`, subject: `${h.referenceNo} ${h.handoverDate} ${h.receivingCountry}`, author: settings.reportAuthorityEn, mark };
  const bytes = signer
    ? await signReport(pdf, info, {
        p12: signer.p12,
        password: signer.password,
        widgetRect: esignWidgetRect(primary),
        reason: `Handover document ${h.referenceNo}`,
        location: h.location || settings.defaultLocation,
        contactInfo: settings.reportAuthorityEn,
        name: signer.row.subject,
        signingTime: at,
      })
    : await finishUnsigned(pdf, info, at);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const suffix = sign ? '' : h.status === 'void' ? '-VOID' : '-DRAFT';
  const fileName = `${h.referenceNo.replace(/[^A-Za-z0-9.-]+/g, '_')}${h.version > 1 ? `-v${h.version}` : ''}${suffix}.pdf`;
  writeAudit(ctx.db.orm, { actor: caller.actor, action: 'report.export', entity: 'handover', entityId: h.id, details: { referenceNo: h.referenceNo, status: h.status, version: h.version, signed: sign, contentHash: mark.contentHash, fileSha256: sha256, language: primary, certificate: signer?.row.fingerprint ?? null } }, at.toISOString());
  return { fileName, mime: 'application/pdf', bytes, signed: sign, sha256, contentHash: mark.contentHash, referenceNo: h.referenceNo };
}

/**
 * Verifies a report: the organization's signature (services/signing/verify.ts) and, when asked, that the reference
 * and content hash it carries belong to a record of this database. A report of an earlier version of an amended
 * record is authentic but superseded: a warning, not a failure.
 */
export function verifyReport(ctx: AppContext, bytes: Buffer, opts: { checkRecord: boolean; extraTrusted?: string[] }): VerifyResult {
  const trusted = [...trustedCas(ctx), ...(opts.extraTrusted ?? []).map(certFromPem)];
  const sig = checkPdfSignature(bytes, trusted);
  const reasons: string[] = [...sig.reasons];
  const warnings: string[] = [];
  // The record is looked up only for a sound signature: what a broken file claims is not worth reporting.
  const record: VerifyResult['record'] = { checked: opts.checkRecord && reasons.length === 0, found: false, matches: false, status: null, handoverId: null, currentVersion: null };
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
