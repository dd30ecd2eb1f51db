import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../handlers/dispatch';
import { AppError, fail, ok, type Result } from '../api/result';
import { dispatchRecovery } from '../handlers/recovery';
import type { Recovery } from '../services/recovery';
import { callerFor, Sessions } from '../services/auth/sessions';
import type { AppContext, SessionControl } from '../services/context';
import { EVENTS_PATH } from '../api/events';
import { heldFileHeaders, SECURITY_HEADERS } from '../main/security';
import { openEventStream } from './event-stream';
import { FILES_PATH, UPLOAD_PATH } from '../api/schemas/files';
import { filesOf } from '../services/files/store';
import { isFileKind, receiveUpload } from './file-routes';
import { resolveStaticPath } from '../main/static-files';

/**
 * A channel's JSON input: files go to /upload/ (each within its FILE_LIMITS), never into JSON. The largest JSON input
 * is io:bundleExport's list of up to 100,000 record ids (about 3.9 MB); the report logo's data URL is 0.7 MB at most.
 */
export const MAX_JSON_BODY = 4 * 1024 * 1024;
export const LOOPBACK = '127.0.0.1';

export interface WebServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  /** The app the server runs now (null while in recovery mode). */
  context(): AppContext | null;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: Result<unknown>, cookie?: string) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...(cookie && { 'set-cookie': cookie }),
  });
  res.end(JSON.stringify(body));
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The session of one request: the cookie names it; signing in replaces it with a fresh id (no fixation), signing out
 * clears it. HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it).
 */
function requestSession(sessions: Sessions, name: string, given: string | undefined) {
  const state: { cookie?: string } = {};
  const control: SessionControl = {
    start(accountId) {
      sessions.end(given);
      state.cookie = `${name}=${sessions.start(accountId)}; HttpOnly; SameSite=Strict; Path=/`;
    },
    end() {
      sessions.end(given);
      state.cookie = `${name}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
    },
  };
  return { accountId: sessions.touch(given), control, state };
}

/** An event stream only reads who is signed in; it never starts or ends a session. */
const noSession: SessionControl = { start: () => {}, end: () => {} };

const STATUS_OF: Partial<Record<string, number>> = {
  UNKNOWN_CHANNEL: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BAD_REQUEST: 400,
  INTERNAL: 500,
};

/** A percent-escape that does not decode (`/%E0%A4%A`) is a bad request, not an exception. */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Every request ends in an answer and none can end the server: whatever a handler throws becomes a 500 (or, once the
 * headers are out, a closed connection), and a socket that errors or goes away mid-request is dropped quietly.
 */
function guarded(handle: Handle) {
  return (req: IncomingMessage, res: ServerResponse) => {
    req.on('error', () => res.destroy());
    res.on('error', () => {});
    handle(req, res).catch((err: unknown) => {
      console.error('[tasleem] web request failed', err);
      if (!res.headersSent) send(res, 500, fail('INTERNAL', 'Internal error'));
      else res.destroy();
    });
  };
}

/**
 * Browser mode: the built renderer and the same handlers as the desktop app, on loopback only, behind a
 * per-launch token, then the same sign-in as the app (a session cookie). Host is checked too, so a page elsewhere
 * cannot reach it by DNS rebinding.
 */
/** The query of a request's target, read as sent: `new URL` would throw on a path such as `///` (no host). */
const queryOf = (url: string | undefined) =>
  new URLSearchParams((url ?? '').split('#', 1)[0].split('?').slice(1).join('?'));

export async function startWebServer(opts: {
  /** The running app; absent when the database did not open and `recovery` says why (recovery mode). */
  ctx?: AppContext;
  recovery?: Recovery;
  /** Recovery ended: the database was restored or converted, and the app now runs on it. */
  onReady?: (ctx: AppContext) => void;
  staticDir: string;
  port?: number;
  token?: string;
}): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let ctx = opts.ctx ?? null;
  if (!ctx && !opts.recovery) throw new Error('startWebServer needs a context or a recovery state');
  let sessions = ctx ? new Sessions(ctx) : null;
  /** Open event streams: ended on close, or the server would wait for them forever. */
  const streams = new Set<() => void>();
  let port = 0;
  // Cookies are per host, not per port: two instances on loopback must not overwrite each other's session.
  const cookieName = () => `tasleem_session_${port}`;
  const server = createServer(
    guarded(async (req, res) => {
      const host = req.headers.host ?? '';
      if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`)
        return send(res, 403, fail('FORBIDDEN', 'Bad host'));
      // The path as sent, never resolved against another origin (`//evil/x` stays a path here).
      const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];
      const path = rawPath.startsWith('/') ? decodePath(rawPath) : null;
      if (path === null || path.includes('\0')) return send(res, 400, fail('BAD_REQUEST', 'Malformed path'));
      if (path === EVENTS_PATH) {
        if (req.method !== 'GET') return send(res, 405, fail('BAD_REQUEST', 'GET only'));
        // EventSource cannot send headers: the token comes in the query, the session in its cookie as for /api/.
        if (!tokenMatches(token, queryOf(req.url).get('token') ?? undefined))
          return send(res, 401, fail('UNAUTHORIZED', 'Missing or wrong token'));
        const sessionId = cookieValue(req.headers.cookie, cookieName());
        // In recovery mode nobody is signed in: there is no stream to open.
        const app = ctx;
        const live = sessions;
        if (!app || !live?.peek(sessionId)) return send(res, 401, fail('UNAUTHORIZED', 'Sign in first'));
        if (!app.events) return send(res, 404, fail('NOT_FOUND', 'No events'));
        const end = openEventStream(res, app.events, () => callerFor(app, live.peek(sessionId), noSession).role);
        streams.add(end);
        res.on('close', () => streams.delete(end));
        return;
      }
      const query = queryOf(req.url);
      // A held file (a report's preview or download): an <iframe> or a link cannot send headers, so the token comes
      // in the query; the session cookie names who may see it (the one who made it).
      if (path.startsWith(FILES_PATH)) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, fail('BAD_REQUEST', 'GET only'));
        if (!tokenMatches(token, query.get('token') ?? undefined))
          return send(res, 401, fail('UNAUTHORIZED', 'Missing or wrong token'));
        const app = ctx;
        if (!app || !sessions) return send(res, 401, fail('UNAUTHORIZED', 'Sign in first'));
        const caller = callerFor(app, sessions.touch(cookieValue(req.headers.cookie, cookieName())), noSession);
        if (caller.role === null) return send(res, 401, fail('UNAUTHORIZED', 'Sign in first'));
        let file;
        try {
          file = filesOf(app).heldFile(path.slice(FILES_PATH.length), caller.actor);
        } catch {
          return send(res, 404, fail('NOT_FOUND', 'No such file'));
        }
        res.writeHead(200, heldFileHeaders(file, query.get('download') === '1'));
        if (req.method === 'HEAD') return void res.end();
        return void createReadStream(file.path)
          .on('error', () => res.destroy())
          .pipe(res);
      }
      // A chosen file's bytes, as the raw body: streamed to disk within its kind's limit, answered with its id.
      if (path.startsWith(UPLOAD_PATH)) {
        if (req.method !== 'POST') return send(res, 405, fail('BAD_REQUEST', 'POST only'));
        const auth = req.headers.authorization?.replace(/^Bearer /, '');
        if (!tokenMatches(token, auth)) return send(res, 401, fail('UNAUTHORIZED', 'Missing or wrong token'));
        const kind = path.slice(UPLOAD_PATH.length);
        if (!isFileKind(kind)) return send(res, 404, fail('NOT_FOUND', 'No such kind of file'));
        const app = ctx;
        if (!app || !sessions) return send(res, 401, fail('UNAUTHORIZED', 'Sign in first'));
        const caller = callerFor(app, sessions.touch(cookieValue(req.headers.cookie, cookieName())), noSession);
        if (caller.role === null) return send(res, 401, fail('UNAUTHORIZED', 'Sign in first'));
        const name = (query.get('name') ?? '').slice(0, 260) || 'file';
        try {
          return send(res, 200, ok(await receiveUpload(req, filesOf(app), kind, caller.actor, name)));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          // The rest of a refused body is not read: the connection closes after the answer.
          res.setHeader('connection', 'close');
          const status = err.code === 'TOO_LARGE' ? 413 : 400;
          return send(res, status, fail(err.code, err.message, err.details));
        }
      }
      if (path.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, fail('BAD_REQUEST', 'POST only'));
        const auth = req.headers.authorization?.replace(/^Bearer /, '');
        if (!tokenMatches(token, auth)) return send(res, 401, fail('UNAUTHORIZED', 'Missing or wrong token'));
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body ? JSON.parse(body) : {};
        } catch {
          return send(res, 400, fail('BAD_REQUEST', 'Body is not JSON or too large (files go to /upload/)'));
        }
        if (!ctx || !sessions) {
          const answer = await dispatchRecovery(opts.recovery!, path.slice(5), input);
          if (answer.ctx) {
            ctx = answer.ctx;
            sessions = new Sessions(ctx);
            opts.onReady?.(ctx);
          }
          const r = answer.result;
          return send(res, r.ok ? 200 : (STATUS_OF[r.error.code] ?? 422), r);
        }
        const session = requestSession(sessions, cookieName(), cookieValue(req.headers.cookie, cookieName()));
        const caller = callerFor(ctx, session.accountId, session.control);
        const result = await dispatch(ctx, caller, path.slice(5), input);
        return send(res, result.ok ? 200 : (STATUS_OF[result.error.code] ?? 422), result, session.state.cookie);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, fail('BAD_REQUEST', 'GET only'));
      const target = resolveStaticPath(rawPath, opts.staticDir);
      if (!target.ok)
        return send(res, target.status, fail(target.status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST', target.reason));
      let data: Buffer;
      try {
        data = await readFile(target.file);
      } catch {
        return send(res, 404, fail('NOT_FOUND', 'No such file'));
      }
      res.writeHead(200, { 'content-type': target.mime, ...SECURITY_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : data);
    }),
  );
  // A request line or header block Node cannot parse: answer 400 and close, as Node would, without an uncaught error.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${LOOPBACK}:${port}/?token=${token}`;
  return {
    url,
    port,
    token,
    server,
    context: () => ctx,
    close: () => {
      sessions?.endAll();
      for (const end of streams) end();
      ctx?.files?.clear();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
