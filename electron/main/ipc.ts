import { ipcMain } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { fail } from '../api/result';
import type { AppContext, Caller } from '../services/context';
import { isTrustedSender } from './security';

/** One ipcMain.handle per contract channel; input validation happens in dispatch. */
export function registerIpc(ctx: AppContext, caller: Caller, appOrigin: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, async (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, appOrigin)) return fail('FORBIDDEN', 'Untrusted sender');
      return dispatch(ctx, caller, channel, input);
    });
  }
}
