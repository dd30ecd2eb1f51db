import { existsSync, readFileSync, rmSync } from 'node:fs';
import { auditHashAt, lastAuditEntry, type AuditHead } from '../../../db/queries/audit';
import type { AppContext } from '../context';
import type { KeyStore } from '../keys/keystore';

export type { AuditHead };

/** Keeps the chain's last entry outside the database file: a truncated or rolled-back log no longer matches it. */
export interface AuditHeadStore {
  read(): AuditHead | null;
  /** On the disk before it returns. */
  write(head: AuditHead): void;
  /** Written now, on the disk a few milliseconds later (KeyStore#setAuditHeadSoon); absent: as `write`. */
  writeSoon?(head: AuditHead): void;
}

/**
 * The head lives in the key store (services/keys/keystore.ts), under its HMAC: outside the database file, and not
 * movable by editing that file without the database key. A head kept by an earlier build in
 * `<db>.audit-head.json` is taken over once, then that file is removed.
 */
export function keyStoreHeadStore(keys: KeyStore, dbFile: string): AuditHeadStore {
  const legacy = `${dbFile}.audit-head.json`;
  if (existsSync(legacy)) {
    const v = JSON.parse(readFileSync(legacy, 'utf8')) as Partial<AuditHead>;
    if (!keys.auditHead() && typeof v.id === 'number' && typeof v.hash === 'string')
      keys.setAuditHead({ id: v.id, hash: v.hash });
    rmSync(legacy);
  }
  return {
    read: () => keys.auditHead(),
    write: (head) => keys.setAuditHead(head),
    writeSoon: (head) => keys.setAuditHeadSoon(head),
  };
}

const known = new WeakMap<AppContext, number>();

/**
 * Moves the kept head to the log's last entry, but only forward along the chain: when the log no longer holds the kept
 * head (rolled back, truncated, rewritten) the head stays where it was, as the evidence the verifier reports. `soon`:
 * the flush to the disk follows after the caller has its answer (see keepAuditHead).
 */
export function advanceAuditHead(ctx: AppContext, { soon = false } = {}): void {
  const store = ctx.auditHead;
  if (!store) return;
  const last = lastAuditEntry(ctx.db.orm);
  if (!last || known.get(ctx) === last.id) return;
  const kept = store.read();
  if (kept && (last.id < kept.id || auditHashAt(ctx.db.orm, kept.id) !== kept.hash)) return;
  if (soon && store.writeSoon) store.writeSoon(last);
  else store.write(last);
  known.set(ctx, last.id);
}

/**
 * advanceAuditHead after work that wrote audit entries: a call through dispatch, or a job that ends after its call
 * returned (an import). A head that cannot be kept is logged, never the caller's failure: the verifier reports it.
 *
 * The head is written before the call answers but flushed to the disk after it (KeyStore#setAuditHeadSoon): the
 * entries themselves are committed (synchronous=FULL) before, and the head only ever proves a lower bound of the log.
 * Waiting for its fdatasync (1–6 ms, more on a busy disk) on every audited call bought protection only for the
 * entries of the last few milliseconds before a power cut; a crash of the process loses nothing (the slot is in the
 * page cache), and a head left behind is accepted at the next start, which moves it forward along the chain.
 */
export function keepAuditHead(ctx: AppContext): void {
  try {
    advanceAuditHead(ctx, { soon: true });
  } catch (err) {
    console.error('[tasleem] could not keep the audit head', err);
  }
}
