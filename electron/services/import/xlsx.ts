import type { Worker } from 'node:worker_threads';
import type { AppContext } from '../context';
import { startWorker } from '../workers';
import { ImportFileError, type Table } from './decode';
import type { FromXlsx, ToXlsx } from './xlsx-thread';
import { checkDeclaredSizes, ZIP_LIMITS, type ZipLimits } from './zip-check';

/**
 * Heap of the XLSX thread. A 100,000-row workbook (7 MB, 79 MB unpacked) parses within 768 MB (measured); a file that
 * gets past the unpacked-size limit and still needs more runs out here instead of in the app.
 */
export const XLSX_HEAP_MB = 1024;
/** The thread stays for the next workbook a while (starting one costs about half a second), then goes. */
const IDLE_MS = 60_000;

interface Reader {
  worker: Worker;
  waiting: Map<number, (m: FromXlsx | Error) => void>;
  idle?: NodeJS.Timeout;
}
let shared: { reader: Reader; heapMb: number } | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function startReader(ctx: AppContext, heapMb: number): Reader {
  const worker = startWorker(ctx, 'xlsx-reader', null, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const reader: Reader = { worker, waiting: new Map() };
  const failAll = (err: Error) => {
    if (shared?.reader === reader) shared = null;
    for (const answer of reader.waiting.values()) answer(err);
    reader.waiting.clear();
  };
  worker.on('message', (m: FromXlsx) => {
    reader.waiting.get(m.id)?.(m);
    reader.waiting.delete(m.id);
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('the XLSX reader stopped')));
  return reader;
}

function ask(reader: Reader, buf: Buffer, limits: ZipLimits): Promise<Table> {
  const id = nextId++;
  clearTimeout(reader.idle);
  reader.worker.ref();
  return new Promise<Table>((resolve, reject) => {
    reader.waiting.set(id, (m) => {
      if (reader.waiting.size <= 1) {
        // Idle: the thread must not keep a command-line run from exiting.
        reader.worker.unref();
        reader.idle = setTimeout(() => void reader.worker.terminate(), IDLE_MS).unref();
      }
      if (m instanceof Error) {
        const oom = (m as Error & { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(
          oom
            ? new ImportFileError('xlsx_too_large', {
                maxMb: Math.round(limits.unpackedBytes / 1024 / 1024),
                ratio: limits.ratio,
              })
            : m,
        );
      } else if (m.kind === 'table') resolve(m.table);
      else if (m.kind === 'refused') reject(new ImportFileError(m.key, m.params));
      else reject(new ImportFileError('unreadable_xlsx'));
    });
    reader.worker.postMessage({ id, bytes: buf, limits } satisfies ToXlsx);
  });
}

/**
 * Reads a workbook in its own thread with a memory limit (xlsx-thread.ts), which checks the real unpacked sizes before
 * parsing; one workbook at a time. Its refusals arrive as ImportFileError.
 */
export async function readXlsxInWorker(
  ctx: AppContext,
  buf: Buffer,
  opts: { limits?: ZipLimits; heapMb?: number } = {},
): Promise<Table> {
  const limits = opts.limits ?? ZIP_LIMITS;
  const heapMb = opts.heapMb ?? XLSX_HEAP_MB;
  // A bomb that admits its size is refused here from the zip's directory, without starting a thread.
  await checkDeclaredSizes(buf, limits);
  const turn = queue.then(() => {
    if (!shared || shared.heapMb !== heapMb) {
      if (shared) void shared.reader.worker.terminate();
      shared = { reader: startReader(ctx, heapMb), heapMb };
    }
    return ask(shared.reader, buf, limits);
  });
  queue = turn.catch(() => {});
  return turn;
}
