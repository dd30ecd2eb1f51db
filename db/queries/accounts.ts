import { asc, eq, sql } from 'drizzle-orm';
import { accounts } from '../schema';
import type { Orm } from '../open';

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;

export const countAccounts = (orm: Orm): number =>
  orm
    .select({ n: sql<number>`count(*)` })
    .from(accounts)
    .get()?.n ?? 0;
export const findAccount = (orm: Orm, id: string): AccountRow | undefined =>
  orm.select().from(accounts).where(eq(accounts.id, id)).get();
export const findAccountByUsername = (orm: Orm, username: string): AccountRow | undefined =>
  orm.select().from(accounts).where(eq(accounts.username, username)).get();
export const listAccounts = (orm: Orm): AccountRow[] =>
  orm.select().from(accounts).orderBy(asc(accounts.username)).all();
export const insertAccount = (orm: Orm, row: NewAccountRow): void => void orm.insert(accounts).values(row).run();
export const updateAccount = (
  orm: Orm,
  id: string,
  patch: Partial<Omit<AccountRow, 'id' | 'username' | 'createdAt' | 'createdBy'>>,
): void => void orm.update(accounts).set(patch).where(eq(accounts.id, id)).run();
/** Active administrators other than `exceptId`: the last one can be neither demoted nor disabled. */
export const countOtherActiveAdmins = (orm: Orm, exceptId: string): number =>
  orm
    .select({ n: sql<number>`count(*)` })
    .from(accounts)
    .where(sql`${accounts.role} = 'administrator' AND ${accounts.disabled} = 0 AND ${accounts.id} <> ${exceptId}`)
    .get()?.n ?? 0;
