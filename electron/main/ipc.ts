import { ipcMain } from 'electron';
import { CHANNELS, IPC_PREFIX, type Channel } from '../api/contract';
import { dispatch } from '../handlers/dispatch';
import { dispatchRecovery } from '../handlers/recovery';
import type { Recovery } from '../services/recovery';
import { fail, type Result } from '../api/result';
import { callerFor, Sessions } from '../services/auth/sessions';
import type { AppContext, SessionControl } from '../services/context';
import type { Role } from '../api/schemas/account';
import { FILE_LIMITS, isMadeInPage, type FileKind, type MadeInPage } from '../api/domain/limits';
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

/** The two file ipc channels beside the contract's: the page asks, main shows the native dialog and does the rest. */
export const FILE_IPC = { pick: 'tasleem:file:pick', made: 'tasleem:file:made', save: 'tasleem:file:save' } as const;

/**
 * Files in the desktop app: a path chosen in the native open dialog is admitted for a channel (the page gets its id),
 * and a file the app produced is written by main where the save dialog says. Only the signed-in window may ask.
 */
export function registerFileIpc(
  ctx: AppContext,
  session: DesktopSession,
  dialogs: {
    /** `dropped`: the path of a file dropped on the page (the preload's webUtils), admitted without a dialog. */
    pick: (kind: FileKind, owner: string, dropped?: string) => Promise<Result<unknown>>;
    made: (kind: MadeInPage, fileName: string, bytes: Uint8Array, owner: string) => Result<unknown>;
    save: (fileId: string, owner: string) => Promise<Result<unknown>>;
  },
): void {
  const signedIn = (event: Electron.IpcMainInvokeEvent) => {
    if (!isTrustedSender(event.senderFrame)) return fail('FORBIDDEN', 'Untrusted sender');
    const caller = callerFor(ctx, session.accountId(), session.control);
    return caller.role === null ? fail('UNAUTHORIZED', 'Sign in first') : caller;
  };
  ipcMain.handle(FILE_IPC.pick, (event, kind: unknown, dropped: unknown) => {
    const caller = signedIn(event);
    if ('ok' in caller) return caller;
    if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(FILE_LIMITS, kind))
      return fail('BAD_REQUEST', 'Unknown kind of file');
    if (dropped !== undefined && (typeof dropped !== 'string' || !dropped))
      return fail('BAD_REQUEST', 'Not a file on this computer');
    return dialogs.pick(kind as FileKind, caller.actor, dropped);
  });
  // Bytes the page made and has no path for (MADE_IN_PAGE: the drawn signature); never a kind a person chooses.
  ipcMain.handle(FILE_IPC.made, (event, kind: unknown, fileName: unknown, bytes: unknown) => {
    const caller = signedIn(event);
    if ('ok' in caller) return caller;
    if (!isMadeInPage(kind) || typeof fileName !== 'string' || !(bytes instanceof Uint8Array))
      return fail('BAD_REQUEST', 'Not a file the page makes');
    return dialogs.made(kind, fileName, bytes, caller.actor);
  });
  ipcMain.handle(FILE_IPC.save, (event, fileId: unknown) => {
    const caller = signedIn(event);
    if ('ok' in caller) return caller;
    if (typeof fileId !== 'string') return fail('BAD_REQUEST', 'No file');
    return dialogs.save(fileId, caller.actor);
  });
}

/**
 * Recovery mode (the database did not open): the same channels, answered by dispatchRecovery (only `recovery:` ones
 * work). When a restore or a conversion brings the database back, `restart` starts the app again on it.
 */
export function registerRecoveryIpc(recovery: Recovery, restart: () => void): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, async (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return fail('FORBIDDEN', 'Untrusted sender');
      const answer = await dispatchRecovery(recovery, channel, input);
      if (answer.ctx) {
        answer.ctx.db.close();
        // After the window has the answer (it says "restored"), not before.
        setTimeout(restart, 1500);
      }
      return answer.result;
    });
  }
}
