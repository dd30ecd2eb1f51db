import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../electron/api/contract';
import { dispatch } from '../../electron/handlers/dispatch';
import { ROLES, type Role } from '../../electron/api/schemas/account';
import type { Caller } from '../../electron/services/context';
import { testApp, type TestApp } from '../support/context';

/**
 * The role table, written out by hand from issue 11 (not read from the contract, so a wrong entry there fails here):
 * the least role each channel needs. Every channel must be listed: a new channel without a row fails the first test.
 */
const NEEDS: Record<Channel, Role | 'public'> = {
  'auth:status': 'public',
  'auth:setup': 'public',
  'auth:signIn': 'public',
  'auth:signOut': 'public',
  'auth:changePassword': 'viewer',
  'app:info': 'viewer',
  'app:check': 'administrator',
  'settings:get': 'viewer',
  'settings:set': 'administrator',
  'settings:setLogo': 'administrator',
  'users:list': 'administrator',
  'users:create': 'administrator',
  'users:update': 'administrator',
  'users:resetPassword': 'administrator',
  'audit:list': 'administrator',
  'audit:verify': 'viewer',
  'handovers:get': 'viewer',
  'handovers:list': 'viewer',
  'handovers:summary': 'viewer',
  'handovers:manifest': 'viewer',
  'handovers:versions': 'viewer',
  'handovers:history': 'viewer',
  'handovers:create': 'registrar',
  'handovers:update': 'registrar',
  'handovers:suggestReference': 'registrar',
  'handovers:finalize': 'registrar',
  'handovers:amend': 'registrar',
  'handovers:void': 'registrar',
  'handovers:setManifest': 'registrar',
  'attachments:list': 'viewer',
  'attachments:get': 'viewer',
  'attachments:add': 'registrar',
  'io:inspect': 'registrar',
  'io:importStart': 'registrar',
  'io:importProgress': 'registrar',
  'io:importCancel': 'registrar',
  'io:export': 'registrar',
  'io:office': 'viewer',
  'io:officeCard': 'viewer',
  'io:offices': 'viewer',
  'io:conflicts': 'viewer',
  'io:officeInit': 'administrator',
  'io:officeAdd': 'administrator',
  'io:bundleExport': 'registrar',
  'io:bundleImport': 'registrar',
  'io:resolveConflict': 'registrar',
  'io:openedBundle': 'registrar',
  'countries:aliases': 'viewer',
  'countries:addAliases': 'registrar',
  'countries:removeAlias': 'registrar',
  'samples:status': 'viewer',
  'samples:load': 'registrar',
  'samples:remove': 'registrar',
  'report:status': 'viewer',
  'report:verify': 'viewer',
  'report:sign': 'registrar',
  'report:removeSignature': 'registrar',
  'report:export': 'registrar',
  'signing:identity': 'viewer',
  'signing:create': 'administrator',
  'signing:importP12': 'administrator',
  'signing:officeCas': 'viewer',
  'signing:trustCa': 'administrator',
  'signing:untrustCa': 'administrator',
  'signing:exportCa': 'administrator',
  'keys:recovery': 'administrator',
  'keys:setRecovery': 'administrator',
  'totals:get': 'viewer',
  'totals:timeline': 'viewer',
  'totals:export': 'viewer',
  'backup:list': 'administrator',
  'backup:create': 'administrator',
  'backup:saveTo': 'administrator',
  'backup:restore': 'administrator',
  'recovery:status': 'public',
  'recovery:restore': 'public',
  'recovery:encrypt': 'public',
};

const RANK = { public: 0, viewer: 1, registrar: 2, administrator: 3 } as const;
const WHO: (Role | null)[] = [null, ...ROLES];
const callerOf = (role: Role | null): Caller => ({ actor: role ?? 'anonymous', role, accountId: null });

let app: TestApp;
const snapshot = () =>
  app.ctx.db.sqlite
    .prepare(
      "SELECT (SELECT count(*) FROM handovers) || '/' || (SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM accounts) || '/' || (SELECT count(*) FROM settings) AS s",
    )
    .pluck()
    .get();

beforeAll(() => {
  app = testApp();
});
afterAll(() => app.close());

describe('roles: every channel, as each role', () => {
  it('the contract names the same role as the table for every channel, and every channel is in the table', () => {
    expect(Object.keys(NEEDS).sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) expect(contract[c].access, c).toBe(NEEDS[c]);
  });

  const cases = CHANNELS.flatMap((channel) => WHO.map((role) => [channel, role] as const));
  it.each(cases)('%s as %s', async (channel, role) => {
    const need = NEEDS[channel];
    const allowed = need === 'public' || (role !== null && RANK[role] >= RANK[need]);
    const before = snapshot();
    // An empty payload: a refusal must come before validation (so a refused caller learns nothing of the schema),
    // and an allowed caller gets past the role check (any code but UNAUTHORIZED/FORBIDDEN).
    const r = await dispatch(app.ctx, callerOf(role), channel, {});
    if (allowed) {
      if (!r.ok)
        expect(['UNAUTHORIZED', 'FORBIDDEN'], `${channel} refused ${role}: ${r.error.message}`).not.toContain(
          r.error.code,
        );
    } else {
      expect(r).toMatchObject({ ok: false, error: { code: role === null ? 'UNAUTHORIZED' : 'FORBIDDEN' } });
      expect(snapshot()).toBe(before);
    }
  });
});
