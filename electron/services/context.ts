import type { Db } from '../../db/open';

/** Who is acting. Roles are enforced in handlers once accounts land; today there is one implicit local user. */
export interface Caller {
  actor: string;
  role: 'admin' | 'staff' | 'viewer';
}

export interface AppContext {
  db: Db;
  dataDir: string;
  mode: 'desktop' | 'web' | 'cli';
  now: () => Date;
}

export const localCaller = (actor = 'local'): Caller => ({ actor, role: 'admin' });
