// Every platform's icon from one drawing, resources/build/icon.svg: `npm run icons` (the results are committed).
//   icon.png (1024 px, macOS/electron-builder), icons/<N>x<N>.png (Linux), icon.ico (Windows), icon.icns (macOS).
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import png2icons from 'png2icons';

export const ICON_DIR = 'resources/build';
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

const svg = readFileSync(join(ICON_DIR, 'icon.svg'));
const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

const master = render(1024);
writeFileSync(join(ICON_DIR, 'icon.png'), master);
mkdirSync(join(ICON_DIR, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) writeFileSync(join(ICON_DIR, 'icons', `${size}x${size}.png`), render(size));
// BICUBIC2 keeps the small sizes sharp; the ICO carries PNG frames (Vista+), the ICNS the retina sizes.
writeFileSync(join(ICON_DIR, 'icon.ico'), png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true));
writeFileSync(join(ICON_DIR, 'icon.icns'), png2icons.createICNS(master, png2icons.BICUBIC2, 0));
process.stdout.write(`icons written to ${ICON_DIR}\n`);
