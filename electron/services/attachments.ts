import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { extname } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { getAttachment, insertAttachment, listAttachments } from '../../db/queries/attachments';
import { writeAudit } from '../../db/queries/audit';
import { AppError } from '../api/result';
import { ATTACHMENT_TYPES } from '../api/domain/files';
import type { AttachmentMeta } from '../api/schemas/attachment';
import type { AppContext, Caller } from './context';
import { holdFor } from './files/store';
import { getHandover } from './handovers';
import { getSettings } from './settings';

type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
const EXTENSIONS: Record<string, AttachmentType> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};
const EXTENSION_OF: Record<AttachmentType, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
};

/**
 * The name an attachment is kept under always ends in its detected type's extension, so whoever saves and opens it
 * gets what it is: `evil.html` holding a PNG is kept as `evil.html.png` (what it claimed stays readable, inert).
 */
export function storedName(fileName: string, mime: AttachmentType): string {
  if (EXTENSIONS[extname(fileName).toLowerCase()] === mime) return fileName;
  const ext = EXTENSION_OF[mime];
  return `${fileName.slice(0, 255 - ext.length)}${ext}`;
}

/**
 * The type comes from the bytes. A name that claims another accepted type is refused as well, since a file that
 * lies about what it is should not be filed as evidence without someone looking at why.
 */
export async function detectType(bytes: Buffer, fileName: string): Promise<AttachmentType> {
  const detected = (await fileTypeFromBuffer(bytes))?.mime;
  if (!detected || !(ATTACHMENT_TYPES as readonly string[]).includes(detected)) {
    throw new AppError('UNSUPPORTED_TYPE', `${fileName} is not a PDF, JPEG or PNG file`, {
      detected: detected ?? 'unknown',
    });
  }
  const claimed = EXTENSIONS[extname(fileName).toLowerCase()];
  if (claimed && claimed !== detected)
    throw new AppError('UNSUPPORTED_TYPE', `${fileName} is named as ${claimed} but is ${detected}`, {
      claimed,
      detected,
    });
  return detected as AttachmentType;
}

/** `fileName` is the chosen file's, as admitted (FileStore): bidi and other controls already stripped, no folders. */
export async function addAttachment(
  ctx: AppContext,
  caller: Caller,
  handoverId: string,
  { fileName, bytes }: { fileName: string; bytes: Buffer },
): Promise<AttachmentMeta> {
  const h = getHandover(ctx, handoverId);
  if (h.status === 'void') throw new AppError('NOT_EDITABLE', `Handover ${h.referenceNo} is void`);
  const limit = getSettings(ctx).attachmentMaxMb * 1024 * 1024;
  if (bytes.length > limit)
    throw new AppError('TOO_LARGE', `${fileName} is larger than ${limit / 1024 / 1024} MB`, {
      size: bytes.length,
      limit,
    });
  if (bytes.length === 0) throw new AppError('UNSUPPORTED_TYPE', `${fileName} is empty`, { detected: 'empty' });
  const mime = await detectType(bytes, fileName);
  const name = storedName(fileName, mime);
  const at = ctx.now().toISOString();
  const id = uuidv7();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  ctx.db.sqlite.transaction(() => {
    insertAttachment(ctx.db.orm, {
      id,
      handoverId,
      fileName: name,
      mime,
      size: bytes.length,
      sha256,
      data: bytes,
      createdAt: at,
      createdBy: caller.actor,
    });
    writeAudit(
      ctx.db.orm,
      {
        actor: caller.actor,
        action: 'attachment.add',
        entity: 'handover',
        entityId: handoverId,
        details: {
          attachmentId: id,
          fileName: name,
          ...(name !== fileName && { givenName: fileName }),
          mime,
          size: bytes.length,
          sha256,
        },
      },
      at,
    );
  })();
  return listAttachments(ctx.db.orm, handoverId).find((a) => a.id === id) as AttachmentMeta;
}

export function attachmentsOf(ctx: AppContext, handoverId: string): AttachmentMeta[] {
  getHandover(ctx, handoverId);
  return listAttachments(ctx.db.orm, handoverId) as AttachmentMeta[];
}

/** The attachment held for the caller under a file id: the page previews or saves it from there. */
export function readAttachment(ctx: AppContext, caller: Caller, id: string): AttachmentMeta & { fileId: string } {
  const row = getAttachment(ctx.db.orm, id);
  if (!row) throw new AppError('NOT_FOUND', `No attachment ${id}`);
  const { data, ...meta } = row;
  const file = holdFor(ctx, caller.actor, { fileName: meta.fileName, mime: meta.mime, bytes: Buffer.from(data) });
  return { ...(meta as AttachmentMeta), fileId: file.fileId };
}
