// The seed protocol as a Word document, for the LibreOffice baseline of report.bench.ts: the same texts, tables and
// drawn signatures the Typst document gets (it is built from the same template data), so both engines typeset an
// equivalent page.
import {
  AlignmentType,
  Document,
  Footer,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { handoverDocument } from '../../electron/services/documents/handover-model';

type Doc = ReturnType<typeof handoverDocument>;
interface Label {
  p: string;
  en: string;
}

export async function protocolDocx({ data: d, files }: Doc, qrPng: Buffer): Promise<Buffer> {
  const rtl = d.dir === 'rtl';
  const font = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Naskh Arabic' };
  const run = (text: string, o: { bold?: boolean; size?: number; color?: string } = {}) =>
    new TextRun({
      text,
      font,
      rightToLeft: rtl && /[\u0600-\u06ff]/.test(text),
      bold: o.bold,
      size: o.size ?? 18,
      color: o.color,
    });
  const para = (children: TextRun[], o: { center?: boolean } = {}) =>
    new Paragraph({
      children,
      bidirectional: rtl,
      alignment: o.center ? AlignmentType.CENTER : undefined,
      spacing: { after: 60 },
    });
  const bi = (l: Label, o: { bold?: boolean; size?: number } = {}) => [
    run(l.p, o),
    run(`  ${l.en}`, { size: (o.size ?? 18) - 2, color: '555555' }),
  ];
  const cell = (children: Paragraph[], o: { columnSpan?: number; rowSpan?: number } = {}) =>
    new TableCell({ children, columnSpan: o.columnSpan, rowSpan: o.rowSpan });
  const table = (rows: TableRow[]) =>
    new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE }, visuallyRightToLeft: rtl });
  const signatureImage = (path: string | null) =>
    path ? [new ImageRun({ type: 'png', data: files[path], transformation: { width: 160, height: 60 } })] : [];

  const body = [
    para([run(d.authority.p, { bold: true })]),
    para([run(d.authority.en, { color: '333333' })]),
    para([run(d.title.p, { bold: true, size: 36 })], { center: true }),
    para([run(d.title.en, { bold: true, size: 24 })], { center: true }),
    table(
      d.meta.map(
        (m) =>
          new TableRow({
            children: [
              cell([para(bi(m.label))]),
              cell([para([run(m.value, { bold: true }), run(` ${m.note ?? ''} ${m.en ? `(${m.en})` : ''}`)])]),
            ],
          }),
      ),
    ),
    para([run(d.preamble.p)]),
    para([run(d.preamble.en)]),
    table([
      new TableRow({
        children: d.parties.map((p) =>
          cell([
            para(bi(p.title, { bold: true })),
            ...p.rows.flatMap((r) => [
              para(bi(r.label, { size: 14 })),
              para([run([r.value].flat().join(', '), { bold: true })]),
            ]),
          ]),
        ),
      }),
    ]),
    para(bi(d.counts.title, { bold: true, size: 21 })),
    table([
      new TableRow({
        children: [
          cell([para(bi(d.counts.women))], { rowSpan: 2 }),
          cell([para(bi(d.counts.children))], { columnSpan: 4 }),
          cell([para(bi(d.counts.men))], { rowSpan: 2 }),
          cell([para(bi(d.counts.total))], { rowSpan: 2 }),
        ],
      }),
      new TableRow({ children: d.counts['child-columns'].map((l) => cell([para(bi(l, { size: 16 }))])) }),
      new TableRow({
        children: d.counts.values.map((v) =>
          cell([para([run(String(v), { bold: true, size: 22 })], { center: true })]),
        ),
      }),
    ]),
    para(bi(d.clauses.title, { bold: true, size: 21 })),
    table(
      d.clauses.items.map(
        (c, i) =>
          new TableRow({ children: [cell([para([run(`${i + 1}. ${c.p}`)])]), cell([para([run(c.en ?? '')])])] }),
      ),
    ),
    para(bi(d.signatures.title, { bold: true, size: 21 })),
    table([
      new TableRow({
        children: d.signatures.boxes.map((s) =>
          cell([
            para(bi(s.role, { bold: true })),
            new Paragraph({ children: signatureImage(s.image), alignment: AlignmentType.CENTER }),
            para([run(s.name, { bold: true })]),
            para([run(s.title)]),
            para(
              s['signed-at']
                ? [...bi(s['signed-at'].label, { size: 14 }), run(` ${s['signed-at'].at}`, { size: 14 })]
                : [],
            ),
          ]),
        ),
      }),
    ]),
    para([...bi(d.hash.label, { size: 14 }), run(` ${d.hash.value}`, { size: 14 })]),
  ];
  const footer = new Footer({
    children: [
      new Paragraph({
        children: [new ImageRun({ type: 'png', data: qrPng, transformation: { width: 60, height: 60 } })],
      }),
      para(
        [
          run(
            `${d.footer.reference} · ${d.footer.page.p} 1 ${d.footer.of.p} 1 · ${d.footer.page.en} 1 ${d.footer.of.en} 1 · SHA-256 ${d.footer['hash-short']}…`,
            { size: 15 },
          ),
        ],
        {
          center: true,
        },
      ),
    ],
  });
  const doc = new Document({
    sections: [
      {
        properties: { page: { margin: { top: 680, bottom: 1360, left: 794, right: 794 } } },
        footers: { default: footer },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
