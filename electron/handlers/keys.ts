import { recoveryStatus, setRecoveryPassphrase } from '../services/keys/recovery';
import type { HandlersFor } from './types';

export const keyHandlers: HandlersFor<'keys'> = {
  'keys:recovery': (ctx) => recoveryStatus(ctx),
  'keys:setRecovery': (ctx, caller, input) => setRecoveryPassphrase(ctx, caller, input),
};
