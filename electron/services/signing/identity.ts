import forge from 'node-forge';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { writeAudit } from '../../../db/queries/audit';
import {
  activeSigningIdentity,
  insertSigningIdentity,
  type SigningIdentityRow,
} from '../../../db/queries/signing-identity';
import { AppError } from '../../api/result';
import type { AppContext, Caller } from '../context';
import type { ProducedFile } from '../files/store';
import { getSettings } from '../settings';
import {
  asciiName,
  certInfo,
  certToPem,
  commonName,
  createCa,
  fingerprintOf,
  issueSigningCert,
  toP12,
  toX509,
  x509FromPem,
  type CertInfo,
} from './certs';
import { pinIdentityCa, pinOnFirstUse } from './trust';
import { dbKeyVault, type KeyVault } from './vault';

/**
 * What is sealed: the .p12 (key + chain) and its password. A generated identity's CA key is not kept: nothing issues
 * from it after the leaf, and a CA key at rest would let whoever unseals the blob mint certificates this office trusts.
 * (Blobs sealed before still hold a `caKeyPem`; it is never read.)
 */
interface SealedSecret {
  p12: string;
  password: string;
}

/** PBKDF2 rounds of the .p12 inside the sealed blob: see toP12 (the vault's AES-256-GCM is the protection). */
const SEALED_P12_COUNT = 1;

export interface IdentityInfo {
  id: string;
  kind: 'generated' | 'imported';
  certificate: CertInfo;
  ca: CertInfo;
  vault: string;
  createdAt: string;
}

export const vaultFor = (ctx: AppContext): KeyVault => ctx.keyVault ?? dbKeyVault(ctx.keys);

export function identityInfo(row: SigningIdentityRow): IdentityInfo {
  return {
    id: row.id,
    kind: row.kind,
    certificate: certInfo(x509FromPem(row.certPem)),
    ca: certInfo(x509FromPem(row.caCertPem)),
    vault: row.vault,
    createdAt: row.createdAt,
  };
}

function store(
  ctx: AppContext,
  caller: Caller,
  kind: SigningIdentityRow['kind'],
  cert: forge.pki.Certificate,
  ca: forge.pki.Certificate,
  secret: SealedSecret,
): SigningIdentityRow {
  const vault = vaultFor(ctx);
  const at = ctx.now().toISOString();
  const id = uuidv7();
  const row = {
    id,
    kind,
    subject: commonName(cert),
    fingerprint: fingerprintOf(toX509(cert)),
    certPem: certToPem(cert),
    caCertPem: certToPem(ca),
    notAfter: cert.validity.notAfter.toISOString(),
    vault: vault.id,
    sealed: vault.seal(Buffer.from(JSON.stringify(secret))),
    createdAt: at,
    createdBy: caller.actor,
  };
  ctx.db.sqlite.transaction(() => {
    insertSigningIdentity(ctx.db.orm, row);
    writeAudit(
      ctx.db.orm,
      {
        actor: caller.actor,
        action: `signing.${kind === 'generated' ? 'create' : 'import'}`,
        entity: 'signing_identity',
        entityId: id,
        details: {
          subject: row.subject,
          fingerprint: row.fingerprint,
          caFingerprint: fingerprintOf(toX509(ca)),
          notAfter: row.notAfter,
        },
      },
      at,
    );
  })();
  // Pinned outside the database: from now on a CA written into signing_identities by other means is not trusted.
  pinIdentityCa(ctx, row.caCertPem);
  return activeSigningIdentity(ctx.db.orm)!;
}

/** Creating or importing the identity that signs in the organization's name is an administrator's act. */
function assertAdministrator(caller: Caller) {
  if (caller.role !== 'administrator')
    throw new AppError(
      'SIGNING_IDENTITY_MISSING',
      'This office has no signing identity yet: an administrator creates or imports it in Settings',
    );
}

/** An organization CA (CA:TRUE) and a signing certificate issued from it. */
export function createIdentity(ctx: AppContext, caller: Caller): SigningIdentityRow {
  assertAdministrator(caller);
  const org =
    asciiName(getSettings(ctx).reportAuthorityEn) || asciiName(getSettings(ctx).handingAuthority) || 'Tasleem';
  const now = ctx.now();
  const ca = createCa(org, now);
  const leaf = issueSigningCert(ca, org, now);
  const password = randomBytes(24).toString('base64');
  const p12 = toP12(leaf.key, [leaf.cert, ca.cert], password, SEALED_P12_COUNT);
  return store(ctx, caller, 'generated', leaf.cert, ca.cert, {
    p12: p12.toString('base64'),
    password,
  });
}

export const activeIdentityOrNull = (ctx: AppContext) => activeSigningIdentity(ctx.db.orm) ?? null;

/**
 * The identity a signed document needs. An administrator's first signed document creates it (and pins an older
 * database's CAs); anyone else gets SIGNING_IDENTITY_MISSING rather than minting the organization's key.
 */
export function ensureIdentity(ctx: AppContext, caller: Caller): SigningIdentityRow {
  pinOnFirstUse(ctx, caller);
  return activeSigningIdentity(ctx.db.orm) ?? createIdentity(ctx, caller);
}

export interface Signer {
  row: SigningIdentityRow;
  p12: Buffer;
  password: string;
}

/**
 * What the last opening of a sealed key gave, per context: the same sealed blob under the same vault opens to the same
 * secret (AES-GCM), so it is not decrypted and parsed again for every report. It stays in memory no longer than the
 * key itself already does (documents/pipeline.ts keeps the opened key for the process); a changed blob, certificate
 * or vault opens afresh, and the certificate's validity is checked against the clock on every use.
 */
const opened = new WeakMap<
  AppContext,
  { keys: unknown; keyVault: unknown; sealed: string; certPem: string; secret: SealedSecret; validity: Validity }
>();

/** Opens the sealed key for a signature; also refuses a certificate that is no longer (or not yet) valid. */
export function openSigner(ctx: AppContext, row: SigningIdentityRow): Signer {
  const vault = vaultFor(ctx);
  if (vault.id !== row.vault)
    throw new AppError(
      'SIGNING_KEY_UNAVAILABLE',
      `The signing key was sealed with the "${row.vault}" vault, but "${vault.id}" is in use (convert the database: tasleem encrypt)`,
    );
  let o = opened.get(ctx);
  if (
    !o ||
    o.keys !== ctx.keys ||
    o.keyVault !== ctx.keyVault ||
    o.sealed !== row.sealed ||
    o.certPem !== row.certPem
  ) {
    const secret = JSON.parse(vault.open(row.sealed).toString('utf8')) as SealedSecret;
    const cert = x509FromPem(row.certPem);
    const validity = { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
    o = { keys: ctx.keys, keyVault: ctx.keyVault, sealed: row.sealed, certPem: row.certPem, secret, validity };
    opened.set(ctx, o);
  }
  assertCurrent(o.validity, ctx.now());
  return { row, p12: Buffer.from(o.secret.p12, 'base64'), password: o.secret.password };
}

interface Validity {
  notBefore: Date;
  notAfter: Date;
}

function assertCurrent(validity: Validity, now: Date) {
  if (now > validity.notAfter)
    throw new AppError(
      'CERTIFICATE_EXPIRED',
      `The signing certificate expired on ${validity.notAfter.toISOString().slice(0, 10)}`,
      { notAfter: validity.notAfter.toISOString() },
    );
  if (now < validity.notBefore)
    throw new AppError(
      'CERTIFICATE_EXPIRED',
      `The signing certificate is valid only from ${validity.notBefore.toISOString().slice(0, 10)}`,
      { notBefore: validity.notBefore.toISOString() },
    );
}

type Bag = forge.pkcs12.Bag;
const bagsOf = (p12: forge.pkcs12.Pkcs12Pfx, type: string): Bag[] => p12.getBags({ bagType: type })[type] ?? [];

/**
 * An organization's own certificate from a .p12. Checked before anything is stored: it parses, the password opens
 * it, it holds a private key and the certificate of that key, and the certificate is valid today. It is re-packed
 * with a fresh password so the signer always finds the key where materialFromP12 (cms-signer.ts) looks for it.
 */
export function importP12(ctx: AppContext, caller: Caller, bytes: Buffer, password: string): SigningIdentityRow {
  assertAdministrator(caller);
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
  } catch {
    throw new AppError('P12_INVALID', 'The file is not a PKCS#12 (.p12/.pfx) file');
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/password|MAC could not be verified|decrypt/i.test(msg))
      throw new AppError('P12_WRONG_PASSWORD', 'The password does not open this .p12 file');
    throw new AppError('P12_INVALID', `The file is not a readable PKCS#12 file: ${msg}`);
  }
  const keys = [...bagsOf(p12, forge.pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(p12, forge.pki.oids.keyBag)]
    .map((b) => b.key)
    .filter((k): k is forge.pki.rsa.PrivateKey => !!k);
  const certs = bagsOf(p12, forge.pki.oids.certBag)
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  const key: forge.pki.rsa.PrivateKey | undefined = keys[0];
  if (!key || !key.n) throw new AppError('P12_INVALID', 'The .p12 file holds no RSA private key');
  const leaf = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n && pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
  });
  if (!leaf) throw new AppError('P12_INVALID', 'The .p12 file holds no certificate for its private key');
  assertCurrent(leaf.validity, ctx.now());
  const issuer = certs.find(
    (c) =>
      c !== leaf &&
      (() => {
        try {
          return c.verify(leaf);
        } catch {
          return false;
        }
      })(),
  );
  const ca = issuer ?? leaf;
  const chain = [leaf, ...certs.filter((c) => c !== leaf)];
  const newPassword = randomBytes(24).toString('base64');
  const repacked = toP12(key, chain, newPassword, SEALED_P12_COUNT);
  return store(ctx, caller, 'imported', leaf, ca, { p12: repacked.toString('base64'), password: newPassword });
}

export function exportCaCertificate(ctx: AppContext, caller: Caller, format: 'pem' | 'der' = 'pem'): ProducedFile {
  const row = ensureIdentity(ctx, caller);
  const ca = x509FromPem(row.caCertPem);
  writeAudit(
    ctx.db.orm,
    {
      actor: caller.actor,
      action: 'signing.export_ca',
      entity: 'signing_identity',
      entityId: row.id,
      details: { fingerprint: fingerprintOf(ca), format },
    },
    ctx.now().toISOString(),
  );
  const bytes = format === 'pem' ? Buffer.from(row.caCertPem) : ca.raw;
  return {
    fileName: `tasleem-ca.${format === 'pem' ? 'pem' : 'cer'}`,
    mime: format === 'pem' ? 'application/x-pem-file' : 'application/pkix-cert',
    bytes,
  };
}
