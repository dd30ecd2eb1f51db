import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { writeAudit } from '../../../db/queries/audit';
import { readSettings, writeSettings } from '../../../db/queries/settings';
import { AppError } from '../../api/result';
import type { AppContext, Caller } from '../context';
import { vaultFor } from '../signing/identity';

/**
 * An office's exchange identity: an Ed25519 key to sign the bundles it sends and an X25519 key to open the bundles
 * sent to it. The private keys are sealed by the same vault as the report signing key (a key derived from the
 * database key), so a copied folder cannot sign or read bundles without the keychain or the recovery passphrase.
 * Other offices are known by their public "card", exchanged once out of band and checked by its fingerprint.
 */
export interface OfficeCard {
  format: 'tasleem-office';
  id: string;
  name: string;
  signPublicKey: string;
  encPublicKey: string;
}
interface StoredOffice extends OfficeCard {
  sealedSignKey: string;
  sealedEncKey: string;
}

const OFFICE_KEY = 'exchange.office';
const KNOWN_KEY = 'exchange.offices';

const der = (k: KeyObject) => k.export({ type: 'spki', format: 'der' }).toString('base64');
export const publicKey = (b64: string) =>
  createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
export const fingerprint = (card: Pick<OfficeCard, 'signPublicKey' | 'encPublicKey'>) =>
  createHash('sha256')
    .update(`${card.signPublicKey}.${card.encPublicKey}`)
    .digest('hex')
    .slice(0, 32)
    .replace(/(.{4})(?!$)/g, '$1 ');

function stored(ctx: AppContext): StoredOffice | null {
  const v = readSettings(ctx.db.orm)[OFFICE_KEY];
  return v && typeof v === 'object' ? (v as StoredOffice) : null;
}

export function initOffice(ctx: AppContext, caller: Caller, name: string): OfficeCard {
  if (stored(ctx)) throw new AppError('CONFLICT', 'This office already has an exchange identity');
  const sign = generateKeyPairSync('ed25519');
  const enc = generateKeyPairSync('x25519');
  const vault = vaultFor(ctx);
  const pkcs8 = (k: KeyObject) => k.export({ type: 'pkcs8', format: 'der' });
  const office: StoredOffice = {
    format: 'tasleem-office',
    id: uuidv7(),
    name,
    signPublicKey: der(sign.publicKey),
    encPublicKey: der(enc.publicKey),
    sealedSignKey: vault.seal(pkcs8(sign.privateKey)),
    sealedEncKey: vault.seal(pkcs8(enc.privateKey)),
  };
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    writeSettings(ctx.db.orm, { [OFFICE_KEY]: office }, at);
    writeAudit(
      ctx.db.orm,
      {
        actor: caller.actor,
        action: 'exchange.office.init',
        entity: 'office',
        entityId: office.id,
        details: { name, fingerprint: fingerprint(office) },
      },
      at,
    );
  })();
  return ownCard(ctx);
}

export function ownCard(ctx: AppContext): OfficeCard {
  const o = stored(ctx);
  if (!o) throw new AppError('NOT_FOUND', 'This office has no exchange identity yet (tasleem office init --name …)');
  return {
    format: 'tasleem-office',
    id: o.id,
    name: o.name,
    signPublicKey: o.signPublicKey,
    encPublicKey: o.encPublicKey,
  };
}

export function ownKeys(ctx: AppContext): { card: OfficeCard; signKey: KeyObject; encKey: KeyObject } {
  const o = stored(ctx)!;
  const card = ownCard(ctx);
  const vault = vaultFor(ctx);
  const priv = (sealed: string) => createPrivateKey({ key: vault.open(sealed), format: 'der', type: 'pkcs8' });
  return { card, signKey: priv(o.sealedSignKey), encKey: priv(o.sealedEncKey) };
}

export function knownOffices(ctx: AppContext): Record<string, OfficeCard> {
  const v = readSettings(ctx.db.orm)[KNOWN_KEY];
  return v && typeof v === 'object' ? (v as Record<string, OfficeCard>) : {};
}

export function addOffice(ctx: AppContext, caller: Caller, card: unknown): OfficeCard {
  const c = card as Partial<OfficeCard>;
  const valid =
    c &&
    c.format === 'tasleem-office' &&
    typeof c.id === 'string' &&
    typeof c.name === 'string' &&
    typeof c.signPublicKey === 'string' &&
    typeof c.encPublicKey === 'string';
  if (!valid) throw new AppError('VALIDATION', 'Not an office card', { issues: [{ path: 'card', key: 'invalid' }] });
  try {
    if (
      publicKey(c.signPublicKey!).asymmetricKeyType !== 'ed25519' ||
      publicKey(c.encPublicKey!).asymmetricKeyType !== 'x25519'
    )
      throw new Error('key type');
  } catch {
    throw new AppError('VALIDATION', 'The office card holds no usable keys', {
      issues: [{ path: 'card', key: 'invalid' }],
    });
  }
  const clean: OfficeCard = {
    format: 'tasleem-office',
    id: c.id!,
    name: c.name!,
    signPublicKey: c.signPublicKey!,
    encPublicKey: c.encPublicKey!,
  };
  const known = knownOffices(ctx);
  const before = known[clean.id];
  if (before && (before.signPublicKey !== clean.signPublicKey || before.encPublicKey !== clean.encPublicKey)) {
    // A changed key for a known office is exactly what an impostor would send: refuse, a person decides out of band.
    throw new AppError('CONFLICT', `Office ${clean.name} is already known with different keys`);
  }
  const at = ctx.now().toISOString();
  ctx.db.sqlite.transaction(() => {
    writeSettings(ctx.db.orm, { [KNOWN_KEY]: { ...known, [clean.id]: clean } }, at);
    writeAudit(
      ctx.db.orm,
      {
        actor: caller.actor,
        action: 'exchange.office.add',
        entity: 'office',
        entityId: clean.id,
        details: { name: clean.name, fingerprint: fingerprint(clean) },
      },
      at,
    );
  })();
  return clean;
}
