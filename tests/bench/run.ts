// `npm run bench`: runs every tests/bench/*.bench.ts in its own Node process, one after the other, so one
// benchmark's heap and caches never colour the next. Exits non-zero if any of them fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
const started = performance.now();
for (const file of files) {
  process.stdout.write(`\n=== ${file}\n`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit', env: process.env });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    failed += 1;
    process.stdout.write(`=== ${file}: FAILED (exit ${r.status}) after ${secs} s\n`);
  } else process.stdout.write(`=== ${file}: done in ${secs} s\n`);
}
process.stdout.write(
  `\n${files.length - failed} benchmark file(s) ran, ${failed} failed, ${((performance.now() - started) / 1000).toFixed(1)} s in all\n`,
);
process.exit(failed ? 1 : 0);
