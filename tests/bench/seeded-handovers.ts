// The handovers the list and memory benches read: the same rows for both, seeded once per size into .tmp/bench-seed/
// and copied from there on later runs (1,000,000 rows take minutes to seed on a busy machine). The cached file is named
// for the row count and a hash of this file and bulk-seed.ts, so a changed seed seeds afresh; migrations added since
// are applied to the cached file itself before it is copied, as the app would apply them.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/open';
import { normalizeForSearch } from '../../db/search-text';
import { keyStoreFileFor } from '../../electron/services/keys/keystore';
import { testDbKey, testKeyStore } from '../support/keys';
import { bulkSeed } from './bulk-seed';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cacheDir = join(root, '.tmp', 'bench-seed');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Delegation heads: "ارسلان" (folded) starts one in eight of them, the search both benches run. */
export const HEADS = [
  'أرسلان توكوباييف',
  'Stéphane Romatet',
  'Ерлан Карин',
  'Maria Andersson',
  'Ahmad Yusuf',
  'إبراهيم خليل',
  'Jan de Vries',
  'Aida Nurlanovna',
];
const COUNTRIES = ['KG', 'FR', 'KZ', 'SE', 'NL', 'RU', 'UZ', 'TJ', 'DE', 'BE', 'XK', 'AL', 'BA', 'FI', 'US'];

/** Raw prepared INSERTs (speed only) through the real migrations; the search rows hold the folded text the app writes. */
function seed(dbFile: string, n: number) {
  const db = openDatabase(dbFile, { key: testDbKey(dbFile) });
  const rand = rng(n);
  const ins = db.sqlite
    .prepare(`INSERT INTO handovers (id, reference_no, status, handover_date, receiving_country, delegation_head_name,
    handing_authority, handing_official_name, camp, women_count, children_count, boys_count, girls_count, men_count, notes,
    created_at, created_by, updated_at, updated_by)
    VALUES (?, ?, ?, ?, ?, ?, 'Department of Foreign Relations', 'Official', ?, ?, ?, ?, ?, 0, ?, 't', 'b', 't', 'b')`);
  const search = db.sqlite.prepare('INSERT INTO handover_search (handover_id, body) VALUES (?, ?)');
  const searchRow = db.sqlite.prepare(
    'INSERT INTO handover_search_rows (handover_id, search_rowid) VALUES (?, last_insert_rowid())',
  );
  const day0 = Date.UTC(2014, 0, 1);
  bulkSeed(db, () => {
    for (let i = 0; i < n; i++) {
      const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      const ref = `HO-${2014 + (i % 12)}-${String(i).padStart(7, '0')}`;
      const head = `${HEADS[Math.floor(rand() * HEADS.length)]} ${i}`;
      const children = Math.floor(rand() * 50);
      const boys = Math.floor(children * rand() * 0.5);
      const notes = rand() < 0.1 ? 'consent of the mother attached' : '';
      const status = rand() < 0.8 ? 'finalized' : rand() < 0.7 ? 'draft' : 'void';
      ins.run(
        id,
        ref,
        status,
        new Date(day0 + Math.floor(rand() * 4380) * 86_400_000).toISOString().slice(0, 10),
        COUNTRIES[Math.floor(rand() * COUNTRIES.length)],
        head,
        ['al_hol', 'roj'][i % 2],
        Math.floor(rand() * 20) + 1,
        children,
        boys,
        children - boys,
        notes,
      );
      search.run(id, normalizeForSearch(`${ref} ${head} Department of Foreign Relations Official ${notes}`));
      searchRow.run(id);
    }
  });
  db.sqlite.exec('ANALYZE');
  db.close();
}

function version(): string {
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  h.update(readFileSync(fileURLToPath(import.meta.url).replace(/seeded-handovers\.ts$/, 'bulk-seed.ts')));
  return h.digest('hex').slice(0, 12);
}

/**
 * Puts a database of `n` seeded handovers at `dbFile` (its key store beside it, under the test passphrase): copied from
 * the cache when one of this size and version is there, else seeded into the cache first. Says which on stdout.
 */
export function seededHandovers(dbFile: string, n: number): void {
  mkdirSync(cacheDir, { recursive: true });
  const cached = join(cacheDir, `handovers-${n}-${version()}.db`);
  if (existsSync(cached)) {
    openDatabase(cached, { key: testDbKey(cached) }).close();
    console.log(`${n.toLocaleString('en')} handovers: copied from ${cached} (seeded by an earlier run)`);
  } else {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    // Seeded beside the cache and renamed into it whole, so an interrupted seed is never taken for a finished one.
    const partial = cached.replace(/\.db$/, '.partial.db');
    for (const f of [partial, keyStoreFileFor(partial), `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
    testKeyStore(cacheDir, basename(keyStoreFileFor(partial)));
    seed(partial, n);
    renameSync(keyStoreFileFor(partial), keyStoreFileFor(cached));
    renameSync(partial, cached);
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `${n.toLocaleString('en')} handovers seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU, into ${cached} (later runs copy it)`,
    );
  }
  copyFileSync(cached, dbFile);
  copyFileSync(keyStoreFileFor(cached), keyStoreFileFor(dbFile));
}
