import forge from 'node-forge';
import { createHash } from 'node:crypto';
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
}

const OID = {
  messageDigest: forge.pki.oids.messageDigest,
  signingTime: forge.pki.oids.signingTime,
  sha1: forge.pki.oids.sha1,
  sha256: forge.pki.oids.sha256,
  sha384: forge.pki.oids.sha384,
  sha512: forge.pki.oids.sha512,
} as const;
const NODE_HASH: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};
const FORGE_MD: Record<string, () => forge.md.MessageDigest> = {
  [OID.sha1]: () => forge.md.sha1.create(),
  [OID.sha256]: () => forge.md.sha256.create(),
  [OID.sha384]: () => forge.md.sha384.create(),
  [OID.sha512]: () => forge.md.sha512.create(),
};

const oidOf = (node: forge.asn1.Asn1 | undefined) =>
  node && typeof node.value === 'string' ? forge.asn1.derToOid(node.value) : '';
const children = (node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] =>
  node && Array.isArray(node.value) ? node.value : [];

/**
 * Checks the one signature of a report, in Node, without trusting anything the file says about itself:
 * - the file is a complete PDF with exactly one signature;
 * - its ByteRange is [0, a, b, len-b]: everything but the /Contents hex string is signed, so bytes changed anywhere
 *   or appended (an incremental update) fail, not only changed ones;
 * - the digest of those bytes equals the signed messageDigest attribute, and the RSA signature over the attributes
 *   verifies with the signer's certificate;
 * - the signer's chain leads to one of `trusted` (our organization CA), valid at the signing time.
 */
export function checkPdfSignature(bytes: Buffer, trusted: forge.pki.Certificate[]): SignatureCheck {
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

  let p7: forge.pkcs7.PkcsSignedData;
  let signerInfo: forge.asn1.Asn1;
  try {
    const der = forge.util.hexToBytes(gap.slice(1, -1));
    const asn1 = forge.asn1.fromDer(der, { strict: false, parseAllBytes: false } as unknown as boolean);
    p7 = forge.pkcs7.messageFromAsn1(asn1) as forge.pkcs7.PkcsSignedData;
    const infos = (p7 as unknown as { rawCapture?: { signerInfos?: forge.asn1.Asn1[] } }).rawCapture?.signerInfos ?? [];
    if (infos.length !== 1) return fail('malformed_signature');
    signerInfo = infos[0];
  } catch {
    return fail('malformed_signature');
  }

  // SignerInfo ::= SEQUENCE { version, issuerAndSerialNumber, digestAlgorithm, [0] authenticatedAttributes OPTIONAL,
  //                           digestEncryptionAlgorithm, encryptedDigest, ... }
  const parts = children(signerInfo);
  const serialNode = children(parts[1])[1];
  const serialHex =
    serialNode && typeof serialNode.value === 'string'
      ? forge.util.bytesToHex(serialNode.value).replace(/^(00)+(?=.)/, '')
      : '';
  const digestOid = oidOf(children(parts[2])[0]);
  const hasAttrs = parts[3]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && parts[3].type === 0;
  const attrs = hasAttrs ? parts[3] : undefined;
  const sigAlgOid = oidOf(children(parts[hasAttrs ? 4 : 3])[0]);
  const sigNode = parts[hasAttrs ? 5 : 4];
  const signature = sigNode && typeof sigNode.value === 'string' ? sigNode.value : '';

  const certs = p7.certificates ?? [];
  const signerCert = certs.find(
    (c) => c.serialNumber.replace(/^(00)+(?=.)/, '').toLowerCase() === serialHex.toLowerCase(),
  );
  if (!signerCert || !signature) return fail('malformed_signature');
  out.signer = certInfo(signerCert);
  if (
    !NODE_HASH[digestOid] ||
    (sigAlgOid !== forge.pki.oids.rsaEncryption && sigAlgOid !== forge.pki.oids.sha256WithRSAEncryption)
  )
    return fail('unsupported_algorithm');

  const contentDigest = createHash(NODE_HASH[digestOid]).update(signed).digest('binary');
  let signedDigest = contentDigest;
  if (attrs) {
    let claimed = '';
    for (const attr of children(attrs)) {
      const [typeNode, valuesNode] = children(attr);
      const value = children(valuesNode)[0];
      if (oidOf(typeNode) === OID.messageDigest && typeof value?.value === 'string') claimed = value.value;
      if (oidOf(typeNode) === OID.signingTime && typeof value?.value === 'string') {
        const d =
          value.type === forge.asn1.Type.UTCTIME
            ? forge.asn1.utcTimeToDate(value.value)
            : forge.asn1.generalizedTimeToDate(value.value);
        if (!Number.isNaN(d.getTime())) out.signedAt = d.toISOString();
      }
    }
    if (claimed !== contentDigest) out.reasons.push('digest_mismatch');
    // The signature covers the DER of the attributes as a SET OF, not as the [0] IMPLICIT tag they travel under.
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, children(attrs));
    const md = FORGE_MD[digestOid]();
    md.update(forge.asn1.toDer(set).getBytes());
    signedDigest = md.digest().getBytes();
  }
  try {
    const ok = (signerCert.publicKey as forge.pki.rsa.PublicKey).verify(signedDigest, signature);
    if (!ok) out.reasons.push('bad_signature');
  } catch {
    out.reasons.push('bad_signature');
  }

  // Chain: signer, then issuers found among the embedded certificates, up to one of ours.
  const chain: forge.pki.Certificate[] = [signerCert];
  while (chain.length < 6) {
    const last = chain[chain.length - 1];
    if (last.isIssuer(last)) break;
    const next = certs.find((c) => !chain.includes(c) && c.isIssuer(last));
    if (!next) break;
    chain.push(next);
  }
  const trustedFps = new Set(trusted.map(fingerprintOf));
  // The trust anchor itself is taken from our store, never from the file: drop the embedded copy of it.
  const path = chain.filter((c) => !trustedFps.has(fingerprintOf(c)));
  out.chain = chain.map(certInfo);
  if (path.length === 0) {
    out.reasons.push('untrusted_signer');
    return out;
  }
  const anchor = trusted.find((t) => {
    try {
      return t.verify(path[path.length - 1]);
    } catch {
      return false;
    }
  });
  if (!anchor) {
    out.reasons.push('untrusted_signer');
    return out;
  }
  out.trustedBy = certInfo(anchor);
  const at = out.signedAt ? new Date(out.signedAt) : new Date();
  try {
    forge.pki.verifyCertificateChain(forge.pki.createCaStore([anchor]), [...path, anchor], { validityCheckDate: at });
  } catch (err) {
    const code = (err as { error?: string }).error;
    out.reasons.push(
      code ===
        (forge.pki as unknown as { certificateError: Record<string, string> }).certificateError.certificate_expired
        ? 'certificate_expired'
        : 'untrusted_signer',
    );
  }
  return out;
}
