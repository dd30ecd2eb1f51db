// npm run test:crash [-- kills]: the full crash harness (200 SIGKILLs by default); CI runs a smaller count in
// tests/integration/crash.test.ts. Exits non-zero if any acknowledged commit was lost or integrity_check failed.
import { describeFigures, runCrashHarness } from './harness';

const kills = Number(process.argv[2] ?? process.env.CRASH_KILLS ?? 200);
const f = await runCrashHarness({ kills, log: (l) => process.stdout.write(`${l}\n`) });
process.stdout.write(`${describeFigures(f)}\n`);
process.exit(f.lost === 0 && f.integrityFailures === 0 && f.auditAlarms === 0 && f.kills === kills ? 0 : 1);
