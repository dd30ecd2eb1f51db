import { EVENT_IPC_PREFIX, mayReceive } from '../api/events';
import type { Role } from '../api/schemas/account';
import type { EventBus } from '../services/events';

/** What an event is sent through: the window's webContents, or a recorder in a test. */
export interface EventSink {
  send(channel: string, payload: unknown): void;
}

/**
 * Carries the context's events to the window over ipc, each on its own channel (the preload subscribes by name), and
 * only while the signed-in role may receive it. Returns the unsubscribe. Plain code, so it is tested without Electron.
 */
export function forwardEvents(bus: EventBus, sink: () => EventSink | null, role: () => Role | null): () => void {
  return bus.subscribe((name, payload) => {
    const target = sink();
    if (target && mayReceive(role(), name)) target.send(EVENT_IPC_PREFIX + name, payload);
  });
}
