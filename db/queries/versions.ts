import { and, asc, eq, sql } from 'drizzle-orm';
import { handoverVersions } from '../schema';
import type { Orm } from '../open';
import { prepared } from './prepared';

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

const oneVersion = (orm: Orm) =>
  orm
    .select()
    .from(handoverVersions)
    .where(
      and(
        eq(handoverVersions.handoverId, sql.placeholder('handoverId')),
        eq(handoverVersions.version, sql.placeholder('version')),
      ),
    )
    .prepare();

export function getVersion(orm: Orm, handoverId: string, version: number): VersionRow | undefined {
  return prepared(orm, oneVersion).get({ handoverId, version });
}
