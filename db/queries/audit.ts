import { createHash } from 'node:crypto';
import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { canonicalJson } from '../canonical-json';
import { auditLog } from '../schema';
import type { Orm } from '../open';
import { prepared } from './prepared';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/** What the hash covers: every column but the hashes themselves. */
export interface ChainedFields {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  details: unknown;
}

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the previous hash and the canonical entry: changing, removing or reordering an entry breaks the chain. */
export function chainHash(prevHash: string, e: ChainedFields): string {
  const canonical = canonicalJson({
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface AuditHead {
  id: number;
  hash: string;
}

const last = (orm: Orm) => orm.$client.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
const hashAt = (orm: Orm) => orm.$client.prepare('SELECT hash FROM audit_log WHERE id = ?');
const insert = (orm: Orm) =>
  orm
    .insert(auditLog)
    .values({
      id: sql.placeholder('id'),
      at: sql.placeholder('at'),
      actor: sql.placeholder('actor'),
      action: sql.placeholder('action'),
      entity: sql.placeholder('entity'),
      entityId: sql.placeholder('entityId'),
      details: sql.placeholder('details'),
      prevHash: sql.placeholder('prevHash'),
      hash: sql.placeholder('hash'),
    })
    .prepare();

export function lastAuditEntry(orm: Orm): AuditHead | null {
  const row = prepared(orm, last).get() as { id: number; hash: string | null } | undefined;
  return row ? { id: row.id, hash: row.hash ?? '' } : null;
}

export function auditHashAt(orm: Orm, id: number): string | null | undefined {
  const row = prepared(orm, hashAt).get(id) as { hash: string | null } | undefined;
  return row ? row.hash : undefined;
}

/**
 * Every audit write goes through here. The entry is chained to the last one inside a write transaction (the caller's,
 * or an immediate one of its own), so two connections can never both extend the same entry.
 */
export function writeAudit(orm: Orm, entry: AuditEntry, at: string = new Date().toISOString()): void {
  const client = orm.$client;
  const append = () => {
    const last = lastAuditEntry(orm);
    const prevHash = last ? last.hash || GENESIS_HASH : GENESIS_HASH;
    // Stored as JSON: hash what reading it back gives (undefined members vanish, NaN becomes null).
    const details = JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>;
    const fields: ChainedFields = {
      id: (last?.id ?? 0) + 1,
      at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      details,
    };
    prepared(orm, insert).run({ ...fields, details, prevHash, hash: chainHash(prevHash, fields) });
  };
  if (client.inTransaction) append();
  else client.transaction(append).immediate();
}

export function listAudit(orm: Orm, entity: string, entityId: string) {
  return orm.query.auditLog.findMany({
    where: (a, { and, eq }) => and(eq(a.entity, entity), eq(a.entityId, entityId)),
    orderBy: (a, { asc }) => asc(a.id),
  });
}

export interface AuditFilter {
  actor?: string;
  entityId?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** Entries with an id below this one (paging backwards from the newest). */
  before?: number;
  limit: number;
}

/** Newest first, for the audit viewer. */
export function searchAudit(orm: Orm, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.actor) where.push(eq(auditLog.actor, f.actor));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lt(auditLog.at, f.to));
  if (f.before) where.push(lte(auditLog.id, f.before - 1));
  return orm
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(f.limit)
    .all();
}

export function auditActors(orm: Orm): string[] {
  return (orm.$client.prepare('SELECT DISTINCT actor FROM audit_log ORDER BY actor').all() as { actor: string }[]).map(
    (r) => r.actor,
  );
}

export interface StoredAuditRow extends ChainedFields {
  prevHash: string | null;
  hash: string | null;
}

/** Every entry in chain order, as stored (details parsed from its JSON text), without loading the log at once. */
export function* iterateAudit(orm: Orm): Generator<StoredAuditRow> {
  const stmt = orm.$client.prepare(
    'SELECT id, at, actor, action, entity, entity_id AS entityId, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id',
  );
  for (const row of stmt.iterate() as IterableIterator<Omit<StoredAuditRow, 'details'> & { details: string }>) {
    let details: unknown;
    try {
      details = JSON.parse(row.details);
    } catch {
      details = row.details;
    }
    yield { ...row, details };
  }
}

/** Fills the hashes of entries written before the chain existed (the trigger allows exactly this, once per row). */
export function sealAuditRows(orm: Orm, rows: { id: number; prevHash: string; hash: string }[]): void {
  const stmt = orm.$client.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of rows) stmt.run(r.prevHash, r.hash, r.id);
}
