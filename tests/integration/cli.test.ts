import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/services/app-context';
import { createHandover } from '../../electron/services/handovers';
import { localCaller } from '../../electron/services/context';
import { handoverFields } from '../../electron/api/schemas/handover';
import { kyrgyzHandover } from '../support/context';
import { testUnlock } from '../support/keys';

const root = join(import.meta.dirname, '../..');
let dir: string;
let db: string;

/** The real `tasleem` entry point, as a user runs it. */
const tasleem = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/tasleem.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TASLEEM_DB: '' },
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tasleem-cli-'));
  db = join(dir, 'office.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tasleem CLI', () => {
  it('init creates the database', () => {
    const r = tasleem('--db', db, 'init');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(db);
  });

  it('info --json reports the schema and mode', () => {
    const r = tasleem('--db', db, 'info', '--json');
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ name: 'Tasleem', mode: 'cli', database: db });
    expect(info.schemaVersion).toBeGreaterThanOrEqual(2);
  });

  it('list --json shows what the app stored', () => {
    const ctx = createAppContext({ dataDir: dir, dbFile: db, mode: 'cli', unlock: testUnlock() });
    createHandover(ctx, localCaller('t'), handoverFields.parse(kyrgyzHandover()));
    ctx.db.close();
    const r = tasleem('--db', db, 'list', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.total).toBe(1);
    expect(out.rows[0]).toMatchObject({
      referenceNo: 'HO-2023-0001',
      receivingCountry: 'KG',
      womenCount: 18,
      childrenCount: 41,
    });
  });

  it('honours TASLEEM_DB', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/tasleem.js'), 'list', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, TASLEEM_DB: db },
    });
    expect(JSON.parse(r.stdout).total).toBe(1);
  });

  it('reports invalid input on stderr with a non-zero exit', () => {
    const r = tasleem('--db', db, 'list', '--from', '2023-13-01');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('VALIDATION');
    expect(r.stderr).toContain('invalid_date');
    expect(r.stdout).toBe('');
  });

  it('refuses an inverted date range', () => {
    const r = tasleem('--db', db, 'list', '--from', '2024-01-01', '--to', '2023-01-01');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('inverted_range');
  });

  it('rejects an unknown command with a non-zero exit', () => {
    const r = tasleem('--db', db, 'explode');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command/i);
  });
});
