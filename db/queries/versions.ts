import { and, asc, eq } from 'drizzle-orm';
import { handoverVersions } from '../schema';
import type { Orm } from '../open';

export type VersionRow = typeof handoverVersions.$inferSelect;

export function insertVersion(orm: Orm, row: typeof handoverVersions.$inferInsert): void {
  orm.insert(handoverVersions).values(row).run();
}

export function listVersions(orm: Orm, handoverId: string): VersionRow[] {
  return orm
    .select()
    .from(handoverVersions)
    .where(eq(handoverVersions.handoverId, handoverId))
    .orderBy(asc(handoverVersions.version))
    .all();
}

export function getVersion(orm: Orm, handoverId: string, version: number): VersionRow | undefined {
  return orm
    .select()
    .from(handoverVersions)
    .where(and(eq(handoverVersions.handoverId, handoverId), eq(handoverVersions.version, version)))
    .get();
}
