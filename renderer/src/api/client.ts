import type { Channel, InputOf, OutputOf } from '../../../electron/api/contract';
import { EVENT_NAMES, EVENTS_PATH, type EventName, type EventPayload } from '../../../electron/api/events';
import type { ApiError, Result } from '../../../electron/api/result';
import { isMadeInPage, type FileKind, type MadeInPage } from '../../../electron/api/domain/limits';
import { FILES_PATH, UPLOAD_PATH, type ChosenFile } from '../../../electron/api/schemas/files';

interface Bridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Desktop: listens to one of the contract's events over ipc; returns the unsubscribe. */
  on?(name: string, listener: (payload: unknown) => void): () => void;
  /** Desktop: main's native open dialog for one kind of file; the admitted file, or null when cancelled. */
  pickFile?(kind: FileKind): Promise<Result<ChosenFile | null>>;
  /** Desktop: bytes the page made itself (a drawn signature), admitted by main. */
  admitMade?(kind: MadeInPage, fileName: string, bytes: Uint8Array): Promise<Result<ChosenFile>>;
  /** Desktop: a file dropped on the page, admitted by main from its path (the preload asks Electron for it). */
  admitDropped?(kind: FileKind, file: File): Promise<Result<ChosenFile>>;
  /** Desktop: main writes a held file where its native save dialog says; `saved` is null when cancelled. */
  saveFile?(fileId: string): Promise<Result<{ saved: string | null }>>;
  /** Desktop only: main ended the session (the OS locked or went to sleep). */
  onLocked?(listener: () => void): void;
}
declare global {
  interface Window {
    tasleem?: Bridge;
  }
}

const TOKEN_KEY = 'tasleem.token';

/** Browser mode: the launch URL carries the token once; keep it for this tab and take it out of the address bar. */
function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const httpBridge = (token: string): Bridge => ({
  async invoke(channel, input) {
    try {
      const res = await fetch(`./api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'The app could not be reached' } };
    }
  },
});

const bridge: Bridge = window.tasleem ?? httpBridge(browserToken());

type Listener = (payload: unknown) => void;
const eventListeners = new Map<string, Set<Listener>>();
const deliver = (name: string, payload: unknown) => eventListeners.get(name)?.forEach((l) => l(payload));

/**
 * Browser mode's events: one EventSource on /events (token in the query, session in the cookie), opened when a page
 * first listens and again after it closed (a sign-out, a refused stream). `open` resolves once it is connected.
 */
const browserEvents = (() => {
  let source: EventSource | null = null;
  let open: Promise<void> = Promise.resolve();
  const connect = () => {
    if (source && source.readyState !== EventSource.CLOSED) return open;
    const es = new EventSource(`.${EVENTS_PATH}?token=${encodeURIComponent(sessionStorage.getItem(TOKEN_KEY) ?? '')}`);
    source = es;
    for (const name of EVENT_NAMES)
      es.addEventListener(name, (e) => deliver(name, JSON.parse((e as MessageEvent<string>).data) as unknown));
    // A refused stream (signed out) closes for good: resolve anyway, so nobody waits forever.
    open = new Promise((resolve) => {
      es.addEventListener('open', () => resolve(), { once: true });
      es.addEventListener('error', () => es.readyState === EventSource.CLOSED && resolve());
    });
    return open;
  };
  return {
    connect,
    close: () => {
      source?.close();
      source = null;
    },
  };
})();

/** Listens to one of the contract's events (api/events.ts), typed by its declaration; returns the unsubscribe. */
export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  const l = listener as Listener;
  if (bridge.on) return bridge.on(name, l);
  const set = eventListeners.get(name) ?? new Set<Listener>();
  eventListeners.set(name, set);
  set.add(l);
  void browserEvents.connect();
  return () => void set.delete(l);
}

/** Resolves once events sent from now on reach this page: wait for it before starting work that reports progress. */
export const eventsReady = (): Promise<void> => (bridge.on ? Promise.resolve() : browserEvents.connect());

const signedOutListeners = new Set<() => void>();

/**
 * Called whenever the session is found gone: a call answered UNAUTHORIZED (idle expiry, a restart, another tab signed
 * out) or the desktop app was locked. The sign-in gate listens, so no page has to.
 */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => void signedOutListeners.delete(listener);
}
bridge.onLocked?.(() => signedOutListeners.forEach((l) => l()));
if (!bridge.on) onSignedOut(() => browserEvents.close());
/** Channels that give the tab a new session cookie (or none): a stream opened under the old one would stay silent. */
const SESSION_CHANNELS = new Set<Channel>(['auth:setup', 'auth:signIn', 'auth:signOut']);

export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  const result = (await bridge.invoke(channel, input)) as Result<OutputOf<C>>;
  if (!result.ok && result.error.code === 'UNAUTHORIZED') signedOutListeners.forEach((l) => l());
  if (SESSION_CHANNELS.has(channel) && !bridge.on) browserEvents.close();
  return result;
}

/** For TanStack Query: a failed Result becomes a thrown ApiFailure that carries the code to translate. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export async function callOrThrow<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await call(channel, input);
  if (!result.ok) throw new ApiFailure(result.error);
  return result.value;
}

// --- files: never bytes through the contract -------------------------------------------------------------------

/** Where the page finds a file the app produced (the report's preview): app://tasleem/files/… or browser mode's URL. */
export function heldFileUrl(fileId: string, download = false): string {
  if (window.tasleem) return `${FILES_PATH}${encodeURIComponent(fileId)}`;
  const token = encodeURIComponent(sessionStorage.getItem(TOKEN_KEY) ?? '');
  return `.${FILES_PATH}${encodeURIComponent(fileId)}?token=${token}${download ? '&download=1' : ''}`;
}

/**
 * Saves a file the app produced: in the desktop app main writes it through the native save dialog; in browser mode
 * it is a normal download of the same bytes from their authenticated URL.
 */
export async function saveHeldFile(file: {
  fileId: string;
  fileName: string;
}): Promise<Result<{ saved: string | null }>> {
  if (bridge.saveFile) return bridge.saveFile(file.fileId);
  const a = document.createElement('a');
  a.href = heldFileUrl(file.fileId, true);
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return { ok: true, value: { saved: file.fileName } };
}

/**
 * How a page hands the app a file, admitted for one kind; a channel then takes its id (components/FilePicker.tsx is
 * the one control that uses these). Desktop: the native open dialog in main (the path is admitted there; null when
 * cancelled). Absent in browser mode, where the page's own file input picks and `admitFile` uploads.
 */
export const pickFileNatively = bridge.pickFile ? (kind: FileKind) => bridge.pickFile!(kind) : null;

/**
 * A file the page holds (picked in browser mode, dropped, or drawn): browser mode posts its bytes as the raw body of
 * /upload/<kind>; the desktop app admits a dropped file by its path, and takes bytes over ipc only for what the page
 * made itself (MADE_IN_PAGE: the drawn signature).
 */
export async function admitFile(kind: FileKind, file: Blob, name = (file as File).name): Promise<Result<ChosenFile>> {
  if (bridge.admitMade && isMadeInPage(kind))
    return bridge.admitMade(kind, name, new Uint8Array(await file.arrayBuffer()));
  if (bridge.admitDropped) return bridge.admitDropped(kind, file as File);
  try {
    const res = await fetch(`.${UPLOAD_PATH}${kind}?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}`,
      },
      body: file,
    });
    const result = (await res.json()) as Result<ChosenFile>;
    if (!result.ok && result.error.code === 'UNAUTHORIZED') signedOutListeners.forEach((l) => l());
    return result;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The app could not be reached' } };
  }
}
