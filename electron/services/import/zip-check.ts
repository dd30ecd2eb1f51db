import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportFileError } from './decode';

/**
 * What a workbook may unpack to. A 100,000-row export is 7 MB packed, 79 MB unpacked, its largest part 14× smaller
 * packed; a zip bomb is 292 KB that unpacks to 300 MB (1000×). The limits leave real sheets room and stop bombs.
 */
export interface ZipLimits {
  unpackedBytes: number;
  /** Unpacked ÷ packed size, per part: sheet XML compresses 10–20×, a bomb 1000×. */
  ratio: number;
  entries: number;
}
export const ZIP_LIMITS: ZipLimits = { unpackedBytes: 256 * 1024 * 1024, ratio: 200, entries: 10_000 };
/** Small parts (styles, themes) can compress far better than data without being a threat. */
const RATIO_FREE_BYTES = 1024 * 1024;

const tooLarge = (limits: ZipLimits) =>
  new ImportFileError('xlsx_too_large', { maxMb: Math.round(limits.unpackedBytes / 1024 / 1024), ratio: limits.ratio });

const open = (buf: Buffer) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    ),
  );

function entries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const all: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      all.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(all));
    zip.on('error', reject);
    zip.readEntry();
  });
}

const readStream = (zip: ZipFile, e: Entry) =>
  new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(e, (err, s) => (err ? reject(err) : resolve(s))),
  );

async function directory(buf: Buffer): Promise<{ zip: ZipFile; list: Entry[] }> {
  try {
    const zip = await open(buf);
    return { zip, list: await entries(zip) };
  } catch {
    throw new ImportFileError('unreadable_xlsx');
  }
}

function checkDeclared(list: Entry[], limits: ZipLimits): void {
  if (list.length > limits.entries) throw tooLarge(limits);
  let declared = 0;
  for (const e of list) {
    declared += e.uncompressedSize;
    if (declared > limits.unpackedBytes) throw tooLarge(limits);
    if (e.uncompressedSize > RATIO_FREE_BYTES && e.uncompressedSize > limits.ratio * Math.max(1, e.compressedSize))
      throw tooLarge(limits);
  }
}

/** The sizes the zip's directory declares (total, per-part ratio, number of parts): cheap, nothing is inflated. */
export async function checkDeclaredSizes(buf: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<void> {
  const { zip, list } = await directory(buf);
  zip.close();
  checkDeclared(list, limits);
}

/**
 * Before a workbook is parsed: the declared sizes, then the sizes it really unpacks to, counted while inflating into
 * nothing. A part that inflates to more than it declared is refused by yauzl as it happens, so a bomb that lies in
 * its headers costs no more than the limit.
 */
export async function checkZip(buf: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<void> {
  const { zip, list } = await directory(buf);
  let actual = 0;
  const count = () =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        actual += chunk.length;
        done(actual > limits.unpackedBytes ? tooLarge(limits) : null);
      },
    });
  try {
    checkDeclared(list, limits);
    for (const e of list) if (!e.fileName.endsWith('/')) await pipeline(await readStream(zip, e), count());
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    // "too many bytes in the stream": the part is larger than its header says, which only a hostile file does.
    if (err instanceof Error && /too many bytes/.test(err.message)) throw tooLarge(limits);
    throw new ImportFileError('unreadable_xlsx');
  } finally {
    zip.close();
  }
}
