import { z } from 'zod';
import { uuid } from '../schemas/common';
import {
  exportInput,
  exportResult,
  handwrittenSignature,
  identityResult,
  importP12Input,
  officeCa,
  officeCasResult,
  trustCaInput,
  untrustCaInput,
  reportStatus,
  signatureInput,
  verifyInput,
  verifyResult,
} from '../schemas/report';
import { heldFile } from '../schemas/files';
import { channel } from './define';

export const reportChannels = {
  'report:status': channel(z.object({ handoverId: uuid }).strict(), reportStatus, 'viewer'),
  'report:sign': channel(signatureInput, handwrittenSignature, 'registrar'),
  'report:removeSignature': channel(z.object({ id: uuid }).strict(), z.object({ removed: z.boolean() }), 'registrar'),
  'report:export': channel(exportInput, exportResult, 'registrar'),
  'report:verify': channel(verifyInput, verifyResult, 'viewer'),
  'signing:identity': channel(z.object({}).strict(), identityResult.nullable(), 'viewer'),
  'signing:create': channel(z.object({}).strict(), identityResult, 'administrator'),
  'signing:importP12': channel(importP12Input, identityResult, 'administrator'),
  'signing:exportCa': channel(
    z.object({ format: z.enum(['pem', 'der']).default('pem') }).strict(),
    heldFile,
    'administrator',
  ),
  'signing:officeCas': channel(z.object({}).strict(), officeCasResult, 'viewer'),
  'signing:trustCa': channel(trustCaInput, officeCa, 'administrator'),
  'signing:untrustCa': channel(untrustCaInput, z.object({ removed: z.boolean() }), 'administrator'),
} as const;
