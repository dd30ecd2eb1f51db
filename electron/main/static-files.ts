import { extname, join, posix, sep } from 'node:path';

/** Content types of what the renderer build and resources/ contain; anything else is served as opaque bytes. */
export const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const mimeOf = (file: string) => MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';

export type StaticPath = { ok: true; file: string; mime: string } | { ok: false; status: 400 | 403; reason: string };

/**
 * Maps a URL path (still percent-encoded, as in `new URL(...).pathname`) to a file under `root`, or a refusal.
 * Encoded slashes and backslashes are refused before decoding, so `..%2f` cannot smuggle a separator past the
 * segment check; `..` segments, NUL bytes and drive letters are refused outright rather than normalised away.
 */
export function resolveStaticPath(pathname: string, root: string): StaticPath {
  if (/%(2f|5c)/i.test(pathname) || pathname.includes('\\'))
    return { ok: false, status: 403, reason: 'encoded separator' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400, reason: 'bad encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL byte' };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || /^[a-z]:$/i.test(s)))
    return { ok: false, status: 403, reason: 'outside the app' };
  const rel = segments.length ? posix.join(...segments) : 'index.html';
  const file = join(root, ...rel.split('/'));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep))
    return { ok: false, status: 403, reason: 'outside the app' };
  return { ok: true, file, mime: mimeOf(file) };
}
