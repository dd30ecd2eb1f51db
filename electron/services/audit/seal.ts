import { chainHash, GENESIS_HASH, iterateAudit, sealAuditRows } from '../../../db/queries/audit';
import type { Db } from '../../../db/open';

/**
 * Chains the entries of a database written before the chain existed, once, at start, before anything else is logged. Only a log with no chained entry
 * at all is sealed: an unchained entry after a chained one can only have been slipped in, and stays for the verifier.
 */
export function sealLegacyAudit(db: Db): number {
  const orm = db.orm;
  const unsealed = orm.$client.prepare('SELECT count(*) AS n, count(hash) AS chained FROM audit_log').get() as {
    n: number;
    chained: number;
  };
  if (unsealed.chained > 0 || unsealed.n === 0) return 0;
  db.sqlite
    .transaction(() => {
      let prev = GENESIS_HASH;
      const rows: { id: number; prevHash: string; hash: string }[] = [];
      for (const row of iterateAudit(orm)) {
        const hash = chainHash(prev, row);
        rows.push({ id: row.id, prevHash: prev, hash });
        prev = hash;
      }
      sealAuditRows(orm, rows);
    })
    .immediate();
  return unsealed.n;
}
