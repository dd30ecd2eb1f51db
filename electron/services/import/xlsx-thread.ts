import { parentPort } from 'node:worker_threads';
import { ImportFileError, parseXlsx, type Table } from './decode';
import { checkZip, type ZipLimits } from './zip-check';

/**
 * The XLSX reader thread: for each workbook it is sent, checks the zip's real sizes, then parses it, under the heap
 * limit its parent set. A workbook that still needs more memory ends this thread (ERR_WORKER_OUT_OF_MEMORY), never
 * the app. Workbooks are sent one at a time.
 */
export interface ToXlsx {
  id: number;
  bytes: Uint8Array;
  limits: ZipLimits;
}
export type FromXlsx = { id: number } & (
  | { kind: 'table'; table: Table }
  | { kind: 'refused'; key: ImportFileError['key']; params: ImportFileError['params'] }
  | { kind: 'failed'; message: string }
);

const port = parentPort!;
port.on('message', ({ id, bytes, limits }: ToXlsx) => {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkZip(buf, limits)
    .then(() => parseXlsx(buf))
    .then((table) => port.postMessage({ id, kind: 'table', table } satisfies FromXlsx))
    .catch((err: unknown) => {
      if (err instanceof ImportFileError)
        port.postMessage({ id, kind: 'refused', key: err.key, params: err.params } satisfies FromXlsx);
      else
        port.postMessage({
          id,
          kind: 'failed',
          message: err instanceof Error ? err.message : String(err),
        } satisfies FromXlsx);
    });
});
