import { resolveStaticPath, type StaticPath } from './static-files';

/**
 * The desktop window's one origin: `app://tasleem/`, a privileged, secure, standard scheme served from the packaged
 * renderer build. It replaces file://, under which any HTML file on the disk would have been "the app".
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tasleem';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Privileges for protocol.registerSchemesAsPrivileged (standard: relative URLs and origins; secure: like https). */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

/** True only for the app's own origin: exactly app://tasleem, no credentials, no port. */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes in Node, so the parts are compared one by one.
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** A request to the protocol handler: the file to serve with its type, or why it is refused. */
export function resolveAppRequest(url: string, rendererDir: string): StaticPath {
  if (!isAppUrl(url)) return { ok: false, status: 403, reason: 'not the app origin' };
  // URL parsers fold "/a/../b" (and "%2e%2e") away; a request that tried to climb is refused, not quietly rewritten.
  const rawPath = url.slice(url.indexOf(APP_HOST) + APP_HOST.length).split(/[?#]/)[0]!;
  if (rawPath.split('/').some((s) => /^(\.|%2e){2}$/i.test(s)))
    return { ok: false, status: 403, reason: 'outside the app' };
  return resolveStaticPath(new URL(url).pathname, rendererDir);
}

/** The id of a held file the page asks for (`app://tasleem/files/<id>`: the report's preview), or null. */
export function heldFileIdOf(url: string): string | null {
  if (!isAppUrl(url)) return null;
  const m = /^\/files\/([A-Za-z0-9_-]{22,64})$/.exec(new URL(url).pathname);
  return m ? m[1]! : null;
}
