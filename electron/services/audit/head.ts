import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { auditHashAt, lastAuditEntry, type AuditHead } from '../../../db/queries/audit';
import type { AppContext } from '../context';

export type { AuditHead };

/** Keeps the chain's last entry outside the database file: a truncated or rolled-back log no longer matches it. */
export interface AuditHeadStore {
  read(): AuditHead | null;
  write(head: AuditHead): void;
}

/**
 * The head as a small file named after the database file (one per database, several may share a folder), until the
 * key store holds it (issue 11, point 1): written whole through a rename, owner-only.
 */
export function fileHeadStore(dbFile: string): AuditHeadStore {
  const file = `${dbFile}.audit-head.json`;
  return {
    read() {
      if (!existsSync(file)) return null;
      const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<AuditHead>;
      return typeof v.id === 'number' && typeof v.hash === 'string' ? { id: v.id, hash: v.hash } : null;
    },
    write(head) {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(head), { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, file);
    },
  };
}

const known = new WeakMap<AppContext, number>();

/**
 * Moves the kept head to the log's last entry, but only forward along the chain: when the log no longer holds the kept
 * head (rolled back, truncated, rewritten) the head stays where it was, as the evidence the verifier reports.
 */
export function advanceAuditHead(ctx: AppContext): void {
  const store = ctx.auditHead;
  if (!store) return;
  const last = lastAuditEntry(ctx.db.orm);
  if (!last || known.get(ctx) === last.id) return;
  const kept = store.read();
  if (kept && (last.id < kept.id || auditHashAt(ctx.db.orm, kept.id) !== kept.hash)) return;
  store.write(last);
  known.set(ctx, last.id);
}
