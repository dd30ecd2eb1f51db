// The README's test command: typecheck, lint, unit + integration, then e2e in Chromium (browser mode).
// Ends with one line "N passed, N failed" summed over all suites; exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'tasleem-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let stepFailed = false;

function run(label, cmd, args) {
  process.stdout.write(`\n=== ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    process.stdout.write(`=== ${label}: FAILED (exit ${r.status})\n`);
    stepFailed = true;
    return false;
  }
  return true;
}

function vitest(project) {
  const file = join(out, `${project}.json`);
  run(`vitest ${project}`, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${file}`,
  ]);
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numTotalTests === 0) {
      process.stdout.write(`=== vitest ${project}: ran no test\n`);
      stepFailed = true;
    }
  } catch {
    process.stdout.write(`=== vitest ${project}: no report\n`);
    stepFailed = true;
  }
}

const typecheck = run('typecheck', 'npm', ['run', '-s', 'typecheck']);
const lint = run('lint', 'npm', ['run', '-s', 'lint']);
passed += (typecheck ? 1 : 0) + (lint ? 1 : 0);
failed += (typecheck ? 0 : 1) + (lint ? 0 : 1);
vitest('unit');
if (run('build renderer', 'npx', ['vite', 'build', '--logLevel', 'warn'])) vitest('e2e');
else failed += 1;

process.stdout.write(`\n(typecheck and lint count as one test each; ${skipped} skipped)\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 || stepFailed ? 1 : 0);
