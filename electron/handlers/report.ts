import { exportReport, reportStatus, verifyReport } from '../services/report/report';
import { addSignature, removeSignature } from '../services/report/signatures';
import {
  createIdentity,
  exportCaCertificate,
  identityInfo,
  importP12,
  activeIdentityOrNull,
} from '../services/signing/identity';
import { officeCas, trustOfficeCa, untrustOfficeCa } from '../services/signing/trust';
import { holdFor } from '../services/files/store';
import type { HandlersFor } from './types';

export const reportHandlers: HandlersFor<'report'> & HandlersFor<'signing'> = {
  'report:status': (ctx, _caller, { handoverId }) => reportStatus(ctx, handoverId),
  'report:sign': (ctx, caller, input) => addSignature(ctx, caller, input),
  'report:removeSignature': (ctx, caller, { id }) => removeSignature(ctx, caller, id),
  'report:export': async (ctx, caller, input) => {
    const r = await exportReport(ctx, caller, input);
    const file = holdFor(ctx, caller.actor, r);
    return { ...file, signed: r.signed, contentHash: r.contentHash, referenceNo: r.referenceNo };
  },
  'report:verify': (ctx, caller, { base64, checkRecord }) =>
    verifyReport(ctx, caller, Buffer.from(base64, 'base64'), { checkRecord }),
  'signing:identity': (ctx) => {
    const row = activeIdentityOrNull(ctx);
    return row ? identityInfo(row) : null;
  },
  'signing:create': (ctx, caller) => identityInfo(createIdentity(ctx, caller)),
  'signing:importP12': (ctx, caller, { base64, password }) =>
    identityInfo(importP12(ctx, caller, Buffer.from(base64, 'base64'), password)),
  'signing:exportCa': (ctx, caller, { format }) => holdFor(ctx, caller.actor, exportCaCertificate(ctx, caller, format)),
  'signing:officeCas': (ctx) => {
    const { list, altered } = officeCas(ctx);
    return { list, altered };
  },
  'signing:trustCa': (ctx, caller, { base64, label }) =>
    trustOfficeCa(ctx, caller, Buffer.from(base64, 'base64'), label),
  'signing:untrustCa': (ctx, caller, { fingerprint }) => (untrustOfficeCa(ctx, caller, fingerprint), { removed: true }),
};
