import {
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { canonicalJson } from '../content';
import { publicKey, type OfficeCard } from './office';

/**
 * The exchange bundle (docs/exchange-format.md): one JSON file. The payload is gzip'd, then AES-256-GCM encrypted
 * with a key only the receiving office can derive (ephemeral X25519 + HKDF-SHA256), the header being the GCM's
 * additional data; the sending office signs header + ciphertext with Ed25519, so a receiver verifies before it
 * decrypts and nothing in the file can change unnoticed.
 */
export const BUNDLE_FORMAT = 'tasleem-exchange';
export const BUNDLE_VERSION = 1;
const INFO = Buffer.from('tasleem-exchange v1');

export interface BundleHeader {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  bundleId: string;
  createdAt: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  records: number;
  ephemeralPublicKey: string;
  iv: string;
}
export interface BundleFile {
  header: BundleHeader;
  ciphertext: string;
  tag: string;
  signature: string;
}

/**
 * What a bundle's payload may unpack to. A file is at most 200 MB (MAX_BUNDLE_BYTES) and mostly attachments, which
 * gzip barely shrinks; the payload is parsed as one JSON string, which V8 caps near 512 MB.
 */
export const MAX_PAYLOAD_BYTES = 400 * 1024 * 1024;

export class BundleError extends Error {
  constructor(
    readonly key: 'malformed' | 'unknown_office' | 'other_office' | 'tampered' | 'unsupported_version' | 'too_large',
  ) {
    super(`bundle: ${key}`);
  }
}

const kdf = (shared: Buffer, bundleId: string) =>
  Buffer.from(hkdfSync('sha256', shared, Buffer.from(bundleId), INFO, 32));
const signed = (f: Omit<BundleFile, 'signature'>) =>
  Buffer.from(canonicalJson({ header: f.header, ciphertext: f.ciphertext, tag: f.tag }));

export function sealBundle(
  payload: unknown,
  o: { bundleId: string; createdAt: string; records: number; from: OfficeCard; signKey: KeyObject; to: OfficeCard },
): Buffer {
  const eph = generateKeyPairSync('x25519');
  const key = kdf(diffieHellman({ privateKey: eph.privateKey, publicKey: publicKey(o.to.encPublicKey) }), o.bundleId);
  const iv = randomBytes(12);
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    bundleId: o.bundleId,
    createdAt: o.createdAt,
    from: { id: o.from.id, name: o.from.name },
    to: { id: o.to.id, name: o.to.name },
    records: o.records,
    ephemeralPublicKey: eph.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    iv: iv.toString('base64'),
  };
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(canonicalJson(header)));
  const ciphertext = Buffer.concat([
    cipher.update(gzipSync(Buffer.from(JSON.stringify(payload)))),
    cipher.final(),
  ]).toString('base64');
  const unsigned = { header, ciphertext, tag: cipher.getAuthTag().toString('base64') };
  const file: BundleFile = { ...unsigned, signature: sign(null, signed(unsigned), o.signKey).toString('base64') };
  return Buffer.from(JSON.stringify(file, null, 1));
}

/** Checks in this order: readable, for us, from a known office, signature, then decrypts. */
export function openBundle(
  data: Buffer,
  me: { card: OfficeCard; encKey: KeyObject },
  known: Record<string, OfficeCard>,
  maxPayloadBytes = MAX_PAYLOAD_BYTES,
): { header: BundleHeader; payload: unknown } {
  let file: BundleFile;
  try {
    file = JSON.parse(data.toString('utf8')) as BundleFile;
  } catch {
    throw new BundleError('malformed');
  }
  const h = file?.header;
  if (
    !h ||
    typeof file.ciphertext !== 'string' ||
    typeof file.tag !== 'string' ||
    typeof file.signature !== 'string' ||
    h.format !== BUNDLE_FORMAT ||
    typeof h.bundleId !== 'string' ||
    !h.from ||
    !h.to
  )
    throw new BundleError('malformed');
  if (h.version !== BUNDLE_VERSION) throw new BundleError('unsupported_version');
  if (h.to.id !== me.card.id) throw new BundleError('other_office');
  const sender = known[h.from.id];
  if (!sender) throw new BundleError('unknown_office');
  let plain: Buffer;
  try {
    if (!verify(null, signed(file), publicKey(sender.signPublicKey), Buffer.from(file.signature, 'base64')))
      throw new Error('signature');
    const key = kdf(diffieHellman({ privateKey: me.encKey, publicKey: publicKey(h.ephemeralPublicKey) }), h.bundleId);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(h.iv, 'base64'));
    decipher.setAAD(Buffer.from(canonicalJson(h)));
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(file.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new BundleError('tampered');
  }
  return { header: h, payload: unpack(plain, maxPayloadBytes) };
}

/** gunzip stops at the limit (ERR_BUFFER_TOO_LARGE) rather than inflating a bomb into memory. */
function unpack(gzipped: Buffer, limit: number): unknown {
  let json: Buffer;
  try {
    json = gunzipSync(gzipped, { maxOutputLength: limit });
  } catch (err) {
    throw new BundleError((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too_large' : 'malformed');
  }
  try {
    return JSON.parse(json.toString('utf8'));
  } catch {
    throw new BundleError('malformed');
  }
}
