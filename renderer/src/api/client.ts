import type { Channel, InputOf, OutputOf } from '../../../electron/api/contract';
import type { ApiError, Result } from '../../../electron/api/result';

interface Bridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
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

export async function call<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
  const result = (await bridge.invoke(channel, input)) as Result<OutputOf<C>>;
  if (!result.ok && result.error.code === 'UNAUTHORIZED') signedOutListeners.forEach((l) => l());
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
