// npm run test:fuzz [-- runsPerChannelAndRole httpRequests]: the full fuzzing (45 payloads per channel and role, over
// 10,000 in all, and 2,000 raw HTTP requests); CI runs a smaller count in tests/integration/fuzz.test.ts.
import { runContractFuzz } from './contract-fuzz';
import { runHttpFuzz } from './http-fuzz';

const runs = Number(process.argv[2] ?? 45);
const requests = Number(process.argv[3] ?? 2000);
const out = (l: string) => process.stdout.write(`${l}\n`);
const c = await runContractFuzz({ runs, log: out });
out(
  `contract: ${c.payloads} payloads over ${c.channels} channels × ${c.roles} roles in ${c.seconds.toFixed(0)} s: ${c.accepted} accepted, ${c.refused} refused ${JSON.stringify(c.byCode)}`,
);
c.problems.forEach(out);
const h = await runHttpFuzz({ runs: requests });
out(
  `browser mode: ${h.requests} random requests in ${h.seconds.toFixed(0)} s, answers ${JSON.stringify(h.byStatus)}, server up afterwards: ${!h.problems.includes('the server stopped answering')}`,
);
h.problems.forEach(out);
process.exit(c.problems.length + h.problems.length === 0 ? 0 : 1);
