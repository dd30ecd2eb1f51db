import { extname, join } from 'node:path';
import { FILE_EXTENSIONS, type FileKind, type MadeInPage } from '../api/domain/limits';
import { AppError, fail, ok, type Result } from '../api/result';
import type { ChosenFile } from '../api/schemas/files';
import type { FileStore } from '../services/files/store';
import { storageErrorCode } from '../services/storage-errors';
import type { Translate } from './strings';

/** What the native open dialog offers for each kind of file: the same list as browser mode's file input. */
export const OPEN_EXTENSIONS = FILE_EXTENSIONS;
const SAVE_KINDS = ['pdf', 'csv', 'xlsx', 'pem', 'der', 'json', 'tasleem'];

interface Filter {
  name: string;
  extensions: string[];
}
/** Electron's dialog.showOpenDialog / showSaveDialog, bound to the window; injected, so this is tested without it. */
export type OpenDialog = (o: {
  title: string;
  filters: Filter[];
  properties: ['openFile'];
}) => Promise<{ canceled: boolean; filePaths: string[] }>;
export type SaveDialog = (o: {
  title: string;
  defaultPath: string;
  filters: Filter[];
}) => Promise<{ canceled: boolean; filePath?: string }>;

const failed = (err: unknown): Result<never> => {
  if (err instanceof AppError) return fail(err.code, err.message, err.details);
  const storage = storageErrorCode(err);
  if (storage) return fail(storage, (err as Error).message);
  throw err;
};

/**
 * The open dialog for one kind of file; the path chosen is admitted (refused over its limit, never read here). A file
 * dropped on the page comes with its path (`dropped`, from the preload) and is admitted the same way, without a dialog.
 */
export async function pickFile(
  deps: { open: OpenDialog; files: FileStore; t: Translate },
  kind: FileKind,
  owner: string,
  dropped?: string,
): Promise<Result<ChosenFile | null>> {
  if (dropped) {
    try {
      return ok(deps.files.admit(dropped, kind, owner));
    } catch (err) {
      return failed(err);
    }
  }
  const r = await deps.open({
    title: deps.t('desktop.files.open'),
    filters: [{ name: deps.t(`desktop.files.kinds.${kind}`), extensions: OPEN_EXTENSIONS[kind] }],
    properties: ['openFile'],
  });
  const path = r.filePaths[0];
  if (r.canceled || !path) return ok(null);
  try {
    return ok(deps.files.admit(path, kind, owner));
  } catch (err) {
    return failed(err);
  }
}

/** Bytes the page made (a drawn signature), admitted like a chosen file: refused over the kind's limit, unread. */
export function admitMadeFile(
  files: FileStore,
  kind: MadeInPage,
  fileName: string,
  bytes: Uint8Array,
  owner: string,
): Result<ChosenFile> {
  try {
    return ok(files.admitBytes(bytes, kind, owner, fileName));
  } catch (err) {
    return failed(err);
  }
}

/**
 * The save dialog for a file the app produced (a report, an export): main writes the held bytes where the user
 * chose; the bytes never go back through the page. `saved` is null when the dialog was cancelled.
 */
export async function saveHeldFile(
  deps: {
    save: SaveDialog;
    copy: (from: string, to: string) => Promise<void>;
    files: FileStore;
    t: Translate;
    folder: string;
  },
  fileId: string,
  owner: string,
): Promise<Result<{ saved: string | null }>> {
  try {
    const file = deps.files.heldFile(fileId, owner);
    const ext = extname(file.fileName).slice(1).toLowerCase();
    const r = await deps.save({
      title: deps.t('desktop.files.save'),
      defaultPath: join(deps.folder, file.fileName),
      filters: [{ name: deps.t(`desktop.files.kinds.${SAVE_KINDS.includes(ext) ? ext : 'other'}`), extensions: [ext] }],
    });
    if (r.canceled || !r.filePath) return ok({ saved: null });
    await deps.copy(file.path, r.filePath);
    return ok({ saved: r.filePath });
  } catch (err) {
    return failed(err);
  }
}
