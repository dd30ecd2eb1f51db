import { protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, heldFileIdOf, resolveAppRequest } from './app-protocol';
import { heldFileHeaders, SECURITY_HEADERS } from './security';

interface HeldOnDisk {
  fileName: string;
  mime: string;
  size: number;
  path: string;
}

/** Must run before the app is ready: Chromium fixes the set of privileged schemes at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/**
 * Serves app://tasleem/ from the renderer build (inside the asar archive once packaged), with the one CSP, and the
 * files the app produced for the page under /files/<id> (the report's preview: the very bytes a save writes).
 */
export function serveApp(rendererDir: string, held: (fileId: string) => HeldOnDisk | null): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const fileId = heldFileIdOf(request.url);
    if (fileId) {
      const file = held(fileId);
      if (!file) return new Response('Not found', { status: 404 });
      const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
      return new Response(body, { headers: heldFileHeaders(file, false) });
    }
    const target = resolveAppRequest(request.url, rendererDir);
    if (!target.ok)
      return new Response(target.reason, {
        status: target.status,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    try {
      return new Response(new Uint8Array(await readFile(target.file)), {
        headers: { 'content-type': target.mime, ...SECURITY_HEADERS },
      });
    } catch {
      return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
  });
}
