import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** poppler's tools on a PDF in memory. pdfsig exits 0 even on "Digest Mismatch": callers read its output. */
function withFile<T>(bytes: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'tasleem-pdf-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, bytes);
  try {
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const pdfsig = (bytes: Buffer) =>
  withFile(bytes, (f) => {
    const r = spawnSync('pdfsig', [f], { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`;
  });
export const pdffonts = (bytes: Buffer) => withFile(bytes, (f) => execFileSync('pdffonts', [f], { encoding: 'utf8' }));
/** The images of each page (pdfimages -list: page, number, type …). */
export const pdfimages = (bytes: Buffer) =>
  withFile(bytes, (f) => execFileSync('pdfimages', ['-list', f], { encoding: 'utf8' }));
export const pdftotext = (bytes: Buffer) =>
  withFile(bytes, (f) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', f, '-'], { encoding: 'utf8' }));
/** The text of each page, in order. */
export const pageTexts = (bytes: Buffer) => pdftotext(bytes).split('\f').slice(0, -1);
/** Page count, page size and the PDF/A claim of the XMP metadata (pdfinfo -meta). */
export function pdfinfo(bytes: Buffer) {
  const info = withFile(bytes, (f) =>
    execFileSync('pdfinfo', [f], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  const meta = withFile(bytes, (f) =>
    execFileSync('pdfinfo', ['-meta', f], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  const pdfa = /pdfaid:part[>="]+(\d)[\s\S]*?pdfaid:conformance[>="]+([A-Za-z])/.exec(meta);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    pageSize: /Page size:\s+(.*)/.exec(info)?.[1] ?? '',
    pdfa: pdfa ? `${pdfa[1]}${pdfa[2].toLowerCase()}` : null,
  };
}

/** Changes one byte inside the signed part (a letter of the /Producer string), like a careless or malicious edit. */
export function flipOneByte(pdf: Buffer): Buffer {
  const out = Buffer.from(pdf);
  const at = out.indexOf('/Producer');
  if (at < 0) throw new Error('no /Producer in the PDF');
  const i = out.indexOf('Tasleem', at) + 1;
  out[i] = out[i] === 0x61 ? 0x62 : 0x61;
  return out;
}

/** An incremental update appended after the signed bytes: a new Info dictionary, xref and trailer pointing back. */
export function appendIncrementalUpdate(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1] ?? 0);
  const size = Number([...text.matchAll(/\/Size\s+(\d+)/g)].pop()?.[1] ?? 1);
  const root = [...text.matchAll(/\/Root\s+(\d+\s+\d+\s+R)/g)].pop()?.[1] ?? '1 0 R';
  const objOffset = pdf.length + 1;
  const obj = `\n${size} 0 obj\n<< /Producer (tampered) /Title (Changed after signing) >>\nendobj\n`;
  const xrefOffset = pdf.length + Buffer.byteLength(obj, 'latin1');
  const xref = `xref\n${size} 1\n${String(objOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${startxref} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(obj + xref, 'latin1')]);
}
