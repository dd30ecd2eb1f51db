import type { ServerResponse } from 'node:http';
import { mayReceive, type EventName } from '../api/events';
import type { Role } from '../api/schemas/account';
import type { EventBus } from '../services/events';

const HEARTBEAT_MS = 25_000;

/** One server-sent event: its name (the contract's event name) and its payload as one line of JSON. */
export const sseMessage = (name: EventName, payload: unknown) => `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;

/**
 * Browser mode's carrier of the contract's events: one text/event-stream response per page, sent each event its
 * session's role may receive. The role is read again for every event, so a session that ended (sign-out, idle
 * expiry) or lost its role stops receiving at once: the stream is closed. Returns a function that ends it.
 */
export function openEventStream(res: ServerResponse, bus: EventBus, role: () => Role | null): () => void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  // A comment line flushes the headers, so the page's EventSource opens (and may start work) before any event.
  res.write(': open\n\n');
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let unsubscribe = () => {};
  const end = () => {
    clearInterval(heartbeat);
    unsubscribe();
    if (!res.writableEnded) res.end();
  };
  unsubscribe = bus.subscribe((name, payload) => {
    const who = role();
    if (who === null) return end();
    if (mayReceive(who, name)) res.write(sseMessage(name, payload));
  });
  res.on('close', end);
  return end;
}
