import { writeAudit } from '../../db/queries/audit';
import { checkMonthTotals, rebuildMonthTotals } from '../../db/queries/month-totals';
import type { CheckReport } from '../api/schemas/check';
import { verifyAudit } from './audit/verify';
import type { AppContext, Caller } from './context';

/**
 * `tasleem check`: each part of the database that is derived or chained is compared with what it must be. A part that
 * can be recomputed from the records (the totals summary) is rebuilt on a mismatch, in one transaction with an audit
 * entry, so a database restored from an old or altered copy is never trusted silently. Other areas add their checks
 * to CHECKS.
 */
type Check = (ctx: AppContext, caller: Caller) => CheckReport['checks'][number];

function totalsSummary(ctx: AppContext, caller: Caller): CheckReport['checks'][number] {
  const orm = ctx.db.orm;
  return ctx.db.sqlite.transaction(() => {
    const found = checkMonthTotals(orm);
    if (found.mismatched === 0)
      return {
        name: 'totals-summary',
        ok: true,
        repaired: false,
        detail: `${found.buckets} buckets agree with the handovers table`,
      };
    rebuildMonthTotals(orm);
    const after = checkMonthTotals(orm);
    writeAudit(
      orm,
      {
        actor: caller.actor,
        action: 'totals.rebuild',
        entity: 'database',
        details: { mismatched: found.mismatched, buckets: after.buckets },
      },
      ctx.now().toISOString(),
    );
    return {
      name: 'totals-summary',
      ok: false,
      repaired: after.mismatched === 0,
      detail: `${found.mismatched} of ${found.buckets} buckets disagreed with the handovers table; rebuilt from the table`,
    };
  })();
}

const WHY: Record<string, string> = {
  altered: 'was changed after it was written',
  link: 'does not follow the entry before it (an entry was removed or inserted)',
  unchained: 'carries no hash (written around the app)',
  missing: 'is missing: the log ends before the head kept outside the database (cut short or rolled back)',
  rolled_back: 'is not the entry the head kept outside the database names (the log was replaced by another copy)',
};

/** The audit chain (services/audit/verify.ts), first, before any check writes an entry of its own. Never repairable. */
function auditChain(ctx: AppContext): CheckReport['checks'][number] {
  const v = verifyAudit(ctx);
  if (v.ok)
    return {
      name: 'audit-chain',
      ok: true,
      repaired: false,
      detail: `${v.count} entries chained${v.head ? `, up to the kept head (entry ${v.head.id})` : ''}`,
    };
  const b = v.broken!;
  const what = b.at ? ` (${b.at}, ${b.actor}, ${b.action})` : '';
  return {
    name: 'audit-chain',
    ok: false,
    repaired: false,
    detail: `first broken entry: ${b.id}${what} ${WHY[b.reason]}`,
  };
}

export const CHECKS: Check[] = [auditChain, totalsSummary];

export const runChecks = (ctx: AppContext, caller: Caller): CheckReport => ({
  checks: CHECKS.map((check) => check(ctx, caller)),
});
