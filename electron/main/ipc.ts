import { ipcMain } from 'electron';
import { CHANNELS, IPC_PREFIX, type Channel } from '../api/contract';
import { dispatch } from '../handlers/dispatch';
import { fail, type Result } from '../api/result';
import { callerFor, Sessions } from '../services/auth/sessions';
import type { AppContext, SessionControl } from '../services/context';
import type { Role } from '../api/schemas/account';
import { isTrustedSender } from './security';

/** The window's one session: who signed in, until they sign out, go idle, or the OS locks or sleeps (main.ts). */
export class DesktopSession {
  private id: string | null = null;
  readonly sessions: Sessions;
  readonly control: SessionControl = {
    start: (accountId) => {
      this.sessions.end(this.id);
      this.id = this.sessions.start(accountId);
    },
    end: () => this.lock(),
  };

  constructor(ctx: AppContext) {
    this.sessions = new Sessions(ctx);
  }

  accountId(): string | null {
    return this.sessions.touch(this.id);
  }

  /** The signed-in role as stored now, without counting as activity (events ask it). */
  role(ctx: AppContext): Role | null {
    return callerFor(ctx, this.sessions.peek(this.id), this.control).role;
  }

  lock(): void {
    this.sessions.end(this.id);
    this.id = null;
  }
}

/**
 * One ipcMain.handle per contract channel; the role check and input validation happen in dispatch. `after` lets the
 * shell follow what the window changed (the UI language, for the native menus) without a channel of its own.
 */
export function registerIpc(
  ctx: AppContext,
  session: DesktopSession,
  after?: (channel: Channel, result: Result<unknown>) => void,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, async (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return fail('FORBIDDEN', 'Untrusted sender');
      const result = await dispatch(ctx, callerFor(ctx, session.accountId(), session.control), channel, input);
      after?.(channel, result);
      return result;
    });
  }
}
