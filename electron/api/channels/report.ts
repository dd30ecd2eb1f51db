import { z } from 'zod';
import { uuid } from '../schemas/common';
import { exportInput, exportResult, fileResult, handwrittenSignature, identityResult, importP12Input, reportStatus, signatureInput, verifyInput, verifyResult } from '../schemas/report';
import { channel } from './define';

export const reportChannels = {
  'report:status': channel(z.object({ handoverId: uuid }).strict(), reportStatus),
  'report:sign': channel(signatureInput, handwrittenSignature),
  'report:removeSignature': channel(z.object({ id: uuid }).strict(), z.object({ removed: z.boolean() })),
  'report:export': channel(exportInput, exportResult),
  'report:verify': channel(verifyInput, verifyResult),
  'signing:identity': channel(z.object({}).strict(), identityResult.nullable()),
  'signing:create': channel(z.object({}).strict(), identityResult),
  'signing:importP12': channel(importP12Input, identityResult),
  'signing:exportCa': channel(z.object({ format: z.enum(['pem', 'der']).default('pem') }).strict(), fileResult),
} as const;
