import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kyrgyzHandover, testApp, type TestApp } from '../support/context';
import { appendIncrementalUpdate, pdfsig } from '../support/report-tools';

let app: TestApp;
beforeEach(() => (app = testApp()));
afterEach(() => app.close());

/** `npm run -s tasleem -- …` as an administrator types it (tsx, the real CLI; no browser: Typst typesets the report). */
const tasleem = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, TASLEEM_DATA_DIR: app.dir },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('CLI: report and verify', { timeout: 90_000 }, () => {
  it('exports a signed report, verifies it (exit 0), and refuses an extended copy and an unknown reference (non-zero)', async () => {
    const d = await app.must('handovers:create', { data: kyrgyzHandover() });
    await app.must('handovers:finalize', { id: d.id, expectedRevision: d.revision });
    const db = join(app.dir, 'tasleem.db');
    const out = join(app.dir, 'kg.pdf');

    const made = tasleem('report', 'HO-2023-0001', '--out', out, '--db', db);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain('signed report of HO-2023-0001');
    expect(pdfsig(readFileSync(out))).toContain('Signature is Valid.');

    const ok = tasleem('verify', out, '--db', db);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('verdict: AUTHENTIC');
    expect(ok.out).toContain('record: found (finalized), content matches');

    const extended = join(app.dir, 'extended.pdf');
    writeFileSync(extended, appendIncrementalUpdate(readFileSync(out)));
    const bad = tasleem('verify', extended, '--db', db);
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain('verdict: NOT AUTHENTIC');
    expect(bad.err).toContain('not_whole_document');

    const unknown = tasleem('report', 'HO-1999-0001', '--out', join(app.dir, 'x.pdf'), '--db', db);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('NOT_FOUND');
  });
});
