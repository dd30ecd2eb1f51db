import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../api/contract';
import { EVENT_IPC_PREFIX, EVENT_NAMES } from '../api/events';

const allowed = new Set<string>(CHANNELS);
const allowedEvents = new Set<string>(EVENT_NAMES);

/** window.tasleem: one invoke limited to the contract's channels, its events, and the lock signal; nothing else of Electron reaches the page. */
contextBridge.exposeInMainWorld('tasleem', {
  invoke: (channel: string, input: unknown) => {
    if (!allowed.has(channel))
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } });
    return ipcRenderer.invoke(IPC_PREFIX + channel, input);
  },
  /** Listens to one of the contract's events; returns the unsubscribe. The page never sees the ipc event object. */
  on: (name: string, listener: (payload: unknown) => void) => {
    if (!allowedEvents.has(name)) return () => {};
    const forward = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_IPC_PREFIX + name, forward);
    return () => void ipcRenderer.removeListener(EVENT_IPC_PREFIX + name, forward);
  },
  /** The native open dialog for one kind of file; resolves to the admitted file's id and name, or null (cancelled). */
  pickFile: (kind: string) => ipcRenderer.invoke('tasleem:file:pick', kind),
  /** Bytes the page made itself (the drawn signature), admitted by main for that kind; the page gets the id. */
  admitMade: (kind: string, fileName: string, bytes: Uint8Array) =>
    ipcRenderer.invoke('tasleem:file:made', kind, fileName, bytes),
  /** A file dropped on the page: Electron tells the preload its path (the page never sees it), main admits it. */
  admitDropped: (kind: string, file: File) =>
    ipcRenderer.invoke('tasleem:file:pick', kind, webUtils.getPathForFile(file)),
  /** Main writes a file the app produced where the native save dialog says; the bytes never reach the page. */
  saveFile: (fileId: string) => ipcRenderer.invoke('tasleem:file:save', fileId),
  /** Main ended the session (the OS locked or went to sleep): the page shows the sign-in screen at once. */
  onLocked: (listener: () => void) => void ipcRenderer.on(`${IPC_PREFIX}locked`, () => listener()),
});

// A file dropped anywhere but on a control that takes it must not be opened by the window (main refuses the
// navigation too). Listeners on the window run last, so drop zones inside the page still receive their files.
// (The preload compiles against Node's types, not the DOM's.)
const page = globalThis as unknown as {
  addEventListener(type: string, listener: (e: { preventDefault(): void }) => void): void;
};
for (const type of ['dragover', 'drop']) page.addEventListener(type, (e) => e.preventDefault());
