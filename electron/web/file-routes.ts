import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { FILE_LIMITS, type FileKind } from '../api/domain/limits';
import { AppError } from '../api/result';
import type { ChosenFile } from '../api/schemas/files';
import { tooLarge, type FileStore } from '../services/files/store';

export const isFileKind = (v: string): v is FileKind => Object.prototype.hasOwnProperty.call(FILE_LIMITS, v);

/**
 * Browser mode's way in for a chosen file: the raw request body (application/octet-stream), streamed to a file in the
 * upload folder and cut off at its kind's limit (FILE_LIMITS), before any of it is read by a service. A body declared
 * larger than the limit is refused before a byte is written.
 */
export function receiveUpload(
  req: IncomingMessage,
  files: FileStore,
  kind: FileKind,
  owner: string,
  fileName: string,
): Promise<ChosenFile> {
  const limit = FILE_LIMITS[kind];
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge(kind));
  const path = files.uploadPath();
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path, { mode: 0o600 });
    let size = 0;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(out);
      out.destroy();
      rmSync(path, { force: true });
      reject(err instanceof AppError ? err : new AppError('BAD_REQUEST', 'The upload did not complete'));
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(tooLarge(kind));
    });
    req.on('aborted', () => fail(null));
    req.on('error', fail);
    out.on('error', fail);
    out.on('finish', () => {
      if (failed) return;
      try {
        resolve(files.admit(path, kind, owner, { fileName, temp: true }));
      } catch (err) {
        fail(err);
      }
    });
    req.pipe(out);
  });
}
