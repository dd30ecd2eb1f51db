import { expect, it } from 'vitest';
import { CHANNELS } from '../../electron/api/contract';
import { ROLES, runContractFuzz } from '../fuzz/contract-fuzz';
import { runHttpFuzz } from '../fuzz/http-fuzz';

// The full counts (over 10,000 payloads, 2,000 HTTP requests) are `npm run test:fuzz`; CI runs a few per channel.
it('every channel, as every role, refuses malformed payloads with a translated code and changes nothing', async () => {
  const f = await runContractFuzz({ runs: 5 });
  console.log(
    `contract fuzz: ${f.payloads} payloads, ${f.accepted} accepted, ${f.refused} refused ${JSON.stringify(f.byCode)} in ${f.seconds.toFixed(0)} s`,
  );
  expect(f.problems).toEqual([]);
  expect(f.payloads).toBe(CHANNELS.length * ROLES.length * 5);
  expect(f.refused).toBeGreaterThan(f.payloads / 2);
}, 600_000);

it('browser mode answers random bytes and random requests, never with a 5xx, and stays up', async () => {
  const f = await runHttpFuzz({ runs: 200 });
  console.log(`http fuzz: ${f.requests} requests, answers ${JSON.stringify(f.byStatus)} in ${f.seconds.toFixed(0)} s`);
  expect(f.problems).toEqual([]);
  expect(f.requests).toBe(200);
}, 600_000);
