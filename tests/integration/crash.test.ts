import { expect, it } from 'vitest';
import { describeFigures, runCrashHarness } from '../crash/harness';

// The full run (200 kills) is `npm run test:crash`; CI kills the writer a dozen times.
it('after every SIGKILL of a writer, every acknowledged commit is present, integrity_check is ok and the audit chain verifies against its head', async () => {
  const f = await runCrashHarness({ kills: 12, log: (l) => console.log(l) });
  console.log(describeFigures(f));
  expect(f.kills).toBe(12);
  expect(f.acknowledged).toBeGreaterThan(0);
  expect(f.lost).toBe(0);
  expect(f.integrityFailures).toBe(0);
  expect(f.auditAlarms).toBe(0);
}, 600_000);

it('a kill before the first start has written anything leaves nothing to lose, and is counted as one at start-up', async () => {
  // random() = 0: every kill lands at once, before the writer has made its key store or database.
  const f = await runCrashHarness({ kills: 2, random: () => 0 });
  expect(f).toMatchObject({
    kills: 2,
    killedStarting: 2,
    acknowledged: 0,
    lost: 0,
    integrityFailures: 0,
    auditAlarms: 0,
  });
}, 120_000);
