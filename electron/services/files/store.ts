import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FILE_LIMITS, megabytes, type FileKind } from '../../api/domain/limits';
import { AppError } from '../../api/result';
import type { ChosenFile, HeldFile } from '../../api/schemas/files';
import type { AppContext } from '../context';

/** What a service hands back when it makes a file; the handler holds it for the page (FileStore#hold). */
export interface ProducedFile {
  fileName: string;
  mime: string;
  bytes: Buffer;
}

export interface Held extends HeldFile {
  /** Where the bytes wait, in this store's private folder: a bundle may be 200 MB, twenty of them stay off the heap. */
  path: string;
  owner: string;
  at: number;
  temp: true;
}
export interface Admitted extends ChosenFile {
  kind: FileKind;
  path: string;
  owner: string;
  /** A copy browser mode wrote from a request body: deleted when it is dropped. */
  temp: boolean;
  at: number;
}

const KEEP = 20;
const KEEP_MS = 30 * 60_000;
const newId = () => randomBytes(18).toString('base64url');

/** The error every transport gives for a file over its kind's limit (before reading it, and again on the bytes). */
export const tooLarge = (kind: FileKind) =>
  new AppError('TOO_LARGE', `Larger than ${megabytes(FILE_LIMITS[kind])} MB`, {
    reason: 'io.file.too_large',
    params: { maxMb: megabytes(FILE_LIMITS[kind]) },
  });

/**
 * The files of one running app: produced ones held for the page as files in this store's private folder (deleted when
 * they expire or the store is cleared), chosen ones admitted by path. Ids are random (144 bits) and bound to the actor
 * who made or chose the file; the last 20 of each, for 30 minutes.
 */
export class FileStore {
  private readonly held = new Map<string, Held>();
  private readonly admitted = new Map<string, Admitted>();

  constructor(
    /** Where held files and browser mode's request bodies are written (inside the private data folder). */
    readonly uploadDir: string,
    private readonly clock: () => number = Date.now,
  ) {}

  hold(bytes: Buffer, fileName: string, mime: string, owner: string): HeldFile {
    this.expire();
    const path = this.uploadPath();
    writeFileSync(path, bytes, { mode: 0o600 });
    const file: Held = {
      fileId: newId(),
      fileName,
      mime,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      path,
      owner,
      at: this.clock(),
      temp: true,
    };
    this.held.set(file.fileId, file);
    return { fileId: file.fileId, fileName, mime, size: file.size, sha256: file.sha256 };
  }

  /** A held file by id; `owner` (when given) must be who produced it. Unknown, expired or someone else's: NOT_FOUND. */
  heldFile(fileId: string, owner?: string): Held {
    this.expire();
    const f = this.held.get(fileId);
    if (!f || (owner !== undefined && f.owner !== owner))
      throw new AppError('NOT_FOUND', 'The file is no longer available; make it again');
    return f;
  }

  /** A held file's bytes (tests, and a CLI writing to standard output); the transports stream or copy its path. */
  heldBytes(fileId: string, owner?: string): Buffer {
    return readFileSync(this.heldFile(fileId, owner).path);
  }

  /** Admits a file at a path for one kind of use, refusing it before reading when it is over that kind's limit. */
  admit(path: string, kind: FileKind, owner: string, opts: { fileName?: string; temp?: boolean } = {}): ChosenFile {
    this.expire();
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      throw new AppError('NOT_FOUND', `No file at ${path}`);
    }
    if (size > FILE_LIMITS[kind]) {
      if (opts.temp) rmSync(path, { force: true });
      throw tooLarge(kind);
    }
    const file: Admitted = {
      fileId: newId(),
      // As given: a service that keeps the name checks it (attachments: the contract's `fileName` rules).
      fileName: opts.fileName ?? basename(path),
      size,
      kind,
      path,
      owner,
      temp: opts.temp ?? false,
      at: this.clock(),
    };
    this.admitted.set(file.fileId, file);
    return { fileId: file.fileId, fileName: file.fileName, size };
  }

  /** An admitted file for a channel of this kind, chosen by this actor; anything else is NOT_FOUND. */
  chosen(fileId: string, kind: FileKind, owner: string): Admitted {
    this.expire();
    const f = this.admitted.get(fileId);
    if (!f || f.kind !== kind || f.owner !== owner)
      throw new AppError('NOT_FOUND', 'The chosen file is no longer available; choose it again');
    return f;
  }

  /**
   * Admits bytes the page made itself and has no path for (the signature drawn on the signing screen, sent over the
   * desktop app's ipc): refused over the kind's limit before anything is written, then kept like an upload.
   */
  admitBytes(bytes: Uint8Array, kind: FileKind, owner: string, fileName: string): ChosenFile {
    if (bytes.length > FILE_LIMITS[kind]) throw tooLarge(kind);
    const path = this.uploadPath();
    writeFileSync(path, bytes, { mode: 0o600 });
    return this.admit(path, kind, owner, { fileName, temp: true });
  }

  /**
   * The bytes of a file admitted for this kind by this actor: what a channel taking a `fileId` reads. The limit is
   * checked again before reading (the file may have grown since it was chosen) and on what was read.
   */
  read(fileId: string, kind: FileKind, owner: string): { fileName: string; bytes: Buffer } {
    const f = this.chosen(fileId, kind, owner);
    let bytes: Buffer;
    try {
      if (statSync(f.path).size > FILE_LIMITS[kind]) throw tooLarge(kind);
      bytes = readFileSync(f.path);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('NOT_FOUND', 'The chosen file is no longer available; choose it again');
    }
    if (bytes.length > FILE_LIMITS[kind]) throw tooLarge(kind);
    return { fileName: f.fileName, bytes };
  }

  /** A fresh path for a request body (browser mode) or a held file, inside this store's folder. */
  uploadPath(): string {
    mkdirSync(this.uploadDir, { recursive: true, mode: 0o700 });
    return join(this.uploadDir, newId());
  }

  /** Forgets every file and deletes the held files and uploaded copies (the server, the app or a CLI run ending). */
  clear(): void {
    this.admitted.clear();
    this.held.clear();
    rmSync(this.uploadDir, { recursive: true, force: true });
  }

  private expire() {
    const old = this.clock() - KEEP_MS;
    for (const map of [this.held, this.admitted] as Map<string, { at: number; temp?: boolean; path?: string }>[]) {
      for (const [id, f] of map) {
        if (f.at >= old && map.size <= KEEP) break;
        map.delete(id);
        if (f.temp && f.path) drop(f.path);
      }
    }
  }
}

/** Deletes a file that expired; one still open for a download (Windows refuses) goes with the folder at the end. */
function drop(path: string) {
  try {
    rmSync(path, { force: true });
  } catch {
    /* still being read */
  }
}

/** Holds what a service produced for the caller: the channel answers with this, never with the bytes. */
export const holdFor = (ctx: AppContext, owner: string, f: ProducedFile) =>
  filesOf(ctx).hold(f.bytes, f.fileName, f.mime, owner);

/** The bytes of the file the caller chose for a channel taking this kind (FileStore#read). */
export const readChosen = (ctx: AppContext, fileId: string, kind: FileKind, owner: string) =>
  filesOf(ctx).read(fileId, kind, owner);

/**
 * The context's file store, made on first use. Uploads go under the data folder (private), in a folder of this
 * store's own: a CLI run on the same folder never touches a running server's uploads.
 */
export function filesOf(ctx: AppContext): FileStore {
  if (ctx.files) return ctx.files;
  const root = join(ctx.dataDir, 'uploads');
  sweepStaleUploads(root);
  return (ctx.files = new FileStore(join(root, newId())));
}

/**
 * Deletes the folders of stores that did not clear themselves (a crash, a killed CLI run). Only folders untouched for
 * longer than a held file lives: whatever is in them has expired, and a live store that wrote nothing for that long
 * holds nothing, so another app or CLI run on the same data folder loses no file it could still give.
 */
export function sweepStaleUploads(root: string, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(root, name);
    try {
      if (statSync(path).mtimeMs < now - KEEP_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      /* gone already, or still open on Windows: the next start tries again */
    }
  }
}
