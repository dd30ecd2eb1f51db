import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { AuditHead } from '../../../db/queries/audit';
import { fsyncDir } from '../fsync';

/**
 * The audit head's own small file beside the key store (`tasleem.keystore.head`), written in place on every audited
 * call instead of rewriting the whole key store (temp file, fsync, rename, folder fsync: two flushes and a new inode,
 * ~14 ms of a signed report's ~75 ms). Two fixed 512-byte slots, A at 0 and B at 512; each holds a sequence number,
 * the head and an HMAC (key derived from the database key) over both. A write goes to the slot of the older sequence
 * number and is flushed with one fdatasync (the file's size never changes, so no metadata has to reach the disk); on an
 * audited call that flush runs after the call has answered (KeyStore#setAuditHeadSoon).
 *
 * Why this is as durable as the atomic rewrite it replaces:
 * - a write torn by a crash or a power cut leaves that slot with a MAC that does not match; the other slot still holds
 *   the previous head, which is where the atomic rewrite would have left the key store too. The slots are 512-byte
 *   sectors apart, so one interrupted write cannot reach both;
 * - the head is written after the audit entry's own commit (synchronous=FULL), as before: on disk it is never ahead of
 *   the log, only behind it (by the entries of the last flush's few milliseconds, after a power cut), which the
 *   verifier and the next start accept (the head only proves a lower bound; the start moves it forward);
 * - the reader takes the valid slot with the higher sequence number; a file where neither slot is valid, or missing
 *   while the key store says the head lives here, is an altered key store (KeyStore.open refuses it), not "no head";
 * - editing a slot without the database key cannot make a valid MAC; copying back an older head file is the same
 *   rollback as copying back an older key store was, and both stay outside what a file-level seal can prove.
 * The sequence number is read back from the file before each write, so two processes (the app and a CLI run) that
 * both write keep it increasing.
 */
export const HEAD_SLOT_BYTES = 512;
const MAGIC = Buffer.from('TSLH');
const FORMAT = 1;
const HASH_MAX = 128;
// magic 4 | format 1 | hash length 1 | 2 spare | seq u64 | id u64 | hash (ASCII, HASH_MAX) | HMAC-SHA256 32
const BODY = 4 + 1 + 1 + 2 + 8 + 8 + HASH_MAX;

export const headSlotsFileFor = (keyStoreFile: string) => `${keyStoreFile}.head`;

interface Slot {
  seq: bigint;
  head: AuditHead;
}

const mac = (key: Buffer, body: Buffer) => createHmac('sha256', key).update(body).digest();

function encode(key: Buffer, seq: bigint, head: AuditHead): Buffer {
  const hash = Buffer.from(head.hash, 'ascii');
  if (hash.length > HASH_MAX || !Number.isSafeInteger(head.id) || head.id < 0)
    throw new Error('An audit head out of range');
  const out = Buffer.alloc(HEAD_SLOT_BYTES);
  MAGIC.copy(out, 0);
  out[4] = FORMAT;
  out[5] = hash.length;
  out.writeBigUInt64BE(seq, 8);
  out.writeBigUInt64BE(BigInt(head.id), 16);
  hash.copy(out, 24);
  mac(key, out.subarray(0, BODY)).copy(out, BODY);
  return out;
}

function decode(key: Buffer, slot: Buffer): Slot | null {
  if (slot.length < BODY + 32 || !slot.subarray(0, 4).equals(MAGIC) || slot[4] !== FORMAT || slot[5] > HASH_MAX)
    return null;
  if (!timingSafeEqual(mac(key, slot.subarray(0, BODY)), slot.subarray(BODY, BODY + 32))) return null;
  return {
    seq: slot.readBigUInt64BE(8),
    head: { id: Number(slot.readBigUInt64BE(16)), hash: slot.subarray(24, 24 + slot[5]).toString('ascii') },
  };
}

function readSlots(fd: number, key: Buffer): Slot[] {
  const buf = Buffer.alloc(2 * HEAD_SLOT_BYTES);
  const n = readSync(fd, buf, 0, buf.length, 0);
  return [0, 1]
    .map((i) => (n >= (i + 1) * HEAD_SLOT_BYTES ? decode(key, buf.subarray(i * HEAD_SLOT_BYTES)) : null))
    .filter((s): s is Slot => !!s);
}

/** Odd sequence numbers in slot A, even ones in slot B: each write replaces the older of the two. */
const slotOffset = (seq: bigint) => Number((seq - 1n) % 2n) * HEAD_SLOT_BYTES;

const newest = (slots: Slot[]) => slots.reduce<Slot | null>((a, s) => (!a || s.seq > a.seq ? s : a), null);

/** The head in the file, or undefined when the file is missing or neither slot is valid (an altered key store). */
export function readHeadSlots(file: string, key: Buffer): AuditHead | undefined {
  if (!existsSync(file)) return undefined;
  const fd = openSync(file, 'r');
  try {
    return newest(readSlots(fd, key))?.head;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the head into the slot of the older sequence number and flushes it (one fdatasync); returns the sequence
 * number written. `unflushed`: the sequence number of a slot this process wrote without a flush (KeyStore#
 * setAuditHeadSoon) and has not flushed yet. Then no flush happens here, and while that slot is still the newest it is
 * written again in place (same number, newer head): the other slot, already on the disk, is never touched while one is
 * off it, so a torn write can only ever spoil one slot. When another process has written since, that slot is flushed
 * first and the write goes on as usual.
 */
export function writeHeadSlot(
  file: string,
  key: Buffer,
  head: AuditHead,
  opts: { flush: boolean; unflushed?: bigint | null } = { flush: true },
): bigint {
  const fd = openSync(file, 'r+');
  try {
    const last = newest(readSlots(fd, key));
    const rewrite = opts.unflushed != null && last?.seq === opts.unflushed;
    if (opts.unflushed != null && !rewrite) fdatasyncSync(fd);
    const seq = rewrite ? opts.unflushed! : (last?.seq ?? 0n) + 1n;
    writeSync(fd, encode(key, seq, head), 0, HEAD_SLOT_BYTES, slotOffset(seq));
    if (opts.flush) fdatasyncSync(fd);
    return seq;
  } finally {
    closeSync(fd);
  }
}

/** The fdatasync of a slot written without one, on Node's thread pool (a flush covers the file, not one descriptor). */
export async function flushHeadSlots(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** The same flush, waited for (closing, exiting, a head that must be on the disk before the next slot is written). */
export function flushHeadSlotsSync(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The file made whole once (both slots, slot A valid), the way the key store is written: temp file, fsync, rename,
 * folder fsync. Only after that does the key store record that its head lives here.
 */
export function createHeadSlots(file: string, key: Buffer, head: AuditHead): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, Buffer.concat([encode(key, 1n, head), Buffer.alloc(HEAD_SLOT_BYTES)]));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  if (process.platform !== 'win32') chmodSync(file, 0o600);
  fsyncDir(dirname(file));
}
