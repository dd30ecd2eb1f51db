import forge from 'node-forge';
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';

/**
 * Certificates: node:crypto reads them (X509Certificate: names, fingerprints, validity, issuer signatures); node-forge
 * only builds new ones and the .p12 container, which Node has no API for.
 */
export interface CertInfo {
  subject: string;
  issuer: string;
  serial: string;
  fingerprint: string;
  notBefore: string;
  notAfter: string;
}

/** PEM or DER. */
export const x509FromPem = (pem: string | Buffer) => new X509Certificate(pem);
export const fingerprintOf = (cert: X509Certificate) => createHash('sha256').update(cert.raw).digest('hex');
// Node prints one attribute per line; a value with a comma or newline comes back quoted.
const nameText = (name: string) => name.split('\n').filter(Boolean).join(', ');

export function certInfo(cert: X509Certificate): CertInfo {
  return {
    subject: nameText(cert.subject),
    issuer: nameText(cert.issuer),
    serial: cert.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, ''),
    fingerprint: fingerprintOf(cert),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

/** A forge certificate (just built or read from a .p12) as Node's. */
export const toX509 = (cert: forge.pki.Certificate) => new X509Certificate(certDer(cert));
export const certDer = (cert: forge.pki.Certificate) =>
  Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
export const commonName = (cert: forge.pki.Certificate) => decodeUtf8(String(cert.subject.getField('CN')?.value ?? ''));

function decodeUtf8(s: string): string {
  try {
    return forge.util.decodeUtf8(s);
  } catch {
    return s;
  }
}

/**
 * Names are kept to printable ASCII: node-forge re-encodes a parsed non-ASCII UTF8String name a second time when it
 * writes the PKCS#7 issuerAndSerialNumber, and then neither NSS (pdfsig, Firefox) nor OpenSSL finds the signer's
 * certificate. X.520 caps a CN at 64 characters.
 */
export const asciiName = (v: string) =>
  v
    .normalize('NFKD')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(.{0,64})(\s.*)?$/s, (_m, head: string) => head)
    .slice(0, 64)
    .trim();

const utf8Attrs = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([shortName, v]) => [shortName, asciiName(v)] as const)
    .filter(([, v]) => v)
    .map(([shortName, value]) => ({ shortName, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as number }));

/** Node generates the RSA key (native, ~50 ms); forge builds the certificate (pure JS keygen would take seconds). */
function rsaKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(
      privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    ) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ) as forge.pki.rsa.PublicKey,
  };
}

// Positive serials: a leading 0x00-0x7f byte keeps the DER INTEGER non-negative.
const serial = () => '01' + randomBytes(15).toString('hex');

export interface Issued {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

export function createCa(org: string, now: Date, years = 20): Issued {
  const { privateKey, publicKey } = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + years * 365.25 * 86_400_000);
  // CA and signing certificate must differ in name: a long organization name cut at 64 characters must not make them equal.
  const subject = utf8Attrs({ CN: 'Tasleem Report Signing CA', O: org, OU: 'Certification authority' });
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { cert, key: privateKey };
}

export function issueSigningCert(
  ca: Issued,
  org: string,
  now: Date,
  opts: { years?: number; notBefore?: Date; notAfter?: Date } = {},
): Issued {
  const { privateKey, publicKey } = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = opts.notBefore ?? new Date(now.getTime() - 60_000);
  cert.validity.notAfter = opts.notAfter ?? new Date(now.getTime() + (opts.years ?? 5) * 365.25 * 86_400_000);
  cert.setSubject(utf8Attrs({ CN: org, O: org, OU: 'Handover reports' }));
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { cert, key: privateKey };
}

/**
 * A .p12 that materialFromP12 (cms-signer.ts) reads: the key in a shrouded (password-encrypted) bag, with the chain.
 * `count` is the PBKDF2 iteration count. The stored .p12 is sealed whole by the KeyVault (AES-256-GCM, key outside
 * the database) with a random 192-bit password, so the vault is what protects it; a low count there saves node-forge
 * ~150 ms of pure-JS key derivation per signed report. A .p12 handed to a person keeps the usual 2048.
 */
export function toP12(
  key: forge.pki.PrivateKey,
  chain: forge.pki.Certificate[],
  password: string,
  count = 2048,
): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(key as forge.pki.rsa.PrivateKey, chain, password, {
    algorithm: 'aes256',
    friendlyName: 'Tasleem signing',
    count,
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

export const certToPem = (cert: forge.pki.Certificate) => forge.pki.certificateToPem(cert);
