import { z } from 'zod';
import { requiredText, text, uuid } from './common';
import { referenceNo } from './handover';
import { fileId, heldFile } from './files';
import { IDENTITY_KINDS, REPORT_LANGUAGES, SIGNER_ROLES } from '../domain/reports';
import { PROTOCOL_FIELDS, STATUSES } from '../domain/handover';

export const signerRole = z.enum(SIGNER_ROLES);
export type SignerRole = z.infer<typeof signerRole>;
export const reportLanguage = z.enum(REPORT_LANGUAGES);

export const clause = z.object({ ar: text(2000).default(''), en: text(2000).default(''), ku: text(2000).default('') });
export type Clause = z.infer<typeof clause>;

export const DEFAULT_CLAUSES: Clause[] = [
  {
    ar: 'يقرّ الطرفان بأن الأشخاص المسلَّمين بموجب هذه الوثيقة بصحة جيدة، وأنهم لم يتعرضوا لأي ضغط أو إكراه.',
    en: 'Both parties confirm that the persons handed over under this document are in good health and were not subjected to any pressure or coercion.',
    ku: 'Herdu alî piştrast dikin ku kesên bi vê belgeyê hatine radestkirin di tenduristiyeke baş de ne û rastî tu zext an zorê nehatine.',
  },
  {
    ar: 'يُسلَّم الأطفال الذين يغادرون دون أمهاتهم بموافقة خطية من الأم، مرفقة بهذه الوثيقة.',
    en: "Children leaving without their mother are handed over with the mother's written consent, attached to this document.",
    ku: 'Zarokên bê dayika xwe diçin bi razîbûna nivîskî ya dayikê tên radestkirin, ku bi vê belgeyê ve girêdayî ye.',
  },
  {
    ar: 'حُرّرت هذه الوثيقة من نسختين أصليتين، يحتفظ كل طرف بنسخة منها.',
    en: 'This document is drawn up in two originals, one kept by each party.',
    ku: 'Ev belge di du nusxeyên resen de hatiye amadekirin; her alî yekê digire.',
  },
];

/** A logo as a data URL (PNG or JPEG), at most ~500 KB: it is printed into every report. */
export const logoDataUrl = z
  .string()
  .max(700_000, { error: 'too_large' })
  .regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+)?$/, { error: 'invalid' });

/** Report settings, spread into the settings schema (stored per key: no migration). */
export const reportSettingsFields = {
  reportAuthorityAr: text(300).default('الإدارة الذاتية لشمال وشرق سوريا — دائرة العلاقات الخارجية'),
  reportAuthorityEn: text(300).default(
    'Autonomous Administration of North and East Syria — Department of Foreign Relations',
  ),
  reportAuthorityKu: text(300).default('Rêveberiya Xweser a Bakur û Rojhilatê Sûriyê — Dezgeha Têkiliyên Derve'),
  reportLogo: logoDataUrl.default(''),
  reportLanguage: reportLanguage.default('ar'),
  // None by default: many records are entered after the fact (past handovers), with no one present to sign on screen;
  // an office that signs at the handover marks the roles it requires.
  requiredSigners: z
    .array(z.enum(['handing_official', 'delegation_head']))
    .max(2)
    .default([]),
  reportClauses: z.array(clause).max(20, { error: 'too_many' }).default(DEFAULT_CLAUSES),
};

// --- channel payloads ---------------------------------------------------------------------------------------------

export const signatureInput = z
  .object({
    handoverId: uuid,
    role: signerRole,
    signerName: requiredText(200),
    signerTitle: text(200).default(''),
    /** The PNG drawn on the signing screen, admitted as `signaturePng` (FileStore#admitBytes, or browser mode's upload). */
    fileId,
  })
  .strict();

export const handwrittenSignature = z.object({
  id: uuid,
  handoverId: uuid,
  role: signerRole,
  signerName: z.string(),
  signerTitle: z.string(),
  signedAt: z.string(),
  contentHash: z.string(),
  createdBy: z.string(),
  imageDataUrl: z.string(),
});
export type HandwrittenSignature = z.infer<typeof handwrittenSignature>;

export const reportStatus = z.object({
  handoverId: uuid,
  referenceNo: z.string(),
  status: z.enum(STATUSES),
  requiredRoles: z.array(signerRole),
  missingRoles: z.array(signerRole),
  signatures: z.array(handwrittenSignature),
  /** The report is signed cryptographically when exported (finalized, not void). */
  willBeSigned: z.boolean(),
  /** What the protocol does not name (an imported record): no report until an amendment completes it. */
  missingFields: z.array(z.enum(PROTOCOL_FIELDS)),
  contentHash: z.string(),
  identity: z.object({ subject: z.string(), fingerprint: z.string(), notAfter: z.string() }).nullable(),
});
export type ReportStatus = z.infer<typeof reportStatus>;

export const exportInput = z
  .object({ handoverId: uuid.optional(), referenceNo: referenceNo.optional(), language: reportLanguage.optional() })
  .strict()
  .refine((v) => !!v.handoverId !== !!v.referenceNo, { error: 'required', path: ['handoverId'] });

/** The report, held for the page: the preview shows these bytes and the save or download writes them. */
export const exportResult = heldFile.extend({
  signed: z.boolean(),
  contentHash: z.string(),
  referenceNo: z.string(),
});

const certInfo = z.object({
  subject: z.string(),
  issuer: z.string(),
  serial: z.string(),
  fingerprint: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
});

export const verifyInput = z
  .object({
    /** The PDF the caller chose (admitted as `reportPdf`). */
    fileId,
    checkRecord: z.boolean().default(true),
    /** CA certificates trusted for this check only (admitted as `caCertificate`): the CLI's --ca. */
    caFileIds: z.array(fileId).max(10).default([]),
  })
  .strict();
export const verifyResult = z.object({
  authentic: z.boolean(),
  reasons: z.array(z.string()),
  warnings: z.array(z.string()),
  coversWholeDocument: z.boolean(),
  signer: certInfo.nullable(),
  trustedBy: certInfo.nullable(),
  signedAt: z.string().nullable(),
  referenceNo: z.string().nullable(),
  contentHash: z.string().nullable(),
  version: z.number().int().nullable(),
  record: z.object({
    checked: z.boolean(),
    found: z.boolean(),
    matches: z.boolean(),
    status: z.string().nullable(),
    handoverId: z.string().nullable(),
    currentVersion: z.number().int().nullable(),
  }),
});
export type VerifyResult = z.infer<typeof verifyResult>;

export const identityResult = z.object({
  id: z.string(),
  kind: z.enum(IDENTITY_KINDS),
  certificate: certInfo,
  ca: certInfo,
  vault: z.string(),
  createdAt: z.string(),
});
export const officeCa = certInfo.extend({
  label: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
  sealed: z.boolean(),
});
export const officeCasResult = z.object({ list: z.array(officeCa), altered: z.boolean() });
export const trustCaInput = z
  .object({
    /** The other office's CA certificate (admitted as `caCertificate`). */
    fileId,
    label: z.string().trim().min(1, { error: 'required' }).max(200),
  })
  .strict();
export const untrustCaInput = z.object({ fingerprint: z.string().regex(/^[0-9a-fA-F]{64}$/) }).strict();

export const importP12Input = z.object({ fileId, password: z.string().max(500) }).strict();
