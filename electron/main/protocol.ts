import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, resolveAppRequest } from './app-protocol';
import { SECURITY_HEADERS } from './security';

/** Must run before the app is ready: Chromium fixes the set of privileged schemes at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/** Serves app://tasleem/ from the renderer build (inside the asar archive once packaged), with the one CSP. */
export function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
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
