import type { Db } from '../../db/open';
import { rebuildMonthTotals } from '../../db/queries/month-totals';

/**
 * Seeding a bench database fast: the real schema and migrations, but the handovers' indexes are dropped while `insert`
 * runs and created again afterwards (one sort per index instead of a random insert into each per row), and the totals
 * summaries are written once from the table (as `tasleem check` rebuilds them) instead of by trigger per row. 1,000,000
 * handovers took 19 minutes the per-row way on this machine under load. Not durable (synchronous off): seeding only.
 */
export function bulkSeed(db: Db, insert: () => void): void {
  const s = db.sqlite;
  const indexes = s
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'handovers' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  s.pragma('cache_size = -400000');
  s.pragma('synchronous = OFF');
  for (const i of indexes) s.exec(`DROP INDEX "${i.name}"`);
  s.transaction(() => {
    s.exec('INSERT INTO handover_totals_deferred (one) VALUES (1)');
    insert();
    s.exec('DELETE FROM handover_totals_deferred');
  })();
  for (const i of indexes) s.exec(i.sql);
  rebuildMonthTotals(db.orm);
  s.pragma('wal_checkpoint(TRUNCATE)');
  s.pragma('synchronous = FULL');
  s.pragma('cache_size = -2000');
}
