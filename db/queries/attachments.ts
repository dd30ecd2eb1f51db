import { asc, eq } from 'drizzle-orm';
import { attachments } from '../schema';
import type { Orm } from '../open';

export type AttachmentRow = typeof attachments.$inferSelect;

const meta = {
  id: attachments.id,
  handoverId: attachments.handoverId,
  fileName: attachments.fileName,
  mime: attachments.mime,
  size: attachments.size,
  sha256: attachments.sha256,
  createdAt: attachments.createdAt,
  createdBy: attachments.createdBy,
};

export function insertAttachment(orm: Orm, row: typeof attachments.$inferInsert): void {
  orm.insert(attachments).values(row).run();
}

/** Metadata only: the bytes are read one file at a time, when someone opens it. */
export function listAttachments(orm: Orm, handoverId: string) {
  return orm
    .select(meta)
    .from(attachments)
    .where(eq(attachments.handoverId, handoverId))
    .orderBy(asc(attachments.createdAt), asc(attachments.id))
    .all();
}

export function getAttachment(orm: Orm, id: string): AttachmentRow | undefined {
  return orm.select().from(attachments).where(eq(attachments.id, id)).get();
}
