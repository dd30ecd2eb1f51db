import { asc, eq, sql } from 'drizzle-orm';
import { persons } from '../schema';
import type { Orm } from '../open';
import { prepared } from './prepared';

export type PersonRow = typeof persons.$inferSelect;

const ofHandover = (orm: Orm) =>
  orm
    .select()
    .from(persons)
    .where(eq(persons.handoverId, sql.placeholder('handoverId')))
    .orderBy(asc(persons.position))
    .prepare();

export function listPersons(orm: Orm, handoverId: string): PersonRow[] {
  return prepared(orm, ofHandover).all({ handoverId });
}

/** The manifest is replaced whole: it is edited as one table and versioned with the record. */
export function replacePersons(orm: Orm, handoverId: string, rows: (typeof persons.$inferInsert)[]): void {
  orm.delete(persons).where(eq(persons.handoverId, handoverId)).run();
  if (rows.length) orm.insert(persons).values(rows).run();
}
