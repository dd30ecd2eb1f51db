/**
 * What Tasleem adds to the PDF Typst made, written as one incremental update appended to Typst's bytes (ISO 32000-1
 * 7.5.6) instead of loading the whole file into pdf-lib and saving it again (~5 ms of CPU per report, a fifth of the
 * export). The update holds new revisions of the Info dictionary (producer and record mark), of the XMP metadata
 * (the same producer: PDF/A-2b wants the two to agree), and, when signing, of the catalog (AcroForm) and the first
 * page (Annots), plus the signature dictionary with its placeholder, its widget and the widget's empty appearance —
 * what @signpdf/placeholder-pdf-lib wrote, in the layout @signpdf/signpdf then fills. The signature's byte range
 * ends at the end of the file, so it covers Typst's bytes and this update alike.
 *
 * Only the objects named by the trailer and the catalog are read, through the cross-reference table: Typst writes a
 * classic table and plain dictionaries. Anything else (a cross-reference stream, a page that already has annotations,
 * a form) is refused with an error rather than guessed at.
 */

export interface Placeholder {
  /** [x1, y1, x2, y2] in PDF points on the first page. */
  widgetRect: [number, number, number, number];
  reason: string;
  location: string;
  contactInfo: string;
  name: string;
  signingTime: Date;
  appName: string;
  /** Bytes of the CMS the placeholder has room for. */
  signatureLength: number;
}

export interface UpdateRequest {
  /** Entries set in the Info dictionary (ASCII values), replacing any of the same name. */
  info: Record<string, string>;
  /** The producer, also written into the XMP metadata. */
  producer: string;
  signature?: Placeholder;
}

const BYTE_RANGE_PLACEHOLDER = '**********';

class Unsupported extends Error {
  constructor(what: string) {
    super(`The typeset PDF has an unexpected structure (${what})`);
  }
}

const ref = (n: number) => `${n} 0 R`;
const refIn = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** A PDF text string: a literal when plain ASCII, else UTF-16BE with its byte order mark. */
export function pdfText(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return `<FEFF${b.toString('hex').toUpperCase()}>`;
}

/** D:YYYYMMDDHHmmSSZ, in UTC. */
export const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

interface Source {
  pdf: Buffer;
  text: string;
  offsets: Map<number, number>;
  trailer: string;
  startxref: number;
}

function readSource(pdf: Buffer): Source {
  const text = pdf.toString('latin1');
  const tail = text.slice(-64);
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) throw new Unsupported('no startxref');
  const startxref = Number(sx[1]);
  if (!text.startsWith('xref', startxref)) throw new Unsupported('a cross-reference stream');
  const trailerAt = text.indexOf('trailer', startxref);
  if (trailerAt < 0) throw new Unsupported('no trailer');
  const trailer = text.slice(trailerAt + 7, text.indexOf('startxref', trailerAt));
  if (/\/Prev\b/.test(trailer)) throw new Unsupported('an updated file');
  const offsets = new Map<number, number>();
  const lines = /^xref\s+([\s\S]*?)\s*trailer/.exec(text.slice(startxref, trailerAt + 7))?.[1];
  if (!lines) throw new Unsupported('no cross-reference table');
  const section = /(\d+)\s+(\d+)\s*[\r\n]+/y;
  let at = 0;
  while (at < lines.length) {
    section.lastIndex = at;
    const s = section.exec(lines);
    if (!s) throw new Unsupported('a cross-reference subsection');
    at = section.lastIndex;
    for (let i = 0; i < Number(s[2]); i++, at += 20) {
      const entry = lines.slice(at, at + 18);
      if (entry.endsWith('n')) offsets.set(Number(s[1]) + i, Number(entry.slice(0, 10)));
    }
  }
  return { pdf, text, offsets, trailer, startxref };
}

/** The body of object `n` (between "obj" and "endobj"); for a stream, its dictionary and its bytes. */
function objectOf(src: Source, n: number): { dict: string; stream?: Buffer } {
  const at = src.offsets.get(n);
  if (at === undefined) throw new Unsupported(`object ${n} missing`);
  const head = new RegExp(`${n}\\s+0\\s+obj\\s*`, 'y');
  head.lastIndex = at;
  if (!head.exec(src.text)) throw new Unsupported(`object ${n} not at its offset`);
  const start = head.lastIndex;
  const end = src.text.indexOf('endobj', start);
  const body = src.text.slice(start, end);
  const s = /^(<<[\s\S]*?>>)\s*stream\r?\n/.exec(body);
  if (!s) {
    const dict = body.trim();
    if (!dict.startsWith('<<') || !dict.endsWith('>>')) throw new Unsupported(`object ${n} is not a dictionary`);
    return { dict };
  }
  const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(s[1]);
  if (!length) throw new Unsupported(`object ${n}: stream length`);
  const from = start + s[0].length;
  return { dict: s[1], stream: src.pdf.subarray(from, from + Number(length[1])) };
}

/** A dictionary with entries added before its closing ">>" (and entries of the same names removed first). */
function withEntries(dict: string, entries: Record<string, string>): string {
  let body = dict.slice(0, dict.lastIndexOf('>>'));
  for (const key of Object.keys(entries)) {
    // Only simple values are ever replaced here (strings of the Info dictionary).
    body = body.replace(new RegExp(`/${key}\\s*(\\([^)]*\\)|<[0-9A-Fa-f]*>)`), '');
  }
  return `${body}${Object.entries(entries)
    .map(([k, v]) => `  /${k} ${v}\n`)
    .join('')}>>`;
}

/** The incremental update appended to `pdf` (a copy is returned; `pdf` is not changed). */
export function appendUpdate(pdf: Uint8Array, req: UpdateRequest): Buffer {
  const src = readSource(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  const size = Number(/\/Size\s+(\d+)/.exec(src.trailer)?.[1]);
  const root = refIn(src.trailer, 'Root');
  const info = refIn(src.trailer, 'Info');
  const id = /\/ID\s*(\[[^\]]*\])/.exec(src.trailer)?.[1];
  if (!size || root === null || info === null || !id) throw new Unsupported('trailer');

  const objects = new Map<number, Buffer>();
  const put = (n: number, body: string) => objects.set(n, Buffer.from(`${n} 0 obj\n${body}\nendobj\n`, 'latin1'));
  const putStream = (n: number, dict: string, data: Buffer) =>
    objects.set(
      n,
      Buffer.concat([
        Buffer.from(`${n} 0 obj\n${dict.replace(/\/Length\s+\d+/, `/Length ${data.length}`)}\nstream\n`, 'latin1'),
        data,
        Buffer.from('\nendstream\nendobj\n', 'latin1'),
      ]),
    );

  const infoEntries: Record<string, string> = { Producer: pdfText(req.producer) };
  for (const [k, v] of Object.entries(req.info)) infoEntries[k] = pdfText(v);
  put(info, withEntries(objectOf(src, info).dict, infoEntries));

  const catalog = objectOf(src, root).dict;
  const metadata = refIn(catalog, 'Metadata');
  if (metadata !== null) {
    const m = objectOf(src, metadata);
    if (!m.stream || /\/Filter/.test(m.dict)) throw new Unsupported('the XMP metadata');
    const xmp = m.stream.toString('utf8');
    const producer = `<pdf:Producer>${req.producer.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</pdf:Producer>`;
    const withProducer = xmp.includes('<pdf:Producer>')
      ? xmp.replace(/<pdf:Producer>[\s\S]*?<\/pdf:Producer>/, producer)
      : xmp.replace('<xmp:CreatorTool>', `${producer}<xmp:CreatorTool>`);
    putStream(metadata, m.dict, Buffer.from(withProducer, 'utf8'));
  }

  let next = size;
  if (req.signature) {
    const s = req.signature;
    const pages = refIn(catalog, 'Pages');
    const kids = pages === null ? null : /\/Kids\s*\[\s*(\d+)\s+0\s+R/.exec(objectOf(src, pages).dict);
    if (!kids) throw new Unsupported('the page tree');
    const page = Number(kids[1]);
    const pageDict = objectOf(src, page).dict;
    if (/\/Annots\b/.test(pageDict) || /\/AcroForm\b/.test(catalog)) throw new Unsupported('a form or annotations');
    const [sig, widget, appearance] = [next, next + 1, next + 2];
    next += 3;
    const rect = s.widgetRect.join(' ');
    put(
      sig,
      `<<\n  /Type /Sig\n  /Filter /Adobe.PPKLite\n  /SubFilter /adbe.pkcs7.detached\n` +
        `  /ByteRange [0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER}]\n` +
        `  /Contents <${'0'.repeat(s.signatureLength * 2)}>\n` +
        `  /Reason ${pdfText(s.reason)}\n  /M ${pdfText(pdfDate(s.signingTime))}\n` +
        `  /ContactInfo ${pdfText(s.contactInfo)}\n  /Name ${pdfText(s.name)}\n  /Location ${pdfText(s.location)}\n` +
        `  /Prop_Build << /Filter << /Name /Adobe.PPKLite >> /App << /Name /${s.appName} >> >>\n>>`,
    );
    put(
      widget,
      `<<\n  /Type /Annot\n  /Subtype /Widget\n  /FT /Sig\n  /Rect [${rect}]\n  /V ${ref(sig)}\n` +
        `  /T (Signature1)\n  /F 4\n  /P ${ref(page)}\n  /AP << /N ${ref(appearance)} >>\n>>`,
    );
    // An empty appearance (PDF/A wants one on every widget); the box itself is drawn by the template.
    putStream(
      appearance,
      `<< /Type /XObject /Subtype /Form /BBox [${rect}] /Resources << >> /Length 0 >>`,
      Buffer.alloc(0),
    );
    put(page, withEntries(pageDict, { Annots: `[${ref(widget)}]` }));
    put(root, withEntries(catalog, { AcroForm: `<< /Fields [${ref(widget)}] /SigFlags 3 >>` }));
  }

  // Objects, then the cross-reference table of this update (one subsection per run of numbers) and its trailer.
  const parts: Buffer[] = [src.pdf, Buffer.from('\n')];
  let offset = src.pdf.length + 1;
  const at = new Map<number, number>();
  for (const n of [...objects.keys()].sort((a, b) => a - b)) {
    at.set(n, offset);
    parts.push(objects.get(n)!);
    offset += objects.get(n)!.length;
  }
  let xref = 'xref\n';
  const numbers = [...at.keys()].sort((a, b) => a - b);
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    xref += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) xref += `${String(at.get(numbers[k])).padStart(10, '0')} 00000 n\r\n`;
    i = j + 1;
  }
  xref +=
    `trailer\n<<\n  /Size ${next}\n  /Root ${ref(root)}\n  /Info ${ref(info)}\n  /ID ${id}\n  /Prev ${src.startxref}\n>>\n` +
    `startxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
