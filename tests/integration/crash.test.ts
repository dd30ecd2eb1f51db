import { expect, it } from 'vitest';
import { describeFigures, runCrashHarness } from '../crash/harness';

// The full run (200 kills) is `npm run test:crash`; CI kills the writer a dozen times.
it('after every SIGKILL of a writer, every acknowledged commit is present and integrity_check is ok', async () => {
  const f = await runCrashHarness({ kills: 12, log: (l) => console.log(l) });
  console.log(describeFigures(f));
  expect(f.kills).toBe(12);
  expect(f.acknowledged).toBeGreaterThan(0);
  expect(f.lost).toBe(0);
  expect(f.integrityFailures).toBe(0);
}, 600_000);
