import { and, asc, eq, sql } from 'drizzle-orm';
import { handwrittenSignatures } from '../schema';
import type { Orm } from '../open';
import { prepared } from './prepared';

export type HandwrittenSignatureRow = typeof handwrittenSignatures.$inferSelect;

const ofHandover = (orm: Orm) =>
  orm
    .select()
    .from(handwrittenSignatures)
    .where(eq(handwrittenSignatures.handoverId, sql.placeholder('handoverId')))
    .orderBy(asc(handwrittenSignatures.signedAt))
    .prepare();

export function listSignatures(orm: Orm, handoverId: string): HandwrittenSignatureRow[] {
  return prepared(orm, ofHandover).all({ handoverId });
}

export function getSignature(orm: Orm, id: string): HandwrittenSignatureRow | undefined {
  return orm.select().from(handwrittenSignatures).where(eq(handwrittenSignatures.id, id)).get();
}

export function insertSignature(orm: Orm, row: typeof handwrittenSignatures.$inferInsert): void {
  orm.insert(handwrittenSignatures).values(row).run();
}

/** One signature per non-witness role: signing again replaces the earlier drawing. */
export function deleteRoleSignatures(orm: Orm, handoverId: string, role: HandwrittenSignatureRow['role']): void {
  orm
    .delete(handwrittenSignatures)
    .where(and(eq(handwrittenSignatures.handoverId, handoverId), eq(handwrittenSignatures.role, role)))
    .run();
}

export function deleteSignature(orm: Orm, id: string): void {
  orm.delete(handwrittenSignatures).where(eq(handwrittenSignatures.id, id)).run();
}
