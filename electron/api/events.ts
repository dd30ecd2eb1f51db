/**
 * The contract's events: what the Node side tells the page without being asked (main → renderer), each declared once
 * with its zod payload and the role a session needs to receive it. The desktop app carries them over ipc
 * (webContents.send, subscribed through the preload), browser mode as server-sent events (GET /events), both derived
 * from this object; services emit them through services/events.ts, which checks the payload against its schema.
 */
import type { z } from 'zod';
import { mayAccess, type Access, type Role } from './schemas/account';
import { jobProgress } from './schemas/io';
import { backupProgress, exportProgress } from './schemas/progress';

const event = <P extends z.ZodType>(payload: P, access: Access) => ({ payload, access });

export const events = {
  /** A spreadsheet import job (io:importStart): every phase change, at most every 100 ms between, and its end. */
  'import.progress': event(jobProgress, 'registrar'),
  /** A file being written for export (handovers sheet, exchange bundle, totals). */
  'export.progress': event(exportProgress, 'registrar'),
  /** A backup or restore of the data folder. */
  'backup.progress': event(backupProgress, 'administrator'),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export const isEventName = (name: string): name is EventName => Object.prototype.hasOwnProperty.call(events, name);
/** The ipc channel an event travels on in the desktop app (channels use IPC_PREFIX + name, events this). */
export const EVENT_IPC_PREFIX = 'tasleem:event:';
/** Browser mode's server-sent event stream. */
export const EVENTS_PATH = '/events';
/** Whether a session with this role (null: nobody signed in) is sent the event; both transports ask before sending. */
export const mayReceive = (role: Role | null, name: EventName) => mayAccess(role, events[name].access);
