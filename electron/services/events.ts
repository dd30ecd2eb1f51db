import { events, type EventName, type EventPayload } from '../api/events';
import type { AppContext } from './context';

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/**
 * The events of one app context, fanned out to whichever transports listen (the desktop window, browser mode's event
 * streams, a test). A payload is checked against its declaration before anyone sees it, as dispatch checks outputs.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].payload.parse(payload) as EventPayload<E>;
    for (const listener of this.listeners) {
      // A transport that fails to deliver (a closed window, a dropped stream) must not stop the work that emits.
      try {
        listener(name, parsed);
      } catch (err) {
        console.error(`[tasleem] ${name} listener failed`, err);
      }
    }
  }
}

/** Emits on the context's bus; a context without one (a tool, a bench) has no one to tell. */
export function emit<E extends EventName>(ctx: AppContext, name: E, payload: EventPayload<E>): void {
  ctx.events?.emit(name, payload);
}

/**
 * Progress that comes faster than anyone can read it: sends the first report, every change of `key` (a phase) and at
 * most one report per `ms` otherwise. An operation's last report must be sent unthrottled.
 */
export function throttle(send: () => void, key: () => string, ms: number, clock = Date.now): () => void {
  let lastKey: string | undefined;
  let lastAt = -Infinity;
  return () => {
    const k = key();
    const now = clock();
    if (k === lastKey && now - lastAt < ms) return;
    lastKey = k;
    lastAt = now;
    send();
  };
}
