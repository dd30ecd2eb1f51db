import { crc32, deflateRawSync } from 'node:zlib';

/** One part of a zip: its bytes, or (for a bomb) `size` bytes of one repeated character, made without holding them twice. */
export interface ZipPart {
  name: string;
  data?: Buffer;
  repeat?: { char: string; size: number };
  /** Size written in the headers instead of the true one: a bomb that lies about what it unpacks to. */
  declaredSize?: number;
}

const made = new Map<string, { packed: Buffer; size: number; crc: number }>();

function deflated(p: ZipPart): { packed: Buffer; size: number; crc: number } {
  if (p.data) return { packed: deflateRawSync(p.data), size: p.data.length, crc: crc32(p.data) };
  const { char, size } = p.repeat!;
  const key = `${char}:${size}`;
  if (!made.has(key)) {
    // Deflating hundreds of MB takes seconds: a test file that builds the same bomb twice pays once.
    const data = Buffer.alloc(size, char);
    made.set(key, { packed: deflateRawSync(data, { level: 9 }), size, crc: crc32(data) });
  }
  return made.get(key)!;
}

/** A zip archive (deflate, no zip64) written byte by byte, so a test controls every size in its headers. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const { packed, size, crc } = deflated(p);
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(declared, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(dir, name);
    offset += local.length + name.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

/** An XLSX-shaped zip whose sheet is `sheetSize` bytes of spaces (XML allows them): 300 MB packs to about 300 KB. */
export function xlsxBomb(sheetSize: number, declaredSize?: number): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="s" sheetId="1"/></sheets></workbook>',
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', repeat: { char: ' ', size: sheetSize }, declaredSize },
  ]);
}
