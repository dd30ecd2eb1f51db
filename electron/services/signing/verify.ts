import * as asn1js from 'asn1js';
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { certInfo, fingerprintOf, type CertInfo } from './certs';
import { RECORD_MARK_KEY, parseRecordMark, type RecordMark } from './sign';

/** Why a PDF is not authentic; the renderer translates each (report.verify.reasons.<code>). */
export const VERIFY_REASONS = [
  'not_pdf',
  'truncated',
  'unsigned',
  'multiple_signatures',
  'malformed_signature',
  'not_whole_document',
  'digest_mismatch',
  'bad_signature',
  'unsupported_algorithm',
  'untrusted_signer',
  'ca_not_pinned',
  'trust_list_altered',
  'certificate_expired',
  'no_record_mark',
  'record_not_found',
  'hash_mismatch',
] as const;
export type VerifyReason = (typeof VERIFY_REASONS)[number];

export interface SignatureCheck {
  reasons: VerifyReason[];
  coversWholeDocument: boolean;
  signer?: CertInfo;
  chain: CertInfo[];
  trustedBy?: CertInfo;
  signedAt?: string;
  mark?: RecordMark;
  /** The top of the signer's chain when no anchor issued it: lets the caller say why it is not trusted. */
  untrustedTop?: X509Certificate;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;
const NODE_HASH: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** sha{1,256,384,512}WithRSAEncryption: the signature algorithm may name the hash instead of plain rsaEncryption. */
const RSA_WITH: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

const hex = (v: ArrayBuffer | Uint8Array) =>
  Buffer.from(v instanceof Uint8Array ? v : new Uint8Array(v)).toString('hex');
const serialHexOf = (i: asn1js.Integer) => hex(i.valueBlock.valueHexView).replace(/^(00)+(?=.)/, '');

/** An embedded certificate as Node's X509Certificate, or null when OpenSSL will not read it. */
function x509(c: pkijs.Certificate): X509Certificate | null {
  try {
    return new X509Certificate(Buffer.from(c.toSchema().toBER(false)));
  } catch {
    return null;
  }
}

/** `issuer` issued `cert`: names (and key identifiers) agree and its key verifies the certificate's signature. */
const issued = (cert: X509Certificate, issuer: X509Certificate) => {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
};
const validAt = (c: X509Certificate, at: Date) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);

/**
 * Checks the one signature of a report, in Node (pkijs/asn1js read the CMS, node:crypto does every digest, RSA check
 * and certificate signature), without trusting anything the file says about itself:
 * - the file is a complete PDF with exactly one signature;
 * - its ByteRange is [0, a, b, len-b]: everything but the /Contents hex string is signed, so bytes changed anywhere
 *   or appended (an incremental update) fail, not only changed ones;
 * - the digest of those bytes equals the signed messageDigest attribute, and the RSA signature over the attributes
 *   verifies with the signer's certificate;
 * - the signer's chain leads to one of `trusted` (anchors the caller took from outside the file), every certificate
 *   of the path valid at the signing time, every issuer a CA.
 */
export function checkPdfSignature(bytes: Buffer, trusted: X509Certificate[]): SignatureCheck {
  const out: SignatureCheck = { reasons: [], coversWholeDocument: false, chain: [] };
  const fail = (r: VerifyReason) => (out.reasons.push(r), out);
  if (bytes.length < 16 || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return fail('not_pdf');
  const text = bytes.toString('latin1');
  if (!/%%EOF\s*$/.test(text.slice(-64))) return fail('truncated');

  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (ranges.length === 0) return fail(/\/ByteRange|\/Type\s*\/Sig\b/.test(text) ? 'malformed_signature' : 'unsigned');
  if (ranges.length > 1) return fail('multiple_signatures');
  const [a0, a1, b0, b1] = ranges[0].slice(1, 5).map(Number);
  const gap = a1 < b0 && b0 <= bytes.length ? text.slice(a1, b0) : '';
  if (a0 !== 0 || !/^<[0-9A-Fa-f]+>$/.test(gap)) return fail('malformed_signature');
  out.coversWholeDocument = b0 + b1 === bytes.length;
  if (!out.coversWholeDocument) out.reasons.push('not_whole_document');
  if (b0 + b1 > bytes.length) return out;
  const signed = Buffer.concat([bytes.subarray(0, a1), bytes.subarray(b0, b0 + b1)]);

  const markMatch = [
    ...signed.toString('latin1').matchAll(new RegExp(`/${RECORD_MARK_KEY}\\s*\\(([^)]*)\\)`, 'g')),
  ].pop();
  out.mark = (markMatch && parseRecordMark(markMatch[1])) || undefined;

  let signedData: pkijs.SignedData;
  let signerInfo: pkijs.SignerInfo;
  try {
    // /Contents is zero-padded after the DER: fromBER reads the first element and leaves the padding.
    const asn = asn1js.fromBER(new Uint8Array(Buffer.from(gap.slice(1, -1), 'hex')));
    if (asn.offset === -1) return fail('malformed_signature');
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID.signedData) return fail('malformed_signature');
    signedData = new pkijs.SignedData({ schema: info.content });
    if (signedData.signerInfos.length !== 1) return fail('malformed_signature');
    signerInfo = signedData.signerInfos[0];
  } catch {
    return fail('malformed_signature');
  }

  const certs = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = signerInfo.sid as unknown;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return fail('malformed_signature');
  const signerRaw = certs.find(
    (c) => serialHexOf(c.serialNumber) === serialHexOf(sid.serialNumber) && c.issuer.isEqual(sid.issuer),
  );
  const signerCert = signerRaw && x509(signerRaw);
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  if (!signerCert || signature.length === 0) return fail('malformed_signature');
  out.signer = certInfo(signerCert);
  const hash = NODE_HASH[signerInfo.digestAlgorithm.algorithmId];
  const sigAlg = signerInfo.signatureAlgorithm.algorithmId;
  if (!hash || (sigAlg !== OID.rsaEncryption && RSA_WITH[sigAlg] !== hash)) return fail('unsupported_algorithm');

  const contentDigest = createHash(hash).update(signed).digest();
  let signedBytes: Buffer = signed;
  const attrs = signerInfo.signedAttrs;
  if (attrs) {
    let claimed: Buffer | null = null;
    for (const attr of attrs.attributes) {
      const value = attr.values[0] as unknown;
      if (attr.type === OID.messageDigest && value instanceof asn1js.OctetString)
        claimed = Buffer.from(value.valueBlock.valueHexView);
      if (
        attr.type === OID.signingTime &&
        (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime)
      ) {
        const d = value.toDate();
        if (!Number.isNaN(d.getTime())) out.signedAt = d.toISOString();
      }
    }
    if (!claimed || !claimed.equals(contentDigest)) out.reasons.push('digest_mismatch');
    // The signature covers the DER of the attributes as a SET OF (tag 0x31), not as the [0] IMPLICIT they travel under.
    signedBytes = Buffer.from(
      new Uint8Array(attrs.encodedValue.byteLength ? attrs.encodedValue : attrs.toSchema().toBER(false)),
    );
    signedBytes[0] = 0x31;
  }
  let sigOk = false;
  try {
    sigOk = cryptoVerify(hash, signedBytes, signerCert.publicKey, signature);
  } catch {
    sigOk = false;
  }
  if (!sigOk) out.reasons.push('bad_signature');

  // Chain: signer, then issuers found among the embedded certificates, up to one of the anchors.
  const embedded = certs.map(x509).filter((c): c is X509Certificate => !!c);
  const chain: X509Certificate[] = [signerCert];
  while (chain.length < 6) {
    const last = chain[chain.length - 1];
    if (issued(last, last)) break;
    const next = embedded.find((c) => !chain.some((k) => k.raw.equals(c.raw)) && issued(last, c));
    if (!next) break;
    chain.push(next);
  }
  const trustedFps = new Set(trusted.map(fingerprintOf));
  // The trust anchor itself is taken from the caller's store, never from the file: drop the embedded copy of it.
  const path = chain.filter((c) => !trustedFps.has(fingerprintOf(c)));
  out.chain = chain.map(certInfo);
  const top = path[path.length - 1];
  const anchor = top && trusted.find((t) => issued(top, t));
  if (!anchor) {
    out.untrustedTop = top ?? chain[chain.length - 1];
    out.reasons.push('untrusted_signer');
    return out;
  }
  out.trustedBy = certInfo(anchor);
  const at = out.signedAt ? new Date(out.signedAt) : new Date();
  if (![...path.slice(1), anchor].every((c) => c.ca)) out.reasons.push('untrusted_signer');
  else if (![...path, anchor].every((c) => validAt(c, at))) out.reasons.push('certificate_expired');
  return out;
}
