import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../api/contract';

const allowed = new Set<string>(CHANNELS);

/** window.tasleem: one invoke, limited to the contract's channels; nothing else of Electron reaches the page. */
contextBridge.exposeInMainWorld('tasleem', {
  invoke: (channel: string, input: unknown) => {
    if (!allowed.has(channel)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } });
    return ipcRenderer.invoke(IPC_PREFIX + channel, input);
  },
});
