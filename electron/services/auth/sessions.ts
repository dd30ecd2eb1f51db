import { randomBytes } from 'node:crypto';
import { findAccount } from '../../../db/queries/accounts';
import { SYSTEM_ACTOR, type AppContext, type Caller, type SessionControl } from '../context';
import { getSettings } from '../settings';

interface Session {
  accountId: string;
  lastSeen: number;
}

/**
 * Signed-in sessions of one transport (the desktop window, browser mode's cookies), in memory only: a restart signs
 * everyone out. A session unused for the configured idle time is gone, whatever the page shows.
 */
export class Sessions {
  private readonly live = new Map<string, Session>();

  constructor(
    private readonly ctx: AppContext,
    private readonly clock: () => number = () => ctx.now().getTime(),
  ) {}

  start(accountId: string): string {
    const id = randomBytes(32).toString('base64url');
    this.live.set(id, { accountId, lastSeen: this.clock() });
    return id;
  }

  /** The account behind a session id, refreshing its idle clock; null when unknown or idle too long. */
  touch(id: string | null | undefined): string | null {
    const accountId = this.peek(id);
    if (accountId) this.live.get(id!)!.lastSeen = this.clock();
    return accountId;
  }

  /** Like touch, without refreshing: events sent to a session must not keep an idle one alive. */
  peek(id: string | null | undefined): string | null {
    const s = id ? this.live.get(id) : undefined;
    if (!id || !s) return null;
    if (this.clock() - s.lastSeen > getSettings(this.ctx).idleLockMinutes * 60_000) {
      this.live.delete(id);
      return null;
    }
    return s.accountId;
  }

  end(id: string | null | undefined): void {
    if (id) this.live.delete(id);
  }

  endAll(): void {
    this.live.clear();
  }
}

/** The caller a session stands for: its account as stored now (a disabled account or a changed role counts at once). */
export function callerFor(ctx: AppContext, accountId: string | null, session: SessionControl): Caller {
  const row = accountId ? findAccount(ctx.db.orm, accountId) : undefined;
  if (!row || row.disabled) return { actor: SYSTEM_ACTOR.signedOut, role: null, accountId: null, session };
  return { actor: row.username, role: row.role, accountId: row.id, session };
}
