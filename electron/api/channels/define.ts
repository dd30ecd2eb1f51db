import type { z } from 'zod';

/** One API method: its zod input and output. The channel name is the key it is stored under. */
export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
