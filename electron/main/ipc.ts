import { ipcMain } from 'electron';
import { CHANNELS, IPC_PREFIX, type Channel } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { fail, type Result } from '../api/result';
import type { AppContext, Caller } from '../services/context';
import { isTrustedSender } from './security';

/**
 * One ipcMain.handle per contract channel; input validation happens in dispatch. `after` lets the shell follow what
 * the window changed (the UI language, for the native menus) without a channel of its own.
 */
export function registerIpc(ctx: AppContext, caller: Caller, after?: (channel: Channel, result: Result<unknown>) => void): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, async (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return fail('FORBIDDEN', 'Untrusted sender');
      const result = await dispatch(ctx, caller, channel, input);
      after?.(channel, result);
      return result;
    });
  }
}
