import type { X509Certificate } from 'node:crypto';
import { writeAudit } from '../../../db/queries/audit';
import { readSettings, writeSettings } from '../../../db/queries/settings';
import { allSigningIdentities } from '../../../db/queries/signing-identity';
import { AppError } from '../../api/result';
import type { AppContext, Caller } from '../context';
import { certInfo, fingerprintOf, x509FromPem, type CertInfo } from './certs';

/**
 * The anchors `verify` trusts, kept where editing the database cannot reach them (docs/DEVELOPING.md, "Trust"):
 * - the organization's own CAs are pinned in the key store (its HMAC'd `pinnedCas`), when an identity is created or
 *   imported; a database from before pinning is pinned on first use by an administrator (trust on first use);
 * - other offices' CAs are listed in the database (certificate, label, who added it) and sealed by their fingerprints
 *   in the key store (`trustedCas`): only an administrator's add or remove changes both. A list that disagrees with
 *   its seal (a row inserted or changed through SQL) trusts nothing of its own and says so.
 * The CA column of signing_identities is never an anchor: it is what a forged row would change.
 */
export interface OfficeCa {
  pem: string;
  label: string;
  addedAt: string;
  addedBy: string;
}
const OFFICE_CAS_KEY = 'signing.officeCas';

const parse = (pemOrDer: string | Buffer): X509Certificate | null => {
  try {
    return x509FromPem(pemOrDer);
  } catch {
    return null;
  }
};

const fpOfPem = (pem: unknown): string | null => {
  const c = typeof pem === 'string' ? parse(pem) : null;
  return c ? fingerprintOf(c) : null;
};

export const pinnedCas = (ctx: AppContext): X509Certificate[] =>
  ctx.keys
    .pinnedCas()
    .map(parse)
    .filter((c): c is X509Certificate => !!c);

function pin(ctx: AppContext, pems: string[]) {
  for (const pem of pems) ctx.keys.pinCa(pem);
}

/** Pins the CA of a new signing identity (identity.ts calls it once the row is stored). */
export const pinIdentityCa = (ctx: AppContext, caPem: string) => pin(ctx, [caPem]);

/**
 * A database whose key store pins nothing yet (made before pinning existed) pins the CAs its identities name the first
 * time an administrator works with signing or verification: from then on an inserted row changes nothing. Audited.
 */
export function pinOnFirstUse(ctx: AppContext, caller: Caller): boolean {
  if (caller.role !== 'administrator' || ctx.keys.pinnedCas().length > 0) return false;
  const pems = [...new Set(allSigningIdentities(ctx.db.orm).map((r) => r.caCertPem))];
  if (pems.length === 0) return false;
  const at = ctx.now().toISOString();
  writeAudit(
    ctx.db.orm,
    {
      actor: caller.actor,
      action: 'signing.pin_ca',
      entity: 'signing_identity',
      entityId: null,
      details: { firstUse: true, fingerprints: pems.map(fpOfPem) },
    },
    at,
  );
  pin(ctx, pems);
  return true;
}

/** A CA named by the database's signing identities that the key store does not pin: a forged row, or not pinned yet. */
export function unpinnedDbCa(ctx: AppContext, top: X509Certificate): boolean {
  const pinned = new Set(pinnedCas(ctx).map(fingerprintOf));
  return allSigningIdentities(ctx.db.orm).some((r) => {
    const ca = parse(r.caCertPem);
    if (!ca || pinned.has(fingerprintOf(ca))) return false;
    if (fingerprintOf(ca) === fingerprintOf(top)) return true;
    try {
      return top.checkIssued(ca) && top.verify(ca.publicKey);
    } catch {
      return false;
    }
  });
}

const storedList = (ctx: AppContext): OfficeCa[] => {
  const v = readSettings(ctx.db.orm)[OFFICE_CAS_KEY];
  return Array.isArray(v) ? (v as OfficeCa[]) : [];
};

export interface OfficeCaView extends CertInfo {
  label: string;
  addedAt: string;
  addedBy: string;
  /** Its fingerprint is in the key store's seal. */
  sealed: boolean;
}
export interface OfficeCas {
  list: OfficeCaView[];
  /** The anchors: certificates of the list whose fingerprint the key store seals. */
  trusted: X509Certificate[];
  /** The list and its seal disagree (a row added, changed or removed without an administrator's action). */
  altered: boolean;
}

export function officeCas(ctx: AppContext): OfficeCas {
  const seal = new Set(ctx.keys.trustedCas());
  const list: OfficeCaView[] = [];
  const trusted: X509Certificate[] = [];
  const seen = new Set<string>();
  for (const row of storedList(ctx)) {
    const cert = typeof row?.pem === 'string' ? parse(row.pem) : null;
    if (!cert) continue;
    const fp = fingerprintOf(cert);
    seen.add(fp);
    list.push({
      ...certInfo(cert),
      label: String(row.label ?? ''),
      addedAt: row.addedAt,
      addedBy: row.addedBy,
      sealed: seal.has(fp),
    });
    if (seal.has(fp)) trusted.push(cert);
  }
  const altered =
    list.some((c) => !c.sealed) || [...seal].some((fp) => !seen.has(fp)) || storedList(ctx).length !== list.length;
  return { list, trusted, altered };
}

function saveList(ctx: AppContext, caller: Caller, list: OfficeCa[], action: string, cert: CertInfo, label: string) {
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    writeSettings(ctx.db.orm, { [OFFICE_CAS_KEY]: list }, at);
    writeAudit(
      ctx.db.orm,
      {
        actor: caller.actor,
        action,
        entity: 'trusted_ca',
        entityId: cert.fingerprint,
        details: { subject: cert.subject, fingerprint: cert.fingerprint, label },
      },
      at,
    );
  })();
  // The seal follows the list: were this write lost, the list would show as altered and trust nothing (fails closed).
  ctx.keys.setTrustedCas(list.map((r) => fpOfPem(r.pem)).filter((fp): fp is string => !!fp));
}

/** An administrator trusts another office's CA: its reports then verify here. Re-seals the whole list. */
export function trustOfficeCa(ctx: AppContext, caller: Caller, file: Buffer, label: string): OfficeCaView {
  const cert = parse(file);
  if (!cert) throw new AppError('BAD_FILE', 'The file is not a PEM or DER certificate');
  if (!cert.ca) throw new AppError('BAD_FILE', 'The certificate is not a certificate authority (CA:TRUE)');
  const info = certInfo(cert);
  const current = officeCas(ctx);
  if (
    pinnedCas(ctx).some((c) => fingerprintOf(c) === info.fingerprint) ||
    current.list.some((c) => c.fingerprint === info.fingerprint)
  )
    throw new AppError('CONFLICT', 'This certificate authority is already trusted', { fingerprint: info.fingerprint });
  const row: OfficeCa = {
    pem: cert.toString(),
    label: label.trim().slice(0, 200),
    addedAt: ctx.now().toISOString(),
    addedBy: caller.actor,
  };
  // Only rows the seal covers are kept: an administrator's action never seals what someone slipped into the list.
  const kept = storedList(ctx).filter((r) => current.list.some((c) => c.sealed && c.fingerprint === fpOfPem(r.pem)));
  saveList(ctx, caller, [...kept, row], 'signing.trust_ca', info, row.label);
  return officeCas(ctx).list.find((c) => c.fingerprint === info.fingerprint)!;
}

export function untrustOfficeCa(ctx: AppContext, caller: Caller, fingerprint: string): void {
  const current = officeCas(ctx);
  const gone = current.list.find((c) => c.fingerprint === fingerprint.toLowerCase());
  if (!gone) throw new AppError('NOT_FOUND', 'No trusted certificate authority has this fingerprint', { fingerprint });
  const kept = storedList(ctx).filter((r) => {
    const fp = fpOfPem(r.pem);
    return fp !== gone.fingerprint && current.list.some((c) => c.sealed && c.fingerprint === fp);
  });
  saveList(ctx, caller, kept, 'signing.untrust_ca', gone, gone.label);
}
