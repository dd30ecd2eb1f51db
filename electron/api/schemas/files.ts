import { z } from 'zod';

/**
 * Files never cross the contract as bytes. A file the user chose (a native dialog's path in the desktop app, a raw
 * request body in browser mode, a path on the CLI) is admitted under an id first; a channel takes that id. A file
 * the app produced (a report, an export) is held under an id the page previews, downloads or has main save.
 */
export const fileId = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, { error: 'invalid' });

/** A file admitted for a channel to read: what the page may show of it. */
export const chosenFile = z.object({ fileId, fileName: z.string(), size: z.number().int() });
export type ChosenFile = z.infer<typeof chosenFile>;

/** A file the app produced, held for the page: preview (same bytes), download or save. */
export const heldFile = z.object({
  fileId,
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export type HeldFile = z.infer<typeof heldFile>;

/** Where browser mode and the app:// handler serve held files: `<FILES_PATH>/<fileId>`. */
export const FILES_PATH = '/files/';
/** Where browser mode takes a chosen file's bytes as a raw body: `<UPLOAD_PATH>/<kind>?name=<file name>`. */
export const UPLOAD_PATH = '/upload/';
