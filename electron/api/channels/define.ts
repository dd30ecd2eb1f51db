import type { z } from 'zod';
import type { Access } from '../schemas/account';

export type { Access };

/**
 * One API method: its zod input and output, and the role it needs. The channel name is the key it is stored under;
 * dispatch checks the role before anything else runs, so no handler can forget it.
 */
export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access) => ({
  input,
  output,
  access,
});
