import { asc, eq } from 'drizzle-orm';
import { persons } from '../schema';
import type { Orm } from '../open';

export type PersonRow = typeof persons.$inferSelect;

export function listPersons(orm: Orm, handoverId: string): PersonRow[] {
  return orm.select().from(persons).where(eq(persons.handoverId, handoverId)).orderBy(asc(persons.position)).all();
}

/** The manifest is replaced whole: it is edited as one table and versioned with the record. */
export function replacePersons(orm: Orm, handoverId: string, rows: (typeof persons.$inferInsert)[]): void {
  orm.delete(persons).where(eq(persons.handoverId, handoverId)).run();
  if (rows.length) orm.insert(persons).values(rows).run();
}
