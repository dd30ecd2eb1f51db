import { z } from 'zod';

/** One line per check: ok when nothing was wrong; repaired when something was wrong and has been put right. */
export const checkReport = z.object({
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), repaired: z.boolean(), detail: z.string() })),
});
export type CheckReport = z.infer<typeof checkReport>;
