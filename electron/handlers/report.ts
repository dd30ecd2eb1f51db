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
import { holdFor, readChosen } from '../services/files/store';
import type { HandlersFor } from './types';

export const reportHandlers: HandlersFor<'report'> & HandlersFor<'signing'> = {
  'report:status': (ctx, _caller, { handoverId }) => reportStatus(ctx, handoverId),
  'report:sign': (ctx, caller, { fileId, ...input }) =>
    addSignature(ctx, caller, { ...input, png: readChosen(ctx, fileId, 'signaturePng', caller.actor).bytes }),
  'report:removeSignature': (ctx, caller, { id }) => removeSignature(ctx, caller, id),
  'report:export': async (ctx, caller, input) => {
    const r = await exportReport(ctx, caller, input);
    const file = holdFor(ctx, caller.actor, r);
    return { ...file, signed: r.signed, contentHash: r.contentHash, referenceNo: r.referenceNo };
  },
  'report:verify': (ctx, caller, { fileId, checkRecord, caFileIds }) =>
    verifyReport(ctx, caller, readChosen(ctx, fileId, 'reportPdf', caller.actor).bytes, {
      checkRecord,
      extraTrusted: caFileIds.map((id) => readChosen(ctx, id, 'caCertificate', caller.actor).bytes),
    }),
  'signing:identity': (ctx) => {
    const row = activeIdentityOrNull(ctx);
    return row ? identityInfo(row) : null;
  },
  'signing:create': (ctx, caller) => identityInfo(createIdentity(ctx, caller)),
  'signing:importP12': (ctx, caller, { fileId, password }) =>
    identityInfo(importP12(ctx, caller, readChosen(ctx, fileId, 'p12', caller.actor).bytes, password)),
  'signing:exportCa': (ctx, caller, { format }) => holdFor(ctx, caller.actor, exportCaCertificate(ctx, caller, format)),
  'signing:officeCas': (ctx) => {
    const { list, altered } = officeCas(ctx);
    return { list, altered };
  },
  'signing:trustCa': (ctx, caller, { fileId, label }) =>
    trustOfficeCa(ctx, caller, readChosen(ctx, fileId, 'caCertificate', caller.actor).bytes, label),
  'signing:untrustCa': (ctx, caller, { fingerprint }) => (untrustOfficeCa(ctx, caller, fingerprint), { removed: true }),
};
