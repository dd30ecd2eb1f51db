import { desc, eq } from 'drizzle-orm';
import { signingIdentities } from '../schema';
import type { Orm } from '../open';
import { prepared } from './prepared';

export type SigningIdentityRow = typeof signingIdentities.$inferSelect;

const active = (orm: Orm) =>
  orm
    .select()
    .from(signingIdentities)
    .where(eq(signingIdentities.active, true))
    .orderBy(desc(signingIdentities.createdAt))
    .prepare();

export function activeSigningIdentity(orm: Orm): SigningIdentityRow | undefined {
  return prepared(orm, active).get();
}

/** Every identity ever used: a report signed before a key change still verifies against its own CA. */
export function allSigningIdentities(orm: Orm): SigningIdentityRow[] {
  return orm.select().from(signingIdentities).orderBy(desc(signingIdentities.createdAt)).all();
}

/** The new identity becomes the only active one. */
export function insertSigningIdentity(orm: Orm, row: typeof signingIdentities.$inferInsert): void {
  orm.update(signingIdentities).set({ active: false }).where(eq(signingIdentities.active, true)).run();
  orm
    .insert(signingIdentities)
    .values({ ...row, active: true })
    .run();
}
