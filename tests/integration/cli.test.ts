import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

describe('tasleem office: the same channels as the app, through dispatch', { timeout: 240_000 }, () => {
  const here = () => join(dir, 'here.db');
  const there = () => join(dir, 'there.db');

  it('init, card, add and list exchange two offices’ cards', () => {
    const init = tasleem('--db', here(), 'office', 'init', '--name', 'Qamishli');
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/^office Qamishli \S+\nfingerprint \S+/);
    expect(tasleem('--db', there(), 'office', 'init', '--name', 'Hasakah').status).toBe(0);

    const card = tasleem('--db', there(), 'office', 'card');
    expect(card.status).toBe(0);
    expect(JSON.parse(card.stdout)).toMatchObject({ name: 'Hasakah' });
    const cardFile = join(dir, 'hasakah.card.json');
    writeFileSync(cardFile, card.stdout);

    const added = tasleem('--db', here(), 'office', 'add', cardFile);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('added Hasakah');
    const list = tasleem('--db', here(), 'office', 'list');
    expect(list.stdout).toMatch(/ {2}Hasakah {2}/);
  });

  it('refuses a file that is not a card with a code, and trusts nothing new', () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"name":"Mallory"}');
    const before = tasleem('--db', here(), 'office', 'list').stdout;
    const r = tasleem('--db', here(), 'office', 'add', junk);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/VALIDATION/);
    expect(tasleem('--db', here(), 'office', 'list').stdout).toBe(before);
    // A bundle goes through io:bundleImport the same way: refused in the app's words, nothing merged.
    const bundle = tasleem('--db', here(), 'exchange', 'import', junk);
    expect(bundle.status).toBe(1);
    expect(bundle.stderr).toMatch(/BAD_FILE: This is not a Tasleem .+ Nothing was changed\./);
  });

  it('says so when the office has no identity yet', () => {
    const r = tasleem('--db', join(dir, 'new.db'), 'office', 'card');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/NOT_FOUND/);
  });

  it('writes its audit entries as the operating-system user, marked as CLI', () => {
    const r = tasleem('--db', here(), 'audit', '--json');
    const rows = JSON.parse(r.stdout) as { actor: string; action: string }[];
    const office = rows.filter((x) => x.action.startsWith('exchange.office.'));
    expect(office.map((x) => x.action).sort()).toEqual(['exchange.office.add', 'exchange.office.init']);
    for (const x of office) expect(x.actor).toMatch(/^cli:/);
  });
});
