import type { Db } from '../../db/open';
import type { KeyStore } from './keys/keystore';
import type { KeyVault } from './signing/vault';
import type { AuditHeadStore } from './audit/head';
import type { Role } from '../api/schemas/account';
import type { EventBus } from './events';
import type { FileStore } from './files/store';

/** Lets the auth handlers start and end the session of the transport the call came through (window, cookie). */
export interface SessionControl {
  start(accountId: string): void;
  end(): void;
}

/**
 * Who is acting. `actor` is what the audit log and the records' createdBy/updatedBy name: an account's username, or
 * `cli:<os user>` for the command line (whose credential is the database key). `role` null: nobody signed in.
 */
export interface Caller {
  actor: string;
  role: Role | null;
  accountId: string | null;
  session?: SessionControl;
}

export interface AppContext {
  db: Db;
  /** The database file (backups and restore work on it). */
  dbFile: string;
  /** The unlocked key store: the database key, keys derived from it, trust anchors, the audit chain head. */
  keys: KeyStore;
  dataDir: string;
  /** The migrations the app ships (a restore checks a backup is no newer, then brings it up to date). */
  migrationsFolder?: string;
  mode: 'desktop' | 'web' | 'cli';
  now: () => Date;
  /** Seals private keys; defaults to the vault keyed from the database key (services/signing/vault.ts). */
  keyVault?: KeyVault;
  /** resources/ (fonts and the Typst document templates); defaults to the source tree's, the desktop app passes its own. */
  resourcesDir?: string;
  /** Where the desktop build put the bundled worker threads (services/workers.ts); absent: run them from source. */
  workersDir?: string;
  /** Desktop: exchange bundles the app was opened with (file association, second launch), oldest first. */
  openedBundles?: string[];
  /** Where the audit chain's head is kept outside the database file, so truncation and rollback show. */
  auditHead?: AuditHeadStore;
  /** Progress and other events for whichever transports listen (api/events.ts); absent in tools that need none. */
  events?: EventBus;
  /** Files produced for the page and files chosen for a channel (services/files/store.ts#filesOf). */
  files?: FileStore;
}

/**
 * Actors that are no account, for what happens before anyone is known: a failed sign-in under a name no account has,
 * and a caller without a session. A colon never appears in a username (schemas/account.ts), so neither can be taken
 * for an account, nor can an account be created under either name (as one could with a plain word like "anonymous").
 */
export const SYSTEM_ACTOR = {
  signIn: 'system:sign-in',
  signedOut: 'system:signed-out',
  /** Automatic backups (daily, before migrations): the app's own, no account's. */
  backup: 'system:backup',
  /** Recovery mode: the accounts are inside the database that did not open; the key that opened the store acted. */
  recovery: 'system:recovery',
} as const;

/** A caller holding the database itself (the CLI, tests, tools): an administrator without a session. */
export const localCaller = (actor = 'local'): Caller => ({ actor, role: 'administrator', accountId: null });
